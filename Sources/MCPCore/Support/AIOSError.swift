/// A product-level failure that users see: a tool error result, a CLI message and exit code.
///
/// The `code` is one of the stable codes of the contract (SPEC §2); `details` carries
/// machine-readable context such as the failing path of an input or `retry_after_seconds`.
public struct AIOSError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidInput = Code(rawValue: "INVALID_INPUT")
        public static let unauthorized = Code(rawValue: "UNAUTHORIZED")
        public static let forbidden = Code(rawValue: "FORBIDDEN")
        public static let rateLimited = Code(rawValue: "RATE_LIMITED")
        public static let jobNotFound = Code(rawValue: "JOB_NOT_FOUND")
        public static let artifactNotReady = Code(rawValue: "ARTIFACT_NOT_READY")
        public static let agentTimeout = Code(rawValue: "AGENT_TIMEOUT")
        public static let agentFailure = Code(rawValue: "AGENT_FAILURE")
        public static let cancelled = Code(rawValue: "CANCELLED")
        public static let internalError = Code(rawValue: "INTERNAL_ERROR")
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
