/// Delivers the store's pending webhooks: claims a due delivery (so no other process sends it
/// at the same time), checks its URL again, signs the body, POSTs it through the transport
/// within the timeout, and records the attempt — delivered, retried later, or given up.
///
/// Runs wherever workers run: inside `aiosctl worker` and `aiosctl run`, and in the
/// `aiosctl webhook dispatch` processes `aios-mcp` starts. Any number may share a store.
public struct WebhookDispatcher: WebhookDeliveryService {
    let store: any JobStoreBackend
    let transport: any WebhookTransport
    let urlGuard: WebhookURLGuard
    let keyring: @Sendable () async throws -> WebhookKeyring
    let policy: WebhookRetryPolicy
    let clock: any JobClock
    let worker: String
    let concurrency: Int
    let pollInterval: Duration
    let randomFraction: @Sendable () -> Double
    let logger: Logger

    /// Creates a dispatcher.
    ///
    /// - Parameters:
    ///   - store: The store whose outbox is delivered.
    ///   - transport: Sends the requests.
    ///   - urlGuard: Checks each URL before each attempt.
    ///   - keyring: The signing secrets, read before each attempt so a rotation takes effect at once.
    ///   - policy: Attempts, timeout, backoff.
    ///   - clock: The time source for timeouts and waits (a `ManualJobClock` in tests).
    ///   - worker: The identifier recorded with claims and attempts.
    ///   - concurrency: Deliveries attempted at once.
    ///   - pollInterval: How often `run()` looks for deliveries other processes created.
    ///   - randomFraction: Random numbers in 0...1 for the backoff jitter.
    ///   - logger: Where attempts are logged (never secrets or signatures).
    public init(
        store: any JobStoreBackend, transport: any WebhookTransport, urlGuard: WebhookURLGuard,
        keyring: @escaping @Sendable () async throws -> WebhookKeyring, policy: WebhookRetryPolicy = WebhookRetryPolicy(),
        clock: any JobClock = SystemJobClock(), worker: String = WorkerOptions.defaultName() + ":webhooks",
        concurrency: Int = 4, pollInterval: Duration = .seconds(1),
        randomFraction: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }, logger: Logger = .disabled
    ) {
        self.store = store
        self.transport = transport
        self.urlGuard = urlGuard
        self.keyring = keyring
        self.policy = policy
        self.clock = clock
        self.worker = worker
        self.concurrency = max(1, concurrency)
        self.pollInterval = pollInterval
        self.randomFraction = randomFraction
        self.logger = logger
    }

    /// Delivers until the calling task is cancelled, waking when a retry falls due and every
    /// `pollInterval` for deliveries created elsewhere. An attempt under way when cancelled is
    /// abandoned; its lease lapses and another dispatcher records it as interrupted and retries.
    public func run() async {
        while !Task.isCancelled {
            _ = await deliverDue()
            let now = clock.nowMilliseconds()
            var wake = now + pollInterval.wholeMilliseconds
            if let next = (try? await store.webhookBacklog())?.nextDueAt { wake = min(wake, max(next, now)) }
            do { try await clock.sleep(untilMilliseconds: wake) } catch { return }
        }
    }

    /// Attempts every delivery that is due now, `concurrency` at a time, and returns.
    ///
    /// - Parameter only: Deliver only this job's webhooks.
    /// - Returns: The deliveries attempted, as they are after their attempt.
    @discardableResult
    public func deliverDue(only: JobID? = nil) async -> [WebhookDelivery] {
        await withTaskGroup(of: WebhookDelivery?.self) { group in
            var results: [WebhookDelivery] = []
            var running = 0
            while !Task.isCancelled {
                if running >= concurrency {
                    if let finished = await group.next() {
                        running -= 1
                        if let finished { results.append(finished) }
                    }
                    continue
                }
                let claimed: WebhookDelivery?
                do {
                    claimed = try await store.claimWebhookDelivery(worker: worker, policy: policy, only: only)
                } catch {
                    logger.error("cannot claim a webhook delivery", ["error": .string(String(describing: error))])
                    break
                }
                guard let claimed else { break }
                group.addTask { await attempt(claimed) }
                running += 1
            }
            for await finished in group {
                if let finished { results.append(finished) }
            }
            return results
        }
    }

    /// Delivers a job's webhooks until each is delivered or given up, waiting for retries.
    ///
    /// - Parameter id: The job.
    /// - Returns: The job's deliveries in their final state.
    /// - Throws: `CancellationError` when cancelled (the deliveries stay pending for any other
    ///   dispatcher); `StoreError`.
    public func deliverUntilSettled(job id: JobID) async throws -> [WebhookDelivery] {
        while true {
            await deliverDue(only: id)
            let deliveries = try await store.webhookDeliveries(job: id, limit: .max)
            let open = deliveries.filter { !$0.state.isFinal }
            if open.isEmpty { return deliveries }
            let now = clock.nowMilliseconds()
            let next = open.compactMap { $0.state == .pending ? $0.nextAttemptAt : $0.lease?.expiresAt }.min() ?? now
            try await clock.sleep(untilMilliseconds: min(max(next, now), now + pollInterval.wholeMilliseconds))
        }
    }

    /// Makes the attempt this dispatcher has just claimed and records its outcome.
    ///
    /// - Parameter delivery: A delivery returned by `JobStore.claimWebhookDelivery`.
    /// - Returns: The delivery after the attempt; `nil` when its outcome could not be recorded
    ///   (the lease was lost, or the store failed: the lease lapses and it is tried again).
    func attempt(_ delivery: WebhookDelivery) async -> WebhookDelivery? {
        let number = delivery.attempts.last?.number ?? 1
        var log = logger.with("job.id", .string(delivery.jobID.rawValue)).with("webhook.id", .string(delivery.id))
        log = log.with("webhook.attempt", .integer(number))
        let report = await send(id: delivery.id, url: delivery.url, body: delivery.body(graph: store.phaseGraph))
        do {
            let updated = try await store.recordWebhookAttempt(
                delivery, worker: worker, report: report, policy: policy, randomFraction: randomFraction())
            var details: JSONObject = ["webhook.state": .string(updated.state.rawValue)]
            if let status = report.statusCode { details["http.status"] = .integer(status) }
            if let latency = report.latencyMilliseconds { details["latency_ms"] = .int(latency) }
            if let error = report.error { details["error"] = .string(error) }
            switch updated.state {
            case .delivered: log.info("webhook delivered", details)
            case .failed: log.error("webhook delivery given up", details)
            case .pending, .delivering: log.warning("webhook attempt failed; will retry", details)
            }
            return updated
        } catch {
            log.warning("webhook attempt not recorded", ["error": .string(String(describing: error))])
            return nil
        }
    }

    /// Signs and sends `body` to `url` as one attempt: guard, keyring, request, timeout.
    ///
    /// - Returns: What the attempt got; does not throw.
    func send(id: String, url: String, body: [UInt8]) async -> WebhookAttemptReport {
        let target: WebhookURLGuard.Target
        do {
            target = try await urlGuard.check(url)
        } catch {
            return WebhookAttemptReport(error: "refused: \(error.message)", isPermanent: error.isPermanent)
        }
        let secrets: [WebhookSecret]
        do {
            secrets = try await keyring().signingSecrets(at: clock.nowMilliseconds())
        } catch {
            return WebhookAttemptReport(error: "no signing secret: \(error)")
        }
        let timestamp = clock.nowMilliseconds() / 1000
        let request = WebhookRequest(
            target: target, headers: WebhookSignature.headers(secrets: secrets, id: id, timestamp: timestamp, body: body),
            body: body, timeout: policy.timeout)
        let started = ContinuousClock.now
        let response = await withTimeout(policy.timeout) { await transport.send(request) }
        let latency = (ContinuousClock.now - started).wholeMilliseconds
        if Task.isCancelled {
            // Shutting down: whether the receiver got it is unknown; another worker retries at once.
            return WebhookAttemptReport(latencyMilliseconds: latency, error: "interrupted: the worker shut down", isInterrupted: true)
        }
        guard let response else {
            return WebhookAttemptReport(latencyMilliseconds: latency, error: "timed out after \(policy.timeout.wholeMilliseconds / 1000) s")
        }
        return WebhookAttemptReport(
            statusCode: response.statusCode, latencyMilliseconds: latency, error: response.error,
            retryAfterMilliseconds: response.retryAfter.flatMap {
                WebhookRetryPolicy.retryAfterMilliseconds($0, now: clock.nowMilliseconds())
            })
    }

    /// Sends a signed `webhook.test` event to `url` (nothing is recorded in the store).
    ///
    /// - Parameter url: The receiver.
    /// - Returns: The `webhook-id` used and what the attempt got.
    public func sendTest(to url: String) async -> (id: String, report: WebhookAttemptReport) {
        let id = "msg_test_" + Hex.encode(SecureRandom.bytes(12))
        let now = clock.nowMilliseconds()
        let body = JSONValue.object([
            "event": .string(WebhookEventType.test.rawValue), "job_id": .null, "status": .null, "phases_completed": [],
            "artifact_uris": [], "duration_ms": 0, "timestamp": .string(RFC3339Timestamp.format(milliseconds: now)),
        ]).serialized()
        return (id, await send(id: id, url: url, body: body))
    }

    /// Runs `body`, giving up at `timeout` on this dispatcher's clock (the body is cancelled).
    private func withTimeout(_ timeout: Duration, _ body: @escaping @Sendable () async -> WebhookResponse) async -> WebhookResponse? {
        let deadline = clock.nowMilliseconds() + timeout.wholeMilliseconds
        return await withTaskGroup(of: WebhookResponse?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await clock.sleep(untilMilliseconds: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
