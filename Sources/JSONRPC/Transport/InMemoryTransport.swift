import Synchronization

/// A transport whose peer is in the same process: for tests and embedding.
///
/// The peer side sends with ``deliver(_:)`` / ``deliver(line:)``, ends input with
/// ``closeInput()``, and reads what the server sent from ``sent``.
public final class InMemoryTransport: Transport {
    private let inbound = FrameInbox()
    /// Every message the server sent, in order, as it is sent.
    public let sent: AsyncStream<[UInt8]>
    private let sentContinuation: AsyncStream<[UInt8]>.Continuation
    private let framer: Mutex<LineFramer>

    public init(maxLineBytes: Int = LineFramer.defaultMaxLineBytes) {
        (sent, sentContinuation) = AsyncStream.makeStream(of: [UInt8].self)
        framer = Mutex(LineFramer(maxLineBytes: maxLineBytes))
    }

    public func frames() -> FrameInbox { inbound }

    public func send(_ message: [UInt8]) { sentContinuation.yield(message) }

    public func flush() async {}

    /// Feeds raw bytes through the same framing as stdio.
    public func deliver(_ bytes: [UInt8]) {
        framer.withLock { framer in
            framer.append(bytes) { frame in
                switch frame {
                case .line(let line): inbound.push(.message(line))
                case .oversized(let count): inbound.push(.oversized(byteCount: count))
                }
            }
        }
    }

    /// Feeds one line of text (a newline is added).
    public func deliver(line: String) { deliver(Array(line.utf8) + [0x0A]) }

    /// Ends the server's input, as EOF on stdin does.
    public func closeInput() {
        framer.withLock { framer in
            framer.finish { frame in
                if case .line(let line) = frame { inbound.push(.message(line)) }
            }
        }
        inbound.finish()
    }

    /// Ends the stream of sent messages (call after the server has returned).
    public func closeOutput() { sentContinuation.finish() }
}
