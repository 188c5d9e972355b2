/// A unit of input from a transport: one framed message, or a refused oversized one.
public enum TransportFrame: Sendable, Equatable {
    case message([UInt8])
    case oversized(byteCount: Int)
}

/// Moves whole messages between the server and its peer; knows nothing of JSON or MCP.
///
/// The inbox from `frames()` ends when the peer closes its side (EOF) or goes away (EPIPE on
/// write).
/// `send` queues one message and returns; messages go out whole and in the order sent.
public protocol Transport: Sendable {
    /// The inbound messages, in arrival order. Call once.
    func frames() -> FrameInbox
    /// Queues one message (without its trailing newline) for writing.
    func send(_ message: [UInt8])
    /// Returns once every message queued so far has been written, or the peer is gone.
    func flush() async
}
