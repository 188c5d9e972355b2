import AIOSSystem

/// The store's `metrics/` directory: one file per process (`<process-id>.json`), each replaced
/// whole by its process about once a second, plus `retired.json`, the sum of processes that
/// have ended. See docs/observability.md.
///
/// Writes are atomic (temporary file, then `rename`) but never fsynced: metrics are not worth a
/// disk flush, and a crash loses at most the last second of one process's counts.
struct MetricsDirectory {
    let path: String
    let storeDirectory: String

    init(storeDirectory: String) {
        self.storeDirectory = storeDirectory
        path = storeDirectory + "/metrics"
    }

    static let retiredName = "retired.json"
    private static let lockName = ".lock"

    /// Replaces the process's file with its current values.
    ///
    /// - Throws: `StoreError` when the directory or file cannot be written.
    func write(_ process: MetricsProcess) throws(StoreError) {
        // metrics/ is a directory of the store's, never a link (checked on every write: the
        // lstat costs nothing beside the write, once a second).
        if !StoreFileSystem.exists(storeDirectory) { try StoreFileSystem.createDirectory(storeDirectory) }
        try StoreFileSystem.createPrivateDirectory(path, parent: storeDirectory)
        try replace(path + "/" + process.id + ".json", with: process.json.serialized())
    }

    /// Sums every file, folding the files of ended processes into `retired.json` (and removing
    /// them) so the directory does not grow with every process ever started.
    ///
    /// Runs under an exclusive lock on `metrics/.lock`, so two collectors never fold the same
    /// file twice. A collector that crashes after writing `retired.json` but before removing the
    /// folded files leaves their ids listed there; the next one removes them without counting
    /// them again.
    /// - Parameter now: The current time, Unix milliseconds.
    /// - Throws: `StoreError` when the directory cannot be listed or `retired.json` not written.
    func collect(now: Int64) throws(StoreError) -> MetricsCollection {
        var collection = MetricsCollection()
        guard try StoreFileSystem.checkOwnDirectory(path) else { return collection }
        let lock = try StoreFile(path: path + "/" + Self.lockName, flags: O_RDWR, create: true)
        try lock.lock(LOCK_EX)
        defer { try? lock.lock(LOCK_UN) }

        var retired = MetricsSnapshot()
        var alreadyFolded: Set<String> = []
        if let file = try StoreFile.openIfExists(path: path + "/" + Self.retiredName) {
            let bytes = try file.readAll()
            guard let value = try? JSONValue.parse(bytes) else {
                throw StoreError(.corrupt, "metrics/retired.json is not valid JSON", path: file.path)
            }
            retired = MetricsSnapshot(json: value["metrics"] ?? .null)
            alreadyFolded = Set((value["folded"]?.arrayValue ?? []).compactMap(\.stringValue))
        }

        var ended: [MetricsProcess] = []
        var leftovers: [String] = []
        for name in try StoreFileSystem.list(path).sorted() where name.hasSuffix(".json") && name != Self.retiredName {
            let id = String(name.dropLast(5))
            if alreadyFolded.contains(id) {
                leftovers.append(id)
                continue
            }
            let bytes = try? StoreFile.openIfExists(path: path + "/" + name)?.readAll()
            if let process = collection.add(bytes, id: id, name: name, now: now) { ended.append(process) }
        }

        for process in ended { retired.merge(process.metrics) }
        if !ended.isEmpty {
            let folded = ended.map(\.id) + leftovers
            let document: JSONValue = [
                "format": .int(MetricsProcess.formatVersion), "folded": .strings(folded), "metrics": retired.json,
            ]
            try replace(path + "/" + Self.retiredName, with: document.serialized())
        }
        for id in ended.map(\.id) + leftovers {
            try? StoreFileSystem.remove(path + "/" + id + ".json")
            try? StoreFileSystem.remove(path + "/" + id + ".tmp")
        }
        collection.totals.merge(retired)
        return collection
    }

    /// Writes `bytes` to a temporary file and renames it over `target` (no fsync).
    private func replace(_ target: String, with bytes: [UInt8]) throws(StoreError) {
        let temporary = String(target.dropLast(5)) + ".tmp"
        do {
            let file = try StoreFile(path: temporary, flags: O_WRONLY | O_TRUNC, create: true)
            try file.write(bytes)
        } catch {
            try? StoreFileSystem.remove(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let error = StoreError.system("rename", path: target)
            try? StoreFileSystem.remove(temporary)
            throw error
        }
    }
}

extension MetricsCollection {
    /// Adds one stored entry (a `metrics/` file, an `aios_metrics` row) of process `id`: summed
    /// into the totals (and `live` when it is), or listed in `unreadable` under `name`.
    ///
    /// - Returns: The process when it has ended, for the caller to fold into the retired sum.
    mutating func add(_ bytes: [UInt8]?, id: String, name: String, now: Int64) -> MetricsProcess? {
        guard let bytes, let value = try? JSONValue.parse(bytes), let process = MetricsProcess(json: value), process.id == id else {
            unreadable.append(name)
            return nil
        }
        if process.hasEnded(now: now) { return process }
        totals.merge(process.metrics)
        if process.isLive(now: now) { live.append(process) }
        return nil
    }
}
