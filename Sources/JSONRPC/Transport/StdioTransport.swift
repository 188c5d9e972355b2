import Dispatch
import Synchronization
import AIOSSystem

/// Newline-delimited messages over a pair of file descriptors (stdin/stdout by default).
///
/// Input is read with blocking `read(2)` on a dedicated thread (stdio is never made
/// non-blocking: that would leak to the parent's shared file description). Output is queued in
/// one buffer that one serial queue drains, so every message is written whole, in order, however
/// many tasks send at once. A write that fails with `EPIPE` (the peer vanished) closes the
/// transport; the caller must ignore `SIGPIPE` so that this surfaces as an error instead of
/// killing the process.
///
/// Backpressure: while more than `maxQueuedOutputBytes` wait to be written (the peer reads
/// slowly, or not at all), the reader thread stops reading input, so a client that writes
/// requests without reading the answers cannot grow the process: it finds its own writes
/// blocking instead. What is queued stays within the bound plus the answers to the requests of
/// one read (at most 64 KiB of input).
public final class StdioTransport: Transport {
    private let inputFD: Int32
    private let outputFD: Int32
    private let maxLineBytes: Int
    private let writer = DispatchQueue(label: "aios.transport.writer")
    private let state = Mutex(State())

    private struct State {
        var started = false
    }

    private let inbox = FrameInbox()

    private struct Output {
        var pending: [UInt8] = []
        /// Bytes taken from `pending` by the writer and not yet written.
        var inFlight = 0
        var writerScheduled = false
        var closed = false
        /// The reader thread waits on `room` for the queue to fall under the bound.
        var readerWaiting = false
    }

    private let output = Mutex(Output())
    private let room = DispatchSemaphore(value: 0)
    private let maxQueuedOutputBytes: Int

    /// The default bound on output waiting to be written before input stops being read: 16 MiB.
    public static let defaultMaxQueuedOutputBytes = 16 << 20

    /// - Parameters:
    ///   - input: The descriptor read from.
    ///   - output: The descriptor written to.
    ///   - maxLineBytes: The longest message accepted.
    ///   - maxQueuedOutputBytes: While more output than this waits to be written, input is not read.
    public init(
        input: Int32 = 0, output: Int32 = 1, maxLineBytes: Int = LineFramer.defaultMaxLineBytes,
        maxQueuedOutputBytes: Int = StdioTransport.defaultMaxQueuedOutputBytes
    ) {
        self.inputFD = input
        self.outputFD = output
        self.maxLineBytes = maxLineBytes
        self.maxQueuedOutputBytes = maxQueuedOutputBytes
    }

    /// Output waiting to be written, in bytes (for tests).
    package var queuedOutputBytes: Int { output.withLock { $0.pending.count + $0.inFlight } }

    /// Whether the reader is holding input back until output drains (for tests).
    package var isHoldingInput: Bool { output.withLock { $0.readerWaiting } }

    /// Blocks the reader thread while more output than the bound waits to be written.
    private func waitForOutputRoom() {
        while true {
            let wait = output.withLock { output -> Bool in
                guard !output.closed, output.pending.count + output.inFlight > maxQueuedOutputBytes else { return false }
                output.readerWaiting = true
                return true
            }
            guard wait else { return }
            room.wait()
        }
    }

    /// Wakes the reader when it waits and the queue is under the bound (or output is closed).
    /// Call holding the lock; signal after releasing it when this returns `true`.
    private func takeRoomSignal(_ output: inout Output) -> Bool {
        guard output.readerWaiting, output.closed || output.pending.count + output.inFlight <= maxQueuedOutputBytes else {
            return false
        }
        output.readerWaiting = false
        return true
    }

    public func frames() -> FrameInbox {
        let alreadyStarted = state.withLock { state in
            defer { state.started = true }
            return state.started
        }
        precondition(!alreadyStarted, "StdioTransport.frames() may be called once")
        let fd = inputFD, limit = maxLineBytes, inbox = self.inbox
        detachThread { [self] in
            var framer = LineFramer(maxLineBytes: limit)
            let bufferSize = 64 * 1024
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
            defer { buffer.deallocate() }
            var batch: [TransportFrame] = []
            let collect: (LineFramer.Frame) -> Void = { frame in
                switch frame {
                case .line(let bytes): batch.append(.message(bytes))
                case .oversized(let count): batch.append(.oversized(byteCount: count))
                }
            }
            while true {
                waitForOutputRoom()
                let n = read(fd, buffer.baseAddress, bufferSize)
                if n > 0 {
                    // Everything framed from one read goes over together.
                    framer.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), collect)
                    inbox.push(contentsOf: batch)
                    batch.removeAll(keepingCapacity: true)
                } else if n == 0 || errno != EINTR {
                    break
                }
            }
            framer.finish(collect)
            inbox.push(contentsOf: batch)
            inbox.finish()
        }
        return inbox
    }

    /// The largest line written by the sending thread itself: at most `PIPE_BUF`, which a pipe
    /// that polls writable takes whole without blocking.
    package static let inlineWriteLimit = 4096

    public func send(_ message: [UInt8]) {
        // A small line, with nothing queued and no writer busy, is written right here when the
        // output can take it without blocking: no hand-off to the writer thread (on an idle VM
        // each hand-off is a thread wake-up, tens of µs). Otherwise lines queue in one buffer
        // that a single writer block drains: responses finishing together go out in one write(2),
        // each still whole and in the order sent.
        enum Action { case nothing, writeHere, startWriter }
        let action = output.withLock { output -> Action in
            guard !output.closed else { return .nothing }
            if !output.writerScheduled, output.pending.isEmpty, message.count < Self.inlineWriteLimit {
                output.writerScheduled = true  // this thread is the writer until it is done
                return .writeHere
            }
            output.pending.append(contentsOf: message)
            output.pending.append(0x0A)
            defer { output.writerScheduled = true }
            return output.writerScheduled ? .nothing : .startWriter
        }
        switch action {
        case .nothing: return
        case .startWriter: writer.async { [self] in drain() }
        case .writeHere: writeHere(message)
        }
    }

    private func writeHere(_ message: [UInt8]) {
        var line = message
        line.append(0x0A)
        guard POSIXIO.isWritableNow(outputFD) else {
            // The reader is behind: queue the line ahead of any that arrived meanwhile.
            output.withLock { $0.pending.insert(contentsOf: line, at: 0) }
            writer.async { [self] in drain() }
            return
        }
        if !POSIXIO.writeAll(outputFD, line) { closeOutput() }
        let more = output.withLock { output -> Bool in
            if output.pending.isEmpty || output.closed {
                output.writerScheduled = false
                return false
            }
            return true
        }
        if more { writer.async { [self] in drain() } }
    }

    private func closeOutput() {
        let wake = output.withLock { output -> Bool in
            output.closed = true
            return takeRoomSignal(&output)
        }
        if wake { room.signal() }
        inbox.finish()
    }

    private func drain() {
        var chunk: [UInt8] = []
        while true {
            let (more, wake) = output.withLock { output -> (Bool, Bool) in
                output.inFlight = 0
                guard !output.pending.isEmpty, !output.closed else {
                    output.writerScheduled = false
                    if output.closed { output.pending = [] }
                    return (false, takeRoomSignal(&output))
                }
                swap(&chunk, &output.pending)
                output.inFlight = chunk.count
                return (true, takeRoomSignal(&output))
            }
            if wake { room.signal() }
            guard more else { return }
            if !POSIXIO.writeAll(outputFD, chunk) { closeOutput() }
            chunk.removeAll(keepingCapacity: chunk.capacity <= 1 << 20)
        }
    }

    public func flush() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            writer.async { done.resume() }
        }
    }
}
