import Foundation
import MCPCore
import Testing
import aios_webhook

/// The dispatcher with the real HTTP client against the Python receiver, time moved by hand:
/// signatures checked by Python, retries with backoff, Retry-After, 410, a stalled receiver
/// timed out, a private address refused, and a rotated secret. Each sending test runs with the
/// client in process and through the `aios-webhook` helper that aiosctl uses.
@Suite(.serialized) struct WebhookDispatcherTests {
    let secret = WebhookSecret.generate()

    /// Where the HTTP client runs.
    enum Client: String, CaseIterable, Sendable {
        /// `URLSessionWebhookTransport` in this process.
        case inProcess
        /// `SubprocessWebhookTransport`: one `aios-webhook` child per attempt.
        case helper

        var transport: any WebhookTransport {
            switch self {
            case .inProcess: URLSessionWebhookTransport()
            case .helper: SubprocessWebhookTransport(executable: Products.aiosWebhook)
            }
        }
    }

    struct Fixture {
        let store: any JobStoreBackend
        let clock: ManualJobClock
        let home: String
    }

    func fixture() async throws -> Fixture {
        let home = try CLITests.makeHome()
        let clock = ManualJobClock(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        return Fixture(store: try await StoreFactory.open(.file(home + "/store"), clock: clock).jobs, clock: clock, home: home)
    }

    func dispatcher(
        _ fixture: Fixture, _ client: Client = .inProcess, allowPrivate: Bool = true, keyring: WebhookKeyring? = nil
    ) -> WebhookDispatcher {
        let fixed = keyring ?? WebhookKeyring(entries: [.init(secret: secret, createdAt: 0)], source: .environment)
        let store = fixture.store
        return WebhookDispatcher(
            store: fixture.store, transport: client.transport, urlGuard: WebhookURLGuard(allowPrivate: allowPrivate),
            keyring: { keyring == nil ? fixed : try await store.webhookKeyring(environment: [:]) }, clock: fixture.clock,
            worker: "test:dispatcher", randomFraction: { 0.5 })
    }

    /// Submits a job with `url` and runs it with the builtin engine.
    func endedJob(_ fixture: Fixture, url: String) async throws -> Job {
        let (job, _) = try await fixture.store.submit(JobSubmission(request: ["spec": "A habit tracker where users check off habits."], webhookURL: url))
        let pool = WorkerPool(store: fixture.store, clock: fixture.clock, executor: EngineExecutor.make())
        let ended = try await pool.runJob(job.id)
        #expect(ended.status == .completed)
        return ended
    }

    @Test(arguments: Client.allCases) func retriesWithBackoffUntilDeliveredWithTheSameIDAndValidSignatures(client: Client) async throws {
        let receiver = try WebhookReceiver(secrets: [secret.text], options: ["--fail-first", "2"])
        let fixture = try await fixture()
        let job = try await endedJob(fixture, url: receiver.url)
        let dispatcher = dispatcher(fixture, client)
        let policy = WebhookRetryPolicy()

        var attempted = await dispatcher.deliverDue()
        #expect(attempted.map(\.state) == [.pending])
        #expect(receiver.requests().count == 1)
        let firstWait = policy.backoffMilliseconds(afterAttempt: 1, fraction: 0.5)
        #expect(attempted.first?.nextAttemptAt == fixture.clock.nowMilliseconds() + firstWait)
        #expect(await dispatcher.deliverDue().isEmpty, "nothing is due before the backoff ends")

        fixture.clock.advance(by: .milliseconds(firstWait))
        attempted = await dispatcher.deliverDue()
        #expect(attempted.map(\.state) == [.pending])
        fixture.clock.advance(by: .milliseconds(policy.backoffMilliseconds(afterAttempt: 2, fraction: 0.5)))
        attempted = await dispatcher.deliverDue()
        let delivery = try #require(attempted.first)
        #expect(delivery.state == .delivered)
        #expect(delivery.attempts.map(\.statusCode) == [503, 503, 204])

        let requests = receiver.requests()
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0["aios_signature_ok"] as? Bool == true }, "Python's hmac rejected X-AIOS-Signature")
        #expect(requests.allSatisfy { $0["standard_signature_ok"] as? Bool == true }, "Python's hmac rejected webhook-signature")
        #expect(Set(requests.compactMap { $0["webhook_id"] as? String }) == [delivery.id])
        #expect(Set(requests.compactMap { $0["body"] as? String }) == [String(decoding: delivery.body(graph: .pipeline), as: UTF8.self)])
        let stamps = requests.compactMap { header($0, "webhook-timestamp").flatMap { Int($0) } }
        #expect(stamps.count == 3)
        #expect(zip(stamps, stamps.dropFirst()).map { $1 - $0 }.map { $0 >= 3 } == [true, true], "signed timestamps follow the clock")
        let starts = delivery.attempts.map(\.startedAt)
        #expect(zip(starts, starts.dropFirst()).map { $1 - $0 } == [firstWait, policy.backoffMilliseconds(afterAttempt: 2, fraction: 0.5)])
        #expect(stamps == requests.compactMap { header($0, "X-AIOS-Timestamp").flatMap { Int($0) } })
        let body = try #require(try JSONSerialization.jsonObject(with: Data((requests[0]["body"] as? String ?? "").utf8)) as? [String: Any])
        #expect(body["event"] as? String == "pipeline.completed")
        #expect(body["job_id"] as? String == job.id.rawValue)
        #expect(header(requests[0], "Content-Type") == "application/json")
    }

    @Test(arguments: Client.allCases) func aStalledReceiverTimesOutAfterTenSecondsOfTheClockAndTheRetryGetsThrough(client: Client) async throws {
        let receiver = try WebhookReceiver(secrets: [secret.text], options: ["--stall-first", "1", "--stall-seconds", "60"])
        let fixture = try await fixture()
        _ = try await endedJob(fixture, url: receiver.url)
        let dispatcher = dispatcher(fixture, client)
        let first = Task { await dispatcher.deliverDue() }
        _ = try await receiver.waitForRequests(1)
        await fixture.clock.waitForSleepers(1)
        fixture.clock.advance(by: .seconds(10))
        let timedOut = try #require(await first.value.first)
        #expect(timedOut.state == .pending)
        #expect(timedOut.attempts.first?.error == "timed out after 10 s")
        #expect(timedOut.attempts.first?.statusCode == nil)
        fixture.clock.advance(by: .seconds(60))
        let retried = try #require(await dispatcher.deliverDue().first)
        #expect(retried.state == .delivered)
        #expect(receiver.requests().map { $0["webhook_id"] as? String } == [retried.id, retried.id])
    }

    @Test(arguments: Client.allCases) func retryAfterIsHonouredAndGoneStopsTheDelivery(client: Client) async throws {
        let limited = try WebhookReceiver(
            secrets: [secret.text], options: ["--fail-first", "1", "--fail-status", "429", "--retry-after", "120"])
        let gone = try WebhookReceiver(secrets: [secret.text], options: ["--status-sequence", "410"])
        let fixture = try await fixture()
        _ = try await endedJob(fixture, url: limited.url)
        let dispatcher = dispatcher(fixture, client)
        let waiting = try #require(await dispatcher.deliverDue().first)
        #expect(waiting.attempts.first?.statusCode == 429)
        #expect(waiting.nextAttemptAt == fixture.clock.nowMilliseconds() + 120_000)
        fixture.clock.advance(by: .seconds(119))
        #expect(await dispatcher.deliverDue().isEmpty)
        fixture.clock.advance(by: .seconds(1))
        #expect(await dispatcher.deliverDue().first?.state == .delivered)

        _ = try await endedJob(fixture, url: gone.url)
        let stopped = try #require(await dispatcher.deliverDue().first)
        #expect(stopped.state == .failed)
        #expect(stopped.attempts.map(\.statusCode) == [410])
        fixture.clock.advance(by: .seconds(86400))
        #expect(await dispatcher.deliverDue().isEmpty)
        #expect(gone.requests().count == 1)
    }

    @Test(arguments: Client.allCases) func redirectsAreNotFollowed(client: Client) async throws {
        let target = try WebhookReceiver(secrets: [secret.text])
        let redirecting = try WebhookReceiver(secrets: [secret.text], options: ["--redirect-to", target.url])
        let fixture = try await fixture()
        _ = try await endedJob(fixture, url: redirecting.url)
        let attempted = try #require(await dispatcher(fixture, client).deliverDue().first)
        #expect(attempted.attempts.map(\.statusCode) == [307])
        #expect(attempted.state == .pending, "a redirect is a failed attempt, retried later")
        #expect(redirecting.requests().count == 1)
        #expect(target.requests().isEmpty, "the redirect was followed")
    }

    @Test func aPrivateAddressIsRefusedAtDeliveryByDefault() async throws {
        let receiver = try WebhookReceiver(secrets: [secret.text])
        let fixture = try await fixture()
        // Submitted past the tool's check (as a store written before a policy change would hold it).
        _ = try await endedJob(fixture, url: receiver.url)
        let refused = try #require(await dispatcher(fixture, allowPrivate: false).deliverDue().first)
        #expect(refused.state == .failed)
        #expect(refused.attempts.count == 1)
        #expect(refused.attempts.first?.error?.contains("127.0.0.1, a loopback address") == true)
        #expect(receiver.requests().isEmpty, "a refused delivery must not reach the receiver")
    }

    @Test(arguments: Client.allCases) func duringARotationReceiversKnowingEitherSecretVerify(client: Client) async throws {
        let fixture = try await fixture()
        let old = try await fixture.store.webhookKeyring(environment: [:])
        let new = try await fixture.store.rotateWebhookSecret(grace: .seconds(3600))
        let oldOnly = try WebhookReceiver(secrets: [try #require(old.current).text])
        let newOnly = try WebhookReceiver(secrets: [try #require(new.current).text])
        let dispatcher = dispatcher(fixture, client, keyring: new)
        for receiver in [oldOnly, newOnly] {
            let (_, report) = await dispatcher.sendTest(to: receiver.url)
            #expect(report.statusCode == 204, "the receiver rejected the signatures")
            let request = try #require(receiver.requests().first)
            #expect(header(request, "webhook-signature")?.split(separator: " ").count == 2)
        }
        fixture.clock.advance(by: .seconds(3600))
        let (_, late) = await dispatcher.sendTest(to: oldOnly.url)
        #expect(late.statusCode == 401, "the old secret stops signing when its grace ends")
    }
}
