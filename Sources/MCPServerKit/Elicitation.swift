import AIOSCrypto
import AIOSJSON
import AIOSSystem
import JSONRPC

/// A form the server asks the client's user to fill (MCP elicitation, form mode).
public struct ElicitationForm: Sendable, Equatable {
    /// The key of the request in a 2026-07-28 `inputRequests` map (and of its answer in
    /// `inputResponses`).
    public var key: String
    public var message: String
    /// A flat object of primitive fields, as elicitation requires.
    public var requestedSchema: JSONObject

    public init(key: String, message: String, requestedSchema: JSONObject) {
        self.key = key
        self.message = message
        self.requestedSchema = requestedSchema
    }

    /// The `elicitation/create` params.
    public var params: JSONObject {
        ["mode": "form", "message": .string(message), "requestedSchema": .object(requestedSchema)]
    }
}

/// What came of asking.
public enum ElicitationOutcome: Sendable, Equatable {
    /// The user submitted the form (`content` as sent; the caller takes what it understands).
    case accepted(JSONObject)
    case declined
    case cancelled
    /// No answer within the timeout (handshake era); the client was told the request is cancelled.
    case timedOut
    /// The client did not declare form elicitation, so nothing was asked.
    case unsupported
    /// The client answered the request with an error, or the connection ended.
    case failed(String)

    /// The action, or why nothing was answered, in a word (`accept`, `decline`, `cancel`,
    /// `timeout`, `not_supported`, `error`).
    public var action: String {
        switch self {
        case .accepted: "accept"
        case .declined: "decline"
        case .cancelled: "cancel"
        case .timedOut: "timeout"
        case .unsupported: "not_supported"
        case .failed: "error"
        }
    }

    /// A sentence for a summary: why the answers are (not) there.
    public var explanation: String {
        switch self {
        case .accepted: "The user answered the questions."
        case .declined: "The user declined the questions."
        case .cancelled: "The user dismissed the questions."
        case .timedOut: "Nobody answered the questions in time."
        case .unsupported: "The client cannot show questions (it declared no form elicitation)."
        case .failed(let reason): "The questions could not be asked (\(reason))."
        }
    }

    /// Reads an `ElicitResult`.
    ///
    /// - Throws: `-32602` when it is not one.
    public static func parse(_ result: JSONValue) throws(JSONRPCError) -> ElicitationOutcome {
        guard let object = result.objectValue, let action = object["action"]?.stringValue else {
            throw .invalidParams("An elicitation result must be an object with a string \"action\"")
        }
        switch action {
        case "accept":
            switch object["content"] {
            case nil, .null?: return .accepted([:])
            case .object(let content)?: return .accepted(content)
            default: throw .invalidParams("An accepted elicitation result's \"content\" must be an object")
            }
        case "decline": return .declined
        case "cancel": return .cancelled
        default: throw .invalidParams("Unknown elicitation action \"\(action)\" (accept, decline or cancel)")
        }
    }
}

/// Thrown by a handler to answer a 2026-07-28 `tools/call` with an `InputRequiredResult`: the
/// client fulfils `inputRequests` and retries the call with `inputResponses` and the
/// `requestState` echoed.
public struct InputRequired: Error, Sendable {
    public var inputRequests: JSONObject
    public var requestState: String?

    public init(inputRequests: JSONObject, requestState: String?) {
        self.inputRequests = inputRequests
        self.requestState = requestState
    }

    /// The result, as 2026-07-28 shapes it.
    public var result: JSONObject {
        var result: JSONObject = ["resultType": "input_required", "inputRequests": .object(inputRequests)]
        if let requestState { result["requestState"] = .string(requestState) }
        return result
    }
}

/// Seals the `requestState` handed to a 2026-07-28 client and opens it when it comes back: an
/// HMAC-SHA256 over the payload with a secret of this process, and an expiry. The client must
/// echo it untouched (the specification calls it attacker-controlled input); anything altered,
/// foreign or late is refused.
///
/// Format: `v1.` base64url(payload JSON) `.` base64url(HMAC-SHA256(key, "v1." + payload part)).
public struct RequestStateSigner: Sendable {
    private let key: [UInt8]
    /// How long a sealed state stays valid.
    public let lifetimeMilliseconds: Int64
    private let now: @Sendable () -> Int64

    /// - Parameters:
    ///   - key: The secret (at least 32 bytes; a fresh random one by default).
    ///   - lifetime: How long a state stays valid after it is sealed.
    ///   - now: The clock, in Unix milliseconds.
    public init(key: [UInt8] = SecureRandom.bytes(32), lifetime: Duration = .seconds(600),
                now: @escaping @Sendable () -> Int64 = { Timestamp.nowMilliseconds() })
    {
        precondition(key.count >= 32, "a request state key needs at least 32 bytes")
        self.key = key
        let (seconds, attoseconds) = lifetime.components
        self.lifetimeMilliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        self.now = now
    }

    /// The signer of this process: a random secret made on first use, ten minutes' validity.
    public static let process = RequestStateSigner()

    /// Why a state was refused (`data.reason` of the `-32602` error).
    public enum Rejection: String, Sendable {
        case malformed, tampered, expired, mismatch
    }

    /// Seals `payload` (its `exp` member is set here).
    public func seal(_ payload: JSONObject) -> String {
        var payload = payload
        payload["exp"] = .integer(Int(now() + lifetimeMilliseconds))
        let body = "v1." + Base64.encode(JSONValue.object(payload).serialized(), urlSafe: true, padded: false)
        let mac = HMACSHA256.authenticationCode(key: key, message: Array(body.utf8))
        return body + "." + Base64.encode(mac, urlSafe: true, padded: false)
    }

    /// Opens a state this signer sealed.
    ///
    /// - Throws: `-32602` with `data.reason` `malformed`, `tampered` (not sealed by this
    ///   process with this content: altered, or from another server) or `expired`.
    public func open(_ token: String) throws(JSONRPCError) -> JSONObject {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let mac = Base64.decode(String(parts[2]), urlSafe: true) else {
            throw Self.rejected(.malformed, "requestState is not a state this server issued (malformed); call the tool again without it")
        }
        let expected = HMACSHA256.authenticationCode(key: key, message: Array("v1.\(parts[1])".utf8))
        guard ConstantTime.equals(mac, expected) else {
            throw Self.rejected(.tampered, "requestState failed verification: it was altered or was not issued by this server process; call the tool again without it")
        }
        guard let bytes = Base64.decode(String(parts[1]), urlSafe: true), let payload = (try? JSONValue.parse(bytes))?.objectValue,
              let expiry = payload["exp"]?.intValue
        else {
            throw Self.rejected(.malformed, "requestState is not a state this server issued (malformed); call the tool again without it")
        }
        guard now() <= expiry else {
            throw Self.rejected(.expired, "requestState expired (states are valid for \(lifetimeMilliseconds / 1000) s); call the tool again without it to be asked again")
        }
        return payload
    }

    static func rejected(_ reason: Rejection, _ message: String) -> JSONRPCError {
        .invalidParams(message, data: ["reason": .string(reason.rawValue)])
    }
}

extension RequestContext {
    /// Whether the client declared form-mode elicitation (`elicitation: {}` means form).
    public var clientSupportsFormElicitation: Bool {
        guard let elicitation = clientCapabilities["elicitation"]?.objectValue else { return false }
        return elicitation.isEmpty || elicitation["form"] != nil || elicitation["url"] == nil
    }

    /// Asks the client's user to fill `form`, the way the request's era does it.
    ///
    /// - Handshake era: sends `elicitation/create` and waits for the answer, at most `timeout`.
    /// - 2026-07-28 (`tools/call`): the first call throws ``InputRequired`` carrying the form and
    ///   a sealed state bound to `binding` (what the question is about, e.g. the tool and its
    ///   brief) and the caller; the retried call's `inputResponses[form.key]` is the answer.
    ///
    /// - Returns: `.unsupported` (nothing asked) when the client did not declare form elicitation.
    /// - Throws: ``InputRequired`` (2026-07-28, first round); `-32602` (``JSONRPCError``) when a
    ///   returned state is malformed, altered, expired or for another call, or the response is
    ///   not an `ElicitResult`; `CancellationError` when the request is cancelled while waiting.
    public func elicit(_ form: ElicitationForm, binding: String, timeout: Duration, signer: RequestStateSigner = .process) async throws -> ElicitationOutcome {
        guard clientSupportsFormElicitation else { return .unsupported }
        guard era.isModern else {
            do {
                return try ElicitationOutcome.parse(try await requestClient("elicitation/create", params: form.params, timeout: timeout))
            } catch let error as ClientRequestError {
                switch error.code {
                case .timedOut: return .timedOut
                case .cancelled: throw CancellationError()
                default: return .failed(error.error?.message ?? error.message)
                }
            } catch let error as JSONRPCError {
                return .failed("the client's answer was not an elicitation result: \(error.message)")
            }
        }
        let digest = Hex.encode(SHA256.hash(Array(binding.utf8)))
        let principal: JSONValue = caller.keyID.map(JSONValue.string) ?? .null
        guard let state = inputRound.requestState else {
            if inputRound.responses != nil {
                throw JSONRPCError.invalidParams("inputResponses came without the requestState this server issued; call the tool again without inputResponses")
            }
            throw InputRequired(
                inputRequests: [form.key: ["method": "elicitation/create", "params": .object(form.params)]],
                requestState: signer.seal(["key": .string(form.key), "binding": .string(digest), "principal": principal]))
        }
        let payload = try signer.open(state)
        guard payload["key"]?.stringValue == form.key, payload["binding"]?.stringValue == digest, payload["principal"] == principal else {
            throw RequestStateSigner.rejected(.mismatch, "requestState was issued for another call (a different tool, brief or caller); call the tool again without it")
        }
        guard let answer = inputRound.responses?[form.key] else {
            // Asked, and the retry brought no answer: ask again, as the specification advises.
            throw InputRequired(
                inputRequests: [form.key: ["method": "elicitation/create", "params": .object(form.params)]],
                requestState: signer.seal(["key": .string(form.key), "binding": .string(digest), "principal": principal]))
        }
        return try ElicitationOutcome.parse(answer)
    }
}

/// A 2026-07-28 request's `inputResponses` and `requestState` (the retry of an
/// `InputRequiredResult`), set by the tool registry from `tools/call` params.
public struct InputRound: Sendable {
    public var responses: JSONObject?
    public var requestState: String?

    public init(responses: JSONObject? = nil, requestState: String? = nil) {
        self.responses = responses
        self.requestState = requestState
    }

    /// Reads them from a request's params.
    ///
    /// - Throws: `-32602` when either has the wrong type.
    public init(params: JSONObject) throws(JSONRPCError) {
        switch params["inputResponses"] {
        case nil, .null?: responses = nil
        case .object(let object)?: responses = object
        default: throw .invalidParams("\"inputResponses\" must be an object")
        }
        switch params["requestState"] {
        case nil, .null?: requestState = nil
        case .string(let text)?: requestState = text
        default: throw .invalidParams("\"requestState\" must be a string")
        }
    }
}
