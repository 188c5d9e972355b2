/// The snapshot file format: the whole state at the start of a generation, in a compact binary
/// form so that reopening a store of 100 000 jobs takes well under a second (requests stay as
/// their JSON bytes and are only parsed when a job is read).
///
/// Layout: a 48-byte header — magic `AIOSSNAP`, format version (u32 LE), 4 zero bytes,
/// generation (u64), event sequence (u64), payload length (u64), CRC-32 of the payload (u32),
/// 4 zero bytes — then the payload: the job count (u64) and each job (see `encode(_:into:)`).
///
/// Snapshot format 2 adds each job's owner (the API key that submitted it); format 1 snapshots
/// (no owners: every job belongs to the store's owner) are still read.
enum SnapshotCodec {
    static let magic: [UInt8] = Array("AIOSSNAP".utf8)
    static let headerSize = 48
    /// The snapshot format this build writes; it reads every format from 1 up to this one.
    static let version: UInt32 = 2

    struct Contents {
        var generation: UInt64
        var machine: JobStateMachine
    }

    /// - Parameter format: The snapshot format to write; only tests write an older one.
    static func encode(_ machine: JobStateMachine, generation: UInt64, format: UInt32 = version) -> [UInt8] {
        var payload = ByteWriter()
        payload.reserve(machine.jobs.count * 256)
        payload.u64(UInt64(machine.jobs.count))
        let records = machine.jobs.values.sorted(by: { $0.order < $1.order })
        for record in records { encode(record, into: &payload, format: format) }
        WebhookSnapshotSection.encode(records, into: &payload)
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

    static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> Contents {
        guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else {
            throw StoreError(.unsupportedFormat, "\(path) is not an aios snapshot", path: path, offset: 0)
        }
        var header = ByteReader(bytes, path: path)
        header.offset = 8
        let format = try header.u32()
        if format > version {
            throw StoreError(
                .unsupportedFormat, "snapshot format \(format) is newer than this aios (\(version)); upgrade aios", path: path)
        }
        if format == 0 { throw StoreError(.unsupportedFormat, "\(path) has an invalid format version 0", path: path) }
        _ = try header.u32()
        let generation = try header.u64()
        let sequence = try header.u64()
        let length = try header.u64()
        let checksum = try header.u32()
        guard UInt64(bytes.count - headerSize) == length else {
            throw StoreError(
                .corrupt, "snapshot holds \(bytes.count - headerSize) payload bytes, header says \(length)",
                path: path, offset: Int64(headerSize))
        }
        let valid = bytes.withUnsafeBytes { raw in
            CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[headerSize...])) == checksum
        }
        guard valid else {
            throw StoreError(.corrupt, "snapshot checksum mismatch", path: path, offset: Int64(headerSize))
        }
        var reader = ByteReader(bytes, path: path)
        reader.offset = headerSize
        let count = try reader.u64()
        guard count <= UInt64(bytes.count) else {
            throw StoreError(.corrupt, "snapshot claims \(count) jobs", path: path, offset: Int64(headerSize))
        }
        var records: [JobRecord] = []
        records.reserveCapacity(Int(count))
        for _ in 0..<count { records.append(try decodeRecord(&reader, format: format)) }
        if reader.offset < bytes.count { try WebhookSnapshotSection.decode(&reader, into: &records) }
        guard reader.offset == bytes.count else {
            throw StoreError(.corrupt, "trailing bytes after the last job", path: path, offset: Int64(reader.offset))
        }
        return Contents(generation: generation, machine: JobStateMachine(records: records, sequence: sequence))
    }

    private static func encode(_ record: JobRecord, into writer: inout ByteWriter, format: UInt32) {
        writer.string(record.id.rawValue)
        writer.u64(record.order)
        writer.u8(UInt8(JobStatus.allCases.firstIndex(of: record.status) ?? 0))
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
            writer.u8(UInt8(PhaseStatus.allCases.firstIndex(of: state.status) ?? 0))
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

    private static func decodeRecord(_ reader: inout ByteReader, format: UInt32) throws(StoreError) -> JobRecord {
        let id = JobID(trusted: try reader.string())
        let order = try reader.u64()
        let status = try reader.enumCase(JobStatus.allCases)
        let phases = PhaseSet(rawValue: try reader.u8())
        let progress = Int(try reader.u8())
        let stalls = Int(try reader.u32())
        var record = JobRecord(
            id: id, order: order, requestedPhases: phases, requestBytes: [], createdAt: try reader.i64(), updatedAt: try reader.i64())
        record.status = status
        record.progressPercent = progress
        record.stallCount = stalls
        record.startedAt = try reader.optionalI64()
        record.finishedAt = try reader.optionalI64()
        record.error = try reader.failure()
        record.idempotencyKey = try reader.optionalString()
        record.webhookURL = try reader.optionalString()
        if format >= 2 { record.owner = try reader.optionalString() }
        if try reader.u8() == 1 {
            record.lease = JobLease(holder: try reader.string(), expiresAt: try reader.i64())
        }
        for index in 0..<Phase.allCases.count {
            var state = PhaseState()
            state.status = try reader.enumCase(PhaseStatus.allCases)
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

/// Little-endian binary output for snapshots.
struct ByteWriter {
    var buffer: [UInt8] = []

    mutating func reserve(_ count: Int) { buffer.reserveCapacity(count) }
    mutating func bytes(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    mutating func u8(_ value: UInt8) { buffer.append(value) }
    mutating func u32(_ value: UInt32) { JournalFormat.appendLittleEndian(value, to: &buffer) }
    mutating func u64(_ value: UInt64) { JournalFormat.appendLittleEndian(value, to: &buffer) }
    mutating func i64(_ value: Int64) { JournalFormat.appendLittleEndian(value, to: &buffer) }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        u32(UInt32(utf8.count))
        buffer.append(contentsOf: utf8)
    }

    mutating func optionalString(_ value: String?) {
        if let value {
            u8(1)
            string(value)
        } else {
            u8(0)
        }
    }

    mutating func optionalI64(_ value: Int64?) {
        if let value {
            u8(1)
            i64(value)
        } else {
            u8(0)
        }
    }

    mutating func failure(_ value: JobFailure?) {
        if let value {
            u8(1)
            string(value.code)
            string(value.message)
        } else {
            u8(0)
        }
    }
}

/// Bounds-checked little-endian binary input; running past the end is damage.
struct ByteReader {
    let data: [UInt8]
    let path: String
    var offset = 0

    init(_ data: [UInt8], path: String) {
        self.data = data
        self.path = path
    }

    private mutating func take(_ count: Int) throws(StoreError) -> Range<Int> {
        guard count >= 0, data.count - offset >= count else {
            throw StoreError(.corrupt, "snapshot ends inside a job", path: path, offset: Int64(offset))
        }
        defer { offset += count }
        return offset..<(offset + count)
    }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws(StoreError) -> T {
        let range = try take(MemoryLayout<T>.size)
        return data.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound, as: T.self)) }
    }

    mutating func u8() throws(StoreError) -> UInt8 { data[try take(1).lowerBound] }
    mutating func u32() throws(StoreError) -> UInt32 { try integer(UInt32.self) }
    mutating func u64() throws(StoreError) -> UInt64 { try integer(UInt64.self) }
    mutating func i64() throws(StoreError) -> Int64 { try integer(Int64.self) }
    mutating func bytes(_ count: Int) throws(StoreError) -> [UInt8] { Array(data[try take(count)]) }

    mutating func string() throws(StoreError) -> String {
        String(decoding: data[try take(Int(try u32()))], as: UTF8.self)
    }

    mutating func optionalString() throws(StoreError) -> String? { try u8() == 1 ? try string() : nil }
    mutating func optionalI64() throws(StoreError) -> Int64? { try u8() == 1 ? try i64() : nil }

    mutating func failure() throws(StoreError) -> JobFailure? {
        try u8() == 1 ? JobFailure(code: try string(), message: try string()) : nil
    }

    mutating func enumCase<T>(_ cases: [T]) throws(StoreError) -> T {
        let index = Int(try u8())
        guard index < cases.count else {
            throw StoreError(.corrupt, "unknown status \(index) in snapshot", path: path, offset: Int64(offset - 1))
        }
        return cases[index]
    }
}
