/// Bounds-checked little-endian binary input over borrowed bytes (a snapshot in memory or
/// mapped from its file); running past the end is damage. Valid only while the bytes are.
package struct ByteReader {
    let data: UnsafeRawBufferPointer
    let path: String
    var offset = 0

    package init(_ data: UnsafeRawBufferPointer, path: String, offset: Int = 0) {
        self.data = data
        self.path = path
        self.offset = offset
    }

    /// The next `count` bytes' position, moving past them.
    @inline(__always)
    private mutating func take(_ count: Int) throws(StoreError) -> Int {
        guard count >= 0, data.count - offset >= count else { throw endsEarly() }
        defer { offset += count }
        return offset
    }

    @inline(never)
    private func endsEarly() -> StoreError {
        StoreError(.corrupt, "snapshot ends inside a job", path: path, offset: Int64(offset))
    }

    @inline(__always)
    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws(StoreError) -> T {
        T(littleEndian: data.loadUnaligned(fromByteOffset: try take(MemoryLayout<T>.size), as: T.self))
    }

    @inline(__always) mutating func u8() throws(StoreError) -> UInt8 { data[try take(1)] }
    @inline(__always) mutating func u16() throws(StoreError) -> UInt16 { try integer(UInt16.self) }
    @inline(__always) mutating func u32() throws(StoreError) -> UInt32 { try integer(UInt32.self) }
    @inline(__always) mutating func u64() throws(StoreError) -> UInt64 { try integer(UInt64.self) }
    @inline(__always) mutating func i64() throws(StoreError) -> Int64 { try integer(Int64.self) }

    /// The next `count` bytes, borrowed.
    mutating func slice(_ count: Int) throws(StoreError) -> UnsafeRawBufferPointer {
        let start = try take(count)
        return UnsafeRawBufferPointer(rebasing: data[start..<(start + count)])
    }

    mutating func bytes(_ count: Int) throws(StoreError) -> [UInt8] { Array(try slice(count)) }

    mutating func string() throws(StoreError) -> String {
        String(decoding: try slice(Int(try u32())), as: UTF8.self)
    }

    mutating func optionalString() throws(StoreError) -> String? { try u8() == 1 ? try string() : nil }
    mutating func optionalI64() throws(StoreError) -> Int64? { try u8() == 1 ? try i64() : nil }

    mutating func failure() throws(StoreError) -> JobFailure? {
        try u8() == 1 ? try failureFields() : nil
    }

    mutating func failureFields() throws(StoreError) -> JobFailure {
        JobFailure(code: try string(), message: try string())
    }

    /// A job id written by `ByteWriter.jobID` (format 3 on) or as a string (before).
    mutating func jobID(lengthPrefixed: Bool) throws(StoreError) -> JobID {
        let start = offset
        let text = lengthPrefixed ? try slice(Int(try u32())) : try slice(JobID.length)
        guard let id = JobID(canonical: text) else {
            throw StoreError(.corrupt, "malformed job id in snapshot", path: path, offset: Int64(start))
        }
        return id
    }

    mutating func enumCase<T>(_ cases: [T]) throws(StoreError) -> T {
        let index = Int(try u8())
        guard index < cases.count else {
            throw StoreError(.corrupt, "unknown status \(index) in snapshot", path: path, offset: Int64(offset - 1))
        }
        return cases[index]
    }
}
