/// Why a job or a phase failed, as recorded in the journal and shown in its status.
public struct JobFailure: Sendable, Hashable, CustomStringConvertible {
    /// One of the contract's error codes (SPEC §2), e.g. `AGENT_TIMEOUT`.
    public var code: String
    /// A sentence for people.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The failure an `AIOSError` describes.
    public init(_ error: AIOSError) {
        self.init(code: error.code.rawValue, message: error.message)
    }

    /// `{code, message}`, as status results carry it.
    public var json: JSONValue { ["code": .string(code), "message": .string(message)] }

    public var description: String { "\(code): \(message)" }
}
