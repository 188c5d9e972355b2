import AIOSSystem

/// This process's copy of the store's state, and the files it is read from and appended to.
///
/// Other processes append to the same journal; `catchUp` folds in what they wrote. Appends and
/// compaction happen only under the exclusive `store.lock`, after catching up, so each decision
/// is made against the latest state (compare-and-append). Confined to its `JobStore`'s queue,
/// except `readView`, which it publishes for other threads and withdraws before every change.
final class StoreReplica {
    enum Access {
        /// No lock held: an incomplete or bad record at the tail may be a write in progress.
        case unlocked
        /// The shared lock: no writer is active, so a bad record is a torn tail or damage.
        case shared
        /// The exclusive lock: as `shared`, and a torn tail is truncated away.
        case exclusive
    }

    let directory: String
    /// The store's phases, given by the pipeline that opened it.
    let graph: PhaseGraph
    private let lockFile: StoreFile
    /// The jobs as of `journalOffset`, for lock-free reads from other threads (see `publish()`).
    let readView = StoreReadView()
    /// The state. Changed only by this class and through `changeMachine`, both of which first
    /// withdraw `readView`, so that its tables are changed in place rather than copied.
    private(set) var machine: JobStateMachine
    /// The journal being followed; `nil` until the state is first loaded.
    private var journal: StoreFile? {
        willSet { readView.withdraw() }
    }
    private(set) var generation: UInt64 = 0
    /// The end of the last record folded into `machine`.
    private(set) var journalOffset: Int64 {
        get { tail.offset }
        set { tail.offset = newValue }
    }
    /// Where this replica stands in the journal, and a torn tail found under the shared lock
    /// (lock-free readers skip re-examining it while the journal has not changed).
    private var tail = JournalTail(offset: 0)
    private(set) var snapshotBytes: Int64 = 0
    /// Set when an append failed after its events were applied in memory: the next access
    /// reloads from disk rather than trust this copy.
    var needsReload = false {
        didSet { if needsReload { readView.withdraw() } }
    }
    static let currentName = "CURRENT"
    static let lockName = "store.lock"
    static let artifactsName = "artifacts"

    static func journalName(_ generation: UInt64) -> String { "journal-\(generation).log" }
    static func snapshotName(_ generation: UInt64) -> String { "snapshot-\(generation)" }

    func path(_ name: String) -> String { directory + "/" + name }

    /// Opens (creating when missing) the store in `directory`.
    ///
    /// - Parameter loading: Load the state now, under the exclusive lock, truncating a torn tail
    ///   left by a crashed writer. Otherwise it is loaded when first needed, and `job(_:)` may
    ///   read just one job until then.
    init(directory: String, graph: PhaseGraph, loading: Bool = true) throws(StoreError) {
        self.directory = directory
        self.graph = graph
        machine = JobStateMachine(graph: graph)
        try StoreFileSystem.createDirectory(directory)
        let lockFile = try StoreFile(path: directory + "/" + Self.lockName, flags: O_RDWR, create: true)
        self.lockFile = lockFile
        needsReload = true
        if !loading && StoreFileSystem.exists(directory + "/" + Self.currentName) {
            try StoreFileSystem.createPrivateDirectory(directory + "/" + Self.artifactsName, parent: directory)
            return
        }
        try lockFile.lock(LOCK_EX)
        defer { try? lockFile.lock(LOCK_UN) }
        if !StoreFileSystem.exists(directory + "/" + Self.currentName) {
            // No pointer: a new store, unless it holds data (then CURRENT was lost, and
            // starting generation 0 beside it would hide every job it holds).
            try Self.refuseDataWithoutCurrent(directory: directory)
            // A crash during a first open may have left journal-0 without CURRENT; it is
            // still the right journal, since generation 0 has no snapshot.
            if !StoreFileSystem.exists(directory + "/" + Self.journalName(0)) {
                try StoreFileSystem.writeAtomically(
                    JournalFormat.header(generation: 0), to: directory + "/" + Self.journalName(0), directory: directory)
            }
            try Self.writeCurrent(0, directory: directory)
        }
        try StoreFileSystem.createPrivateDirectory(directory + "/" + Self.artifactsName, parent: directory)
        if loading { try reload(.exclusive) }
    }

    // MARK: - Reading

    /// A job as it is now. Before the state is first loaded, only that job is read (see
    /// `SingleJobReader`), under the shared lock; the whole state is loaded only when the
    /// store cannot be read that way.
    func job(_ id: JobID) throws(StoreError) -> JobRecord? {
        if journal == nil {
            let answer = try withStoreLock(LOCK_SH) { () throws(StoreError) in
                try SingleJobReader(directory: directory, id: id, graph: graph).read()
            }
            if case .job(let record) = answer { return record }
        }
        try catchUp(.unlocked)
        return machine.jobs[id]
    }

    /// Lets `readView` answer from the state as it is now, as long as the journal does not grow.
    /// Only a loaded, trusted state is published.
    func publish() {
        guard let journal, !needsReload else { return }
        readView.publish(journal: journal, offset: journalOffset, jobs: machine.jobs)
    }

    /// Changes the state; `readView` is withdrawn first.
    func changeMachine<R, E: Error>(_ change: (inout JobStateMachine) throws(E) -> R) throws(E) -> R {
        readView.withdraw()
        return try change(&machine)
    }

    /// Loads the state from scratch: CURRENT, its snapshot, its journal.
    func reload(_ access: Access) throws(StoreError) {
        let current = try Self.readCurrent(directory: directory)
        // Dropped first: a second reference while the new state is caught up would make the
        // first change to it copy every table. Until the load finishes, the state is not trusted.
        needsReload = true
        machine = JobStateMachine(graph: graph)
        var snapshotSize: Int64 = 0
        if current > 0 {
            let snapshotPath = path(Self.snapshotName(current))
            guard let file = try StoreFile.openIfExists(path: snapshotPath) else {
                throw StoreError(.corrupt, "CURRENT names generation \(current) but its snapshot is missing", path: snapshotPath)
            }
            let mapped = try MappedFile(file, count: Int(try file.size), populate: true)
            let contents = try SnapshotCodec.decode(mapped.bytes, path: snapshotPath, graph: graph)
            guard contents.generation == current else {
                throw StoreError(.corrupt, "snapshot is of generation \(contents.generation), expected \(current)", path: snapshotPath)
            }
            machine = contents.machine
            snapshotSize = Int64(mapped.bytes.count)
        }
        let file = try Self.openJournal(current, directory: directory)
        // A journal record is a few hundred bytes at least: room for what it can add.
        machine.reserveCapacity(forMore: Int(try file.size) / 400)
        journal = file
        generation = current
        journalOffset = Int64(JournalFormat.headerSize)
        snapshotBytes = snapshotSize
        needsReload = false
        try catchUp(access)
    }

    private static func openJournal(_ generation: UInt64, directory: String) throws(StoreError) -> StoreFile {
        let journalPath = directory + "/" + journalName(generation)
        // O_APPEND: every write lands at the end even if another process truncated a torn tail.
        let file = try StoreFile(path: journalPath, flags: O_RDWR | O_APPEND)
        let found = try JournalFormat.parseHeader(try file.read(at: 0, count: JournalFormat.headerSize), path: journalPath)
        guard found == generation else {
            throw StoreError(.corrupt, "journal header says generation \(found), expected \(generation)", path: journalPath)
        }
        return file
    }

    /// Folds in every complete record appended since the last call.
    ///
    /// - Throws: `StoreError.corrupt` with the byte offset when a bad record has valid records
    ///   after it, or a record does not decode or does not fit the state.
    func catchUp(_ access: Access) throws(StoreError) {
        if needsReload {
            if access == .unlocked {
                return try withStoreLock(LOCK_SH) { () throws(StoreError) in try reload(.shared) }
            }
            return try reload(access)
        }
        while true {
            guard let journal else { return try reload(access) }
            let size = try journal.size
            if tail.isCaughtUp(size: size, access) { return }
            readView.withdraw()
            let bytes = try JournalSpan(journal, from: journalOffset, to: size, access)
            var sealedNext: UInt64?
            let journalPath = journal.path
            var decoder = JournalRecordDecoder(graph: graph)
            let stop = try bytes.withBytes { raw throws(StoreError) in
                try tail.fold(raw) { (at, payload) throws(StoreError) in
                    if sealedNext != nil {
                        throw StoreError(.corrupt, "record after the journal was sealed", path: journalPath, offset: at)
                    }
                    let event: JobEvent
                    do {
                        event = try decoder.decode(payload)
                    } catch {
                        throw StoreError(.corrupt, "undecodable record: \(error)", path: journalPath, offset: at)
                    }
                    if case .sealed(let next) = event {
                        guard next == generation + 1 else {
                            throw StoreError(.corrupt, "seal names generation \(next)", path: journalPath, offset: at)
                        }
                        sealedNext = next
                    } else {
                        do { try machine.apply(event) } catch {
                            throw StoreError(.corrupt, "record does not fit the state: \(error)", path: journalPath, offset: at)
                        }
                    }
                }
            }
            if let next = sealedNext {
                try follow(next, access)
                continue
            }
            guard let stop else { return }
            let directory = directory
            let settled = try bytes.withBytes { raw throws(StoreError) in
                try tail.settle(
                    stop, in: raw, size: size, access, file: journal,
                    damaged: { reason, offset in
                        StoreError(
                            .corrupt, "damaged journal record (\(reason)) followed by valid records", path: journalPath,
                            offset: offset)
                    },
                    bad: { (stop, offset, access) throws(StoreError) in
                        // A whole record (or a region that cannot start one) that fails its
                        // check: acknowledged data, damaged. Under the exclusive lock its bytes
                        // are kept in a file of their own for a person to look at (`store verify`
                        // reports that file until it is removed) before the journal is cut back
                        // to the last good record, so that writing can go on.
                        guard access == .exclusive else { return }
                        try DamagedTail.setAside(
                            Array(UnsafeRawBufferPointer(rebasing: raw[stop.at...])), of: journalPath, at: offset,
                            directory: directory)
                    })
            }
            switch settled {
            case .settled: return
            case .lookAgainUnderSharedLock:
                // Possibly a write in progress: look again once no writer is active.
                return try withStoreLock(LOCK_SH) { () throws(StoreError) in try catchUp(.shared) }
            }
        }
    }

    /// Journal bytes not yet folded in: mapped when a lock is held and there are many (no
    /// writer can shorten the file then, and a long journal is not copied), else read.
    private enum JournalSpan {
        case read([UInt8])
        case mapped(MappedFile)

        init(_ journal: StoreFile, from offset: Int64, to size: Int64, _ access: Access) throws(StoreError) {
            let count = Int(size - offset)
            if access != .unlocked && count >= 1 << 20 {
                self = .mapped(try MappedFile(journal, offset: Int(offset), count: count, populate: true))
            } else {
                self = .read(try journal.read(at: offset, count: count))
            }
        }

        func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(StoreError) -> R) throws(StoreError) -> R {
            switch self {
            case .read(let bytes):
                let result = bytes.withUnsafeBytes { raw in Result { () throws(StoreError) in try body(raw) } }
                return try result.get()
            case .mapped(let file): return try body(file.bytes)
            }
        }
    }

    /// Runs `body` holding `store.lock` in `operation` mode (`LOCK_SH` or `LOCK_EX`).
    func withStoreLock<T>(_ operation: Int32, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try lockFile.lock(operation)
        defer { try? lockFile.lock(LOCK_UN) }
        return try body()
    }

    /// Moves on to the next generation after reading a seal: its journal continues from exactly
    /// the state the sealed journal ends with.
    private func follow(_ next: UInt64, _ access: Access) throws(StoreError) {
        guard StoreFileSystem.exists(path(Self.journalName(next))) else {
            // Compacted again and removed since: start over from CURRENT.
            if access == .unlocked {
                return try withStoreLock(LOCK_SH) { () throws(StoreError) in try reload(.shared) }
            }
            return try reload(access)
        }
        let file = try Self.openJournal(next, directory: directory)
        journal = file
        generation = next
        journalOffset = Int64(JournalFormat.headerSize)
        if let snapshot = try StoreFile.openIfExists(path: path(Self.snapshotName(next))) {
            snapshotBytes = try snapshot.size
        }
        if access == .exclusive {
            // Finish a compaction that sealed its journal but crashed before switching CURRENT.
            if try Self.readCurrent(directory: directory) < next { try Self.writeCurrent(next, directory: directory) }
            try removeGenerations(before: next)
        }
    }

    // MARK: - Writing (exclusive lock held, caught up)

    /// Appends events already applied to `machine` and makes them durable.
    func append(_ events: [JobEvent]) throws(StoreError) {
        guard !events.isEmpty else { return }
        guard let journal else { throw StoreError(.io, "the store's state was not loaded before a write", path: directory) }
        var buffer: [UInt8] = []
        for event in events {
            let payload = event.serialized(graph: graph)
            guard payload.count <= JournalFormat.maxPayload else {
                needsReload = true
                throw StoreError(.io, "a \(event.type) record of \(payload.count) bytes exceeds the 16 MiB limit", path: journal.path)
            }
            JournalFormat.appendRecord(payload, to: &buffer)
        }
        do {
            try journal.write(buffer)
            try journal.syncData()
        } catch {
            needsReload = true
            throw error
        }
        journalOffset += Int64(buffer.count)
    }

    /// Whether the journal has grown enough to be worth folding into a snapshot.
    func shouldCompact(thresholdBytes: Int64) -> Bool {
        journalOffset - Int64(JournalFormat.headerSize) > max(thresholdBytes, snapshotBytes)
    }

    /// Writes the state as snapshot N+1 with an empty journal N+1, seals journal N, switches
    /// CURRENT and removes generation N. Each step is durable before the next, so a crash
    /// anywhere leaves either generation N intact or N+1 complete (see docs/store-format.md).
    func compact() throws(StoreError) {
        guard let sealed = journal else { throw StoreError(.io, "the store's state was not loaded before compacting", path: directory) }
        let next = generation + 1
        let snapshot = SnapshotCodec.encode(machine, generation: next)
        try StoreFileSystem.writeAtomically(snapshot, to: path(Self.snapshotName(next)), directory: directory)
        try StoreFileSystem.writeAtomically(
            JournalFormat.header(generation: next), to: path(Self.journalName(next)), directory: directory)
        var seal: [UInt8] = []
        JournalFormat.appendRecord(JobEvent.sealed(next: next).serialized(graph: graph), to: &seal)
        try sealed.write(seal)
        try sealed.syncData()
        try Self.writeCurrent(next, directory: directory)
        journal = try Self.openJournal(next, directory: directory)
        generation = next
        journalOffset = Int64(JournalFormat.headerSize)
        snapshotBytes = Int64(snapshot.count)
        try removeGenerations(before: next)
    }

    /// Removes files of generations before `next`, and temporary files of interrupted atomic
    /// writes (only exclusive-lock holders write those, and one holds it now).
    private func removeGenerations(before next: UInt64) throws(StoreError) {
        for name in try StoreFileSystem.list(directory) {
            if name.contains(".tmp-") {
                try StoreFileSystem.remove(path(name))
                continue
            }
            let generationText: Substring
            if name.hasPrefix("journal-") && name.hasSuffix(".log") {
                generationText = name.dropFirst("journal-".count).dropLast(".log".count)
            } else if name.hasPrefix("snapshot-") {
                generationText = name.dropFirst("snapshot-".count)
            } else {
                continue
            }
            if let old = UInt64(generationText), old < next { try StoreFileSystem.remove(path(name)) }
        }
        try StoreFileSystem.syncDirectory(directory)
    }

    // MARK: - CURRENT

    /// What a store without `CURRENT` holds that only a store in use has: a snapshot, a journal
    /// other than generation 0's, a journal with records, job artifacts. Empty for a new store
    /// or one whose first open crashed before writing `CURRENT` (it leaves an empty journal-0).
    static func dataWithoutCurrent(directory: String) throws(StoreError) -> [String] {
        var found: [String] = []
        for name in try StoreFileSystem.list(directory).sorted() where !name.contains(".tmp-") {
            if name.hasPrefix("snapshot-") {
                found.append(name)
            } else if name.hasPrefix("journal-") && name.hasSuffix(".log") {
                if name == journalName(0) {
                    let file = try StoreFile.openIfExists(path: directory + "/" + name)
                    if try file?.size ?? 0 <= Int64(JournalFormat.headerSize) { continue }
                }
                found.append(name)
            }
        }
        if !(try StoreFileSystem.list(directory + "/" + artifactsName)).isEmpty { found.append(artifactsName + "/") }
        return found
    }

    /// Refuses a store that holds data but no `CURRENT`: it is damaged, not new.
    static func refuseDataWithoutCurrent(directory: String) throws(StoreError) {
        let found = try dataWithoutCurrent(directory: directory)
        guard !found.isEmpty else { return }
        throw StoreError(.corrupt, missingCurrentMessage(found), path: directory + "/" + currentName)
    }

    static func missingCurrentMessage(_ found: [String]) -> String {
        let generations = found.compactMap { name -> UInt64? in
            if name.hasPrefix("journal-") { return UInt64(name.dropFirst("journal-".count).prefix { $0.isNumber }) }
            if name.hasPrefix("snapshot-") { return UInt64(name.dropFirst("snapshot-".count)) }
            return nil
        }
        var message = "CURRENT is missing but the store holds data (\(found.joined(separator: ", "))): the store is damaged, not new, and is left as it is"
        if let newest = generations.max() {
            message += "; if generation \(newest) is the latest, restore CURRENT as the two lines 'format \(JournalFormat.version)' and 'generation \(newest)'"
        }
        return message
    }

    static func readCurrent(directory: String) throws(StoreError) -> UInt64 {
        let currentPath = directory + "/" + currentName
        guard let file = try StoreFile.openIfExists(path: currentPath) else {
            throw StoreError(.corrupt, "CURRENT is missing", path: currentPath)
        }
        let text = String(decoding: try file.readAll(), as: UTF8.self)
        let lines = text.split(separator: "\n")
        guard lines.count == 2, lines[0].hasPrefix("format "), lines[1].hasPrefix("generation "),
            let format = UInt32(lines[0].dropFirst("format ".count)),
            let generation = UInt64(lines[1].dropFirst("generation ".count))
        else {
            throw StoreError(.unsupportedFormat, "CURRENT is not an aios store pointer", path: currentPath)
        }
        try JournalFormat.checkVersion(format, path: currentPath)
        return generation
    }

    static func writeCurrent(_ generation: UInt64, directory: String) throws(StoreError) {
        let text = "format \(JournalFormat.version)\ngeneration \(generation)\n"
        try StoreFileSystem.writeAtomically(Array(text.utf8), to: directory + "/" + currentName, directory: directory)
    }
}
