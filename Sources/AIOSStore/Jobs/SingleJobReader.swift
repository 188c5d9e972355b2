import AIOSSystem

/// Reads one job's current state straight from the store's files, without folding every job:
/// what `aiosctl status JOB` needs, at a cost that hardly grows with the store.
///
/// The job's entry is found in the snapshot by binary search of its index (snapshot format 3),
/// then the journal is walked record by record — reading only each record's length and the
/// start of its payload — and the records that carry the job's id are checked against their
/// checksums, decoded and folded onto that entry by the same `JobStateMachine.apply(_:)` as a
/// full load. Nothing else in the fold changes a job's record: the idempotency index, the
/// queue of active jobs and the webhook outbox are derived from the records, not inputs to
/// them, and a submission's `order` (the only value taken from the whole store) is the number
/// of records before it, which the walk counts.
///
/// Whenever the files are not exactly as this build writes them on a healthy store — a snapshot
/// older than format 3, a journal sealed by an unfinished compaction, a record laid out
/// differently, anything damaged in what it reads — the answer is `.undecided`, and the caller
/// folds the whole store instead, which gives the same answer or reports the damage. Damage in
/// records of other jobs, which are not checksummed here, is reported by a full load and by
/// `store verify`. Run under the shared lock, so that no writer is half-way through an append
/// and no compaction replaces the files meanwhile.
struct SingleJobReader {
    let directory: String
    let id: JobID
    /// The store's phases.
    let graph: PhaseGraph

    enum Answer {
        /// The job as a full load would show it (`nil`: no such job).
        case job(JobRecord?)
        /// This store cannot be read one job at a time now; fold it whole.
        case undecided
    }

    func read() throws(StoreError) -> Answer {
        let generation = try StoreReplica.readCurrent(directory: directory)
        var machine = JobStateMachine(graph: graph)
        if generation > 0 {
            let path = directory + "/" + StoreReplica.snapshotName(generation)
            guard let file = try? StoreFile.openIfExists(path: path) else { return .undecided }
            let snapshot = try MappedFile(file, count: Int(try file.size), populate: false)
            let header = try SnapshotCodec.header(snapshot.bytes, path: path)
            guard header.format >= SnapshotCodec.indexedFormat, header.generation == generation,
                header.payloadLength == UInt64(snapshot.bytes.count - SnapshotCodec.headerSize)
            else { return .undecided }
            machine = JobStateMachine(graph: graph, sequence: header.sequence, reservingCapacity: 1)
            switch snapshotEntry(snapshot.bytes, format: header.format, path: path) {
            case .job(let record?): machine.insertLoaded(record)
            case .job(nil): break
            case .undecided: return .undecided
            }
        }
        let path = directory + "/" + StoreReplica.journalName(generation)
        guard let file = try? StoreFile.openIfExists(path: path) else { return .undecided }
        let size = Int(try file.size)
        guard size >= JournalFormat.headerSize else { return .undecided }
        let journal = try MappedFile(file, count: size, populate: true)
        let found = try JournalFormat.parseHeader(Array(journal.bytes[0..<JournalFormat.headerSize]), path: path)
        guard found == generation else { return .undecided }
        return fold(journal.bytes, onto: machine)
    }

    /// The job's entry in a format 3 snapshot, found by binary search of the index.
    private func snapshotEntry(_ bytes: UnsafeRawBufferPointer, format: UInt32, path: String) -> Answer {
        let countOffset = SnapshotCodec.headerSize
        let jobsStart = countOffset + 8
        guard bytes.count >= jobsStart else { return .undecided }
        let count = Int(clamping: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: countOffset, as: UInt64.self)))
        guard count <= bytes.count / SnapshotCodec.indexEntrySize else { return .undecided }
        let indexStart = bytes.count - count * SnapshotCodec.indexEntrySize
        guard indexStart >= jobsStart else { return .undecided }
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let at = indexStart + middle * SnapshotCodec.indexEntrySize
            guard let entry = try? SnapshotCodec.indexEntry(bytes, at: at, path: path) else { return .undecided }
            if entry.id < id {
                low = middle + 1
            } else if id < entry.id {
                high = middle
            } else {
                guard entry.offset >= jobsStart, entry.length > 0, entry.offset <= indexStart - entry.length else {
                    return .undecided
                }
                let range = entry.offset..<(entry.offset + entry.length)
                guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[range])) == entry.checksum else {
                    return .undecided
                }
                var reader = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[..<range.upperBound]), path: path, offset: range.lowerBound)
                guard let record = try? SnapshotCodec.decodeEntry(&reader, format: format, graph: graph),
                    record.id == id, reader.offset == range.upperBound
                else { return .undecided }
                return .job(record)
            }
        }
        return .job(nil)
    }

    /// Folds the job's records of the journal in `bytes` onto `machine`.
    private func fold(_ bytes: UnsafeRawBufferPointer, onto start: JobStateMachine) -> Answer {
        var machine = start
        let heads = RecordHeads(id: id)
        let base = machine.sequence
        var applied: UInt64 = 0
        var decoder = JournalRecordDecoder(graph: graph)
        var offset = JournalFormat.headerSize
        while offset < bytes.count {
            guard case .valid(let length) = JournalFormat.frame(bytes, at: offset) else {
                // Under the shared lock no append is in progress: garbage up to the end is a
                // torn tail, which a full load ignores too; anything valid after it is damage.
                if JournalFormat.hasValidRecord(bytes, after: offset) { return .undecided }
                break
            }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + JournalFormat.recordHeaderSize)..<(offset + JournalFormat.recordHeaderSize + length)])
            switch heads.owner(of: payload) {
            case .other:
                break
            case .target:
                guard JournalFormat.checksumMatches(bytes, at: offset, length: length) else {
                    if JournalFormat.hasValidRecord(bytes, after: offset) { return .undecided }
                    return .job(machine.jobs[id])
                }
                guard let event = try? decoder.decode(payload), event.jobID == id else { return .undecided }
                machine.skipEvents(to: base + applied)
                do { try machine.apply(event) } catch { return .undecided }
            case .unknown:
                // A seal (a compaction that has not switched CURRENT yet) or a layout this
                // build does not write.
                return .undecided
            }
            applied += 1
            offset += JournalFormat.recordHeaderSize + length
        }
        return .job(machine.jobs[id])
    }

    private enum Owner {
        case target
        case other
        case unknown
    }

    /// Text compared a machine word at a time: the start of a payload and of its `job_id`
    /// member, and the id looked for.
    private struct Pattern {
        var words: [UInt64] = []
        var tail: [UInt8] = []

        init(_ text: [UInt8]) {
            var index = 0
            while index + 8 <= text.count {
                words.append(text[index..<(index + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) })
                index += 8
            }
            tail = Array(text[index...])
        }

        var count: Int { words.count * 8 + tail.count }

        /// Whether the `count` bytes at `offset` of `bytes` (known to be there) are this text.
        func matches(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
            var index = offset
            for word in words {
                guard UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) == word else { return false }
                index += 8
            }
            for byte in tail {
                guard bytes[index] == byte else { return false }
                index += 1
            }
            return true
        }
    }

    /// Tells whose record a payload is from its first bytes: `JobEvent.serialized()` writes
    /// `type` first and, for every record about a job, `job_id` second, in its canonical text.
    private struct RecordHeads {
        let typePrefix = Pattern(Array(#"{"type":""#.utf8))
        let jobIDMember = Pattern(Array(#","job_id":""#.utf8))
        let target: Pattern

        init(id: JobID) { target = Pattern(Array(id.rawValue.utf8)) }

        func owner(of payload: UnsafeRawBufferPointer) -> Owner {
            let prefix = typePrefix.count
            guard let base = payload.baseAddress, payload.count > prefix + 32, typePrefix.matches(payload, at: 0) else {
                return .unknown
            }
            // Record types are short and never escaped: a quote escaped or not found early
            // means a record this build does not write.
            guard let found = memchr(base + prefix, Int32(UInt8(ascii: "\"")), 32) else { return .unknown }
            let quote = base.distance(to: UnsafeRawPointer(found))
            let idStart = quote + 1 + jobIDMember.count
            guard payload[quote - 1] != UInt8(ascii: "\\"), idStart + JobID.length < payload.count,
                jobIDMember.matches(payload, at: quote + 1), payload[idStart + JobID.length] == UInt8(ascii: "\"")
            else { return .unknown }
            return target.matches(payload, at: idStart) ? .target : .other
        }
    }
}
