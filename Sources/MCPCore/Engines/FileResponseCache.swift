import AIOSSystem

/// The response cache of a file store: one file per answer in `model-cache/` under the store
/// directory, named by its key (a SHA-256 hex) and written atomically, so every process on the
/// store shares it and a rerun of the same brief reads the same bytes. Nothing is ever
/// rewritten; `rm -r model-cache` empties it. Another store (PostgreSQL) conforms to
/// ``ModelResponseCache`` its own way.
public struct FileResponseCache: ModelResponseCache {
    public let directory: String
    private let storeDirectory: String

    /// - Parameter storeDirectory: The job store's directory.
    public init(storeDirectory: String) {
        self.storeDirectory = storeDirectory
        directory = storeDirectory + "/model-cache"
    }

    private func path(_ key: String) -> String? {
        // Keys are hex digests; anything else is never a file name.
        guard key.utf8.count == 64, key.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
        return directory + "/" + key + ".json"
    }

    public func cachedResponse(forKey key: String) async -> String? {
        guard let path = path(key), let file = try? StoreFile.openIfExists(path: path), let bytes = try? file.readAll() else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func storeResponse(_ value: String, forKey key: String) async {
        guard let path = path(key) else { return }
        do {
            if try !StoreFileSystem.checkOwnDirectory(directory) { try StoreFileSystem.createPrivateDirectory(directory, parent: storeDirectory) }
            try StoreFileSystem.writeAtomically(Array(value.utf8), to: path, directory: directory)
        } catch {
            // A cache that cannot be written only costs the next run a call.
        }
    }
}
