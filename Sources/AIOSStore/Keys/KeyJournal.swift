import AIOSSystem

/// `keys.log` in the store directory and this process's fold of it.
///
/// The file has a 24-byte header (magic `AIOSKEYS`, format version u32 LE, 4 zero bytes, 8
/// reserved zero bytes) followed by records framed exactly as the job journal's
/// (`JournalFormat`): length, CRC-32, one compact JSON object. Writers hold the exclusive
/// `store.lock` (the job store's lock), catch up, decide, append and `fdatasync`; readers take
/// no lock; an incomplete last record is a torn write (ignored, dropped by the next writer), any
/// other bad record is damage, reported and never skipped or removed. When the file
/// outgrows `rewriteThresholdBytes` (only failed-authentication records make it grow without
/// bound), a writer replaces it atomically with every key event and the most recent failures;
/// readers notice the new inode and reload. Not thread-safe: `KeyStore` guards it with a mutex.
final class KeyJournal {
    static let fileName = "keys.log"
    static let magic: [UInt8] = Array("AIOSKEYS".utf8)
    static let version: UInt32 = 1
    static let headerSize = 24
    static let rewriteThresholdBytes: Int64 = 1 << 20

    let directory: String
    let path: String
    private(set) var machine = KeyStateMachine()
    private var file: StoreFile?
    private var inode: UInt64 = 0
    /// Where this process stands in the file, and a torn tail seen under the shared lock.
    private var tail = JournalTail(offset: 0)
    /// The end of the last record folded into `machine`.
    private var offset: Int64 {
        get { tail.offset }
        set { tail.offset = newValue }
    }
    private var lockFile: StoreFile?

    init(directory: String) {
        self.directory = directory
        path = directory + "/" + Self.fileName
    }

    static func header() -> [UInt8] {
        var bytes = magic
        JournalFormat.appendLittleEndian(version, to: &bytes)
        JournalFormat.appendLittleEndian(UInt32(0), to: &bytes)
        JournalFormat.appendLittleEndian(UInt64(0), to: &bytes)
        return bytes
    }

    // MARK: - Reading

    /// Folds in the records appended since the last call, reloading from the start when the
    /// file was replaced by a rewrite. A store without `keys.log` has no keys.
    ///
    /// - Throws: `StoreError.corrupt` with the byte offset for damage; `.unsupportedFormat` for a
    ///   file that is not a key journal or is of a newer format.
    func catchUp(_ access: StoreReplica.Access) throws(StoreError) {
        while true {
            var info = stat()
            guard stat(path, &info) == 0 else {
                if errno == ENOENT {
                    reset()
                    return
                }
                throw .system("stat", path: path)
            }
            if file == nil || UInt64(info.st_ino) != inode {
                // New, or replaced by a rewrite: fold it from the start, then look at the path again
                // in case it was replaced once more in between.
                try reopen()
                continue
            }
            let size = Int64(info.st_size)
            if tail.isCaughtUp(size: size, access) { return }
            guard let file else { return }
            let bytes = try file.read(at: offset, count: Int(size - offset))
            let path = path
            var next = machine
            let folded = bytes.withUnsafeBytes { raw in
                Result { () throws(StoreError) in
                    try tail.fold(raw) { (at, payload) throws(StoreError) in
                        do {
                            try next.apply(try KeyEvent(payload: Array(payload)))
                        } catch {
                            throw StoreError(.corrupt, "key record does not decode or fit: \(error)", path: path, offset: at)
                        }
                    }
                }
            }
            machine = next
            guard let stop = try folded.get() else { return }
            let settled = bytes.withUnsafeBytes { raw in
                Result { () throws(StoreError) in
                    try tail.settle(
                        stop, in: raw, size: size, access, file: file,
                        damaged: { _, offset in
                            StoreError(.corrupt, "damaged key record followed by valid records", path: path, offset: offset)
                        },
                        bad: { (stop, offset, _) throws(StoreError) in
                            // A whole record that fails its check is not a torn write but a damaged
                            // key record: perhaps the only key's creation, or a revocation. Reading
                            // on without it could turn authentication off or let a revoked key in,
                            // so key checks fail (closed) until a person repairs the file.
                            throw StoreError(
                                .corrupt, "damaged key record (\(stop.reason)); keys.log needs repair (see docs/store-format.md)",
                                path: path, offset: offset)
                        })
                }
            }
            switch try settled.get() {
            case .settled: return
            case .lookAgainUnderSharedLock:
                // Possibly an append in progress: look again once no writer is active.
                return try withStoreLock(LOCK_SH) { () throws(StoreError) in try catchUp(.shared) }
            }
        }
    }

    private func reset() {
        machine = KeyStateMachine()
        file = nil
        inode = 0
        tail = JournalTail(offset: 0)
    }

    private func reopen() throws(StoreError) {
        reset()
        guard let opened = try StoreFile.openIfExists(path: path, flags: O_RDWR | O_APPEND) else { return }
        var info = stat()
        guard fstat(opened.descriptor, &info) == 0 else { throw .system("stat", path: path) }
        let header = try opened.read(at: 0, count: Self.headerSize)
        guard header.count == Self.headerSize, Array(header[0..<8]) == Self.magic else {
            throw StoreError(.unsupportedFormat, "\(path) is not an aios key journal", path: path, offset: 0)
        }
        let found = header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) }.littleEndian
        guard found <= Self.version, found > 0 else {
            throw StoreError(
                .unsupportedFormat, "key journal format \(found) is newer than this aios (\(Self.version)); upgrade aios",
                path: path)
        }
        guard header[12..<24].allSatisfy({ $0 == 0 }) else {
            throw StoreError(.corrupt, "key journal header has non-zero reserved bytes", path: path, offset: 12)
        }
        file = opened
        inode = UInt64(info.st_ino)
        offset = Int64(Self.headerSize)
    }

    // MARK: - Writing

    /// Decides and records a change under the exclusive store lock, against the latest state.
    ///
    /// - Parameters:
    ///   - durable: `fdatasync` before returning (key changes); failed-authentication records
    ///     skip it, since nothing is acknowledged on their strength.
    ///   - decide: Returns the events to record (possibly none).
    ///   - result: Computes the caller's result from the state with the events applied.
    /// - Throws: What `decide` throws, or `StoreError`.
    func write<R>(
        durable: Bool, _ decide: (KeyStateMachine) throws -> [KeyEvent], result: (KeyStateMachine, [KeyEvent]) throws -> R
    ) throws -> R {
        try StoreFileSystem.createDirectory(directory)
        let lock = try storeLock()
        try lock.lock(LOCK_EX)
        defer { try? lock.lock(LOCK_UN) }
        if !StoreFileSystem.exists(path) {
            try StoreFileSystem.writeAtomically(Self.header(), to: path, directory: directory)
        }
        try catchUp(.exclusive)
        let events = try decide(machine)
        guard !events.isEmpty else { return try result(machine, events) }
        var next = machine
        var buffer: [UInt8] = []
        for event in events {
            try next.apply(event)
            JournalFormat.appendRecord(event.serialized(), to: &buffer)
        }
        guard let file else { throw StoreError(.io, "the key journal is not open", path: path) }
        do {
            try file.write(buffer)
            if durable { try file.syncData() }
        } catch {
            // What reached the file is unknown: read it again next time.
            reset()
            throw error
        }
        machine = next
        offset += Int64(buffer.count)
        if offset > Self.rewriteThresholdBytes { try rewrite() }
        return try result(machine, events)
    }

    /// Replaces the file with the retained events (exclusive lock held, caught up): a new file
    /// written aside, fsynced and renamed over the old one, so a crash leaves one or the other.
    private func rewrite() throws(StoreError) {
        var bytes = Self.header()
        for event in machine.retainedEvents { JournalFormat.appendRecord(event.serialized(), to: &bytes) }
        try StoreFileSystem.writeAtomically(bytes, to: path, directory: directory)
        // Fold the new file from scratch, as every other process will.
        reset()
        try catchUp(.exclusive)
    }

    /// Runs `body` holding the store's `store.lock` in `operation` mode, the lock the job store
    /// uses, so key changes and job changes never interleave their appends or compactions.
    func withStoreLock<T>(_ operation: Int32, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let lock = try storeLock()
        try lock.lock(operation)
        defer { try? lock.lock(LOCK_UN) }
        return try body()
    }

    private func storeLock() throws(StoreError) -> StoreFile {
        if let lockFile { return lockFile }
        let lock = try StoreFile(path: directory + "/" + StoreReplica.lockName, flags: O_RDWR, create: true)
        lockFile = lock
        return lock
    }
}
