/// Little-endian binary output for snapshots.
package struct ByteWriter {
    package var buffer: [UInt8] = []

    package init() {}

    var count: Int { buffer.count }

    mutating func reserve(_ count: Int) { buffer.reserveCapacity(count) }
    mutating func bytes(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    mutating func u8(_ value: UInt8) { buffer.append(value) }
    mutating func u16(_ value: UInt16) { JournalFormat.appendLittleEndian(value, to: &buffer) }
    mutating func u32(_ value: UInt32) { JournalFormat.appendLittleEndian(value, to: &buffer) }
    mutating func u64(_ value: UInt64) { JournalFormat.appendLittleEndian(value, to: &buffer) }
    mutating func i64(_ value: Int64) { JournalFormat.appendLittleEndian(value, to: &buffer) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            u32(UInt32(utf8.count))
            buffer.append(contentsOf: utf8)
        }
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
            failureFields(value)
        } else {
            u8(0)
        }
    }

    mutating func failureFields(_ value: JobFailure) {
        string(value.code)
        string(value.message)
    }

    /// A job id as its 34 characters, without a length (ids have one length).
    mutating func jobID(_ id: JobID) { buffer.append(contentsOf: id.rawValue.utf8) }
}
