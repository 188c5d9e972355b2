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
        var writerScheduled = false
        var closed = false
    }

    private let output = Mutex(Output())

    public init(input: Int32 = 0, output: Int32 = 1, maxLineBytes: Int = LineFramer.defaultMaxLineBytes) {
        self.inputFD = input
        self.outputFD = output
        self.maxLineBytes = maxLineBytes
    }

    public func frames() -> FrameInbox {
        let alreadyStarted = state.withLock { state in
            defer { state.started = true }
            return state.started
        }
        precondition(!alreadyStarted, "StdioTransport.frames() may be called once")
        let fd = inputFD, limit = maxLineBytes, inbox = self.inbox
        detachThread {
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
        output.withLock { $0.closed = true }
        inbox.finish()
    }

    private func drain() {
        var chunk: [UInt8] = []
        while true {
            let more = output.withLock { output -> Bool in
                guard !output.pending.isEmpty, !output.closed else {
                    output.writerScheduled = false
                    if output.closed { output.pending = [] }
                    return false
                }
                swap(&chunk, &output.pending)
                return true
            }
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
