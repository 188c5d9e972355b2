/// Where a reader stands in an append-only file of `JournalFormat` records, and the one
/// catch-up both journals of a store follow: the job journal (`StoreReplica`) and the key
/// journal (`KeyJournal`).
///
/// A catch-up folds the complete records appended since `offset`, then decides what an
/// incomplete or bad record at the end means for the lock held: without a lock it may be a write
/// in progress (look again under the shared lock); under a lock, a bad record with valid records
/// after it is damage, and anything else is a torn tail, remembered under the shared lock (and
/// not read again while the file stays as it is) and cut off under the exclusive one.
struct JournalTail {
    /// The end of the last record folded in.
    var offset: Int64
    /// A torn tail seen under the shared lock, skipped while the file keeps this size.
    private var knownTornTail: (offset: Int64, size: Int64)?

    init(offset: Int64) {
        self.offset = offset
    }

    /// Where and why a scan stopped before the end of the bytes.
    struct Stop {
        var stop: JournalFormat.Stop
        /// The offset in the scanned bytes where it stopped.
        var at: Int {
            switch stop {
            case .incomplete(let offset), .bad(let offset, _): offset
            }
        }
        /// What is wrong there, for messages.
        var reason: String {
            switch stop {
            case .incomplete: "record runs past the end of the journal"
            case .bad(_, let why): why
            }
        }
        var isBad: Bool {
            if case .bad = stop { return true }
            return false
        }
    }

    /// What the reader does after settling a stop.
    enum Settled {
        /// Done: the tail is torn (remembered or cut off).
        case settled
        /// No lock is held: look again under the shared lock, once no writer is active.
        case lookAgainUnderSharedLock
    }

    /// Whether a file of `size` bytes holds nothing to fold: nothing past `offset`, or (without a
    /// lock) only the torn tail already seen.
    func isCaughtUp(size: Int64, _ access: StoreReplica.Access) -> Bool {
        guard size > offset else { return true }
        if access == .unlocked, let torn = knownTornTail, torn.offset == offset, torn.size == size { return true }
        return false
    }

    /// Folds every complete record of `bytes` (the file from `offset` on), passing each record's
    /// offset in the file, and moves `offset` past the records folded — also when `record`
    /// throws, since those before it were folded.
    ///
    /// - Returns: Where the scan stopped before the end of `bytes`, or `nil`.
    mutating func fold(
        _ bytes: UnsafeRawBufferPointer, _ record: (_ at: Int64, _ payload: UnsafeRawBufferPointer) throws(StoreError) -> Void
    ) throws(StoreError) -> Stop? {
        let base = offset
        var consumed = 0
        defer { offset = base + Int64(consumed) }
        let (_, stop) = try JournalFormat.scan(bytes, from: 0) { (recordOffset, payload) throws(StoreError) in
            try record(base + Int64(recordOffset), payload)
            consumed = recordOffset + JournalFormat.recordHeaderSize + payload.count
        }
        return stop.map(Stop.init)
    }

    /// Settles a stop of the last `fold` over `bytes`, the file being `size` bytes long.
    ///
    /// - Parameters:
    ///   - damaged: The error for a bad or incomplete record followed by valid ones (given the
    ///     reason and `offset`); thrown under a lock.
    ///   - bad: Called under a lock for a whole record that fails its check and has no valid
    ///     record after it, before the tail is remembered or cut off: it may throw (the key
    ///     journal fails closed) or keep the bytes (the job journal sets them aside).
    /// - Throws: What `damaged` returns or `bad` throws; `StoreError` when cutting the tail fails.
    mutating func settle(
        _ stop: Stop, in bytes: UnsafeRawBufferPointer, size: Int64, _ access: StoreReplica.Access, file: StoreFile,
        damaged: (_ reason: String, _ offset: Int64) -> StoreError,
        bad: (_ stop: Stop, _ offset: Int64, _ access: StoreReplica.Access) throws(StoreError) -> Void
    ) throws(StoreError) -> Settled {
        guard access != .unlocked else { return .lookAgainUnderSharedLock }
        if JournalFormat.hasValidRecord(bytes, after: stop.at) { throw damaged(stop.reason, offset) }
        if stop.isBad { try bad(stop, offset, access) }
        if access == .exclusive {
            // Only now is the tail dropped: a torn write (the unacknowledged end of an append a
            // crash interrupted) or a damaged tail already dealt with by `bad`.
            try file.truncate(to: offset)
            try file.syncData()
        } else {
            knownTornTail = (offset, size)
        }
        return .settled
    }
}
