import AIOSCrypto
import AIOSSystem

/// The file store's side of `aiosctl store copy`: reading a whole store directory as
/// ``StoreContents``, and writing contents as a new store directory.
package enum FileStoreContents {
    /// Reads the store in `directory` under its shared lock (writers wait; readers go on), each
    /// artifact checked against its SHA-256.
    ///
    /// - Throws: `StoreError` when there is no store there, or it cannot be read or is damaged.
    package static func read(directory: String, graph: PhaseGraph) throws(StoreError) -> StoreContents {
        guard try StoreFileSystem.existence(directory) else {
            throw StoreError(.io, "\(directory) does not exist", path: directory)
        }
        guard try StoreFileSystem.existence(directory + "/" + StoreReplica.currentName) else {
            throw StoreError(.io, "\(directory) holds no aios store (it has no CURRENT file)", path: directory)
        }
        let replica = try StoreReplica(directory: directory, graph: graph, loading: true)
        return try replica.withStoreLock(LOCK_SH) { () throws(StoreError) -> StoreContents in
            try replica.catchUp(.shared)
            var contents = StoreContents()
            contents.jobs = replica.machine.jobs.values.sorted { $0.order < $1.order }
            contents.sequence = replica.machine.sequence
            for (job, reference) in contents.referencedArtifacts {
                let bytes = try ArtifactFiles.verifiedBytes(reference, storeDirectory: directory)
                contents.artifacts.append(
                    StoredArtifact(path: reference.path, jobID: job.rawValue, sha256: reference.sha256, bytes: bytes))
            }
            contents.artifacts.sort { $0.path < $1.path }
            contents.keyEvents = try readKeyEvents(directory + "/" + KeyJournal.fileName)
            contents.rateLimits = try readRateLimits(directory + "/ratelimits")
            if let file = try StoreFile.openIfExists(path: directory + "/" + WebhookKeyring.fileName) {
                contents.webhookSecrets = try file.readAll()
            }
            return contents
        }
    }

    /// The payloads of `keys.log`, in order; a torn last record (an unacknowledged write) is left out.
    package static func readKeyEvents(_ path: String) throws(StoreError) -> [[UInt8]] {
        guard let file = try StoreFile.openIfExists(path: path) else { return [] }
        let bytes = try file.readAll()
        guard bytes.count >= KeyJournal.headerSize, Array(bytes.prefix(8)) == KeyJournal.magic else {
            throw StoreError(.unsupportedFormat, "not an aios key journal", path: path, offset: 0)
        }
        var payloads: [[UInt8]] = []
        let stop = bytes.withUnsafeBytes { raw in
            JournalFormat.scan(raw, from: KeyJournal.headerSize) { _, payload in payloads.append(Array(payload)) }.stop
        }
        if case .bad(let offset, let reason) = stop {
            throw StoreError(.corrupt, "keys.log is damaged: \(reason)", path: path, offset: Int64(offset))
        }
        return payloads
    }

    /// Each `ratelimits/` file's remembered calls (the day ring, oldest first) and times.
    package static func readRateLimits(_ folder: String) throws(StoreError) -> [RateLimitState] {
        guard try StoreFileSystem.checkOwnDirectory(folder) else { return [] }
        var states: [RateLimitState] = []
        for name in try StoreFileSystem.list(folder).sorted() where !name.contains(".tmp-") {
            let path = folder + "/" + name
            guard let file = try StoreFile.openIfExists(path: path) else { continue }
            try file.lock(LOCK_SH)
            let bytes = try file.readAll()
            try? file.lock(LOCK_UN)
            states.append(try rateLimitState(name: name, bytes: bytes, path: path))
        }
        return states
    }

    package static func rateLimitState(name: String, bytes: [UInt8], path: String) throws(StoreError) -> RateLimitState {
        func u32(_ offset: Int) -> Int {
            Int(bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) })
        }
        func i64(_ offset: Int) -> Int64 {
            bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Int64.self)) }
        }
        guard bytes.count >= RateLimitFile.headerSize, Array(bytes.prefix(8)) == RateLimitFile.magic else {
            throw StoreError(.corrupt, "not an aios rate-limit file", path: path, offset: 0)
        }
        let perMinute = u32(16), perDay = u32(20)
        guard perMinute > 0, perDay > 0, bytes.count == RateLimitFile.headerSize + 8 * (perMinute + perDay) else {
            throw StoreError(.corrupt, "rate-limit state has \(bytes.count) bytes, which does not fit its limits", path: path)
        }
        let dayStart = RateLimitFile.headerSize + 8 * perMinute
        let head = u32(RateLimitFile.dayHeadOffset) % perDay
        var calls: [Int64] = []
        for index in 0..<perDay {
            let value = i64(dayStart + 8 * ((head + index) % perDay))
            if value != 0 { calls.append(value) }
        }
        return RateLimitState(
            bucket: name, calls: calls, lastAdmitted: i64(RateLimitFile.lastAdmittedOffset),
            lastUsed: i64(RateLimitFile.lastUsedOffset))
    }

    /// A rate-limit file holding `state`: both rings filled with its newest calls, as if they
    /// had been admitted in order into a new file.
    package static func rateLimitFile(_ state: RateLimitState) throws(StoreError) -> [UInt8] {
        guard let limits = state.limits else {
            throw StoreError(.corrupt, "rate-limit bucket \(state.bucket) does not name its limits")
        }
        var bytes = RateLimitFile.magic
        JournalFormat.appendLittleEndian(RateLimitFile.version, to: &bytes)
        JournalFormat.appendLittleEndian(UInt32(0), to: &bytes)
        JournalFormat.appendLittleEndian(UInt32(limits.perMinute), to: &bytes)
        JournalFormat.appendLittleEndian(UInt32(limits.perDay), to: &bytes)
        JournalFormat.appendLittleEndian(state.lastAdmitted, to: &bytes)
        JournalFormat.appendLittleEndian(state.lastUsed, to: &bytes)
        func ring(_ count: Int) -> (head: UInt32, slots: [Int64]) {
            let newest = Array(state.calls.suffix(count))
            var slots = [Int64](repeating: 0, count: count)
            for (index, call) in newest.enumerated() { slots[index] = call }
            return (UInt32(newest.count % count), slots)
        }
        let minute = ring(limits.perMinute), day = ring(limits.perDay)
        JournalFormat.appendLittleEndian(minute.head, to: &bytes)
        JournalFormat.appendLittleEndian(day.head, to: &bytes)
        bytes += [UInt8](repeating: 0, count: 16)
        for slot in minute.slots + day.slots { JournalFormat.appendLittleEndian(slot, to: &bytes) }
        return bytes
    }

    /// Writes `contents` as a new store in `directory` (which must not exist yet): generation 1,
    /// whose snapshot holds every job, an empty journal, the artifacts, `keys.log`,
    /// `ratelimits/` and `webhook-secrets`. Every file is written durably (0600, directories 0700).
    package static func write(_ contents: StoreContents, to directory: String, graph: PhaseGraph) throws(StoreError) {
        guard mkdir(directory, 0o700) == 0, chmod(directory, 0o700) == 0 else { throw .system("mkdir", path: directory) }
        let artifacts = directory + "/" + StoreReplica.artifactsName
        try StoreFileSystem.createPrivateDirectory(artifacts, parent: directory)
        for artifact in contents.artifacts {
            let parts = artifact.path.split(separator: "/")
            guard parts.count == 3, parts[0] == StoreReplica.artifactsName, parts[1] == artifact.jobID,
                !parts[2].hasPrefix(".")
            else {
                throw StoreError(.corrupt, "artifact path \(artifact.path) is not artifacts/<job id>/<file>")
            }
            let jobDirectory = artifacts + "/" + artifact.jobID
            try StoreFileSystem.createPrivateDirectory(jobDirectory, parent: artifacts)
            try StoreFileSystem.writeAtomically(artifact.bytes, to: directory + "/" + artifact.path, directory: jobDirectory)
        }
        let maxOrder = contents.jobs.map(\.order).max()
        let sequence = max(contents.sequence, maxOrder.map { $0 + 1 } ?? 0)
        let machine = JobStateMachine(graph: graph, records: contents.jobs, sequence: sequence)
        try StoreFileSystem.writeAtomically(
            SnapshotCodec.encode(machine, generation: 1), to: directory + "/" + StoreReplica.snapshotName(1), directory: directory)
        try StoreFileSystem.writeAtomically(
            JournalFormat.header(generation: 1), to: directory + "/" + StoreReplica.journalName(1), directory: directory)
        if !contents.keyEvents.isEmpty {
            var journal = KeyJournal.header()
            for payload in contents.keyEvents { JournalFormat.appendRecord(payload, to: &journal) }
            try StoreFileSystem.writeAtomically(journal, to: directory + "/" + KeyJournal.fileName, directory: directory)
        }
        if !contents.rateLimits.isEmpty {
            let folder = directory + "/ratelimits"
            try StoreFileSystem.createPrivateDirectory(folder, parent: directory)
            for state in contents.rateLimits {
                guard !state.bucket.contains("/"), !state.bucket.hasPrefix(".") else {
                    throw StoreError(.corrupt, "rate-limit bucket \(state.bucket) is not a file name")
                }
                try StoreFileSystem.writeAtomically(try rateLimitFile(state), to: folder + "/" + state.bucket, directory: folder)
            }
        }
        if let secrets = contents.webhookSecrets {
            try StoreFileSystem.writeAtomically(secrets, to: directory + "/" + WebhookKeyring.fileName, directory: directory)
        }
        try StoreReplica.writeCurrent(1, directory: directory)
    }

    /// Removes a directory tree this process made (a copy that did not complete). Links are
    /// removed as links.
    package static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            for name in (try? StoreFileSystem.list(path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// What a destination directory holds: `nil` when it does not exist, else its entries.
    package static func entries(_ path: String) throws(StoreError) -> [String]? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .system("stat", path: path)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw StoreError(.io, "\(path) exists and is not a directory", path: path) }
        return try StoreFileSystem.list(path)
    }

    /// Moves the finished copy `temporary` to `destination` (absent, or an empty directory) and
    /// makes the rename durable.
    package static func publish(_ temporary: String, as destination: String, parent: String) throws(StoreError) {
        guard rename(temporary, destination) == 0 else { throw .system("rename", path: destination) }
        try StoreFileSystem.syncDirectory(parent)
    }
}
