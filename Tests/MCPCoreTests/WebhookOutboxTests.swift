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

/// The webhook outbox in the job store: entries written by the record that ends a job, claims
/// under leases, every attempt recorded, retries by the policy, and durability.
@Suite struct WebhookOutboxTests {
    static let url = "https://hooks.example/aios"
    let policy = WebhookRetryPolicy()

    func open(_ directory: TemporaryDirectory, clock: ManualJobClock) async throws -> JobStore {
        try await JobStore.open(at: directory.store, clock: clock)
    }

    /// Submits a job with a webhook and runs it to completion.
    func completedJob(_ store: JobStore, url: String = url) async throws -> Job {
        let submitted = try await store.submit(JobSubmission(request: StoreFixtures.brief(), webhookURL: url))
        let job = try #require(try await StoreFixtures.runToCompletion(store))
        #expect(job.id == submitted.job.id)
        #expect(job.status == .completed)
        return job
    }

    /// Submits a job and fails its first phase for good.
    func failedJob(_ store: JobStore) async throws -> Job {
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief(), webhookURL: Self.url))
        let claimed = try #require(try await store.claim(worker: "w1", lease: .seconds(30)))
        _ = try await store.phaseStarted(claimed.id, phase: .strategy, worker: "w1")
        return try await store.phaseFailed(
            claimed.id, phase: .strategy, worker: "w1", error: JobFailure(code: "AGENT_FAILURE", message: "boom"), retryAt: nil)
    }

    func delivery(_ store: JobStore, _ id: JobID) async throws -> WebhookDelivery {
        try #require(try await store.webhookDeliveries(job: id).first)
    }

    @Test func theRecordThatEndsTheJobCarriesItsOutboxEntry() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await open(directory, clock: ManualJobClock())
        let job = try await completedJob(store)
        let bytes = StoreFixtures.readFile(directory.store + "/journal-0.log")
        var payloads: [[UInt8]] = []
        _ = bytes.withUnsafeBytes { raw in
            JournalFormat.scan(raw, from: JournalFormat.headerSize) { _, payload in payloads.append(Array(payload)) }
        }
        let events = try payloads.map { try JobEvent(payload: $0) }
        #expect(!events.contains { $0.type.hasPrefix("webhook.") }, "the entry must not be a record of its own")
        let ending = try #require(events.lastIndex { $0.type == "phase.completed" })
        var machine = JobStateMachine()
        for event in events[..<ending] { try machine.apply(event) }
        #expect(machine.jobs[job.id]?.webhookDeliveries.isEmpty == true)
        #expect(machine.webhookBacklog(at: .max).unfinished == 0)
        try machine.apply(events[ending])
        let entry = try #require(machine.jobs[job.id]?.webhookDeliveries.first)
        #expect(entry.state == .pending)
        #expect(entry.id == "msg_" + job.id.rawValue.dropFirst(4) + "_1")
        #expect(machine.webhookBacklog(at: .max).due == 1)
    }

    @Test func thePayloadDescribesTheEndedJob() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await open(directory, clock: ManualJobClock())
        let job = try await completedJob(store)
        let delivery = try await delivery(store, job.id)
        let body = try #require(try JSONValue.parse(delivery.body(graph: .pipeline)).objectValue)
        #expect(Array(body.keys) == ["event", "job_id", "status", "phases_completed", "artifact_uris", "duration_ms", "timestamp"])
        #expect(body["event"] == "pipeline.completed")
        #expect(body["job_id"] == .string(job.id.rawValue))
        #expect(body["status"] == "completed")
        #expect(body["phases_completed"] == .strings(["strategy", "architecture", "ux", "code"]))
        #expect(body["artifact_uris"]?.arrayValue?.first == .string("aios://jobs/\(job.id.rawValue)/artifacts/strategy"))
        let finished = try #require(job.finishedAt)
        #expect(body["duration_ms"] == .int(finished - job.createdAt))
        #expect(body["timestamp"] == .string(RFC3339Timestamp.format(milliseconds: finished)))
    }

    @Test func failedCancelledAndRetriedJobsEachGetTheirOwnDelivery() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await open(directory, clock: ManualJobClock())
        let failed = try await failedJob(store)
        #expect(failed.status == .failed)
        #expect(try await delivery(store, failed.id).event == .pipelineFailed)
        _ = try await store.retry(failed.id)
        _ = try await StoreFixtures.runToCompletion(store)
        let deliveries = try await store.webhookDeliveries(job: failed.id)
        #expect(deliveries.map(\.event) == [.pipelineCompleted, .pipelineFailed], "newest first")
        #expect(deliveries.map { $0.id.hasSuffix("_2") } == [true, false])
        #expect(Set(deliveries.map(\.id)).count == 2)

        let queued = try await store.submit(JobSubmission(request: StoreFixtures.brief(), webhookURL: Self.url))
        _ = try await store.cancel(queued.job.id)
        let cancelled = try await delivery(store, queued.job.id)
        #expect(cancelled.event == .pipelineCancelled)
        #expect(cancelled.phasesCompleted.isEmpty)
        #expect(cancelled.jobStatus == .cancelled)
    }

    @Test func jobsWithoutAWebhookHaveNoDelivery() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await open(directory, clock: ManualJobClock())
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        let job = try #require(try await StoreFixtures.runToCompletion(store))
        #expect(job.webhookDeliveries.isEmpty)
        #expect(job.statusJSON["webhook"] == nil)
        #expect(try await store.webhookBacklog().unfinished == 0)
        #expect(try await store.claimWebhookDelivery(worker: "d1", policy: policy) == nil)
    }

    @Test func failedAttemptsAreRetriedAfterTheBackoffAndGivenUpAfterThree() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await open(directory, clock: clock)
        let job = try await completedJob(store)
        var claimed = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        #expect(claimed.state == .delivering)
        #expect(try await store.claimWebhookDelivery(worker: "d2", policy: policy) == nil, "held by d1")
        var after = try await store.recordWebhookAttempt(
            claimed, worker: "d1", report: WebhookAttemptReport(statusCode: 503, latencyMilliseconds: 12), policy: policy, randomFraction: 0.5)
        #expect(after.state == .pending)
        let backoff = policy.backoffMilliseconds(afterAttempt: 1, fraction: 0.5)
        #expect(after.nextAttemptAt == clock.nowMilliseconds() + backoff)
        clock.advance(by: .milliseconds(backoff - 1))
        #expect(try await store.claimWebhookDelivery(worker: "d1", policy: policy) == nil, "not due yet")
        #expect(try await store.webhookBacklog().nextDueAt == after.nextAttemptAt)
        clock.advance(by: .milliseconds(1))
        claimed = try #require(try await store.claimWebhookDelivery(worker: "d2", policy: policy))
        #expect(claimed.attempts.last?.number == 2)
        after = try await store.recordWebhookAttempt(
            claimed, worker: "d2", report: WebhookAttemptReport(latencyMilliseconds: 3, error: "connection refused"), policy: policy,
            randomFraction: 0)
        #expect(after.nextAttemptAt == clock.nowMilliseconds() + policy.backoffMilliseconds(afterAttempt: 2, fraction: 0))
        clock.advance(by: .seconds(3600))
        claimed = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        after = try await store.recordWebhookAttempt(
            claimed, worker: "d1", report: WebhookAttemptReport(statusCode: 500, latencyMilliseconds: 7), policy: policy, randomFraction: 0)
        #expect(after.state == .failed)
        #expect(after.attempts.map(\.statusCode) == [503, nil, 500])
        #expect(after.attempts.map(\.error) == ["HTTP 503", "connection refused", "HTTP 500"])
        #expect(after.attempts.map(\.worker) == ["d1", "d2", "d1"])
        #expect(after.attempts.allSatisfy { $0.finishedAt != nil && $0.latencyMilliseconds != nil })
        #expect(after.finishedAt == clock.nowMilliseconds())
        clock.advance(by: .seconds(86400))
        #expect(try await store.claimWebhookDelivery(worker: "d1", policy: policy) == nil, "given up for good")
        let status = try #require(try await store.job(job.id)).statusJSON
        #expect(status["webhook"]?["state"] == "failed")
        #expect(status["webhook"]?["attempts"] == 3)
    }

    @Test(arguments: [(200, WebhookDeliveryState.delivered), (204, .delivered), (299, .delivered), (410, .failed)])
    func aSuccessDeliversAndGoneStopsAtOnce(status: Int, expected: WebhookDeliveryState) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await open(directory, clock: ManualJobClock())
        _ = try await completedJob(store)
        let claimed = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        let after = try await store.recordWebhookAttempt(
            claimed, worker: "d1", report: WebhookAttemptReport(statusCode: status, latencyMilliseconds: 1), policy: policy, randomFraction: 0)
        #expect(after.state == expected)
        #expect(after.attempts.count == 1)
        #expect(after.attempts[0].error == (status == 410 ? "410 Gone: the receiver asked for no more deliveries" : nil))
        #expect(try await store.webhookBacklog().unfinished == 0)
    }

    @Test func retryAfterIsHonouredAndARefusedURLIsNotRetried() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await open(directory, clock: clock)
        _ = try await completedJob(store)
        let claimed = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        let after = try await store.recordWebhookAttempt(
            claimed, worker: "d1", report: WebhookAttemptReport(statusCode: 429, retryAfterMilliseconds: 120_000), policy: policy,
            randomFraction: 1)
        #expect(after.nextAttemptAt == clock.nowMilliseconds() + 120_000)

        _ = try await completedJob(store, url: "http://127.0.0.1/hook")
        clock.advance(by: .seconds(1))
        let refused = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        #expect(refused.url == "http://127.0.0.1/hook")
        let given = try await store.recordWebhookAttempt(
            refused, worker: "d1", report: WebhookAttemptReport(error: "refused: 127.0.0.1, a loopback address", isPermanent: true),
            policy: policy, randomFraction: 0)
        #expect(given.state == .failed)
        #expect(given.attempts.count == 1)
    }

    @Test func onlyOneOfTwoProcessesClaimsADelivery() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let first = try await open(directory, clock: clock)
        let second = try await open(directory, clock: clock)
        for _ in 0..<5 { _ = try await completedJob(first) }
        var claims: [String: [String]] = [:]
        for _ in 0..<6 {
            async let a = first.claimWebhookDelivery(worker: "a", policy: policy)
            async let b = second.claimWebhookDelivery(worker: "b", policy: policy)
            for delivery in [try await a, try await b].compactMap({ $0 }) {
                claims[delivery.id, default: []].append(delivery.lease?.holder ?? "?")
            }
        }
        #expect(claims.count == 5)
        #expect(claims.values.allSatisfy { $0.count == 1 }, "a delivery was claimed twice: \(claims)")
    }

    @Test func aLapsedLeaseIsRecordedAsInterruptedAndAnotherWorkerTakesOver() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await open(directory, clock: clock)
        let job = try await completedJob(store)
        let lost = try #require(try await store.claimWebhookDelivery(worker: "dead", policy: policy))
        clock.advance(by: policy.leaseDuration - .milliseconds(1))
        #expect(try await store.claimWebhookDelivery(worker: "d2", policy: policy) == nil, "the lease is still live")
        clock.advance(by: .milliseconds(1))
        let taken = try #require(try await store.claimWebhookDelivery(worker: "d2", policy: policy))
        #expect(taken.attempts.count == 2)
        #expect(taken.attempts[0].error == "interrupted: worker dead stopped before recording the outcome")
        #expect(taken.attempts[0].finishedAt == clock.nowMilliseconds())
        #expect(taken.attempts[1].worker == "d2")
        await #expect(throws: JobTransitionError.self, "the late outcome of the lost attempt is refused") {
            try await store.recordWebhookAttempt(
                lost, worker: "dead", report: WebhookAttemptReport(statusCode: 204), policy: policy, randomFraction: 0)
        }
        let delivered = try await store.recordWebhookAttempt(
            taken, worker: "d2", report: WebhookAttemptReport(statusCode: 204, latencyMilliseconds: 5), policy: policy, randomFraction: 0)
        #expect(delivered.state == .delivered)
        #expect(delivered.id == lost.id, "the webhook-id stays the same across attempts and workers")
        #expect(try await store.job(job.id)?.statusJSON["webhook"]?["state"] == "delivered")
    }

    @Test func aWorkerVanishingOnTheLastAttemptGivesTheDeliveryUp() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await open(directory, clock: clock)
        _ = try await completedJob(store)
        for attempt in 1...3 {
            let claimed = try #require(try await store.claimWebhookDelivery(worker: "w\(attempt)", policy: policy))
            #expect(claimed.attempts.last?.number == attempt)
            clock.advance(by: policy.leaseDuration)
        }
        #expect(try await store.claimWebhookDelivery(worker: "w4", policy: policy) == nil)
        let delivery = try #require(try await store.webhookDeliveries().first)
        #expect(delivery.state == .failed)
        #expect(delivery.attempts.count == 3)
        #expect(delivery.attempts.allSatisfy { $0.error?.hasPrefix("interrupted") == true })
    }

    @Test func aShutdownMidAttemptIsRetriedAtOnce() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await open(directory, clock: clock)
        _ = try await completedJob(store)
        let claimed = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        let after = try await store.recordWebhookAttempt(
            claimed, worker: "d1", report: WebhookAttemptReport(error: "interrupted: the worker shut down", isInterrupted: true),
            policy: policy, randomFraction: 1)
        #expect(after.nextAttemptAt == clock.nowMilliseconds())
        #expect(try await store.claimWebhookDelivery(worker: "d2", policy: policy)?.attempts.last?.number == 2)
    }

    @Test func theOutboxSurvivesReopeningAndCompaction() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await open(directory, clock: clock)
        _ = try await completedJob(store)
        _ = try await completedJob(store)
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        let first = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        try await store.recordWebhookAttempt(first, worker: "d1", report: WebhookAttemptReport(statusCode: 503), policy: policy, randomFraction: 0)
        _ = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        let before = try await store.webhookDeliveries()
        #expect(before.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.delivering, .pending])

        let reopened = try await open(directory, clock: clock)
        #expect(try await reopened.webhookDeliveries() == before)
        try await store.compact()
        #expect(StoreFixtures.readFile(directory.store + "/snapshot-1").count > 0)
        let afterCompaction = try await open(directory, clock: clock)
        #expect(try await afterCompaction.webhookDeliveries() == before)
        #expect(try await afterCompaction.webhookBacklog().unfinished == 2)
        #expect(try await afterCompaction.verify().problems.isEmpty)
        // Records appended after the snapshot still fold onto the snapshot's outbox.
        clock.advance(by: .seconds(3600))
        let resumed = try #require(try await afterCompaction.claimWebhookDelivery(worker: "d9", policy: policy))
        try await afterCompaction.recordWebhookAttempt(
            resumed, worker: "d9", report: WebhookAttemptReport(statusCode: 200), policy: policy, randomFraction: 0)
        #expect(try await store.webhookDeliveries(job: resumed.jobID).first?.state == .delivered)
    }

    @Test func aSnapshotWithoutDeliveriesKeepsTheOriginalLayout() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await open(directory, clock: ManualJobClock())
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        _ = try await StoreFixtures.runToCompletion(store)
        try await store.compact()
        let bytes = StoreFixtures.readFile(directory.store + "/snapshot-1")
        #expect(!bytes.isEmpty)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("WHK1"))
    }

    @Test func retentionKeepsJobsWhoseWebhookIsStillPending() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await open(directory, clock: clock)
        let job = try await completedJob(store)
        clock.advance(by: .seconds(10))
        #expect(try await store.collectGarbage(retention: .seconds(1)) == 0)
        let claimed = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        try await store.recordWebhookAttempt(claimed, worker: "d1", report: WebhookAttemptReport(statusCode: 204), policy: policy, randomFraction: 0)
        #expect(try await store.collectGarbage(retention: .seconds(1)) == 1)
        #expect(try await store.job(job.id) == nil)
    }

    @Test func summaryAndStatusShowTheDeliveryState() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await open(directory, clock: ManualJobClock())
        let submitted = try await store.submit(JobSubmission(request: StoreFixtures.brief(), webhookURL: Self.url))
        let validator = try JSONSchemaValidator(schema: JobTools.statusOutputSchema)
        let waiting = try #require(try await store.job(submitted.job.id)).statusJSON
        #expect(waiting["webhook"]?["state"] == "waiting")
        #expect(validator.validate(.object(waiting)).isEmpty)
        _ = try await StoreFixtures.runToCompletion(store)
        var summary = try await store.summary()
        #expect(summary.pendingWebhookDeliveries == 1)
        #expect(summary.webhookDeliveriesByState[.pending] == 1)
        let pending = try #require(try await store.job(submitted.job.id)).statusJSON
        #expect(pending["webhook"]?["state"] == "pending")
        #expect(pending["webhook"]?["event"] == "pipeline.completed")
        #expect(validator.validate(.object(pending)).isEmpty)
        let claimed = try #require(try await store.claimWebhookDelivery(worker: "d1", policy: policy))
        try await store.recordWebhookAttempt(
            claimed, worker: "d1", report: WebhookAttemptReport(statusCode: 202, latencyMilliseconds: 9), policy: policy, randomFraction: 0)
        let delivered = try #require(try await store.job(submitted.job.id)).statusJSON
        #expect(delivered["webhook"]?["state"] == "delivered")
        #expect(delivered["webhook"]?["last_attempt"]?["status_code"] == 202)
        #expect(delivered["webhook"]?["last_attempt"]?["latency_ms"] == 9)
        #expect(delivered["webhook"]?["id"] == .string(claimed.id))
        #expect(validator.validate(.object(delivered)).isEmpty)
        summary = try await store.summary()
        #expect(summary.pendingWebhookDeliveries == 0)
        #expect(summary.webhookDeliveriesByState[.delivered] == 1)
    }

    @Test func aKeySeesOnlyTheDeliveriesOfItsOwnJobs() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await open(directory, clock: ManualJobClock())
        for owner in ["key_a", "key_b", "key_a"] {
            _ = try await store.submit(JobSubmission(request: StoreFixtures.brief(), webhookURL: Self.url, owner: owner))
            _ = try await StoreFixtures.runToCompletion(store)
        }
        let a = Caller(keyID: "key_a", scopes: ["jobs:read"])
        let seen = try await store.webhookDeliveries(visibleTo: a)
        #expect(seen.count == 2)
        for delivery in seen { #expect(try await store.job(delivery.jobID)?.owner == "key_a") }
        #expect(try await store.webhookDeliveries(visibleTo: .local).count == 3, "the store's owner sees all")
        #expect(try await store.webhookDeliveries(visibleTo: Caller(keyID: "key_c", scopes: ["admin"])).count == 3)
    }

    @Test func thePipelineToolRefusesAPrivateWebhookURL() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await open(directory, clock: ManualJobClock())
        let context = RequestContext(
            id: .string("t"), method: "tools/call", era: .legacy(version: ProtocolRevisions.latestLegacy), requestID: "t", meta: [:],
            logger: .disabled)
        let strict = ToolRegistry(JobTools.make(store: store, webhookGuard: WebhookURLGuard(allowPrivate: false)))
        let refused = try await strict.call(
            "aios_full_pipeline", arguments: ["spec": "A habit tracker where users check off habits.", "webhook_url": "http://127.0.0.1:8080/hook"], context: context)
        #expect(refused["isError"] == true)
        #expect(refused["structuredContent"]?["error"]?["code"] == "INVALID_INPUT")
        #expect(refused["structuredContent"]?["error"]?["details"]?["field"] == "webhook_url")
        #expect(try await store.jobs().isEmpty, "nothing was queued")
        let open = ToolRegistry(JobTools.make(store: store, webhookGuard: WebhookURLGuard(allowPrivate: true)))
        let accepted = try await open.call(
            "aios_full_pipeline", arguments: ["spec": "A habit tracker where users check off habits.", "webhook_url": "http://127.0.0.1:8080/hook"], context: context)
        #expect(accepted["isError"] != true)
        #expect(try await store.jobs().first?.webhookURL == "http://127.0.0.1:8080/hook")
    }

    @Test func theSigningSecretIsGeneratedOncePrivatelyAndRotatesWithGrace() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await open(directory, clock: clock)
        let other = try await open(directory, clock: clock)
        let first = try await store.webhookKeyring(environment: [:])
        #expect(first.source == .store(path: directory.store + "/webhook-secrets"))
        #expect(try await other.webhookKeyring(environment: [:]) == first)
        #expect(StoreFixtures.mode(directory.store + "/webhook-secrets") == 0o600)
        let configured = WebhookSecret.generate()
        #expect(try await store.webhookKeyring(environment: ["AIOS_WEBHOOK_SECRET": configured.text]).current == configured)

        let rotated = try await other.rotateWebhookSecret(grace: .seconds(60))
        #expect(rotated.current != first.current)
        let reread = try await store.webhookKeyring(environment: [:])
        #expect(reread.signingSecrets(at: clock.nowMilliseconds()) == [rotated.current, first.current].compactMap { $0 })
        clock.advance(by: .seconds(60))
        #expect(reread.signingSecrets(at: clock.nowMilliseconds()) == [rotated.current].compactMap { $0 })
    }
}
