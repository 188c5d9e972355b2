/// `store verify` for the key journal: every record checked, every problem reported.
extension KeyJournal {
    /// Checks `keys.log` in `directory` without changing it (the caller holds the shared lock).
    ///
    /// - Returns: Damage (a bad header, a record that does not decode or fit, a bad record
    ///   followed by valid ones) and notices (a torn tail); empty for a healthy or absent file.
    static func verify(directory: String) -> [StoreVerifyReport.Problem] {
        let path = directory + "/" + fileName
        let bytes: [UInt8]
        do throws(StoreError) {
            guard let file = try StoreFile.openIfExists(path: path) else { return [] }
            bytes = try file.readAll()
        } catch {
            return [.init(severity: .damage, message: error.message, path: path, offset: error.offset)]
        }
        guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else {
            return [.init(severity: .damage, message: "not an aios key journal", path: path, offset: 0)]
        }
        let found = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) }.littleEndian
        guard found > 0, found <= version else {
            return [.init(severity: .damage, message: "key journal of format \(found), this aios reads \(version)", path: path, offset: 8)]
        }
        guard bytes[12..<headerSize].allSatisfy({ $0 == 0 }) else {
            return [.init(severity: .damage, message: "key journal header has non-zero reserved bytes", path: path, offset: 12)]
        }
        var machine = KeyStateMachine()
        var problems: [StoreVerifyReport.Problem] = []
        let (end, stop) = bytes.withUnsafeBytes { raw in
            JournalFormat.scan(raw, from: headerSize) { offset, payload in
                do {
                    try machine.apply(try KeyEvent(payload: Array(payload)))
                } catch {
                    problems.append(.init(severity: .damage, message: "key record: \(error)", path: path, offset: Int64(offset)))
                }
            }
        }
        if let stop {
            if bytes.withUnsafeBytes({ JournalFormat.hasValidRecord($0, after: end) }) {
                problems.append(.init(severity: .damage, message: "a bad key record followed by valid records", path: path, offset: Int64(end)))
            } else if case .bad(_, let reason) = stop {
                // Whole but failing its check: a damaged key record (a key's creation, rotation
                // or revocation), not a torn write. Keys are refused until it is repaired.
                problems.append(
                    .init(
                        severity: .damage,
                        message: "the last key record is damaged (\(reason)), not a torn write: key checks fail until keys.log is repaired",
                        path: path, offset: Int64(end)))
            } else {
                problems.append(
                    .init(
                        severity: .notice, message: "torn tail of \(bytes.count - end) bytes from an interrupted write; the next writer drops it",
                        path: path, offset: Int64(end)))
            }
        }
        return problems
    }
}
