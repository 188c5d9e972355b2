/// The damaged end of a journal, kept in a file of its own.
///
/// A record whose length is all there but whose checksum (or framing) fails is acknowledged
/// data that was damaged after it was written: unlike a torn write, it must not be silently
/// dropped. Before a writer cuts the journal back to its last good record, it copies the bytes
/// from the damaged record to the end into `<journal>.damaged-<offset>-<random>` in the store
/// directory (written atomically, mode 0600). The file stays until a person removes it, and
/// `store verify` (hence `aiosctl health`) reports every such file as damage meanwhile.
enum DamagedTail {
    static let marker = ".damaged-"

    /// Writes `bytes`, which started at `offset` of `file`, next to it; returns the new file's path.
    @discardableResult
    static func setAside(_ bytes: [UInt8], of file: String, at offset: Int64, directory: String) throws(StoreError) -> String {
        let path = file + marker + "\(offset)-" + Hex.encode(SecureRandom.bytes(3))
        try StoreFileSystem.writeAtomically(bytes, to: path, directory: directory)
        return path
    }

    /// The set-aside files in `directory`, as damage for `store verify`.
    static func problems(in directory: String) -> [StoreVerifyReport.Problem] {
        let names: [String]
        do throws(StoreError) {
            names = try StoreFileSystem.list(directory)
        } catch {
            return [.init(severity: .damage, message: error.message, path: directory, offset: nil)]
        }
        return names.filter { $0.contains(marker) && !$0.contains(".tmp-") }.sorted().map { name in
            let origin = name[..<(name.firstRange(of: marker)?.lowerBound ?? name.endIndex)]
            let digits = name[(name.firstRange(of: marker)?.upperBound ?? name.endIndex)...].prefix { $0.isNumber }
            let offset = Int64(digits) ?? 0
            return .init(
                severity: .damage,
                message: "the damaged end of \(origin) (from byte \(offset)) was moved here; the records in it are not in the store. Inspect it, then remove it",
                path: directory + "/" + name, offset: nil)
        }
    }
}
