/// Splits a byte stream into newline-delimited messages, with a size limit.
///
/// Each input byte is looked at once (newline search is `memchr`-fast), so framing is linear in
/// the input. A line longer than `maxLineBytes` is reported as ``Frame/oversized(byteCount:)`` as
/// soon as it crosses the limit; the rest of that line is skipped without being buffered, and
/// framing resumes after its newline. A trailing `\r` is dropped (CRLF peers); blank lines are
/// ignored.
public struct LineFramer: Sendable {
    /// One unit of framed input.
    public enum Frame: Sendable, Equatable {
        /// A complete line, without its newline.
        case line([UInt8])
        /// A line that crossed the size limit; `byteCount` is how many bytes had arrived when it did.
        case oversized(byteCount: Int)
    }

    /// The largest line accepted, in bytes, not counting the newline.
    public let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var discarding = false

    /// The default limit: 16 MiB.
    public static let defaultMaxLineBytes = 16 << 20

    public init(maxLineBytes: Int = LineFramer.defaultMaxLineBytes) {
        precondition(maxLineBytes > 0, "maxLineBytes must be positive")
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds `chunk` and calls `emit` for every frame it completes, in order.
    public mutating func append(_ chunk: UnsafeRawBufferPointer, _ emit: (Frame) -> Void) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        var start = 0
        while start < chunk.count {
            let remaining = chunk.count - start
            let newline = memchr(base + start, 0x0A, remaining).map { base.distance(to: UnsafeRawPointer($0)) }
            let end = newline ?? chunk.count
            let segment = UnsafeRawBufferPointer(start: base + start, count: end - start)
            if discarding {
                if newline != nil { discarding = false }
            } else if pending.count + segment.count > maxLineBytes {
                emit(.oversized(byteCount: pending.count + segment.count))
                pending.removeAll(keepingCapacity: false)
                discarding = newline == nil
            } else if newline != nil && pending.isEmpty {
                // The whole line is in this chunk: hand it over in one exact-size copy.
                emitLine(Array(segment), emit)
            } else {
                pending.append(contentsOf: segment)
                if newline != nil { flushPending(emit) }
            }
            start = end + 1
        }
    }

    /// Convenience for tests and callers holding an array.
    public mutating func append(_ bytes: [UInt8], _ emit: (Frame) -> Void) {
        bytes.withUnsafeBytes { append($0, emit) }
    }

    /// Ends the stream: a final line without a newline is still delivered.
    public mutating func finish(_ emit: (Frame) -> Void) {
        if !discarding { flushPending(emit) }
        pending.removeAll()
        discarding = false
    }

    private mutating func flushPending(_ emit: (Frame) -> Void) {
        // The emitted line takes the buffer; keeping its capacity here would only copy it.
        let line = pending
        pending = []
        emitLine(consume line, emit)
    }

    private func emitLine(_ line: consuming [UInt8], _ emit: (Frame) -> Void) {
        if line.last == 0x0D { line.removeLast() }
        if !line.isEmpty && !line.allSatisfy(Self.isJSONWhitespace) {
            emit(.line(line))
        }
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}

import AIOSSystem
