import AIOSJSON
import JSONRPC
import Synchronization

/// The notifications that belong to one request (progress, log messages), closed before its
/// response goes out.
///
/// Sending and closing take the same lock, and sending only queues the message on the
/// transport's serial writer; so once ``close()`` has returned, nothing this request sends can
/// be written after its response.
public final class RequestNotifier: Sendable {
    private let closed = Mutex(false)
    private let outbound: @Sendable (JSONRPCMessage) -> Void

    /// - Parameter outbound: Queues a message on the transport.
    public init(outbound: @escaping @Sendable (JSONRPCMessage) -> Void) {
        self.outbound = outbound
    }

    /// Queues a notification unless the request has ended.
    ///
    /// - Returns: Whether it was queued.
    @discardableResult
    public func notify(_ method: String, _ params: JSONObject) -> Bool {
        closed.withLock { closed in
            guard !closed else { return false }
            outbound(.notification(method: method, params: params))
            return true
        }
    }

    /// Ends the request's notifications; later ``notify(_:_:)`` calls are dropped.
    public func close() { closed.withLock { $0 = true } }

    /// Whether ``close()`` was called.
    public var isClosed: Bool { closed.withLock { $0 } }
}
