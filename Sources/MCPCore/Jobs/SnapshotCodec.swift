/// The snapshot file format: the whole state at the start of a generation, in a compact binary
/// form so that reopening a store of 100 000 jobs takes well under a second (requests stay as
/// their JSON bytes and are only parsed when a job is read).
///
/// Layout: a 48-byte header — magic `AIOSSNAP`, format version (u32 LE), 4 zero bytes,
/// generation (u64), event sequence (u64), payload length (u64), CRC-32 of the payload (u32),
/// 4 zero bytes — then the payload: the job count (u64) and each job (see `encode(_:into:)`).
///
/// Format 3 keeps each job's webhook deliveries in its entry and ends the payload with an
/// index: one fixed-size entry per job, sorted by id, giving the job entry's place and CRC-32,
/// itself checksummed, so that one job can be read without decoding the others
/// (`SingleJobReader`). Format 2 added each job's owner (the API key that submitted it);
/// formats 1 and 2 keep deliveries in a section after the last job. All three are read.
enum SnapshotCodec {
    static let magic: [UInt8] = Array("AIOSSNAP".utf8)
    static let headerSize = 48
    /// The snapshot format this build writes; it reads every format from 1 up to this one.
    static let version: UInt32 = 3
    /// The first format with per-job entries that can be found and checked one at a time.
    static let indexedFormat: UInt32 = 3
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
        header.u32(0)
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
        _ = try reader.u32()
        return Header(
            format: format, generation: try reader.u64(), sequence: try reader.u64(), payloadLength: try reader.u64(),
            checksum: try reader.u32())
    }

    static func decode(_ bytes: [UInt8], path: String, checksIndex: Bool = false) throws(StoreError) -> Contents {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(StoreError) in try decode(raw, path: path, checksIndex: checksIndex) }
        }
        return try result.get()
    }

    /// Decodes a whole snapshot, checking its checksum.
    ///
    /// - Parameter checksIndex: Also check that a format 3 index names every job entry exactly
    ///   once with the right place and checksums (`store verify`); opening relies on the
    ///   payload's checksum instead.
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, checksIndex: Bool = false) throws(StoreError)
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
            for _ in 0..<count { records.append(try decodeEntry(&reader, format: format)) }
            if reader.offset < bytes.count { try WebhookSnapshotSection.decode(&reader, into: &records) }
            guard reader.offset == bytes.count else {
                throw StoreError(.corrupt, "trailing bytes after the last job", path: path, offset: Int64(reader.offset))
            }
            return Contents(generation: header.generation, machine: JobStateMachine(records: records, sequence: header.sequence))
        }
        let indexStart = bytes.count - Int(count) * indexEntrySize
        guard indexStart >= reader.offset else {
            throw StoreError(.corrupt, "snapshot too short for the index of \(count) jobs", path: path, offset: Int64(headerSize))
        }
        var machine = JobStateMachine(sequence: header.sequence, reservingCapacity: Int(count))
        var entries: [(offset: Int, length: Int, id: JobID)] = []
        if checksIndex { entries.reserveCapacity(Int(count)) }
        for _ in 0..<count {
            let start = reader.offset
            let record = try decodeEntry(&reader, format: format)
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

    private static func encode(_ record: JobRecord, into writer: inout ByteWriter, format: UInt32) {
        if format >= indexedFormat { writer.jobID(record.id) } else { writer.string(record.id.rawValue) }
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
        if format >= indexedFormat {
            writer.u32(UInt32(record.webhookDeliveries.count))
            for delivery in record.webhookDeliveries { WebhookSnapshotSection.encode(delivery, into: &writer) }
        }
    }

    /// Decodes the job entry that starts at `reader.offset`.
    static func decodeEntry(_ reader: inout ByteReader, format: UInt32) throws(StoreError) -> JobRecord {
        let id = try reader.jobID(lengthPrefixed: format < indexedFormat)
        let order = try reader.u64()
        let status = try reader.enumCase(jobStatuses)
        let requestedPhases = PhaseSet(rawValue: try reader.u8())
        let progress = Int(try reader.u8())
        let stalls = Int(try reader.u32())
        let createdAt = try reader.i64()
        let updatedAt = try reader.i64()
        let startedAt = try reader.optionalI64()
        let finishedAt = try reader.optionalI64()
        let error = try reader.failure()
        let idempotencyKey = try reader.optionalString()
        let webhookURL = try reader.optionalString()
        let owner = format >= 2 ? try reader.optionalString() : nil
        let lease = try reader.u8() == 1 ? JobLease(holder: try reader.string(), expiresAt: try reader.i64()) : nil
        var phases = PhaseStates()
        for index in phases.indices {
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
            phases[index] = state
        }
        let requestBytes = try reader.bytes(Int(try reader.u32()))
        var deliveries: [WebhookDelivery] = []
        if format >= indexedFormat {
            let count = try reader.u32()
            for _ in 0..<count { deliveries.append(try WebhookSnapshotSection.decodeDelivery(&reader, job: id)) }
        }
        return JobRecord(
            id: id, order: order, status: status, requestedPhases: requestedPhases, phases: phases,
            requestBytes: requestBytes, progressPercent: progress, error: error, createdAt: createdAt,
            updatedAt: updatedAt, startedAt: startedAt, finishedAt: finishedAt, idempotencyKey: idempotencyKey,
            webhookURL: webhookURL, owner: owner, lease: lease, stallCount: stalls, webhookDeliveries: deliveries)
    }
}
