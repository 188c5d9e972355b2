import Foundation
import Testing
@testable import AIOSStore
@testable import MCPCore

/// One suite for every `JobStoreBackend`: what the pipeline, the tools, the CLI and
/// observability rely on, through the protocol only. A new backend adds itself to `backends`
/// (with a fresh, empty store per test and the given clock) and must pass every test unchanged.
@Suite struct JobStoreConformanceTests {
    /// A way to open a fresh, empty store of one backend on a clock the test drives.
    struct Backend: Sendable, CustomTestStringConvertible {
        var name: String
        var open: @Sendable (_ clock: ManualJobClock) async throws -> (store: any JobStoreBackend, close: @Sendable () async -> Void)
        var testDescription: String { name }
    }

    static let backends: [Backend] = [
        Backend(name: "file journal") { clock in
            let directory = TemporaryDirectory()
            let store = try await JobStore.open(at: directory.store, clock: clock)
            return (store, { directory.remove() })
        },
    ] + (PostgresTestServer.isEnabled ? [postgres] : [])

    /// PostgreSQL, in a fresh database per test. Without `AIOS_TEST_POSTGRES_URL` it is left out
    /// (`postgresBackendIsTestedOrSaysWhyNot` says so), unless `AIOS_TEST_REQUIRE_POSTGRES=1`
    /// (CI): then every test of it fails.
    static let postgres = Backend(name: "postgresql") { clock in
        let database = try await PostgresTestServer.freshDatabase()
        let store = try await PostgresJobStore.open(database.url, clock: clock)
        return (store, { await database.drop() })
    }

    @Test func postgresBackendIsTestedOrSaysWhyNot() {
        if PostgresTestServer.url == nil {
            #expect(!PostgresTestServer.isRequired, "AIOS_TEST_REQUIRE_POSTGRES=1 but AIOS_TEST_POSTGRES_URL is unset")
            let note = "note: the PostgreSQL backend is NOT tested: set AIOS_TEST_POSTGRES_URL (scripts/test.sh does)\n"
            FileHandle.standardError.write(Data(note.utf8))
        }
    }

    private static let lease = Duration.seconds(30)

    private static func withStore(
        _ backend: Backend, _ body: (any JobStoreBackend, ManualJobClock) async throws -> Void
    ) async throws {
        let clock = ManualJobClock()
        let (store, close) = try await backend.open(clock)
        do {
            try await body(store, clock)
        } catch {
            await close()
            throw error
        }
        await close()
    }

    private static func artifact(_ phase: Phase) -> JSONObject { ["phase": .string(phase.rawValue), "ok": true] }

    /// Runs every ready phase of a claimed job to success, in graph order.
    private static func runToCompletion(_ store: any JobStoreBackend, _ id: JobID, worker: String, clock: ManualJobClock) async throws -> Job {
        var job = try #require(try await store.job(id))
        while job.status == .running {
            let ready = job.readyPhases(now: clock.nowMilliseconds())
            let phase = try #require(ready.first, "a running job with nothing ready: \(job)")
            _ = try await store.phaseStarted(id, phase: phase, worker: worker)
            job = try await store.phaseSucceeded(id, phase: phase, worker: worker, artifact: artifact(phase))
        }
        return job
    }

    @Test(arguments: backends) func submitQueuesAJobAndAnIdempotencyKeyReturnsTheSameOne(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, _ in
            #expect(store.phaseGraph == .pipeline)
            let before = try await store.version()
            let (job, created) = try await store.submit(JobSubmission(request: StoreFixtures.brief(), idempotencyKey: "k1"))
            #expect(created)
            #expect(job.status == .queued)
            #expect(job.requestedPhases == Phase.allCases)
            #expect(try await store.version() > before)
            let again = try await store.submit(JobSubmission(request: StoreFixtures.brief(), idempotencyKey: "k1"))
            #expect(!again.created)
            #expect(again.job.id == job.id)
            // The key is scoped to its owner.
            let other = try await store.submit(JobSubmission(request: StoreFixtures.brief(), idempotencyKey: "k1", owner: "key_b"))
            #expect(other.created && other.job.id != job.id)
            #expect(try await store.job(job.id)?.request == StoreFixtures.brief())
            #expect(try await store.listSignature().count == 2)
        }
    }

    @Test(arguments: backends) func aClaimedJobRunsItsPhasesToCompletionAndKeepsTheirArtifacts(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, clock in
            let (submitted, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            let claimed = try #require(try await store.claim(worker: "w1", lease: Self.lease))
            #expect(claimed.id == submitted.id)
            #expect(claimed.status == .running)
            #expect(claimed.lease?.holder == "w1")
            #expect(try await store.claim(worker: "w2", lease: Self.lease) == nil, "nothing else is claimable")
            let done = try await Self.runToCompletion(store, submitted.id, worker: "w1", clock: clock)
            #expect(done.status == .completed)
            #expect(done.progressPercent == 100)
            for phase in Phase.allCases {
                #expect(done.phases[phase]?.status == .completed)
                #expect(try await store.artifact(submitted.id, phase: phase) == Self.artifact(phase))
            }
        }
    }

    @Test(arguments: backends) func aWorkerWithoutTheLeaseIsRefusedAndAnExpiredLeaseIsReclaimed(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, clock in
            let (job, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            _ = try #require(try await store.claim(worker: "w1", lease: Self.lease))
            await #expect(throws: JobTransitionError.self) {
                _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "intruder")
            }
            _ = try await store.heartbeat(job.id, worker: "w1", lease: Self.lease)
            clock.advance(by: .seconds(31))
            let reclaimed = try #require(try await store.claim(worker: "w2", lease: Self.lease))
            #expect(reclaimed.id == job.id)
            #expect(reclaimed.lease?.holder == "w2")
            #expect(reclaimed.stallCount == 1)
            do {
                _ = try await store.heartbeat(job.id, worker: "w1", lease: Self.lease)
                Issue.record("the first worker lost the lease")
            } catch let error as JobTransitionError {
                #expect(error.reason == .leaseLost)
            }
        }
    }

    @Test(arguments: backends) func aFailedPhaseIsRetriedWhenDueAndFailingForGoodFailsTheJob(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, clock in
            let (job, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            _ = try #require(try await store.claim(worker: "w", lease: Self.lease))
            _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "w")
            let failure = JobFailure(code: "AGENT_FAILURE", message: "flaky")
            let retrying = try await store.phaseFailed(
                job.id, phase: .strategy, worker: "w", error: failure, retryAt: clock.nowMilliseconds() + 1_000)
            #expect(retrying.status == .running)
            #expect(retrying.readyPhases(now: clock.nowMilliseconds()).isEmpty, "not before its retry time")
            clock.advance(by: .seconds(1))
            #expect(retrying.readyPhases(now: clock.nowMilliseconds()) == [.strategy])
            _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "w")
            let failed = try await store.phaseFailed(job.id, phase: .strategy, worker: "w", error: failure, retryAt: nil)
            #expect(failed.status == .failed)
            #expect(failed.error?.code == "AGENT_FAILURE")
            #expect(failed.phases[.code]?.status == .skipped)
            // A failed job can be retried; it is queued again.
            let retried = try await store.retry(job.id)
            #expect(retried.status == .queued)
        }
    }

    @Test(arguments: backends) func cancelEndsAJobAndRefusesItsWorker(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, _ in
            let (job, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            _ = try #require(try await store.claim(worker: "w", lease: Self.lease))
            let cancelled = try await store.cancel(job.id)
            #expect(cancelled.status == .cancelled)
            do {
                _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "w")
                Issue.record("a cancelled job refuses its worker")
            } catch let error as JobTransitionError {
                #expect(error.reason == .terminal)
            }
            // Clients get product errors: the job's state, or that there is no such job.
            do {
                _ = try await store.cancel(job.id)
                Issue.record("a cancelled job cannot be cancelled again")
            } catch let error as AIOSError {
                #expect(error.code == .cancelled)
            }
            do {
                _ = try await store.cancel(JobID.generate(milliseconds: 1))
                Issue.record("there is no such job")
            } catch let error as AIOSError {
                #expect(error.code == .jobNotFound)
            }
        }
    }

    @Test(arguments: backends) func releaseGivesAJobBackWithoutAStall(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, _ in
            let (job, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            _ = try #require(try await store.claim(worker: "w1", lease: Self.lease))
            try await store.release(job.id, worker: "w1")
            #expect(try await store.job(job.id)?.status == .queued)
            let again = try #require(try await store.claim(worker: "w2", lease: Self.lease))
            #expect(again.stallCount == 0)
            let failed = try await store.failJob(job.id, worker: "w2", error: JobFailure(code: "AGENT_TIMEOUT", message: "budget"))
            #expect(failed.status == .failed)
        }
    }

    @Test(arguments: backends) func listingIsNewestFirstFilteredAndScopedToTheCaller(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, clock in
            let (first, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief(), owner: "key_a"))
            clock.advance(by: .milliseconds(5))
            let (second, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief(), owner: "key_b"))
            clock.advance(by: .milliseconds(5))
            let (third, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            _ = try await store.cancel(second.id)
            #expect(try await store.jobs().map(\.id) == [third.id, second.id, first.id])
            #expect(try await store.jobs(status: .cancelled).map(\.id) == [second.id])
            #expect(try await store.jobs(status: nil, limit: 1).map(\.id) == [third.id])
            let keyA = Caller(keyID: "key_a", scopes: ["jobs:read"])
            #expect(try await store.jobs(status: nil, limit: 50, visibleTo: keyA).map(\.id) == [first.id])
            let summary = try await store.summary()
            #expect(summary.countsByStatus[.queued] == 2)
            #expect(summary.countsByStatus[.cancelled] == 1)
            #expect(try await store.listSignature().newest == third.id)
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: backends) func waitForChangeReturnsOnceAnotherCallChangedTheStore(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, clock in
            let version = try await store.version()
            async let changed = store.waitForChange(after: version, timeout: .seconds(600))
            _ = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            // A backend may poll on its clock (the file journal does): let the clock move on.
            clock.advance(by: .seconds(1))
            #expect(try await changed > version)
            let now = try await store.version()
            #expect(try await store.waitForChange(after: now - 1, timeout: .seconds(600)) == now, "an older version returns at once")
        }
    }

    @Test(arguments: backends) func anEndedJobWithAWebhookQueuesADeliveryInTheOutbox(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, clock in
            let (job, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief(), webhookURL: "https://example.com/hook"))
            #expect(try await store.claimWebhookDelivery(worker: "d", policy: WebhookRetryPolicy()) == nil, "nothing before the job ends")
            _ = try #require(try await store.claim(worker: "w", lease: Self.lease))
            let done = try await Self.runToCompletion(store, job.id, worker: "w", clock: clock)
            #expect(done.status == .completed)
            #expect(try await store.webhookBacklog().unfinished == 1)
            let delivery = try #require(try await store.claimWebhookDelivery(worker: "d", policy: WebhookRetryPolicy()))
            #expect(delivery.jobID == job.id)
            #expect(delivery.url == "https://example.com/hook")
            #expect(delivery.jobStatus == .completed)
            let recorded = try await store.recordWebhookAttempt(
                delivery, worker: "d", report: WebhookAttemptReport(statusCode: 204, latencyMilliseconds: 3),
                policy: WebhookRetryPolicy(), randomFraction: 0)
            #expect(recorded.state == .delivered)
            #expect(try await store.webhookBacklog().unfinished == 0)
            #expect(try await store.webhookDeliveries(job: job.id).map(\.state) == [.delivered])
            #expect(try await store.webhookDeliveries(job: nil, limit: 50, visibleTo: Caller(keyID: "key_x", scopes: [])).isEmpty)
        }
    }

    @Test(arguments: backends) func garbageCollectionRemovesEndedJobsPastTheRetention(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, clock in
            let (old, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            _ = try await store.cancel(old.id)
            clock.advance(by: .seconds(7200))
            let (recent, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            #expect(try await store.collectGarbage(retention: .seconds(3600)) == 1)
            #expect(try await store.job(old.id) == nil)
            #expect(try await store.job(recent.id)?.status == .queued)
        }
    }

    // MARK: - Phase progress and failure details (issue 17)

    @Test(arguments: backends) func phaseProgressMovesTheJobWithinThePhaseThrottledAndFenced(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, clock in
            let (job, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            _ = try #require(try await store.claim(worker: "w", lease: Self.lease))
            let started = try await store.phaseStarted(job.id, phase: .strategy, worker: "w")
            #expect(started.progressPercent == 12, "a running phase of four counts half its share")
            #expect(started.progressMessage == nil)

            let first = try await store.phaseProgress(job.id, phase: .strategy, worker: "w", percent: 50, message: "strategy: 100 characters received")
            #expect(first.phases[.strategy]?.progress?.percent == 50)
            #expect(first.progressMessage == "strategy: 100 characters received")
            #expect(first.progressPercent == 18, "half of the phase's second half: (100 + 50) / 800")
            #expect(first.statusJSON["progress_message"]?.stringValue == "strategy: 100 characters received")
            #expect(first.statusJSON["phases"]?["strategy"]?["progress"]?["percent"]?.intValue == 50)

            // Within a second of the last report: not recorded, nothing written.
            let version = try await store.version()
            clock.advance(by: .milliseconds(400))
            let early = try await store.phaseProgress(job.id, phase: .strategy, worker: "w", percent: 60, message: "strategy: 900 characters received")
            #expect(early.progressMessage == "strategy: 100 characters received")
            // The same report again, a while later: nothing changed, nothing written.
            clock.advance(by: .seconds(2))
            _ = try await store.phaseProgress(job.id, phase: .strategy, worker: "w", percent: 50, message: "strategy: 100 characters received")
            #expect(try await store.version() == version)

            let later = try await store.phaseProgress(job.id, phase: .strategy, worker: "w", percent: 80, message: "strategy: 3000 characters received")
            #expect(later.progressPercent == 22)
            #expect(try await store.version() > version)
            #expect(try await store.job(job.id)?.progressMessage == "strategy: 3000 characters received")

            // Fencing: only the holder reports, and a worker whose lease lapsed is refused.
            await #expect(throws: JobTransitionError.self) {
                _ = try await store.phaseProgress(job.id, phase: .strategy, worker: "intruder", percent: 90, message: "x")
            }
            await #expect(throws: JobTransitionError.self) {
                _ = try await store.phaseProgress(job.id, phase: .architecture, worker: "w", percent: 10, message: "not running")
            }
            clock.advance(by: .seconds(31))
            let reclaimed = try #require(try await store.claim(worker: "w2", lease: Self.lease))
            #expect(reclaimed.phases[.strategy]?.status == .pending)
            #expect(reclaimed.phases[.strategy]?.progress == nil, "a requeued attempt's progress is dropped")
            #expect(reclaimed.progressPercent == 22, "the job's percent never goes back")
            do {
                _ = try await store.phaseProgress(job.id, phase: .strategy, worker: "w", percent: 95, message: "stale")
                Issue.record("a worker that lost its lease must be refused")
            } catch let error as JobTransitionError {
                #expect(error.reason == .leaseLost)
            }
            _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "w2")
            _ = try await store.phaseProgress(job.id, phase: .strategy, worker: "w2", percent: 10, message: "again")
            let done = try await store.phaseSucceeded(job.id, phase: .strategy, worker: "w2", artifact: Self.artifact(.strategy))
            #expect(done.phases[.strategy]?.progress == nil)
            #expect(done.progressMessage == nil)
            #expect(done.progressPercent == 25)
        }
    }

    @Test(arguments: backends) func aFailedPhaseKeepsItsDetailsBoundedInTheJob(_ backend: Backend) async throws {
        try await Self.withStore(backend) { store, _ in
            let (job, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
            _ = try #require(try await store.claim(worker: "w", lease: Self.lease))
            _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "w")
            let problems: [JSONValue] = (0..<2000).map { ["path": .string("/personas/\($0)/name"), "message": "is empty"] }
            let details: JSONValue = ["problems": .array(problems), "engine_run": ["calls": 3, "repairs": 2, "outcome": "invalid_content"]]
            let failure = JobFailure(code: "AGENT_FAILURE", message: "the checks failed", details: details)
            let failed = try await store.phaseFailed(job.id, phase: .strategy, worker: "w", error: failure, retryAt: nil)
            #expect(failed.status == .failed)
            let read = try #require(try await store.job(job.id))
            for error in [read.error, read.phases[.strategy]?.error] {
                let kept = try #require(error?.details)
                #expect(kept.serialized().count <= JobFailure.maxDetailsBytes)
                #expect(kept["truncated"] == .bool(true))
                #expect(kept["problems_count"]?.intValue == 2000)
                #expect((kept["problems"]?.arrayValue?.count ?? 0) > 10)
                #expect(kept["engine_run"]?["repairs"]?.intValue == 2)
            }
            let status = read.statusJSON
            #expect(status["error"]?["details"]?["problems"]?[0]?["path"]?.stringValue == "/personas/0/name")
            #expect(status["phases"]?["strategy"]?["error"]?["details"]?["engine_run"]?["calls"]?.intValue == 3)
            // A failure without details reads as before: {code, message}.
            #expect(JobFailure(code: "X", message: "y").json == ["code": "X", "message": "y"])
        }
    }
}
