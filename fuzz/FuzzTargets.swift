// libFuzzer entry point for MCPCore's decoders: every parser of bytes that come from a client
// or from the disk. Compiled together with Sources/MCPCore (one module, so internal decoders
// are reachable) by fuzz/build.sh with `-sanitize=fuzzer,address`; the target is chosen by
// AIOS_FUZZ_TARGET. A crash, a trap (overflow, out-of-range index, force unwrap), an ASan
// report or a broken round trip (`fuzzCheck`) is a finding; an error thrown for bad input is not.
import Glibc

/// The targets, by the name given in AIOS_FUZZ_TARGET (and the corpus directory fuzz/corpus/<name>).
let fuzzTargets: [String: @Sendable (UnsafeRawBufferPointer) -> Void] = [
    "json": fuzzJSON,
    "message": fuzzMessage,
    "schema": fuzzSchema,
    "journal": fuzzJournal,
    "snapshot": fuzzSnapshot,
    "keys": fuzzKeys,
    "ratelimit": fuzzRateLimit,
]

let selectedTarget: @Sendable (UnsafeRawBufferPointer) -> Void = {
    guard let name = getenv("AIOS_FUZZ_TARGET").map({ String(cString: $0) }), let target = fuzzTargets[name] else {
        printError("set AIOS_FUZZ_TARGET to one of: \(fuzzTargets.keys.sorted().joined(separator: ", "))")
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    selectedTarget(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : count))
    return 0
}

func printError(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// A property that must hold for every input; aborts (a finding) when it does not.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        printError("fuzz property failed: \(message())")
        abort()
    }
}

// MARK: - JSON parser

/// Whatever parses serializes to text that parses to the same value.
func fuzzJSON(_ bytes: UnsafeRawBufferPointer) {
    guard let value = try? JSONValue.parse(bytes) else { return }
    let text = value.serialized()
    guard let again = try? JSONValue.parse(text) else {
        fuzzCheck(false, "serialized JSON does not parse: \(String(decoding: text, as: UTF8.self))")
        return
    }
    fuzzCheck(again == value, "JSON round trip changed the value: \(String(decoding: text, as: UTF8.self))")
}

// MARK: - Message classification

/// A line classified as a JSON-RPC message serializes to a line classified as the same message.
func fuzzMessage(_ bytes: UnsafeRawBufferPointer) {
    guard let value = try? JSONValue.parse(bytes), let message = try? JSONRPCMessage.classify(value) else { return }
    let line = message.serialized()
    guard let parsed = try? JSONValue.parse(line), let again = try? JSONRPCMessage.classify(parsed) else {
        fuzzCheck(false, "a serialized message does not classify: \(String(decoding: line, as: UTF8.self))")
        return
    }
    fuzzCheck(again == message, "message round trip changed it: \(String(decoding: line, as: UTF8.self))")
}

// MARK: - Schema validator

let toolSchemas: [JSONSchemaValidator] = {
    var schemas = Phase.allCases.map { AgentSchemas.inputSchema(for: $0) }
    schemas += Phase.allCases.map { AgentSchemas.outputSchema(for: $0) }
    return schemas.compactMap { try? JSONSchemaValidator(schema: $0) }
}()

let sampleInstances: [JSONValue] = [
    .null, true, 0, -1, 1.5, "", "a string", [], [1, "two", .null], [:], ["spec": "x", "product_name": "P"],
    ["a": ["b": ["c": [1, 2, 3]]]],
]

/// Input with a first byte below 128: a schema, compiled and applied to sample values and to
/// itself. Otherwise: a value, checked against every tool's input and output schema. The full
/// check and the stop-at-first check must agree.
func fuzzSchema(_ bytes: UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return }
    guard let value = try? JSONValue.parse(UnsafeRawBufferPointer(rebasing: bytes.dropFirst())) else { return }
    if first < 128 {
        guard let validator = try? JSONSchemaValidator(schema: value) else { return }
        for instance in sampleInstances + [value] {
            let violations = validator.validate(instance)
            fuzzCheck(violations.isEmpty == validator.isValid(instance), "validate and isValid disagree")
            fuzzCheck(violations.count <= JSONSchemaValidator.maxViolations, "too many violations")
        }
    } else {
        for validator in toolSchemas {
            fuzzCheck(validator.validate(value).isEmpty == validator.isValid(value), "validate and isValid disagree")
        }
    }
}

// MARK: - Journal decoder

/// The bytes as a journal (the header optional): scanned as a store reads it, every record
/// decoded and folded; a decoded event re-encodes to a record that decodes to the same event.
func fuzzJournal(_ bytes: UnsafeRawBufferPointer) {
    let start = bytes.starts(with: JournalFormat.magic) ? min(bytes.count, JournalFormat.headerSize) : 0
    if start > 0 { _ = try? JournalFormat.parseHeader(Array(bytes), path: "fuzz") }
    var machine = JobStateMachine(graph: .pipeline)
    var decoder = JournalRecordDecoder(graph: .pipeline)
    let (end, stop) = JournalFormat.scan(bytes, from: start) { _, payload in
        guard let event = try? decoder.decode(payload) else { return }
        let text = event.serialized(graph: .pipeline)
        var fresh = JournalRecordDecoder(graph: .pipeline)
        let again = text.withUnsafeBytes { try? fresh.decode($0) }
        fuzzCheck(again == event, "journal record round trip: \(String(decoding: text, as: UTF8.self))")
        if case .sealed = event { return }
        try? machine.apply(event)
    }
    if let stop, case .bad(let offset, _) = stop { _ = JournalFormat.hasValidRecord(bytes, after: offset) }
    fuzzCheck(end <= bytes.count, "scan ended past the bytes")
    // Every job the fold produced survives a snapshot.
    if !machine.jobs.isEmpty {
        let snapshot = SnapshotCodec.encode(machine, generation: 1)
        guard let contents = try? SnapshotCodec.decode(snapshot, path: "fuzz", graph: .pipeline, checksIndex: true) else {
            fuzzCheck(false, "a snapshot of a folded journal does not decode")
            return
        }
        fuzzCheck(contents.machine.jobs == machine.jobs, "snapshot round trip changed the jobs")
    }
}

// MARK: - Snapshot decoder

/// The bytes as a snapshot, as they are and with their length and checksums made right (so the
/// decoder proper is reached, not just the checksum check). What decodes re-encodes to the
/// same jobs, and every index entry it holds is found by its own lookup.
func fuzzSnapshot(_ bytes: UnsafeRawBufferPointer) {
    _ = try? SnapshotCodec.decode(bytes, path: "fuzz", graph: .pipeline, checksIndex: true)
    guard bytes.count >= SnapshotCodec.headerSize else { return }
    var fixed = Array(bytes)
    fixed.replaceSubrange(0..<8, with: SnapshotCodec.magic)
    let format = UInt32(bytes[8] % 4 + 1)
    func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { for (index, byte) in $0.enumerated() { fixed[offset + index] = byte } }
    }
    put(format, at: 8)
    put(UInt32(0), at: 12)
    put(UInt64(fixed.count - SnapshotCodec.headerSize), at: 32)
    put(CRC32.checksum(Array(fixed[SnapshotCodec.headerSize...])), at: 40)
    put(format >= SnapshotCodec.headerChecksumFormat ? CRC32.checksum(Array(fixed[0..<44])) : 0, at: 44)
    guard let contents = try? SnapshotCodec.decode(fixed, path: "fuzz", graph: .pipeline, checksIndex: bytes[9] & 1 == 1) else { return }
    let encoded = SnapshotCodec.encode(contents.machine, generation: contents.generation)
    guard let again = try? SnapshotCodec.decode(encoded, path: "fuzz", graph: .pipeline, checksIndex: true) else {
        fuzzCheck(false, "a re-encoded snapshot does not decode")
        return
    }
    fuzzCheck(again.machine.jobs == contents.machine.jobs, "snapshot round trip changed the jobs")
    fuzzCheck(again.machine.sequence == contents.machine.sequence, "snapshot round trip changed the sequence")
}

// MARK: - Keys

/// The bytes as a presented API key, and as a key journal's records folded in order.
func fuzzKeys(_ bytes: UnsafeRawBufferPointer) {
    let text = String(decoding: bytes, as: UTF8.self)
    if let secret = try? APIKeySecret(validating: text) {
        fuzzCheck(secret.text == text, "a validated key changed")
        _ = secret.sha256
    }
    let start = bytes.starts(with: KeyJournal.magic) ? min(bytes.count, KeyJournal.headerSize) : 0
    var machine = KeyStateMachine()
    _ = JournalFormat.scan(bytes, from: start) { _, payload in
        guard let event = try? KeyEvent(payload: Array(payload)) else { return }
        let again = try? KeyEvent(payload: event.serialized())
        fuzzCheck(again == event, "key record round trip: \(String(decoding: event.serialized(), as: UTF8.self))")
        try? machine.apply(event)
    }
    _ = machine.hasActiveKey(at: 1_800_000_000_000)
    _ = machine.retainedEvents
}

// MARK: - Rate-limit file reader

/// A store directory of its own, with its `ratelimits/`.
let rateLimitDirectory: String = {
    var template = Array("/tmp/aios-fuzz-ratelimit-XXXXXX".utf8CString)
    let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    mkdir(directory + "/ratelimits", 0o700)
    // Removed when the run ends (libFuzzer exits through exit(3) after -runs or -max_total_time).
    atexit { removeRateLimitDirectory() }
    return directory
}()

func removeRateLimitDirectory() {
    unlink(rateLimitDirectory + "/ratelimits/key_fuzz-3-5")
    rmdir(rateLimitDirectory + "/ratelimits")
    rmdir(rateLimitDirectory)
}

/// The bytes as a key's rate-limit file (3 per minute, 5 per day): opened and used at three
/// times, as a process using the key would. Input with an even first byte is fitted to the
/// file's size, so the reader gets past the size check.
func fuzzRateLimit(_ bytes: UnsafeRawBufferPointer) {
    guard let first = bytes.first else { return }
    let limits = RateLimits(perMinute: 3, perDay: 5)
    let size = RateLimitFile.size(for: limits)
    var content = Array(bytes.dropFirst())
    if first & 1 == 0 { content = Array((content + [UInt8](repeating: 0, count: size)).prefix(size)) }
    let path = rateLimitDirectory + "/ratelimits/key_fuzz-3-5"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { abort() }
    _ = content.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    if let file = try? RateLimitFile(path: path, limits: limits) {
        for now: Int64 in [0, 1_800_000_000_000, 1_800_000_061_000] {
            guard let decision = try? file.admit(now: now) else { break }
            for window in decision.windows {
                fuzzCheck(window.remaining >= 0 && window.remaining <= window.limit, "remaining out of range")
            }
            fuzzCheck(decision.retryAfterMilliseconds >= 0, "negative retry-after")
        }
    }
    _ = try? RateLimitFile.lastUsed(path: path)
    _ = RateLimitFile.verify(directory: rateLimitDirectory, now: 1_800_000_000_000)
}
