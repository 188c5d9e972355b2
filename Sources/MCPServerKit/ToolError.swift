import AIOSJSON
import JSONRPC

/// A failure a tool (or a resource, prompt or task handler) reports to its caller: a tool error
/// result, a CLI message and exit code.
///
/// The `code` is a stable, machine-readable string; `details` carries context such as the
/// failing path of an input or `retry_after_seconds`. The kit defines the codes it raises
/// itself (bad arguments, refusals by a ``ToolCallGate``, cancellation, internal failures); a
/// product adds its own as static members of ``Code``, each saying which JSON-RPC error it
/// becomes outside a tool call (``Code/Protocol``), so the kit maps codes it never heard of.
public struct ToolError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// Which JSON-RPC error a code becomes when it is raised outside a tool call.
        public enum ProtocolError: Sendable, Hashable {
            /// `-32602`: the request's parameters name something invalid or absent.
            case invalidParams
            /// `-32600`: the caller was refused (authentication, scopes, quotas).
            case invalidRequest
            /// `-32603`: anything else.
            case internalError
        }

        public let rawValue: String
        public let protocolError: ProtocolError

        public init(rawValue: String) { self.init(rawValue, protocolError: .internalError) }
        public init(_ rawValue: String, protocolError: ProtocolError) {
            self.rawValue = rawValue
            self.protocolError = protocolError
        }
        public var description: String { rawValue }

        // A code is its string: two codes with the same string are the same code.
        public static func == (lhs: Code, rhs: Code) -> Bool { lhs.rawValue == rhs.rawValue }
        public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

        public static let invalidInput = Code("INVALID_INPUT", protocolError: .invalidParams)
        public static let unauthorized = Code("UNAUTHORIZED", protocolError: .invalidRequest)
        public static let forbidden = Code("FORBIDDEN", protocolError: .invalidRequest)
        public static let rateLimited = Code("RATE_LIMITED", protocolError: .invalidRequest)
        public static let cancelled = Code("CANCELLED", protocolError: .internalError)
        public static let internalError = Code("INTERNAL_ERROR", protocolError: .internalError)
    }

    public var code: Code
    public var message: String
    public var details: JSONValue

    public init(_ code: Code, _ message: String, details: JSONValue = .null) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(code): \(message)" }
}

extension JSONRPCError {
    /// The protocol error for a tool error raised outside a tool (resources, prompts, tasks):
    /// the code's ``ToolError/Code/ProtocolError`` decides; `data` keeps the code and details.
    public init(_ error: ToolError) {
        let code: Int
        switch error.code.protocolError {
        case .invalidParams: code = -32602
        case .invalidRequest: code = -32600
        case .internalError: code = -32603
        }
        self.init(code: code, message: "\(error.code.rawValue): \(error.message)", data: ["code": .string(error.code.rawValue), "details": error.details])
    }
}
