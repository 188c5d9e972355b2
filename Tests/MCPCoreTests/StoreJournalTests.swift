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

@Suite struct StoreJournalTests {
    /// Builds a store holding a few jobs in varied states, returns its directory's journal bytes
    /// with each record's [start, end) range.
    func populatedJournal(in directory: TemporaryDirectory) async throws -> (bytes: [UInt8], records: [Range<Int>]) {
        let store = try await JobStore.open(at: directory.store, clock: ManualJobClock())
        let first = try await store.submit(JobSubmission(request: StoreFixtures.brief("first"), phases: [.strategy]))
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("second"), idempotencyKey: "idem"))
        _ = try await StoreFixtures.runToCompletion(store)
        _ = try await StoreFixtures.runToCompletion(store)
        let third = try await store.submit(JobSubmission(request: StoreFixtures.brief("third")))
        _ = try await store.cancel(third.job.id)
        #expect(try await store.job(first.job.id)?.status == .completed)
        let bytes = StoreFixtures.readFile(directory.store + "/journal-0.log")
        var records: [Range<Int>] = []
        _ = bytes.withUnsafeBytes { raw in
            JournalFormat.scan(raw, from: JournalFormat.headerSize) { offset, payload in
                records.append(offset..<(offset + JournalFormat.recordHeaderSize + payload.count))
            }
        }
        return (bytes, records)
    }

    /// The state a fresh machine reaches from `records` of `bytes`, as status results by id.
    func expectedState(_ bytes: [UInt8], records: ArraySlice<Range<Int>>) throws -> [String: JSONObject] {
        var machine = JobStateMachine()
        for range in records {
            let payload = Array(bytes[(range.lowerBound + JournalFormat.recordHeaderSize)..<range.upperBound])
            try machine.apply(try JobEvent(payload: payload))
        }
        var result: [String: JSONObject] = [:]
        for (id, record) in machine.jobs { result[id.rawValue] = Job(record: record).statusJSON }
        return result
    }

    @Test func everyTruncationPointReopensToExactlyTheRecordsBeforeTheCut() async throws {
        let source = TemporaryDirectory()
        defer { source.remove() }
        let (bytes, records) = try await populatedJournal(in: source)
        #expect(records.count >= 10)
        let current = StoreFixtures.readFile(source.store + "/CURRENT")
        for cut in JournalFormat.headerSize...bytes.count {
            let directory = TemporaryDirectory()
            defer { directory.remove() }
            mkdir(directory.store, 0o700)
            StoreFixtures.writeFile(directory.store + "/CURRENT", current)
            StoreFixtures.writeFile(directory.store + "/journal-0.log", Array(bytes[0..<cut]))
            let whole = records.prefix { $0.upperBound <= cut }
            let store = try await JobStore.open(at: directory.store, clock: ManualJobClock())
            let observed = try await StoreFixtures.observable(store)
            #expect(observed == (try expectedState(bytes, records: whole)), "cut at \(cut)")
            #expect(try await store.version() == UInt64(whole.count))
            // The torn tail was dropped: the journal ends at the last whole record.
            let kept = StoreFixtures.readFile(directory.store + "/journal-0.log")
            #expect(kept.count == (whole.last?.upperBound ?? JournalFormat.headerSize), "cut at \(cut)")
            // And the store keeps working after it (checked on a sample of cuts: each costs fsyncs).
            guard cut % 17 == 0 || records.contains(where: { $0.upperBound == cut }) else { continue }
            _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("after the cut")))
            let reopened = try await JobStore.open(at: directory.store, clock: ManualJobClock())
            #expect(try await reopened.version() == UInt64(whole.count + 1))
        }
    }

    /// Journals of a megabyte or more are mapped rather than read while a lock is held: the
    /// same state, the same torn-tail and damage handling.
    @Test func aLongJournalReadsTheSameAsAShortOne() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try await JobStore.open(at: directory.store)
        var machine = JobStateMachine()
        var journal = JournalFormat.header(generation: 0)
        var index: Int64 = 0
        while journal.count < 1_500_000 {
            let id = JobID.generate(milliseconds: 1_735_689_600_000 + index)
            let request = JSONValue.object(StoreFixtures.brief(String(repeating: "a brief of some length ", count: 20) + "\(index)"))
            var events: [JobEvent] = [
                .submitted(id: id, at: index, request: request.serialized(), phases: .all, idempotencyKey: "k\(index)", webhookURL: nil)
            ]
            if index % 3 == 0 { events.append(.claimed(id: id, at: index + 1, worker: "w", leaseExpiresAt: index + 30_000, stallCount: 0)) }
            if index % 5 == 0 { events.append(.cancelled(id: id, at: index + 2)) }
            for event in events {
                try machine.apply(event)
                JournalFormat.appendRecord(event.serialized(), to: &journal)
            }
            index += 1
        }
        let path = directory.store + "/journal-0.log"
        StoreFixtures.writeFile(path, journal)
        let expected = Dictionary(uniqueKeysWithValues: machine.jobs.map { ($0.key, Job(record: $0.value)) })
        let store = try await JobStore.open(at: directory.store)
        #expect(try await store.jobs(limit: .max).count == expected.count)
        for job in try await store.jobs(limit: .max) { #expect(job == expected[job.id]) }
        #expect(try await store.version() == machine.sequence)

        // A torn tail after a long journal is dropped by the next open (which holds the lock).
        let torn = journal + Array(journal[JournalFormat.headerSize..<(JournalFormat.headerSize + 20)])
        StoreFixtures.writeFile(path, torn)
        _ = try await JobStore.open(at: directory.store)
        #expect(StoreFixtures.readFile(path) == journal)

        // Damage followed by valid records is reported at its offset.
        var damaged = journal
        damaged[JournalFormat.headerSize + 100] ^= 0x01
        StoreFixtures.writeFile(path, damaged)
        let error = await #expect(throws: StoreError.self) { try await JobStore.open(at: directory.store) }
        #expect(error?.offset == Int64(JournalFormat.headerSize))
    }

    @Test(arguments: [0, 3, 4, 9, 30])
    func aFlippedByteMidJournalIsReportedWithItsOffsetNotSkipped(positionInRecord: Int) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (bytes, records) = try await populatedJournal(in: directory)
        let damaged = records[2]
        var corrupted = bytes
        corrupted[damaged.lowerBound + positionInRecord] ^= 0x40
        StoreFixtures.writeFile(directory.store + "/journal-0.log", corrupted)
        let error = await #expect(throws: StoreError.self) { try await JobStore.open(at: directory.store) }
        #expect(error?.code == .corrupt)
        #expect(error?.offset == Int64(damaged.lowerBound))
        #expect(error?.path == directory.store + "/journal-0.log")
        let report = try await JobStore.verify(at: directory.store)
        #expect(!report.isHealthy)
        #expect(report.problems.contains { $0.severity == .damage && $0.offset == Int64(damaged.lowerBound) })
        // Nothing was truncated or rewritten: the evidence stays for repair.
        #expect(StoreFixtures.readFile(directory.store + "/journal-0.log") == corrupted)
    }

    @Test func aTornTailIsANoticeForVerifyAndDroppedByTheNextWriter() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (bytes, records) = try await populatedJournal(in: directory)
        let store = try await JobStore.open(at: directory.store)
        let before = try await store.version()
        // A crashed writer left half a record.
        let torn = Array(bytes[records[1]].prefix(11))
        StoreFixtures.writeFile(directory.store + "/journal-0.log", bytes + torn)
        let report = try await store.verify()
        #expect(report.isHealthy)
        #expect(report.problems.count == 1 && report.problems.first?.offset == Int64(bytes.count))
        // A reader ignores it.
        #expect(try await store.version() == before)
        // A writer drops it and appends after the last whole record.
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        let reopened = try await JobStore.open(at: directory.store)
        #expect(try await reopened.version() == before + 1)
        #expect(try await reopened.verify().problems.isEmpty)
    }

    @Test func aNewerFormatIsRefusedClearly() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try await JobStore.open(at: directory.store)
        StoreFixtures.writeFile(directory.store + "/CURRENT", Array("format 3\ngeneration 0\n".utf8))
        let error = await #expect(throws: StoreError.self) { try await JobStore.open(at: directory.store) }
        #expect(error?.code == .unsupportedFormat)
        #expect(error?.message == "store format 3 is newer than this aios (1); upgrade aios")

        StoreFixtures.writeFile(directory.store + "/CURRENT", Array("format 1\ngeneration 0\n".utf8))
        var journal = StoreFixtures.readFile(directory.store + "/journal-0.log")
        journal[8] = 2
        StoreFixtures.writeFile(directory.store + "/journal-0.log", journal)
        let journalError = await #expect(throws: StoreError.self) { try await JobStore.open(at: directory.store) }
        #expect(journalError?.message == "store format 2 is newer than this aios (1); upgrade aios")
    }

    @Test func compactionPreservesJobsPhasesAndArtifacts() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try await populatedJournal(in: directory)
        let store = try await JobStore.open(at: directory.store)
        let before = try await StoreFixtures.observable(store)
        let version = try await store.version()
        let completed = try #require(try await store.jobs(status: .completed, limit: 10).first { $0.requestedPhases.count == 4 })
        try await store.compact()
        #expect(!StoreFixtures.readFile(directory.store + "/snapshot-1").isEmpty)
        #expect(StoreFixtures.readFile(directory.store + "/journal-0.log").isEmpty)
        #expect(String(decoding: StoreFixtures.readFile(directory.store + "/CURRENT"), as: UTF8.self) == "format 1\ngeneration 1\n")
        for reader in [store, try await JobStore.open(at: directory.store)] {
            #expect(try await StoreFixtures.observable(reader) == before)
            #expect(try await reader.version() == version)
            #expect(try await reader.artifact(completed.id, phase: .code) == StoreFixtures.artifact(.code))
            let job = try #require(try await reader.job(completed.id))
            #expect(job.request == StoreFixtures.brief("second") && job.idempotencyKey == "idem")
            let again = try await reader.submit(JobSubmission(request: [:], idempotencyKey: "idem"))
            #expect(again.created == false && again.job.id == completed.id)
        }
        let report = try await store.verify()
        #expect(report.isHealthy && report.generation == 1 && report.artifactsChecked == 5)
    }

    @Test func automaticCompactionKeepsTheJournalSmall() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, options: JobStoreOptions(compactionThresholdBytes: 2048))
        for index in 0..<40 { _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("job \(index)"))) }
        let summary = try await store.summary()
        #expect(summary.generation > 1)
        #expect(summary.queueDepth == 40)
        let reopened = try await JobStore.open(at: directory.store)
        #expect(try await reopened.jobs(limit: 100).count == 40)
        #expect(try await reopened.jobs(limit: 1).first?.request["spec"] == "job 39")
    }

    @Test func anInterruptedCompactionRollsForwardFromTheSeal() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try await populatedJournal(in: directory)
        let store = try await JobStore.open(at: directory.store)
        let before = try await StoreFixtures.observable(store)
        let oldJournal = StoreFixtures.readFile(directory.store + "/journal-0.log")
        try await store.compact()
        // Recreate the moment after the seal was written but before CURRENT switched.
        var sealed = oldJournal
        JournalFormat.appendRecord(JobEvent.sealed(next: 1).serialized(), to: &sealed)
        StoreFixtures.writeFile(directory.store + "/journal-0.log", sealed)
        StoreFixtures.writeFile(directory.store + "/CURRENT", Array("format 1\ngeneration 0\n".utf8))
        let reopened = try await JobStore.open(at: directory.store)
        #expect(try await StoreFixtures.observable(reopened) == before)
        #expect(String(decoding: StoreFixtures.readFile(directory.store + "/CURRENT"), as: UTF8.self) == "format 1\ngeneration 1\n")
        #expect(StoreFixtures.readFile(directory.store + "/journal-0.log").isEmpty)
    }

    @Test func theStoreDirectoryIs0700AndEveryFile0600WhateverTheUmask() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let previous = umask(0)
        defer { umask(previous) }
        let store = try await JobStore.open(at: directory.store)
        let submitted = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.strategy]))
        _ = try await StoreFixtures.runToCompletion(store)
        try await store.compact()
        _ = try await store.cancel(try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id)
        #expect(StoreFixtures.mode(directory.store) == 0o700)
        #expect(StoreFixtures.mode(directory.store + "/artifacts") == 0o700)
        #expect(StoreFixtures.mode(directory.store + "/artifacts/\(submitted.job.id)") == 0o700)
        for name in ["store.lock", "CURRENT", "snapshot-1", "journal-1.log"] {
            #expect(StoreFixtures.mode(directory.store + "/" + name) == 0o600, "\(name)")
        }
        let artifactPath = try #require(try await store.job(submitted.job.id)?.phases[.strategy]?.artifact?.path)
        #expect(StoreFixtures.mode(directory.store + "/" + artifactPath) == 0o600)
    }

    @Test func artifactErrorsUseTheContractCodesAndDigestsAreChecked() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        let job = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.architecture])).job
        let notReady = await #expect(throws: AIOSError.self) { try await store.artifact(job.id, phase: .strategy) }
        #expect(notReady?.code == .artifactNotReady)
        let notRequested = await #expect(throws: AIOSError.self) { try await store.artifact(job.id, phase: .code) }
        #expect(notRequested?.code == .invalidInput)
        let unknown = await #expect(throws: AIOSError.self) {
            try await store.artifact(JobID.generate(milliseconds: 5), phase: .strategy)
        }
        #expect(unknown?.code == .jobNotFound)
        _ = try await StoreFixtures.runToCompletion(store)
        #expect(try await store.artifact(job.id, phase: .architecture) == StoreFixtures.artifact(.architecture))
        let path = try #require(try await store.job(job.id)?.phases[.architecture]?.artifact?.path)
        var bytes = StoreFixtures.readFile(directory.store + "/" + path)
        bytes[bytes.count / 2] ^= 0x01
        StoreFixtures.writeFile(directory.store + "/" + path, bytes)
        let tampered = await #expect(throws: StoreError.self) { try await store.artifact(job.id, phase: .architecture) }
        #expect(tampered?.code == .corrupt)
        #expect(tampered?.path == directory.store + "/" + path)
        #expect(try await store.verify().problems.contains { $0.severity == .damage && $0.path == directory.store + "/" + path })
    }

    @Test func cancelRetryAndIdempotencyThroughTheStore() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        let first = try await store.submit(JobSubmission(request: StoreFixtures.brief(), idempotencyKey: "k"))
        let second = try await store.submit(JobSubmission(request: StoreFixtures.brief("other"), idempotencyKey: "k"))
        #expect(first.created && !second.created && second.job.id == first.job.id)
        #expect(second.job.request == StoreFixtures.brief())
        let cancelled = try await store.cancel(first.job.id)
        #expect(cancelled.status == .cancelled && cancelled.statusJSON["status"] == "cancelled")
        let twice = await #expect(throws: AIOSError.self) { try await store.cancel(first.job.id) }
        #expect(twice?.code == .cancelled)
        #expect(try await store.retry(first.job.id).status == .queued)
        let notRetryable = await #expect(throws: AIOSError.self) { try await store.retry(first.job.id) }
        #expect(notRetryable?.code == .invalidInput)
        let unknown = await #expect(throws: AIOSError.self) { try await store.cancel(JobID.generate(milliseconds: 1)) }
        #expect(unknown?.code == .jobNotFound)
    }

    @Test func statusJSONHasTheContractShape() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock(milliseconds: 1_735_689_600_000)
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let job = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.ux])).job
        _ = try await store.claim(worker: "w", lease: .seconds(30))
        _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "w")
        clock.advance(by: .milliseconds(1234))
        let done = try await store.phaseSucceeded(job.id, phase: .strategy, worker: "w", artifact: ["a": 1])
        let status = done.statusJSON
        #expect(status.keys == ["job_id", "status", "phases", "progress_percent", "error", "created_at", "updated_at"])
        #expect(status["job_id"] == .string(job.id.rawValue))
        #expect(status["status"] == "running")
        #expect(status["progress_percent"] == 50)
        #expect(status["created_at"] == "2025-01-01T00:00:00.000Z")
        #expect(status["updated_at"] == "2025-01-01T00:00:01.234Z")
        let phases = try #require(status["phases"]?.objectValue)
        #expect(phases.keys == ["strategy", "ux"])
        #expect(phases["strategy"] == [
            "status": "completed", "started_at": "2025-01-01T00:00:00.000Z", "finished_at": "2025-01-01T00:00:01.234Z",
            "duration_ms": 1234, "attempts": 1, "error": nil,
        ])
        #expect(phases["ux"]?["status"] == "pending")
    }

    @Test func listsAreNewestFirstForEveryLimitStatusAndOwner() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: ManualJobClock())
        var submitted: [(id: JobID, owner: String?)] = []
        for index in 0..<40 {
            let owner: String? = index % 3 == 0 ? "key_a0000000000000000" : index % 3 == 1 ? "key_b0000000000000000" : nil
            let job = try await store.submit(JobSubmission(request: StoreFixtures.brief("job \(index)"), owner: owner)).job
            if index % 4 == 0 { _ = try await store.cancel(job.id) }
            submitted.append((job.id, owner))
        }
        let cancelled = Set(submitted.enumerated().filter { $0.offset % 4 == 0 }.map(\.element.id))
        let callers = [Caller.local, Caller(keyID: "key_a0000000000000000", scopes: ["jobs:read"]), Caller(keyID: nil, scopes: ["jobs:read"])]
        for caller in callers {
            for status in [nil, JobStatus.queued, .cancelled] {
                let expected = submitted.reversed().filter { job in
                    caller.mayAccess(jobOwnedBy: job.owner)
                        && (status == nil || (status == .cancelled) == cancelled.contains(job.id))
                }.map(\.id)
                for limit in [0, 1, 2, 5, 13, 39, 40, 41, .max] {
                    let listed = try await store.jobs(status: status, limit: limit, visibleTo: caller).map(\.id)
                    #expect(listed == Array(expected.prefix(limit)), "\(caller.keyID ?? "local") \(String(describing: status)) \(limit)")
                }
            }
        }
    }

    @Test func garbageCollectionRemovesOldFinishedJobsAndTheirArtifacts() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let old = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.strategy])).job
        _ = try await StoreFixtures.runToCompletion(store)
        clock.advance(by: .seconds(3 * 86_400))
        let recent = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.strategy])).job
        _ = try await StoreFixtures.runToCompletion(store)
        let queued = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job
        #expect(try await store.collectGarbage(retention: .seconds(2 * 86_400)) == 1)
        #expect(try await store.job(old.id) == nil)
        #expect(try await store.job(recent.id)?.status == .completed)
        #expect(try await store.job(queued.id)?.status == .queued)
        #expect(!StoreFileSystem.exists(directory.store + "/artifacts/\(old.id)"))
        #expect(try await store.artifact(recent.id, phase: .strategy) == StoreFixtures.artifact(.strategy))
        let reopened = try await JobStore.open(at: directory.store)
        #expect(try await reopened.jobs(limit: 10).map(\.id) == [queued.id, recent.id])
    }
}
