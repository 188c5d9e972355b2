import AIOSJSON

/// Format 5's running phases' progress in a job entry (`EntryField.phaseProgress`,
/// SnapshotCodec+Fields.swift): after the entry's deliveries and its error's
/// details, the number of phases with progress (u8) and for each its `Phase.index` (u8),
/// percent (u8), message (string) and time (i64). An entry without it (or details) is byte for
/// byte a format 4 entry.
extension SnapshotCodec {
    static func encodePhaseProgress(_ record: JobRecord, into writer: inout ByteWriter) {
        let reported = record.phases.indices.filter { record.phases[$0].progress != nil }
        writer.u8(UInt8(reported.count))
        for index in reported {
            guard let progress = record.phases[index].progress else { continue }
            writer.u8(UInt8(index))
            writer.u8(UInt8(clamping: progress.percent))
            writer.string(progress.message)
            writer.i64(progress.at)
        }
    }

    static func decodePhaseProgress(_ reader: inout ByteReader, into record: inout JobRecord) throws(StoreError) {
        let count = Int(try reader.u8())
        for _ in 0..<count {
            let start = reader.offset
            let index = Int(try reader.u8())
            let percent = Int(try reader.u8())
            guard index < record.phases.count, percent <= 100 else {
                throw StoreError(.corrupt, "impossible phase progress in snapshot", path: reader.path, offset: Int64(start))
            }
            record.phases[index].progress = PhaseProgress(percent: percent, message: try reader.string(), at: try reader.i64())
        }
    }
}

extension ByteWriter {
    /// Failure details as their compact JSON text.
    mutating func details(_ value: JSONValue) { string(String(decoding: value.serialized(), as: UTF8.self)) }
}

extension ByteReader {
    mutating func details() throws(StoreError) -> JSONValue {
        let start = offset
        let text = try string()
        do {
            return try JSONValue.parse(Array(text.utf8))
        } catch {
            throw StoreError(.corrupt, "failure details in snapshot are not JSON", path: path, offset: Int64(start))
        }
    }
}
