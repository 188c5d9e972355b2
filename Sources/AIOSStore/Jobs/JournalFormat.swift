/// The journal file format.
///
/// A journal starts with a 24-byte header: the magic `AIOSJRNL`, the format version (u32 LE),
/// 4 reserved zero bytes and the generation (u64 LE). Records follow back to back:
/// `[u32 LE payload length][u32 LE CRC-32 of payload][payload]`, the payload being one compact
/// JSON object. Payloads are kept under 16 MiB, so a length field always holds a zero byte,
/// which our JSON text never contains: the bytes of a record can never pass for another record.
enum JournalFormat {
    static let magic: [UInt8] = Array("AIOSJRNL".utf8)
    /// The format this build writes and reads; stores with a larger one are refused.
    static let version: UInt32 = 1
    static let headerSize = 24
    static let recordHeaderSize = 8
    static let maxPayload = (1 << 24) - 1

    static func header(generation: UInt64) -> [UInt8] {
        var bytes = magic
        appendLittleEndian(version, to: &bytes)
        appendLittleEndian(UInt32(0), to: &bytes)
        appendLittleEndian(generation, to: &bytes)
        return bytes
    }

    /// Checks a journal header and returns its generation.
    ///
    /// - Throws: `StoreError.unsupportedFormat` for a newer version or a file that is not a journal;
    ///   `.corrupt` when its reserved bytes are not zero.
    static func parseHeader(_ bytes: [UInt8], path: String) throws(StoreError) -> UInt64 {
        guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else {
            throw StoreError(.unsupportedFormat, "\(path) is not an aios journal", path: path, offset: 0)
        }
        let found = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) }.littleEndian
        try checkVersion(found, path: path)
        guard bytes[12..<16].allSatisfy({ $0 == 0 }) else {
            throw StoreError(.corrupt, "journal header has non-zero reserved bytes", path: path, offset: 12)
        }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 16, as: UInt64.self) }.littleEndian
    }

    static func checkVersion(_ found: UInt32, path: String) throws(StoreError) {
        if found > version {
            throw StoreError(
                .unsupportedFormat, "store format \(found) is newer than this aios (\(version)); upgrade aios",
                path: path)
        }
        if found == 0 { throw StoreError(.unsupportedFormat, "\(path) has an invalid format version 0", path: path) }
    }

    /// Appends one framed record to `buffer`.
    static func appendRecord(_ payload: [UInt8], to buffer: inout [UInt8]) {
        appendLittleEndian(UInt32(payload.count), to: &buffer)
        appendLittleEndian(CRC32.checksum(payload), to: &buffer)
        buffer.append(contentsOf: payload)
    }

    /// Why a scan stopped before the end of the bytes.
    enum Stop: Equatable {
        /// The bytes end inside a record's header or payload.
        case incomplete(offset: Int)
        /// The record at `offset` has an impossible length or a checksum that does not match.
        case bad(offset: Int, reason: String)
    }

    /// Visits the complete, checksum-valid records of `bytes` from `start`, in order.
    ///
    /// - Returns: The offset after the last good record, and why the scan stopped early (`nil`
    ///   when it reached the end exactly).
    static func scan<E: Error>(
        _ bytes: UnsafeRawBufferPointer, from start: Int,
        visit: (_ offset: Int, _ payload: UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) -> (end: Int, stop: Stop?) {
        var offset = start
        while offset < bytes.count {
            switch check(bytes, at: offset) {
            case .valid(let length):
                let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + recordHeaderSize)..<(offset + recordHeaderSize + length)])
                try visit(offset, payload)
                offset += recordHeaderSize + length
            case .incomplete:
                if holdsWholePayload(bytes, at: offset) {
                    return (offset, .bad(offset: offset, reason: "record length does not match its payload"))
                }
                return (offset, .incomplete(offset: offset))
            case .bad(let reason):
                return (offset, .bad(offset: offset, reason: reason))
            }
        }
        return (offset, nil)
    }

    /// Whether the record at `offset`, which looks cut short, is in fact whole with a damaged
    /// length field. A torn write leaves a prefix of a record; a record whose length was damaged
    /// to say more than there is leaves, after its header, a complete payload matching its
    /// checksum: damage, not a tear. (Only asked of the last record, so it costs one checksum.)
    static func holdsWholePayload(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        let available = bytes.count - offset - recordHeaderSize
        guard available >= 2, bytes[offset + recordHeaderSize] == UInt8(ascii: "{"), bytes[bytes.count - 1] == UInt8(ascii: "}")
        else { return false }
        return checksumMatches(bytes, at: offset, length: available)
    }

    /// Whether any valid record starts after `offset`: the difference between a torn tail
    /// (garbage up to the end, from a write a crash interrupted) and damage in the middle.
    static func hasValidRecord(_ bytes: UnsafeRawBufferPointer, after offset: Int) -> Bool {
        var candidate = offset + 1
        while candidate + recordHeaderSize < bytes.count {
            if case .valid = check(bytes, at: candidate) { return true }
            candidate += 1
        }
        return false
    }

    /// What the bytes at an offset hold.
    enum Check {
        /// A record whose payload is `length` bytes (for `frame`: whose checksum is not yet checked).
        case valid(length: Int)
        case incomplete
        case bad(String)
    }

    /// Checks a record's framing — its length, that the payload fits and is braced like a JSON
    /// object — but not its checksum: enough to step over records one does not use.
    static func frame(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Check {
        guard bytes.count - offset >= recordHeaderSize else { return .incomplete }
        let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
        guard length >= 2, length <= maxPayload else { return .bad("impossible record length \(length)") }
        let start = offset + recordHeaderSize
        guard bytes.count - start >= length else { return .incomplete }
        // A payload is a JSON object; checking its braces first makes the resynchronising
        // search in `hasValidRecord` cheap.
        guard bytes[start] == UInt8(ascii: "{"), bytes[start + length - 1] == UInt8(ascii: "}") else {
            return .bad("record payload is not a JSON object")
        }
        return .valid(length: length)
    }

    /// Whether the payload of the framed record at `offset` matches its checksum.
    static func checksumMatches(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int) -> Bool {
        let stored = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self).littleEndian
        let start = offset + recordHeaderSize
        return CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)])) == stored
    }

    private static func check(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Check {
        let framed = frame(bytes, at: offset)
        guard case .valid(let length) = framed else { return framed }
        guard checksumMatches(bytes, at: offset, length: length) else { return .bad("checksum mismatch") }
        return framed
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }
}
