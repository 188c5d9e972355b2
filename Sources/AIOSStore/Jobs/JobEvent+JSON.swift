/// The journal payload of an event: one JSON object with `type` first.
extension JobEvent {
    /// The event as compact JSON bytes, its phases named in `graph`. A submission's request is
    /// spliced in as already serialized, so a large brief is not rebuilt as a tree to be written.
    package func serialized(graph: PhaseGraph) -> [UInt8] {
        var object = JSONObject()
        object[.type] = .string(type)
        var request: [UInt8]?
        switch self {
        case .submitted(let id, let at, let bytes, let phases, let key, let webhook, let owner):
            object[.jobID] = .string(id.rawValue)
            object[.at] = .int(at)
            object[.phases] = .strings(phases.map(graph.name(of:)))
            object[.idempotencyKey] = .optional(key)
            object[.webhookURL] = .optional(webhook)
            // Absent for the store's owner, so journals written before keys existed read the same.
            if let owner { object[.owner] = .string(owner) }
            request = bytes
        case .claimed(let id, let at, let worker, let expires, let stalls):
            object[.jobID] = .string(id.rawValue)
            object[.at] = .int(at)
            object[.worker] = .string(worker)
            object[.leaseExpiresAt] = .int(expires)
            object[.stallCount] = .integer(stalls)
        case .heartbeat(let id, let at, let worker, let expires):
            object[.jobID] = .string(id.rawValue)
            object[.at] = .int(at)
            object[.worker] = .string(worker)
            object[.leaseExpiresAt] = .int(expires)
        case .phaseStarted(let id, let phase, let at, let attempt):
            object[.jobID] = .string(id.rawValue)
            object[.phase] = .string(graph.name(of: phase))
            object[.at] = .int(at)
            object[.attempt] = .integer(attempt)
        case .phaseProgress(let id, let phase, let at, let percent, let message):
            object[.jobID] = .string(id.rawValue)
            object[.phase] = .string(graph.name(of: phase))
            object[.at] = .int(at)
            object[.percent] = .integer(percent)
            object[.message] = .string(message)
        case .phaseCompleted(let id, let phase, let at, let artifact):
            object[.jobID] = .string(id.rawValue)
            object[.phase] = .string(graph.name(of: phase))
            object[.at] = .int(at)
            object[.artifact] = [
                "path": .string(artifact.path), "sha256": .string(artifact.sha256), "size": .int(artifact.size),
            ]
        case .phaseFailed(let id, let phase, let at, let attempt, let error, let retryAt):
            object[.jobID] = .string(id.rawValue)
            object[.phase] = .string(graph.name(of: phase))
            object[.at] = .int(at)
            object[.attempt] = .integer(attempt)
            object[.error] = error.json
            object[.retryAt] = retryAt.map { .int($0) } ?? .null
        case .released(let id, let at, let worker):
            object[.jobID] = .string(id.rawValue)
            object[.at] = .int(at)
            object[.worker] = .string(worker)
        case .failed(let id, let at, let error):
            object[.jobID] = .string(id.rawValue)
            object[.at] = .int(at)
            object[.error] = error.json
        case .cancelled(let id, let at), .retried(let id, let at), .deleted(let id, let at):
            object[.jobID] = .string(id.rawValue)
            object[.at] = .int(at)
        case .sealed(let next):
            object[.nextGeneration] = .int(Int64(next))
        case .webhook(let event):
            event.encode(into: &object)
        }
        var bytes = JSONValue.object(object).serialized()
        if let request {
            bytes.removeLast()  // the closing brace
            bytes.append(contentsOf: Array(",\"\(JournalMember.request.name)\":".utf8))
            bytes.append(contentsOf: request)
            bytes.append(UInt8(ascii: "}"))
        }
        return bytes
    }

    /// Decodes a journal payload whose phases are named in `graph`.
    ///
    /// - Throws: `EventDecodingError` naming the first missing or ill-typed member.
    init(payload: [UInt8], graph: PhaseGraph) throws(EventDecodingError) {
        let result = payload.withUnsafeBytes { bytes in
            Result { () throws(EventDecodingError) in try JobEvent(payload: bytes, graph: graph) }
        }
        self = try result.get()
    }

    /// Decodes a journal payload whose phases are named in `graph`; to decode many, reuse one
    /// `JournalRecordDecoder`.
    ///
    /// - Throws: `EventDecodingError` naming the first missing or ill-typed member.
    init(payload: UnsafeRawBufferPointer, graph: PhaseGraph) throws(EventDecodingError) {
        var decoder = JournalRecordDecoder(graph: graph)
        self = try decoder.decode(payload)
    }
}

/// A journal payload that passed its checksum but does not describe an event we know.
package struct EventDecodingError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
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

    func failure(_ key: String) throws(EventDecodingError) -> JobFailure {
        let fields = EventFields(object: try object(key))
        return JobFailure(code: try fields.string("code"), message: try fields.string("message"), details: fields.object["details"])
    }
}
