import AIOSJSON

/// Format 5 additions to a job entry: failure details and running phases' progress. An entry
/// without either is byte for byte a format 4 entry; with them, flags say what follows.
extension SnapshotCodec {
    /// What follows a format 5 entry's webhook deliveries: the job error's details
    /// (`errorDetails`: a length-prefixed JSON text), then (`phaseProgress`) the number of
    /// phases with progress (u8) and for each its `Phase.index` (u8), percent (u8), message
    /// (string) and time (i64).
    static func encodeFormat5Tail(_ record: JobRecord, flags: EntryFlags, into writer: inout ByteWriter) {
        if flags.contains(.errorDetails), let details = record.error?.details { writer.details(details) }
        if flags.contains(.phaseProgress) {
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
    }

    static func decodeFormat5Tail(_ reader: inout ByteReader, flags: EntryFlags, into record: inout JobRecord)
        throws(StoreError)
    {
        if flags.contains(.errorDetails) { record.error?.details = try reader.details() }
        if flags.contains(.phaseProgress) {
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
