import JSONRPC

/// Why a request the server sent to its client (``ServerSession/request(_:params:timeout:)``)
/// produced no result.
public struct ClientRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The client answered with a JSON-RPC error (``ClientRequestError/error``).
        public static let clientError = Code(rawValue: "client_error")
        /// No answer came within the timeout; the client was told the request is cancelled.
        public static let timedOut = Code(rawValue: "timed_out")
        /// The task waiting for the answer was cancelled; the client was told so.
        public static let cancelled = Code(rawValue: "cancelled")
        /// The connection ended (or was ending) before an answer came.
        public static let sessionClosed = Code(rawValue: "session_closed")
    }

    public var code: Code
    public var message: String
    /// The client's error, for ``Code/clientError``.
    public var error: JSONRPCError?

    public init(_ code: Code, _ message: String, error: JSONRPCError? = nil) {
        self.code = code
        self.message = message
        self.error = error
    }

    public var description: String { "\(code): \(message)" }
}
