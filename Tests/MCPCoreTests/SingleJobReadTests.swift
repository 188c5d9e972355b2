#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import AIOSStore
@testable import MCPCore

/// Reading one job without loading the store (`aiosctl status JOB`) must give exactly what a
/// full load gives: across snapshot and journal, in every state, after retries, cancellations,
/// deletions and webhook deliveries, and at every point a crash can leave the journal.
@Suite struct SingleJobReadTests {
    static let url = "https://hooks.example/aios"
    let policy = WebhookRetryPolicy()

    /// Runs the phases of `id` (claimed only for it) until `phases` of them completed, or all.
    func run(_ store: JobStore, _ id: JobID, phases: Int = .max, worker: String = "w1") async throws {
        var job = try #require(try await store.claim(worker: worker, lease: .seconds(30), only: id))
        var done = 0
        while job.status == .running, done < phases, let phase = job.readyPhases(now: .max).first {
            _ = try await store.phaseStarted(id, phase: phase, worker: worker)
            job = try await store.phaseSucceeded(id, phase: phase, worker: worker, artifact: StoreFixtures.artifact(phase))
            done += 1
        }
    }

    /// Builds a store whose jobs end up in every state, compacting after step `compactAfter`
    /// (so that jobs are partly in the snapshot and changed again in the journal). Returns every
    /// id it submitted.
    func populate(_ store: JobStore, clock: ManualJobClock, compactAfter: Int?) async throws -> [JobID] {
        var ids: [JobID] = []
        func submit(_ text: String, phases: [Phase] = Phase.allCases, key: String? = nil, webhook: String? = nil, owner: String? = nil)
            async throws -> JobID
        {
            let id = try await store.submit(
                JobSubmission(request: StoreFixtures.brief(text), phases: phases, idempotencyKey: key, webhookURL: webhook, owner: owner)
            ).job.id
            ids.append(id)
            return id
        }
        let steps: [() async throws -> Void] = [
            { // completed, with a webhook delivery that fails once
                let a = try await submit("completed", key: "a", webhook: Self.url)
                try await run(store, a)
                let claimed = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
                try await store.recordWebhookAttempt(
                    claimed, worker: "d1", report: WebhookAttemptReport(statusCode: 503), policy: policy, randomFraction: 0)
            },
            { // running, mid-phase, owned by a key
                let b = try await submit("running", owner: "key_owner0000000000")
                try await run(store, b, phases: 1)
                _ = try await store.phaseStarted(b, phase: .architecture, worker: "w1")
            },
            { // a retryable failure, then a final one
                let c = try await submit("failed", phases: [.strategy], webhook: Self.url)
                _ = try #require(try await store.claim(worker: "w2", lease: .seconds(30), only: c))
                _ = try await store.phaseStarted(c, phase: .strategy, worker: "w2")
                let failure = JobFailure(code: "AGENT_FAILURE", message: "boom")
                _ = try await store.phaseFailed(c, phase: .strategy, worker: "w2", error: failure, retryAt: 0)
                _ = try await store.phaseStarted(c, phase: .strategy, worker: "w2")
                _ = try await store.phaseFailed(c, phase: .strategy, worker: "w2", error: failure, retryAt: nil)
            },
            { // cancelled, retried, and cancelled again
                let d = try await submit("cancelled", webhook: Self.url)
                _ = try await store.cancel(d)
                _ = try await store.retry(d)
                try await run(store, d, phases: 1)
                _ = try await store.cancel(d)
            },
            { // a job deleted by retention (the others have deliveries to make); then the first
              // delivery succeeds on its retry
                let old = try await submit("deleted", phases: [.strategy])
                try await run(store, old)
                clock.advance(by: .seconds(2 * 86_400))
                #expect(try await store.collectGarbage(retention: .seconds(86_400)) == 1)
                #expect(try await store.job(old) == nil)
                let claimed = try #require(try await store.claimWebhookDelivery(worker: "d2", policy: policy, only: ids[0]))
                try await store.recordWebhookAttempt(
                    claimed, worker: "d2", report: WebhookAttemptReport(statusCode: 200), policy: policy, randomFraction: 0)
            },
            { // the same idempotency key from another owner is another job; a queued job
                _ = try await submit("same key, other owner", key: "a", owner: "key_other0000000000")
                _ = try await submit("queued", phases: [.ux])
            },
            { // the failed job retried and completed: a second delivery
                #expect(try await store.retry(ids[2]).status == .queued)
                try await run(store, ids[2])
                _ = try #require(try await store.claimWebhookDelivery(worker: "d3", policy: policy, only: ids[2]))
            },
            { // a job failed as a whole; a lease that lapsed, reclaimed by another worker
                let timedOut = try await submit("timed out", webhook: Self.url)
                _ = try #require(try await store.claim(worker: "w4", lease: .seconds(30), only: timedOut))
                _ = try await store.failJob(timedOut, worker: "w4", error: JobFailure(code: "AGENT_TIMEOUT", message: "too long"))
                let e = try await submit("stalled")
                try await run(store, e, phases: 1)
                clock.advance(by: .seconds(60))
                _ = try #require(try await store.claim(worker: "w3", lease: .seconds(30), only: e))
            },
        ]
        for (index, step) in steps.enumerated() {
            try await step()
            if index == compactAfter { try await store.compact() }
        }
        return ids
    }

    /// The full fold of the store as it is on disk, without changing the files.
    func fullState(_ directory: String) throws -> JobStateMachine {
        let replica = try StoreReplica(directory: directory, loading: false)
        try replica.catchUp(.unlocked)
        return replica.machine
    }

    /// Checks every id against the full fold: the one-job read must decide, and agree.
    func expectOneJobReadsMatch(_ directory: String, _ ids: [JobID], mustDecide: Bool = true, _ context: String = "") throws {
        let full = try fullState(directory)
        for id in ids + [JobID.generate(milliseconds: 1_735_689_600_000)] {
            switch try SingleJobReader(directory: directory, id: id).read() {
            case .job(let record):
                #expect(record == full.jobs[id], "\(id) \(context)")
            case .undecided:
                #expect(!mustDecide, "undecided for \(id) \(context)")
            }
        }
    }

    @Test(arguments: [nil, 0, 1, 2, 3, 4, 5, 6, 7] as [Int?])
    func oneJobReadsEqualTheFullFold(compactAfter: Int?) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let ids = try await populate(store, clock: clock, compactAfter: compactAfter)
        let states = Set(try await store.jobs(limit: .max).map(\.status))
        #expect(states == Set(JobStatus.allCases))
        try expectOneJobReadsMatch(directory.store, ids)

        // Through the public API: a store opened without loading answers from one job, and
        // stays unloaded; an eagerly loaded one agrees.
        let lazy = try await JobStore.open(at: directory.store, clock: clock, options: JobStoreOptions(loadsOnOpen: false))
        let eager = try await JobStore.open(at: directory.store, clock: clock)
        for id in ids {
            #expect(try await lazy.job(id) == (try await eager.job(id)))
            #expect(try await lazy.webhookDeliveries(job: id) == (try await eager.webhookDeliveries(job: id)))
        }
        #expect(try await lazy.artifact(ids[0], phase: .code) == StoreFixtures.artifact(.code))
        #expect(try await lazy.jobs(limit: .max) == (try await eager.jobs(limit: .max)))
    }

    @Test func automaticCompactionEveryFewWritesKeepsReadsEqual() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock, options: JobStoreOptions(compactionThresholdBytes: 1500))
        let ids = try await populate(store, clock: clock, compactAfter: nil)
        #expect(try await store.summary().generation > 3)
        try expectOneJobReadsMatch(directory.store, ids)
    }

    @Test func aJournalCutAnywhereReadsLikeTheFullFold() async throws {
        let source = TemporaryDirectory()
        defer { source.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: source.store, clock: clock)
        let ids = try await populate(store, clock: clock, compactAfter: 3)
        let generation = try await store.summary().generation
        let journalName = StoreReplica.journalName(generation)
        let journal = StoreFixtures.readFile(source.store + "/" + journalName)
        let others = ["CURRENT", StoreReplica.snapshotName(generation)].map { ($0, StoreFixtures.readFile(source.store + "/" + $0)) }
        #expect(journal.count > 2000)
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        mkdir(directory.store, 0o700)
        for (name, bytes) in others { StoreFixtures.writeFile(directory.store + "/" + name, bytes) }
        // Every kind of cut, at every record: at its start, inside its header, just after it,
        // mid-payload, one byte short of its end.
        var cuts: Set<Int> = [journal.count]
        _ = journal.withUnsafeBytes { raw in
            JournalFormat.scan(raw, from: JournalFormat.headerSize) { offset, payload in
                let end = offset + JournalFormat.recordHeaderSize + payload.count
                cuts.formUnion([offset, offset + 1, offset + 4, offset + 7, offset + 8, offset + 9, (offset + end) / 2, end - 1])
            }
        }
        for cut in cuts.sorted() {
            StoreFixtures.writeFile(directory.store + "/" + journalName, Array(journal[0..<cut]))
            try expectOneJobReadsMatch(directory.store, ids, "cut at \(cut)")
        }
    }

    @Test func aDamagedRecordOfTheJobIsNeverReadAround() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let ids = try await populate(store, clock: clock, compactAfter: 3)
        let generation = try await store.summary().generation
        let path = directory.store + "/" + StoreReplica.journalName(generation)
        let bytes = StoreFixtures.readFile(path)
        // The first record of the stalled job, damaged in its payload, valid records after it.
        let target = ids[ids.count - 1]
        let at = try #require(find(Array(#""job_id":"\#(target.rawValue)""#.utf8), in: bytes))
        var damaged = bytes
        damaged[at + 3] ^= 0x01
        StoreFixtures.writeFile(path, damaged)
        guard case .undecided = try SingleJobReader(directory: directory.store, id: target).read() else {
            Issue.record("a damaged record of the job must send the read to the full fold")
            return
        }
        let lazy = try await JobStore.open(at: directory.store, clock: clock, options: JobStoreOptions(loadsOnOpen: false))
        let error = await #expect(throws: StoreError.self) { try await lazy.job(target) }
        #expect(error?.code == .corrupt)
        let eager = await #expect(throws: StoreError.self) { try await JobStore.open(at: directory.store, clock: clock) }
        #expect(eager?.offset == error?.offset)
    }

    @Test(arguments: [0, 20, 48, 52, 100])
    func aShortenedSnapshotIsReportedNotReadAround(keep: Int) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let ids = try await populate(store, clock: clock, compactAfter: 3)
        let generation = try await store.summary().generation
        let path = directory.store + "/" + StoreReplica.snapshotName(generation)
        StoreFixtures.writeFile(path, Array(StoreFixtures.readFile(path).prefix(keep)))
        let eager = await #expect(throws: StoreError.self) { try await JobStore.open(at: directory.store, clock: clock) }
        let lazy = try await JobStore.open(at: directory.store, clock: clock, options: JobStoreOptions(loadsOnOpen: false))
        let error = await #expect(throws: StoreError.self) { try await lazy.job(ids[0]) }
        #expect(error?.code == eager?.code && error?.message == eager?.message)
    }

    @Test func storesNotReadableOneJobAtATimeFallBackToTheFullFold() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let ids = try await populate(store, clock: clock, compactAfter: nil)
        let full = try fullState(directory.store)
        func expectFallback(_ context: String) async throws {
            let lazy = try await JobStore.open(at: directory.store, clock: clock, options: JobStoreOptions(loadsOnOpen: false))
            for id in ids {
                guard case .undecided = try SingleJobReader(directory: directory.store, id: id).read() else {
                    Issue.record("expected a fallback: \(context)")
                    return
                }
                #expect(try await lazy.job(id) == full.jobs[id].map(Job.init(record:)), "\(context)")
            }
        }
        // A snapshot written before the index existed (format 2).
        try await store.compact()
        let current = try await store.summary().generation
        let snapshotPath = directory.store + "/" + StoreReplica.snapshotName(current)
        StoreFixtures.writeFile(snapshotPath, SnapshotCodec.encode(full, generation: current, format: 2))
        try await expectFallback("format 2 snapshot")

        // A compaction that sealed its journal but did not switch CURRENT yet.
        try await store.compact()
        StoreFixtures.writeFile(snapshotPath, SnapshotCodec.encode(full, generation: current))
        var sealed = JournalFormat.header(generation: current)
        JournalFormat.appendRecord(JobEvent.sealed(next: current + 1).serialized(), to: &sealed)
        StoreFixtures.writeFile(directory.store + "/" + StoreReplica.journalName(current), sealed)
        StoreFixtures.writeFile(directory.store + "/CURRENT", Array("format 1\ngeneration \(current)\n".utf8))
        try await expectFallback("sealed journal")
    }

    @Test func damageElsewhereIsLeftToTheFullLoadAndVerify() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let ids = try await populate(store, clock: clock, compactAfter: 3)
        let expected = try fullState(directory.store)
        let generation = try await store.summary().generation
        // One job's snapshot entry and another job's journal record are damaged.
        let snapshotPath = directory.store + "/" + StoreReplica.snapshotName(generation)
        var snapshot = StoreFixtures.readFile(snapshotPath)
        let inSnapshot = ids[0]
        let entry = try #require(find(Array(inSnapshot.rawValue.utf8), in: snapshot))
        snapshot[entry + JobID.length + 9] ^= 0x01
        StoreFixtures.writeFile(snapshotPath, snapshot)
        let journalPath = directory.store + "/" + StoreReplica.journalName(generation)
        var journal = StoreFixtures.readFile(journalPath)
        let inJournal = ids[ids.count - 1]
        let record = try #require(find(Array(inJournal.rawValue.utf8), in: journal))
        journal[record + JobID.length + 4] ^= 0x01
        StoreFixtures.writeFile(journalPath, journal)

        // A one-job read checksums what it uses: those two jobs go to the full fold, which
        // reports the damage; the others are read, as they were, without seeing it.
        for id in [inSnapshot, inJournal] {
            guard case .undecided = try SingleJobReader(directory: directory.store, id: id).read() else {
                Issue.record("the damaged job \(id) must not be read one job at a time")
                continue
            }
        }
        for id in ids where id != inSnapshot && id != inJournal {
            guard case .job(let record) = try SingleJobReader(directory: directory.store, id: id).read() else {
                Issue.record("undecided for \(id)")
                continue
            }
            #expect(record == expected.jobs[id])
        }
        await #expect(throws: StoreError.self) { try await JobStore.open(at: directory.store, clock: clock) }
        let report = try await JobStore.verify(at: directory.store)
        #expect(report.problems.contains { $0.path == snapshotPath && $0.severity == .damage })
        #expect(report.problems.contains { $0.path == journalPath && $0.severity == .damage })
    }

    @Test func verifyChecksTheSnapshotIndex() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        _ = try await populate(store, clock: clock, compactAfter: nil)
        try await store.compact()
        let generation = try await store.summary().generation
        let path = directory.store + "/" + StoreReplica.snapshotName(generation)
        let good = StoreFixtures.readFile(path)
        #expect(try await JobStore.verify(at: directory.store).isHealthy)
        let count = good.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: SnapshotCodec.headerSize, as: UInt64.self)) }
        let indexStart = good.count - count * SnapshotCodec.indexEntrySize
        let size = SnapshotCodec.indexEntrySize

        /// The snapshot with its index changed by `change`, its checksums made to match again,
        /// as a writer with a bug would leave it: only the index check can tell.
        func rewritten(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var bytes = good
            change(&bytes)
            for entry in 0..<count {
                let at = indexStart + entry * size
                let checksum = CRC32.checksum(Array(bytes[at..<(at + size - 4)]))
                withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange((at + size - 4)..<(at + size), with: $0) }
            }
            let payload = CRC32.checksum(Array(bytes[SnapshotCodec.headerSize...]))
            withUnsafeBytes(of: payload.littleEndian) { bytes.replaceSubrange(40..<44, with: $0) }
            return bytes
        }
        let cases: [(String, [UInt8])] = [
            ("unsorted", rewritten { bytes in
                let first = Array(bytes[indexStart..<(indexStart + size)])
                bytes.replaceSubrange(indexStart..<(indexStart + size), with: bytes[(indexStart + size)..<(indexStart + 2 * size)])
                bytes.replaceSubrange((indexStart + size)..<(indexStart + 2 * size), with: first)
            }),
            ("wrong offset", rewritten { bytes in bytes[indexStart + JobID.length] &+= 1 }),
            ("wrong entry checksum", rewritten { bytes in bytes[indexStart + JobID.length + 12] ^= 0x01 }),
        ]
        for (name, bytes) in cases {
            StoreFixtures.writeFile(path, bytes)
            let report = try await JobStore.verify(at: directory.store)
            #expect(report.problems.contains { $0.severity == .damage && $0.message.contains("index") }, "\(name)")
        }
        // A damaged index entry is found by its own checksum, too.
        var flipped = good
        flipped[indexStart + 5] ^= 0x01
        StoreFixtures.writeFile(path, flipped)
        #expect(!(try await JobStore.verify(at: directory.store).isHealthy))
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
