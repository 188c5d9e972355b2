import AIOSSystem

/// Decodes journal record payloads into `JobEvent`s straight from their bytes.
///
/// Reopening a store decodes every record of its journal, so this does not build a JSON tree:
/// it walks the object's members once, matching each key against the members records have
/// and noting where its value is (each value checked as strictly as `JSONValue.parse` would
/// check it), then reads only the members the record's type needs. A submission's request,
/// the one large member, is kept as its JSON text (it is parsed only when the job is read).
/// One decoder reused for many records keeps its buffers.
struct JournalRecordDecoder {
    /// Every member a journal record may have (JournalRecordType.swift).
    typealias Member = JournalMember

    private typealias RecordType = JournalRecordType

    private static let memberNames: [[UInt8]] = Member.allCases.map { Array($0.name.utf8) }
    private static let typeNames: [[UInt8]] = RecordType.allCases.map { Array($0.rawValue.utf8) }
    private static let members = Member.allCases
    private static let recordTypes = RecordType.allCases

    private var parser = JSONParser(bytes: UnsafeRawBufferPointer(start: nil, count: 0), maxDepth: JSONLimits.default.maxDepth)
    /// Where each member's value is in the payload being decoded.
    private var values = [Range<Int>?](repeating: nil, count: Member.allCases.count)
    /// Keys of members no record has, kept only to refuse a repeated one, as parsing would.
    private var unknownKeys: [String] = []
    private var payload = UnsafeRawBufferPointer(start: nil, count: 0)
    /// The store's phases, which name the records' phases.
    private let graph: PhaseGraph

    init(graph: PhaseGraph) { self.graph = graph }

    /// Decodes one record's payload.
    ///
    /// - Throws: `EventDecodingError` naming the first missing or ill-typed member, or saying
    ///   why the payload is not JSON.
    mutating func decode(_ payload: UnsafeRawBufferPointer) throws(EventDecodingError) -> JobEvent {
        self.payload = payload
        do {
            try readMembers()
        } catch {
            throw EventDecodingError(message: "not JSON: \(error)")
        }
        return try event()
    }

    private mutating func readMembers() throws(JSONError) {
        for index in values.indices { values[index] = nil }
        unknownKeys.removeAll(keepingCapacity: true)
        parser.reset(payload)
        try parser.beginObject()
        while let key = try parser.nextMemberKey() {
            let member: Member?
            switch key {
            case .plain(let range): member = Self.member(named: UnsafeRawBufferPointer(rebasing: payload[range]))
            case .decoded(let text): member = Self.member(named: text)
            }
            let value = try parser.skipMemberValue()
            if let member {
                guard values[member.rawValue] == nil else { throw duplicate(member.name) }
                values[member.rawValue] = value
            } else {
                let text: String
                switch key {
                case .plain(let range): text = String(decoding: UnsafeRawBufferPointer(rebasing: payload[range]), as: UTF8.self)
                case .decoded(let decoded): text = decoded
                }
                guard !unknownKeys.contains(text) else { throw duplicate(text) }
                unknownKeys.append(text)
            }
        }
        try parser.endDocument()
    }

    private func duplicate(_ key: String) -> JSONError {
        JSONError(code: .duplicateKey, message: "duplicate key '\(key)'", offset: 0, path: "/" + JSONError.pointerToken(key))
    }

    /// Members by the length of their name, so that a key is compared with one or two names.
    private static let membersByLength: [[Member]] = {
        var table = [[Member]](repeating: [], count: 24)
        for member in Member.allCases { table[member.name.utf8.count].append(member) }
        return table
    }()

    private static func member(named bytes: UnsafeRawBufferPointer) -> Member? {
        guard bytes.count < membersByLength.count else { return nil }
        for member in membersByLength[bytes.count] where Self.equal(memberNames[member.rawValue], bytes) {
            return member
        }
        return nil
    }

    private static func equal(_ name: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard name.count == bytes.count, let base = bytes.baseAddress else { return name.count == bytes.count }
        return name.withUnsafeBytes { own in own.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false }
    }

    private static func member(named text: String) -> Member? {
        members.first { $0.name == text }
    }

    // MARK: - Events

    private func event() throws(EventDecodingError) -> JobEvent {
        guard let type = try recordType() else {
            throw EventDecodingError(message: "unknown record type '\(try string(.type))'")
        }
        switch type {
        case .submitted:
            guard let range = values[Member.request.rawValue] else { throw EventDecodingError(message: "missing 'request'") }
            guard payload[range.lowerBound] == UInt8(ascii: "{") else {
                throw EventDecodingError(message: "'request' is not an object")
            }
            return .submitted(
                id: try jobID(), at: try int(.at), request: Array(UnsafeRawBufferPointer(rebasing: payload[range])),
                phases: try phaseSet(), idempotencyKey: try optionalString(.idempotencyKey),
                webhookURL: try optionalString(.webhookURL), owner: try optionalString(.owner))
        case .claimed:
            return .claimed(
                id: try jobID(), at: try int(.at), worker: try string(.worker), leaseExpiresAt: try int(.leaseExpiresAt),
                stallCount: Int(try int(.stallCount)))
        case .heartbeat:
            return .heartbeat(id: try jobID(), at: try int(.at), worker: try string(.worker), leaseExpiresAt: try int(.leaseExpiresAt))
        case .phaseStarted:
            return .phaseStarted(id: try jobID(), phase: try phase(), at: try int(.at), attempt: Int(try int(.attempt)))
        case .phaseProgress:
            let percent = try int(.percent)
            guard (0...100).contains(percent) else { throw EventDecodingError(message: "'percent' must be 0...100") }
            return .phaseProgress(
                id: try jobID(), phase: try phase(), at: try int(.at), percent: Int(percent), message: try string(.message))
        case .phaseCompleted:
            let artifact = EventFields(object: try object(.artifact))
            return .phaseCompleted(
                id: try jobID(), phase: try phase(), at: try int(.at),
                artifact: ArtifactReference(
                    path: try artifact.string("path"), sha256: try artifact.string("sha256"), size: try artifact.int("size")))
        case .phaseFailed:
            return .phaseFailed(
                id: try jobID(), phase: try phase(), at: try int(.at), attempt: Int(try int(.attempt)), error: try failure(),
                retryAt: try optionalInt(.retryAt))
        case .released:
            return .released(id: try jobID(), at: try int(.at), worker: try string(.worker))
        case .failed:
            return .failed(id: try jobID(), at: try int(.at), error: try failure())
        case .cancelled:
            return .cancelled(id: try jobID(), at: try int(.at))
        case .retried:
            return .retried(id: try jobID(), at: try int(.at))
        case .deleted:
            return .deleted(id: try jobID(), at: try int(.at))
        case .sealed:
            let next = try int(.nextGeneration)
            guard next > 0 else { throw EventDecodingError(message: "'next_generation' must be positive") }
            return .sealed(next: UInt64(next))
        case .webhookClaimed:
            return .webhook(
                .claimed(
                    job: try jobID(), delivery: try string(.deliveryID), at: try int(.at), worker: try string(.worker),
                    attempt: Int(try int(.attempt)), leaseExpiresAt: try int(.leaseExpiresAt)))
        case .webhookAttempted:
            guard case .bool(let delivered) = try value(.delivered) else {
                throw EventDecodingError(message: "'delivered' is not a boolean")
            }
            return .webhook(
                .attempted(
                    job: try jobID(), delivery: try string(.deliveryID), at: try int(.at),
                    outcome: WebhookAttemptOutcome(
                        attempt: Int(try int(.attempt)), statusCode: try optionalInt(.statusCode).map { Int($0) },
                        latencyMilliseconds: try optionalInt(.latencyMilliseconds), error: try optionalString(.error),
                        delivered: delivered, nextAttemptAt: try optionalInt(.nextAttemptAt))))
        }
    }

    // MARK: - Members

    /// The text of a member's value.
    private func text(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: payload[range]) }

    /// The content of a string value without escapes (between its quotes), or `nil`.
    private func plainString(_ range: Range<Int>) -> UnsafeRawBufferPointer? {
        guard payload[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        let inner = text((range.lowerBound + 1)..<(range.upperBound - 1))
        return inner.contains(UInt8(ascii: "\\")) ? nil : inner
    }

    /// A member's value as a tree (for the few small structured members).
    private func value(_ member: Member) throws(EventDecodingError) -> JSONValue {
        guard let range = values[member.rawValue] else { throw EventDecodingError(message: "missing '\(member.name)'") }
        return try parsed(range)
    }

    private func parsed(_ range: Range<Int>) throws(EventDecodingError) -> JSONValue {
        do {
            return try JSONValue.parse(text(range))
        } catch {
            throw EventDecodingError(message: "not JSON: \(error)")
        }
    }

    private func recordType() throws(EventDecodingError) -> RecordType? {
        guard let range = values[Member.type.rawValue] else { throw EventDecodingError(message: "missing 'type'") }
        if let plain = plainString(range) {
            for (index, name) in Self.typeNames.enumerated() where Self.equal(name, plain) {
                return Self.recordTypes[index]
            }
            return nil
        }
        let decoded = try string(.type)
        return RecordType(rawValue: decoded)
    }

    private func string(_ member: Member) throws(EventDecodingError) -> String {
        guard let range = values[member.rawValue] else { throw EventDecodingError(message: "missing '\(member.name)'") }
        if let plain = plainString(range) { return String(decoding: plain, as: UTF8.self) }
        guard case .string(let string) = try parsed(range) else {
            throw EventDecodingError(message: "'\(member.name)' is not a string")
        }
        return string
    }

    private func optionalString(_ member: Member) throws(EventDecodingError) -> String? {
        guard let range = values[member.rawValue], !isNull(range) else { return nil }
        return try string(member)
    }

    private func int(_ member: Member) throws(EventDecodingError) -> Int64 {
        guard let range = values[member.rawValue] else { throw EventDecodingError(message: "missing '\(member.name)'") }
        if let value = smallInteger(range) { return value }
        guard case .int(let int) = try parsed(range) else {
            throw EventDecodingError(message: "'\(member.name)' is not an integer")
        }
        return int
    }

    private func optionalInt(_ member: Member) throws(EventDecodingError) -> Int64? {
        guard let range = values[member.rawValue], !isNull(range) else { return nil }
        return try int(member)
    }

    private func isNull(_ range: Range<Int>) -> Bool { payload[range.lowerBound] == UInt8(ascii: "n") }

    /// An integer of at most 18 digits (what timestamps and counts are), read directly; `nil`
    /// for anything else, which goes through the parser. `-0` is not an integer to the parser.
    private func smallInteger(_ range: Range<Int>) -> Int64? {
        let negative = payload[range.lowerBound] == UInt8(ascii: "-")
        let digits = (negative ? range.lowerBound + 1 : range.lowerBound)..<range.upperBound
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value: Int64 = 0
        for index in digits {
            let digit = payload[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
        }
        if negative {
            guard value != 0 else { return nil }
            return -value
        }
        return value
    }

    private func object(_ member: Member) throws(EventDecodingError) -> JSONObject {
        guard let object = try value(member).objectValue else { throw EventDecodingError(message: "'\(member.name)' is not an object") }
        return object
    }

    private func array(_ member: Member) throws(EventDecodingError) -> [JSONValue] {
        guard let array = try value(member).arrayValue else { throw EventDecodingError(message: "'\(member.name)' is not an array") }
        return array
    }

    /// `phases`: a list of phase names, read directly when written compactly without escapes.
    private func phaseSet() throws(EventDecodingError) -> PhaseSet {
        if let range = values[Member.phases.rawValue], let phases = compactPhaseList(range) { return phases }
        var phases = PhaseSet(rawValue: 0)
        for name in try array(.phases) {
            guard let phase = name.stringValue.flatMap(graph.phase(named:)) else {
                throw EventDecodingError(message: "unknown phase in 'phases'")
            }
            phases.insert(phase)
        }
        return phases
    }

    /// The graph's phase a name is, comparing lengths before bytes.
    private func phase(named name: UnsafeRawBufferPointer) -> Phase? {
        for (index, bytes) in graph.nameBytes.enumerated() where bytes.count == name.count && Self.equal(bytes, name) {
            return Phase(index: index)
        }
        return nil
    }

    /// `["strategy","ux"]` read without the parser; `nil` for anything written otherwise.
    private func compactPhaseList(_ range: Range<Int>) -> PhaseSet? {
        guard payload[range.lowerBound] == UInt8(ascii: "[") else { return nil }
        var phases = PhaseSet(rawValue: 0)
        var index = range.lowerBound + 1
        if payload[index] == UInt8(ascii: "]") { return index + 1 == range.upperBound ? phases : nil }
        while index < range.upperBound, payload[index] == UInt8(ascii: "\"") {
            var end = index + 1
            while end < range.upperBound, payload[end] != UInt8(ascii: "\""), payload[end] != UInt8(ascii: "\\") { end += 1 }
            guard end < range.upperBound, payload[end] == UInt8(ascii: "\"") else { return nil }
            guard let phase = phase(named: text((index + 1)..<end)) else { return nil }
            phases.insert(phase)
            index = end + 1
            guard index < range.upperBound else { return nil }
            if payload[index] == UInt8(ascii: "]") { return index + 1 == range.upperBound ? phases : nil }
            guard payload[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
        return nil
    }

    private func jobID() throws(EventDecodingError) -> JobID {
        if let range = values[Member.jobID.rawValue], let plain = plainString(range), let id = JobID(canonical: plain) {
            return id
        }
        let text = try string(.jobID)
        do { return try JobID(validating: text) } catch { throw EventDecodingError(message: "'job_id' is malformed") }
    }

    private func phase() throws(EventDecodingError) -> Phase {
        guard let phase = graph.phase(named: try string(.phase)) else { throw EventDecodingError(message: "unknown 'phase'") }
        return phase
    }

    private func failure() throws(EventDecodingError) -> JobFailure {
        let fields = EventFields(object: try object(.error))
        return JobFailure(code: try fields.string("code"), message: try fields.string("message"), details: fields.object["details"])
    }
}
