import Foundation
import Testing
@testable import AIOSStore
@testable import MCPCore

/// Phase progress and failure details in the file store's formats: the journal record, the
/// snapshot entry (format 5), reopening, one-job reads, and data written before either existed.
@Suite struct JobProgressStoreTests {
    private static let lease = Duration.seconds(30)

    /// A job with a running strategy phase that reported progress, and a second job whose
    /// strategy failed with details.
    private func populate(_ store: JobStore, clock: ManualJobClock) async throws -> (running: JobID, failed: JobID) {
        let (failing, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief("A failing brief")))
        _ = try #require(try await store.claim(worker: "w", lease: Self.lease))
        _ = try await store.phaseStarted(failing.id, phase: .strategy, worker: "w")
        let details: JSONValue = ["problems": [["path": "/personas", "message": "too few"]], "engine_run": ["calls": 3, "repairs": 2]]
        _ = try await store.phaseFailed(
            failing.id, phase: .strategy, worker: "w", error: JobFailure(code: "AGENT_FAILURE", message: "checks failed", details: details),
            retryAt: nil)
        let (running, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        _ = try #require(try await store.claim(worker: "w", lease: Self.lease))
        _ = try await store.phaseStarted(running.id, phase: .strategy, worker: "w")
        clock.advance(by: .seconds(1))
        _ = try await store.phaseProgress(running.id, phase: .strategy, worker: "w", percent: 40, message: "strategy: asking m: 1200 characters received")
        return (running.id, failing.id)
    }

    private func expectKept(_ store: JobStore, _ ids: (running: JobID, failed: JobID)) async throws {
        let running = try #require(try await store.job(ids.running))
        #expect(running.phases[.strategy]?.progress?.percent == 40)
        #expect(running.progressMessage == "strategy: asking m: 1200 characters received")
        #expect(running.progressPercent == 17)
        let failed = try #require(try await store.job(ids.failed))
        #expect(failed.error?.details?["problems"]?[0]?["path"]?.stringValue == "/personas")
        #expect(failed.phases[.strategy]?.error?.details?["engine_run"]?["repairs"]?.intValue == 2)
    }

    @Test func progressAndDetailsSurviveReopeningFromTheJournalAndFromASnapshot() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let ids = try await populate(store, clock: clock)
        try await expectKept(store, ids)
        // Journal only: a full load, and a one-job read.
        try await expectKept(try await JobStore.open(at: directory.store, clock: clock), ids)
        try await expectKept(try await JobStore.open(at: directory.store, clock: clock, options: JobStoreOptions(loadsOnOpen: false)), ids)
        // From a format 5 snapshot.
        try await store.compact()
        try await expectKept(try await JobStore.open(at: directory.store, clock: clock), ids)
        try await expectKept(try await JobStore.open(at: directory.store, clock: clock, options: JobStoreOptions(loadsOnOpen: false)), ids)
        #expect(try await JobStore.verify(at: directory.store).isHealthy)
    }

    @Test func aFormat4SnapshotStillReadsAndAnEntryWithoutTheNewFieldsIsByteForByteFormat4() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        _ = try await StoreFixtures.runToCompletion(store)
        let (queued, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief("Another")))
        try await store.compact()
        let before = try await StoreFixtures.observable(store)
        let machine = try SnapshotCodec.decode(StoreFixtures.readFile(directory.store + "/snapshot-1"), path: "s").machine
        let format4 = SnapshotCodec.encode(machine, generation: 1, format: 4)
        let format5 = SnapshotCodec.encode(machine, generation: 1, format: 5)
        // Only the header differs (its version and its own checksum): every entry and the index are the same bytes.
        #expect(Array(format4[SnapshotCodec.headerSize...]) == Array(format5[SnapshotCodec.headerSize...]))
        StoreFixtures.writeFile(directory.store + "/snapshot-1", format4)
        let reopened = try await JobStore.open(at: directory.store, clock: clock)
        #expect(try await StoreFixtures.observable(reopened) == before)
        #expect(try await reopened.job(queued.id)?.status == .queued)
        #expect(try await JobStore.verify(at: directory.store).isHealthy)
    }

    @Test func journalRecordsRoundTripAndOldRecordsReadAsBefore() throws {
        let id = JobID.generate(milliseconds: 1_735_689_600_000)
        let details: JSONValue = ["problems": [["path": "/a", "message": "b"]], "engine_run": ["calls": 1]]
        let events: [JobEvent] = [
            .phaseProgress(id: id, phase: .strategy, at: 5, percent: 37, message: "strategy: asking m: 12 characters received"),
            .phaseFailed(id: id, phase: .strategy, at: 6, attempt: 1, error: JobFailure(code: "AGENT_FAILURE", message: "m", details: details), retryAt: nil),
            .failed(id: id, at: 7, error: JobFailure(code: "AGENT_TIMEOUT", message: "t", details: ["budget": 3])),
        ]
        for event in events {
            #expect(try JobEvent(payload: event.serialized()) == event)
        }
        // Written by the code before details existed: the same bytes are written today, and read the same.
        let old = #"{"type":"phase.failed","job_id":"\#(id.rawValue)","phase":"strategy","at":6,"attempt":1,"error":{"code":"AGENT_FAILURE","message":"m"},"retry_at":null}"#
        let decoded = try JobEvent(payload: Array(old.utf8))
        #expect(decoded == .phaseFailed(id: id, phase: .strategy, at: 6, attempt: 1, error: JobFailure(code: "AGENT_FAILURE", message: "m"), retryAt: nil))
        #expect(decoded.serialized() == Array(old.utf8))
        #expect(String(decoding: events[0].serialized(), as: UTF8.self)
            == #"{"type":"phase.progress","job_id":"\#(id.rawValue)","phase":"strategy","at":5,"percent":37,"message":"strategy: asking m: 12 characters received"}"#)
        #expect(throws: EventDecodingError.self) {
            try JobEvent(payload: Array(#"{"type":"phase.progress","job_id":"\#(id.rawValue)","phase":"strategy","at":5,"percent":101,"message":"x"}"#.utf8))
        }
    }

    @Test func theStateMachineBoundsAndThrottlesProgress() throws {
        var machine = JobStateMachine()
        let id = JobID.generate(milliseconds: 1_000)
        guard case .create(let submitted) = try machine.submit(id: id, at: 1_000, request: Array("{}".utf8), phases: .all, idempotencyKey: nil, webhookURL: nil)
        else { Issue.record("not created"); return }
        try machine.apply(submitted)
        #expect(throws: JobTransitionError.self) {
            _ = try machine.reportProgress(id, .strategy, worker: "w", at: 1_000, percent: 1, message: "not claimed")
        }
        let claim = machine.claim(worker: "w", at: 1_000, leaseMilliseconds: 30_000, maxStalls: 3)
        for event in claim.events { try machine.apply(event) }
        try machine.apply(try machine.startPhase(id, .strategy, worker: "w", at: 1_000))
        let long = String(repeating: "é", count: 500)
        let event = try #require(try machine.reportProgress(id, .strategy, worker: "w", at: 1_000, percent: 250, message: long))
        guard case .phaseProgress(_, _, _, let percent, let message) = event else { Issue.record("not a progress event"); return }
        #expect(percent == 100)
        #expect(message.utf8.count <= PhaseProgress.maxMessageBytes)
        try machine.apply(event)
        #expect(try machine.reportProgress(id, .strategy, worker: "w", at: 1_999, percent: 50, message: "too soon") == nil)
        #expect(try machine.reportProgress(id, .strategy, worker: "w", at: 9_000, percent: 100, message: message) == nil, "unchanged")
        #expect(try machine.reportProgress(id, .strategy, worker: "w", at: 2_000, percent: 50, message: "a second on") != nil)
        // 100% of a running phase still leaves it short of completed.
        #expect(machine.jobs[id]?.progressPercent == 24)
    }

    @Test func followersTasksAndResourceSignaturesSeeTheProgressMove() throws {
        var machine = JobStateMachine()
        let id = JobID.generate(milliseconds: 1_000)
        guard case .create(let submitted) = try machine.submit(id: id, at: 1_000, request: Array("{}".utf8), phases: .all, idempotencyKey: nil, webhookURL: nil)
        else { Issue.record("not created"); return }
        try machine.apply(submitted)
        for event in machine.claim(worker: "w", at: 1_000, leaseMilliseconds: 30_000, maxStalls: 3).events { try machine.apply(event) }
        try machine.apply(try machine.startPhase(id, .strategy, worker: "w", at: 1_000))
        let before = Job(record: try #require(machine.jobs[id]))
        try machine.apply(try #require(try machine.reportProgress(id, .strategy, worker: "w", at: 1_500, percent: 30, message: "strategy: asking m: 900 characters received")))
        let after = Job(record: try #require(machine.jobs[id]))
        #expect(JobSignature(before) != JobSignature(after), "a subscriber to the job's resource hears of it")
        #expect(JobTaskRendering.statusMessage(after) == "Running strategy (16% done): strategy: asking m: 900 characters received")
        let events = JobFollower.events(from: before, to: after)
        #expect(events.count == 1)
        #expect(events.first?["event"] == "phase.progress")
        #expect(events.first?["percent"]?.intValue == 30)
        #expect(events.first?["progress_percent"]?.intValue == 16)
        // The same state again gives no event; the next message does.
        #expect(JobFollower.events(from: after, to: after).isEmpty)
    }

    @Test func theWorkersWriterSendsAtMostOneReportPerIntervalAndKeepsTheNewest() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let (job, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        _ = try #require(try await store.claim(worker: "w", lease: Self.lease))
        _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "w")
        let writer = PhaseProgressWriter(store: store, clock: clock, worker: "w", job: job.id, phase: .strategy)
        let output = try await writer.run { () async throws -> JSONObject in
            let progress = try #require(PhaseProgressWriter.current, "the executor sees where to report")
            progress.report(0.1, total: 1, message: "a")
            await clock.waitForSleepers(1)  // written, and the writer waits out its interval
            #expect(try await store.job(job.id)?.progressMessage == "a")
            progress.report(0.2, total: 1, message: "b")
            progress.report(0.3, total: 1, message: "c")
            #expect(try await store.job(job.id)?.progressMessage == "a", "nothing more within the interval")
            clock.advance(by: .seconds(1))
            await clock.waitForSleepers(1)
            let now = try #require(try await store.job(job.id))
            #expect(now.progressMessage == "c", "the newest report is written, the one it replaced never")
            #expect(now.phases[.strategy]?.progress?.percent == 30)
            return ["ok": true]
        }
        #expect(output == ["ok": true])
        let journal = String(decoding: StoreFixtures.readFile(directory.store + "/journal-0.log"), as: UTF8.self)
        #expect(journal.components(separatedBy: #""type":"phase.progress""#).count - 1 == 2)
        #expect(PhaseProgressWriter.current == nil)
    }
}
