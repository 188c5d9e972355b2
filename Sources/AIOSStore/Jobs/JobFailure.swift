/// Why a job or a phase failed, as recorded in the journal and shown in its status.
public struct JobFailure: Sendable, Hashable, CustomStringConvertible {
    /// One of the contract's error codes (SPEC §2), e.g. `AGENT_TIMEOUT`.
    public var code: String
    /// A sentence for people.
    public var message: String
    /// What the engine knew about the failure (e.g. `problems`, `engine_run`), at most
    /// ``maxDetailsBytes`` of JSON (see `JobFailure+Details.swift`); `nil` when there is none.
    public var details: JSONValue?

    public init(code: String, message: String, details: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.details = details.flatMap(Self.bounded)
    }

    /// The failure an `AIOSError` describes, its details kept (bounded).
    public init(_ error: AIOSError) {
        self.init(code: error.code.rawValue, message: error.message, details: error.details)
    }

    /// `{code, message}`, plus `details` when there are some, as status results and the
    /// journal carry it.
    public var json: JSONValue {
        var object: JSONObject = ["code": .string(code), "message": .string(message)]
        if let details { object["details"] = details }
        return .object(object)
    }

    public var description: String { "\(code): \(message)" }
}
