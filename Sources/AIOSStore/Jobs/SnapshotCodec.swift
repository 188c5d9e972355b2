/// The snapshot file format: the whole state at the start of a generation, in a compact binary
/// form so that reopening a store of 100 000 jobs takes well under a second (requests stay as
/// their JSON bytes and are only parsed when a job is read).
///
/// Layout: a 48-byte header — magic `AIOSSNAP`, format version (u32 LE), 4 zero bytes,
/// generation (u64), event sequence (u64), payload length (u64), CRC-32 of the payload (u32),
/// CRC-32 of the 44 header bytes before it (format 4; 4 zero bytes before) — then the payload:
/// the job count (u64) and each job (see `encode(_:into:)`).
///
/// Format 3 keeps each job's webhook deliveries in its entry and ends the payload with an
/// index: one fixed-size entry per job, sorted by id, giving the job entry's place and CRC-32,
/// itself checksummed, so that one job can be read without decoding the others
/// (`SingleJobReader`). Format 2 added each job's owner (the API key that submitted it);
/// formats 1 and 2 keep deliveries in a section after the last job. All three are read.
package enum SnapshotCodec {
    static let magic: [UInt8] = Array("AIOSSNAP".utf8)
    static let headerSize = 48
    /// The snapshot format this build writes; it reads every format from 1 up to this one.
    package static let version: UInt32 = 5
    /// The first format that keeps failure details and running phases' progress (flags
    /// `errorDetails`, `phaseProgress`; see `SnapshotCodec+Progress.swift`).
    static let detailsFormat: UInt32 = 5
    /// The first format with per-job entries that can be found and checked one at a time.
    static let indexedFormat: UInt32 = 3
    /// The first format whose header carries its own CRC-32 (of its first 44 bytes) in its
    /// last 4 bytes, so that no header field (the event sequence included) can change unnoticed.
    static let headerChecksumFormat: UInt32 = 4
    /// An index entry: the job id (34 bytes), the entry's file offset (u64) and length (u32),
    /// the entry's CRC-32 (u32), and the CRC-32 of these 50 bytes (u32).
    static let indexEntrySize = JobID.length + 8 + 4 + 4 + 4

    // Stored once: `allCases` builds a new array on every use.
    static let jobStatuses = JobStatus.allCases
    static let phaseStatuses = PhaseStatus.allCases
    static let deliveryStates = WebhookDeliveryState.allCases
    static let webhookEvents = WebhookEventType.allCases

    struct Contents {
        var generation: UInt64
        var machine: JobStateMachine
    }

    /// The fixed fields every snapshot starts with.
    struct Header {
        var format: UInt32
        var generation: UInt64
        var sequence: UInt64
        var payloadLength: UInt64
        var checksum: UInt32
    }

    /// - Parameter format: The snapshot format to write; only tests write an older one.
    static func encode(_ machine: JobStateMachine, generation: UInt64, format: UInt32 = version) -> [UInt8] {
        var payload = ByteWriter()
        payload.reserve(machine.jobs.count * 320)
        payload.u64(UInt64(machine.jobs.count))
        let records = machine.jobs.values.sorted(by: { $0.order < $1.order })
        var index: [(id: JobID, offset: Int, length: Int)] = []
        index.reserveCapacity(format >= indexedFormat ? records.count : 0)
        for record in records {
            let start = payload.count
            encode(record, into: &payload, format: format)
            if format >= indexedFormat { index.append((record.id, headerSize + start, payload.count - start)) }
        }
        if format >= indexedFormat {
            index.sort { $0.id < $1.id }
            for entry in index {
                let start = payload.count
                payload.jobID(entry.id)
                payload.u64(UInt64(entry.offset))
                payload.u32(UInt32(entry.length))
                let entryStart = entry.offset - headerSize
                payload.u32(payload.buffer.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[entryStart..<(entryStart + entry.length)])) })
                payload.u32(payload.buffer.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[start...])) })
            }
        } else {
            WebhookSnapshotSection.encode(records, into: &payload)
        }
        var header = ByteWriter()
        header.bytes(magic)
        header.u32(format)
        header.u32(0)
        header.u64(generation)
        header.u64(machine.sequence)
        header.u64(UInt64(payload.buffer.count))
        header.u32(CRC32.checksum(payload.buffer))
        header.u32(format >= headerChecksumFormat ? CRC32.checksum(header.buffer) : 0)
        return header.buffer + payload.buffer
    }

    /// Reads and checks the header; formats newer than this build are refused.
    static func header(_ bytes: UnsafeRawBufferPointer, path: String) throws(StoreError) -> Header {
        guard bytes.count >= headerSize, bytes.starts(with: magic) else {
            throw StoreError(.unsupportedFormat, "\(path) is not an aios snapshot", path: path, offset: 0)
        }
        var reader = ByteReader(bytes, path: path, offset: magic.count)
        let format = try reader.u32()
        if format > version {
            throw StoreError(
                .unsupportedFormat, "snapshot format \(format) is newer than this aios (\(version)); upgrade aios", path: path)
        }
        if format == 0 { throw StoreError(.unsupportedFormat, "\(path) has an invalid format version 0", path: path) }
        guard try reader.u32() == 0 else {
            throw StoreError(.corrupt, "snapshot header has non-zero reserved bytes", path: path, offset: 12)
        }
        let header = Header(
            format: format, generation: try reader.u64(), sequence: try reader.u64(), payloadLength: try reader.u64(),
            checksum: try reader.u32())
        let last = try reader.u32()
        if format >= headerChecksumFormat {
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(headerSize - 4)])) == last else {
                throw StoreError(.corrupt, "snapshot header checksum mismatch", path: path, offset: 0)
            }
        } else if last != 0 {
            throw StoreError(.corrupt, "snapshot header has non-zero reserved bytes", path: path, offset: Int64(headerSize - 4))
        }
        return header
    }

    static func decode(_ bytes: [UInt8], path: String, graph: PhaseGraph, checksIndex: Bool = false) throws(StoreError) -> Contents {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(StoreError) in try decode(raw, path: path, graph: graph, checksIndex: checksIndex) }
        }
        return try result.get()
    }

    /// Decodes a whole snapshot, checking its checksum.
    ///
    /// - Parameter graph: The store's phases: an entry holds one state per phase, by position.
    /// - Parameter checksIndex: Also check that a format 3 index names every job entry exactly
    ///   once with the right place and checksums (`store verify`); opening relies on the
    ///   payload's checksum instead.
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, graph: PhaseGraph, checksIndex: Bool = false) throws(StoreError)
        -> Contents
    {
        let header = try header(bytes, path: path)
        guard UInt64(bytes.count - headerSize) == header.payloadLength else {
            throw StoreError(
                .corrupt, "snapshot holds \(bytes.count - headerSize) payload bytes, header says \(header.payloadLength)",
                path: path, offset: Int64(headerSize))
        }
        guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[headerSize...])) == header.checksum else {
            throw StoreError(.corrupt, "snapshot checksum mismatch", path: path, offset: Int64(headerSize))
        }
        var reader = ByteReader(bytes, path: path, offset: headerSize)
        let count = try reader.u64()
        guard count <= UInt64(bytes.count) else {
            throw StoreError(.corrupt, "snapshot claims \(count) jobs", path: path, offset: Int64(headerSize))
        }
        let format = header.format
        guard format >= indexedFormat else {
            var records: [JobRecord] = []
            records.reserveCapacity(Int(count))
            for _ in 0..<count { records.append(try decodeEntry(&reader, format: format, graph: graph)) }
            if reader.offset < bytes.count { try WebhookSnapshotSection.decode(&reader, into: &records, graph: graph) }
            guard reader.offset == bytes.count else {
                throw StoreError(.corrupt, "trailing bytes after the last job", path: path, offset: Int64(reader.offset))
            }
            return Contents(generation: header.generation, machine: JobStateMachine(graph: graph, records: records, sequence: header.sequence))
        }
        let indexStart = bytes.count - Int(count) * indexEntrySize
        guard indexStart >= reader.offset else {
            throw StoreError(.corrupt, "snapshot too short for the index of \(count) jobs", path: path, offset: Int64(headerSize))
        }
        var machine = JobStateMachine(graph: graph, sequence: header.sequence, reservingCapacity: Int(count))
        var entries: [(offset: Int, length: Int, id: JobID)] = []
        if checksIndex { entries.reserveCapacity(Int(count)) }
        for _ in 0..<count {
            let start = reader.offset
            let record = try decodeEntry(&reader, format: format, graph: graph)
            if checksIndex { entries.append((start, reader.offset - start, record.id)) }
            machine.insertLoaded(record)
        }
        guard reader.offset == indexStart else {
            throw StoreError(.corrupt, "the job entries do not end where the index starts", path: path, offset: Int64(reader.offset))
        }
        if checksIndex { try checkIndex(bytes, from: indexStart, entries: entries, path: path) }
        return Contents(generation: header.generation, machine: machine)
    }

    /// Checks that the index lists exactly the decoded entries, sorted by id, with valid checksums.
    private static func checkIndex(
        _ bytes: UnsafeRawBufferPointer, from start: Int, entries: [(offset: Int, length: Int, id: JobID)], path: String
    ) throws(StoreError) {
        var byOffset: [Int: (length: Int, id: JobID)] = [:]
        byOffset.reserveCapacity(entries.count)
        for entry in entries { byOffset[entry.offset] = (entry.length, entry.id) }
        var previous: JobID?
        for position in 0..<entries.count {
            let at = start + position * indexEntrySize
            let found = try indexEntry(bytes, at: at, path: path)
            func damaged(_ why: String) -> StoreError {
                StoreError(.corrupt, "snapshot index entry \(position): \(why)", path: path, offset: Int64(at))
            }
            if let previous, found.id <= previous { throw damaged("not sorted by job id") }
            previous = found.id
            guard let entry = byOffset[found.offset], entry.length == found.length, entry.id == found.id else {
                throw damaged("does not point at the entry of job \(found.id)")
            }
            let checksum = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[found.offset..<(found.offset + found.length)]))
            guard checksum == found.checksum else { throw damaged("wrong checksum for the entry of job \(found.id)") }
        }
    }

    /// One index entry, its own checksum verified.
    static func indexEntry(_ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws(StoreError)
        -> (id: JobID, offset: Int, length: Int, checksum: UInt32)
    {
        let checked = indexEntrySize - 4
        guard offset >= 0, bytes.count - offset >= indexEntrySize,
            CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + checked)]))
                == UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + checked, as: UInt32.self))
        else {
            throw StoreError(.corrupt, "snapshot index entry checksum mismatch", path: path, offset: Int64(offset))
        }
        var reader = ByteReader(bytes, path: path, offset: offset)
        let id = try reader.jobID(lengthPrefixed: false)
        return (id, Int(try reader.u64()), Int(try reader.u32()), try reader.u32())
    }

    /// Writes a job's entry: the fixed fields, then the optional ones `EntryField` and
    /// `PhaseField` describe (SnapshotCodec+Fields.swift), each when the record has it and
    /// `format` keeps it.
    package static func encode(_ record: JobRecord, into writer: inout ByteWriter, format: UInt32) {
        guard format >= indexedFormat else { return encodeFormat1Or2(record, into: &writer, format: format) }
        let fields = EntryField.inOrder
        var flags = EntryFlags()
        for field in fields {
            let layout = field.layout
            if format >= layout.since && field.isPresent(in: record) { flags.insert(layout.flag) }
        }
        writer.jobID(record.id)
        writer.u64(record.order)
        writer.u8(UInt8(jobStatuses.firstIndex(of: record.status) ?? 0))
        writer.u8(record.requestedPhases.rawValue)
        writer.u8(UInt8(clamping: record.progressPercent))
        writer.u16(flags.rawValue)
        writer.i64(record.createdAt)
        writer.i64(record.updatedAt)
        for field in fields {
            let layout = field.layout
            if layout.place == .beforePhases && flags.contains(layout.flag) { field.write(record, into: &writer) }
        }
        let parts = PhaseField.inOrder
        if record.phases.untouched {
            // Every phase pending with nothing recorded (a queued job's: most of a large backlog).
            let pending = UInt8(phaseStatuses.firstIndex(of: .pending) ?? 0)
            for _ in record.phases.indices {
                writer.u8(pending)
                writer.u8(0)
            }
        } else {
            for state in record.phases {
                writer.u8(UInt8(phaseStatuses.firstIndex(of: state.status) ?? 0))
                var present = PhaseFlags()
                for part in parts {
                    let layout = part.layout
                    if format >= layout.since && part.isPresent(in: state) { present.insert(layout.flag) }
                }
                writer.u8(present.rawValue)
                if present.rawValue != 0 {
                    for part in parts where present.contains(part.layout.flag) { part.write(state, into: &writer) }
                }
            }
        }
        writer.u32(UInt32(record.requestBytes.count))
        writer.bytes(record.requestBytes)
        for field in fields {
            let layout = field.layout
            if layout.place == .afterRequest && flags.contains(layout.flag) { field.write(record, into: &writer) }
        }
    }

    /// Decodes the job entry that starts at `reader.offset`.
    package static func decodeEntry(_ reader: inout ByteReader, format: UInt32, graph: PhaseGraph) throws(StoreError) -> JobRecord {
        guard format >= indexedFormat else { return try decodeFormat1Or2(&reader, format: format, graph: graph) }
        let id = try reader.jobID(lengthPrefixed: false)
        var record = JobRecord(
            id: id, order: try reader.u64(), requestedPhases: PhaseSet(rawValue: 0), phases: PhaseStates(count: graph.count),
            requestBytes: [], createdAt: 0, updatedAt: 0)
        record.status = try reader.enumCase(jobStatuses)
        record.requestedPhases = graph.phases(rawValue: try reader.u8())
        record.progressPercent = Int(try reader.u8())
        let flags = EntryFlags(rawValue: try reader.u16())
        record.createdAt = try reader.i64()
        record.updatedAt = try reader.i64()
        let fields = EntryField.inOrder
        if flags.rawValue != 0 {
            for field in fields {
                let layout = field.layout
                if layout.place == .beforePhases && flags.contains(layout.flag) && format >= layout.since {
                    try field.read(&reader, into: &record, graph: graph)
                }
            }
        }
        let parts = PhaseField.inOrder
        for index in record.phases.indices {
            let status = try reader.enumCase(phaseStatuses)
            let present = PhaseFlags(rawValue: try reader.u8())
            guard status != .pending || present.rawValue != 0 else { continue }
            var state = PhaseState()
            state.status = status
            if present.rawValue != 0 {
                for part in parts {
                    let layout = part.layout
                    if present.contains(layout.flag) && format >= layout.since { try part.read(&reader, into: &state) }
                }
            }
            record.phases[index] = state
        }
        record.requestBytes = try reader.bytes(Int(try reader.u32()))
        if flags.rawValue != 0 {
            for field in fields {
                let layout = field.layout
                if layout.place == .afterRequest && flags.contains(layout.flag) && format >= layout.since {
                    try field.read(&reader, into: &record, graph: graph)
                }
            }
        }
        return record
    }

    /// Which optional fields a format 3 job entry holds.
    struct EntryFlags: OptionSet {
        var rawValue: UInt16
        static let startedAt = EntryFlags(rawValue: 1 << 0)
        static let finishedAt = EntryFlags(rawValue: 1 << 1)
        static let error = EntryFlags(rawValue: 1 << 2)
        static let idempotencyKey = EntryFlags(rawValue: 1 << 3)
        static let webhookURL = EntryFlags(rawValue: 1 << 4)
        static let owner = EntryFlags(rawValue: 1 << 5)
        static let lease = EntryFlags(rawValue: 1 << 6)
        static let stallCount = EntryFlags(rawValue: 1 << 7)
        static let deliveries = EntryFlags(rawValue: 1 << 8)
        /// Format 5: the job's error has details (at the entry's end).
        static let errorDetails = EntryFlags(rawValue: 1 << 9)
        /// Format 5: some running phase has recorded progress (at the entry's end).
        static let phaseProgress = EntryFlags(rawValue: 1 << 10)

        mutating func set(_ flag: EntryFlags, _ on: Bool) { if on { insert(flag) } }
    }

    /// Which fields of a phase's state a format 3 job entry holds (the others are their defaults).
    struct PhaseFlags: OptionSet {
        var rawValue: UInt8
        static let startedAt = PhaseFlags(rawValue: 1 << 0)
        static let finishedAt = PhaseFlags(rawValue: 1 << 1)
        static let attempts = PhaseFlags(rawValue: 1 << 2)
        static let failures = PhaseFlags(rawValue: 1 << 3)
        static let error = PhaseFlags(rawValue: 1 << 4)
        static let retryAt = PhaseFlags(rawValue: 1 << 5)
        static let artifact = PhaseFlags(rawValue: 1 << 6)
        /// Format 5: the phase's error has details (right after its code and message).
        static let errorDetails = PhaseFlags(rawValue: 1 << 7)

        mutating func set(_ flag: PhaseFlags, _ on: Bool) { if on { insert(flag) } }
    }

    // MARK: - Formats 1 and 2

    private static func encodeFormat1Or2(_ record: JobRecord, into writer: inout ByteWriter, format: UInt32) {
        writer.string(record.id.rawValue)
        writer.u64(record.order)
        writer.u8(UInt8(jobStatuses.firstIndex(of: record.status) ?? 0))
        writer.u8(record.requestedPhases.rawValue)
        writer.u8(UInt8(clamping: record.progressPercent))
        writer.u32(UInt32(clamping: record.stallCount))
        writer.i64(record.createdAt)
        writer.i64(record.updatedAt)
        writer.optionalI64(record.startedAt)
        writer.optionalI64(record.finishedAt)
        writer.failure(record.error)
        writer.optionalString(record.idempotencyKey)
        writer.optionalString(record.webhookURL)
        if format >= 2 { writer.optionalString(record.owner) }
        if let lease = record.lease {
            writer.u8(1)
            writer.string(lease.holder)
            writer.i64(lease.expiresAt)
        } else {
            writer.u8(0)
        }
        for state in record.phases {
            writer.u8(UInt8(phaseStatuses.firstIndex(of: state.status) ?? 0))
            writer.optionalI64(state.startedAt)
            writer.optionalI64(state.finishedAt)
            writer.u32(UInt32(clamping: state.attempts))
            writer.u32(UInt32(clamping: state.failures))
            writer.failure(state.error)
            writer.optionalI64(state.retryAt)
            if let artifact = state.artifact {
                writer.u8(1)
                writer.string(artifact.path)
                writer.string(artifact.sha256)
                writer.i64(artifact.size)
            } else {
                writer.u8(0)
            }
        }
        writer.u32(UInt32(record.requestBytes.count))
        writer.bytes(record.requestBytes)
    }

    private static func decodeFormat1Or2(_ reader: inout ByteReader, format: UInt32, graph: PhaseGraph) throws(StoreError) -> JobRecord {
        let id = try reader.jobID(lengthPrefixed: true)
        var record = JobRecord(
            id: id, order: try reader.u64(), requestedPhases: PhaseSet(rawValue: 0), phases: PhaseStates(count: graph.count),
            requestBytes: [], createdAt: 0, updatedAt: 0)
        record.status = try reader.enumCase(jobStatuses)
        record.requestedPhases = graph.phases(rawValue: try reader.u8())
        record.progressPercent = Int(try reader.u8())
        record.stallCount = Int(try reader.u32())
        record.createdAt = try reader.i64()
        record.updatedAt = try reader.i64()
        record.startedAt = try reader.optionalI64()
        record.finishedAt = try reader.optionalI64()
        record.error = try reader.failure()
        record.idempotencyKey = try reader.optionalString()
        record.webhookURL = try reader.optionalString()
        if format >= 2 { record.owner = try reader.optionalString() }
        if try reader.u8() == 1 { record.lease = JobLease(holder: try reader.string(), expiresAt: try reader.i64()) }
        for index in record.phases.indices {
            var state = PhaseState()
            state.status = try reader.enumCase(phaseStatuses)
            state.startedAt = try reader.optionalI64()
            state.finishedAt = try reader.optionalI64()
            state.attempts = Int(try reader.u32())
            state.failures = Int(try reader.u32())
            state.error = try reader.failure()
            state.retryAt = try reader.optionalI64()
            if try reader.u8() == 1 {
                state.artifact = ArtifactReference(path: try reader.string(), sha256: try reader.string(), size: try reader.i64())
            }
            record.phases[index] = state
        }
        record.requestBytes = try reader.bytes(Int(try reader.u32()))
        return record
    }
}
