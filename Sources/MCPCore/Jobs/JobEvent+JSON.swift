/// The journal payload of an event: one JSON object with `type` first.
extension JobEvent {
    /// The event as compact JSON bytes. A submission's request is spliced in as already
    /// serialized, so a large brief is not rebuilt as a tree to be written.
    func serialized() -> [UInt8] {
        var object: JSONObject = ["type": .string(type)]
        var request: [UInt8]?
        switch self {
        case .submitted(let id, let at, let bytes, let phases, let key, let webhook, let owner):
            object["job_id"] = .string(id.rawValue)
            object["at"] = .int(at)
            object["phases"] = .strings(phases.map(\.rawValue))
            object["idempotency_key"] = .optional(key)
            object["webhook_url"] = .optional(webhook)
            // Absent for the store's owner, so journals written before keys existed read the same.
            if let owner { object["owner"] = .string(owner) }
            request = bytes
        case .claimed(let id, let at, let worker, let expires, let stalls):
            object["job_id"] = .string(id.rawValue)
            object["at"] = .int(at)
            object["worker"] = .string(worker)
            object["lease_expires_at"] = .int(expires)
            object["stall_count"] = .integer(stalls)
        case .heartbeat(let id, let at, let worker, let expires):
            object["job_id"] = .string(id.rawValue)
            object["at"] = .int(at)
            object["worker"] = .string(worker)
            object["lease_expires_at"] = .int(expires)
        case .phaseStarted(let id, let phase, let at, let attempt):
            object["job_id"] = .string(id.rawValue)
            object["phase"] = .string(phase.rawValue)
            object["at"] = .int(at)
            object["attempt"] = .integer(attempt)
        case .phaseCompleted(let id, let phase, let at, let artifact):
            object["job_id"] = .string(id.rawValue)
            object["phase"] = .string(phase.rawValue)
            object["at"] = .int(at)
            object["artifact"] = [
                "path": .string(artifact.path), "sha256": .string(artifact.sha256), "size": .int(artifact.size),
            ]
        case .phaseFailed(let id, let phase, let at, let attempt, let error, let retryAt):
            object["job_id"] = .string(id.rawValue)
            object["phase"] = .string(phase.rawValue)
            object["at"] = .int(at)
            object["attempt"] = .integer(attempt)
            object["error"] = error.json
            object["retry_at"] = retryAt.map { .int($0) } ?? .null
        case .released(let id, let at, let worker):
            object["job_id"] = .string(id.rawValue)
            object["at"] = .int(at)
            object["worker"] = .string(worker)
        case .failed(let id, let at, let error):
            object["job_id"] = .string(id.rawValue)
            object["at"] = .int(at)
            object["error"] = error.json
        case .cancelled(let id, let at), .retried(let id, let at), .deleted(let id, let at):
            object["job_id"] = .string(id.rawValue)
            object["at"] = .int(at)
        case .sealed(let next):
            object["next_generation"] = .int(Int64(next))
        case .webhook(let event):
            event.encode(into: &object)
        }
        var bytes = JSONValue.object(object).serialized()
        if let request {
            bytes.removeLast()  // the closing brace
            bytes.append(contentsOf: Array(#","request":"#.utf8))
            bytes.append(contentsOf: request)
            bytes.append(UInt8(ascii: "}"))
        }
        return bytes
    }

    /// Decodes a journal payload.
    ///
    /// - Throws: `EventDecodingError` naming the first missing or ill-typed member.
    init(payload: [UInt8]) throws(EventDecodingError) {
        let value: JSONValue
        do { value = try JSONValue.parse(payload) } catch { throw EventDecodingError(message: "not JSON: \(error)") }
        guard let object = value.objectValue else { throw EventDecodingError(message: "not a JSON object") }
        let fields = EventFields(object: object)
        let type = try fields.string("type")
        switch type {
        case "job.submitted":
            let request = try fields.object("request")
            var phases = PhaseSet(rawValue: 0)
            for name in try fields.array("phases") {
                guard let phase = name.stringValue.flatMap(Phase.init(rawValue:)) else {
                    throw EventDecodingError(message: "unknown phase in 'phases'")
                }
                phases.insert(phase)
            }
            self = .submitted(
                id: try fields.jobID(), at: try fields.int("at"), request: JSONValue.object(request).serialized(),
                phases: phases, idempotencyKey: try fields.optionalString("idempotency_key"),
                webhookURL: try fields.optionalString("webhook_url"), owner: try fields.optionalString("owner"))
        case "job.claimed":
            self = .claimed(
                id: try fields.jobID(), at: try fields.int("at"), worker: try fields.string("worker"),
                leaseExpiresAt: try fields.int("lease_expires_at"), stallCount: Int(try fields.int("stall_count")))
        case "job.heartbeat":
            self = .heartbeat(
                id: try fields.jobID(), at: try fields.int("at"), worker: try fields.string("worker"),
                leaseExpiresAt: try fields.int("lease_expires_at"))
        case "phase.started":
            self = .phaseStarted(
                id: try fields.jobID(), phase: try fields.phase(), at: try fields.int("at"),
                attempt: Int(try fields.int("attempt")))
        case "phase.completed":
            let artifact = EventFields(object: try fields.object("artifact"))
            self = .phaseCompleted(
                id: try fields.jobID(), phase: try fields.phase(), at: try fields.int("at"),
                artifact: ArtifactReference(
                    path: try artifact.string("path"), sha256: try artifact.string("sha256"),
                    size: try artifact.int("size")))
        case "phase.failed":
            self = .phaseFailed(
                id: try fields.jobID(), phase: try fields.phase(), at: try fields.int("at"),
                attempt: Int(try fields.int("attempt")), error: try fields.failure("error"),
                retryAt: try fields.optionalInt("retry_at"))
        case "job.released":
            self = .released(id: try fields.jobID(), at: try fields.int("at"), worker: try fields.string("worker"))
        case "job.failed":
            self = .failed(id: try fields.jobID(), at: try fields.int("at"), error: try fields.failure("error"))
        case "job.cancelled":
            self = .cancelled(id: try fields.jobID(), at: try fields.int("at"))
        case "job.retried":
            self = .retried(id: try fields.jobID(), at: try fields.int("at"))
        case "job.deleted":
            self = .deleted(id: try fields.jobID(), at: try fields.int("at"))
        case "store.sealed":
            let next = try fields.int("next_generation")
            guard next > 0 else { throw EventDecodingError(message: "'next_generation' must be positive") }
            self = .sealed(next: UInt64(next))
        case _ where WebhookEvent.types.contains(type):
            self = .webhook(try WebhookEvent(type: type, fields: fields))
        default:
            throw EventDecodingError(message: "unknown record type '\(type)'")
        }
    }
}

/// A journal payload that passed its checksum but does not describe an event we know.
struct EventDecodingError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Typed access to an event object's members, failing with the member's name.
struct EventFields {
    var object: JSONObject

    func value(_ key: String) throws(EventDecodingError) -> JSONValue {
        guard let value = object[key] else { throw EventDecodingError(message: "missing '\(key)'") }
        return value
    }

    func string(_ key: String) throws(EventDecodingError) -> String {
        guard let string = try value(key).stringValue else { throw EventDecodingError(message: "'\(key)' is not a string") }
        return string
    }

    func optionalString(_ key: String) throws(EventDecodingError) -> String? {
        let value = object[key] ?? .null
        if value.isNull { return nil }
        guard let string = value.stringValue else { throw EventDecodingError(message: "'\(key)' is not a string") }
        return string
    }

    func int(_ key: String) throws(EventDecodingError) -> Int64 {
        guard case .int(let int) = try value(key) else { throw EventDecodingError(message: "'\(key)' is not an integer") }
        return int
    }

    func optionalInt(_ key: String) throws(EventDecodingError) -> Int64? {
        let value = object[key] ?? .null
        if value.isNull { return nil }
        guard case .int(let int) = value else { throw EventDecodingError(message: "'\(key)' is not an integer") }
        return int
    }

    func object(_ key: String) throws(EventDecodingError) -> JSONObject {
        guard let object = try value(key).objectValue else { throw EventDecodingError(message: "'\(key)' is not an object") }
        return object
    }

    func array(_ key: String) throws(EventDecodingError) -> [JSONValue] {
        guard let array = try value(key).arrayValue else { throw EventDecodingError(message: "'\(key)' is not an array") }
        return array
    }

    func jobID() throws(EventDecodingError) -> JobID {
        let text = try string("job_id")
        do { return try JobID(validating: text) } catch { throw EventDecodingError(message: "'job_id' is malformed") }
    }

    func phase() throws(EventDecodingError) -> Phase {
        guard let phase = Phase(rawValue: try string("phase")) else { throw EventDecodingError(message: "unknown 'phase'") }
        return phase
    }

    func failure(_ key: String) throws(EventDecodingError) -> JobFailure {
        let fields = EventFields(object: try object(key))
        return JobFailure(code: try fields.string("code"), message: try fields.string("message"))
    }
}
