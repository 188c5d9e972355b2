/// Workers that claim jobs from the store and run their phases.
///
/// Every `aios-mcp` runs one (`AIOS_WORKERS`, default 5); `aiosctl worker` runs one on its own.
/// `run()` works until its task is cancelled; on cancellation each worker releases the job it
/// holds, so a worker elsewhere resumes it at once instead of waiting for the lease to lapse.
/// `run(until:)` stops gracefully: no new claims, running phases get `options.shutdownGrace` to
/// finish, then their jobs are released.
public struct WorkerPool: Sendable {
    let store: any JobStoreBackend
    let options: WorkerOptions
    let clock: any JobClock
    let executor: PhaseExecutor
    let randomFraction: @Sendable () -> Double
    let webhooks: (any WebhookDeliveryService)?
    let logger: Logger
    let metrics: MetricsRegistry?

    /// Creates a pool.
    ///
    /// - Parameters:
    ///   - store: The store to claim jobs from.
    ///   - options: Concurrency, leases, retries, timeouts.
    ///   - clock: The time source (a `ManualJobClock` in tests).
    ///   - randomFraction: Random numbers in 0...1 for backoff jitter.
    ///   - webhooks: Delivers the webhooks of ended jobs while the pool runs (a
    ///     `WebhookDispatcher`, or in `aios-mcp` a `WebhookDispatchLauncher`); `nil` for none.
    ///   - logger: Where claims, phase and job transitions (with `job.id`) and store errors go.
    ///   - metrics: Where phase attempt and job durations are counted.
    ///   - executor: Runs one phase (the lead wires the agent engine in).
    public init(
        store: any JobStoreBackend, options: WorkerOptions = WorkerOptions(), clock: any JobClock = SystemJobClock(),
        randomFraction: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        webhooks: (any WebhookDeliveryService)? = nil,
        logger: Logger = .disabled, metrics: MetricsRegistry? = nil,
        executor: @escaping PhaseExecutor
    ) {
        self.store = store
        self.options = options
        self.clock = clock
        self.randomFraction = randomFraction
        self.webhooks = webhooks
        self.logger = logger
        self.metrics = metrics
        self.executor = executor
    }

    /// Runs `options.concurrency` workers until the calling task is cancelled.
    ///
    /// Store errors do not stop a worker: it waits a poll interval and tries again.
    /// - Throws: Nothing but cancellation-related errors from the task group; returns normally
    ///   when cancelled.
    public func run() async throws {
        await run(until: StopRequest())
    }

    /// Runs `options.concurrency` workers until `stop` is requested and every running job has
    /// finished its running phases (or `options.shutdownGrace` has passed) and been released;
    /// or, at once, until the calling task is cancelled.
    ///
    /// Store errors do not stop a worker: it logs them, waits a poll interval and tries again.
    /// - Parameter stop: The graceful stop (SIGTERM, stdin closed).
    public func run(until stop: StopRequest) async {
        logger.info("worker pool started", ["workers": .integer(max(1, options.concurrency)), "pool": .string(options.name)])
        await withDiscardingTaskGroup { group in
            for index in 0..<max(1, options.concurrency) {
                group.addTask { await work(worker: "\(options.name):w\(index)", stop: stop) }
            }
            if let webhooks {
                // Delivery runs until the pool is asked to stop (or cancelled).
                group.addTask {
                    await withTaskGroup(of: Void.self) { delivery in
                        delivery.addTask { await webhooks.run() }
                        delivery.addTask { await stop.wait() }
                        await delivery.next()
                        delivery.cancelAll()
                    }
                }
            }
        }
        logger.info("worker pool stopped", ["pool": .string(options.name)])
    }

    private func work(worker: String, stop: StopRequest) async {
        let runner = runner(worker, stop: stop)
        let logger = logger.with("worker", .string(worker))
        var nextPoll = clock.nowMilliseconds()
        var failing = false
        while !Task.isCancelled, !stop.isRequested {
            do {
                let claimed = try await store.claim(worker: worker, lease: options.leaseDuration)
                if failing {
                    failing = false
                    logger.notice("store reachable again")
                }
                if let job = claimed {
                    logger.with("job.id", .string(job.id.rawValue)).info("job claimed", [
                        "phases_done": .integer(job.phases.values.filter { $0.status == .completed }.count),
                        "stalls": .integer(job.stallCount),
                    ])
                    _ = await runner.run(job)
                    nextPoll = clock.nowMilliseconds()
                    continue
                }
            } catch {
                // A store error (disk full, damage): keep trying at the poll rate rather than
                // spin or end the pool; logged once until it clears, and health reports it.
                if !failing {
                    failing = true
                    logger.error("cannot claim jobs from the store; retrying", ["error": .string(String(describing: error))])
                }
            }
            nextPoll = max(nextPoll + options.pollInterval.wholeMilliseconds, clock.nowMilliseconds())
            let wakeAt = nextPoll
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await clock.sleep(untilMilliseconds: wakeAt) }
                    group.addTask { await stop.wait() }
                    defer { group.cancelAll() }
                    _ = try await group.next()
                }
            } catch {
                return
            }
        }
    }

    private func runner(_ worker: String, stop: StopRequest? = nil) -> JobRunner {
        var runner = JobRunner(
            store: store, clock: clock, options: options, worker: worker, executor: executor,
            randomFraction: randomFraction)
        runner.logger = logger.with("worker", .string(worker))
        runner.metrics = metrics
        runner.stop = stop
        return runner
    }

    /// Runs one job in the calling task (`aiosctl run`) and returns it once it has ended.
    ///
    /// The job is claimed for this caller; when another worker holds a live lease on it, this
    /// waits for that worker to finish (or for its lease to lapse, then takes over).
    /// - Parameter id: The job to run.
    /// - Returns: The job in its terminal state, or as released when the task was cancelled.
    /// - Throws: `AIOSError` `JOB_NOT_FOUND`; `StoreError`; `CancellationError` while waiting.
    public func runJob(_ id: JobID) async throws -> Job {
        let worker = "\(options.name):inline"
        let runner = runner(worker)
        while true {
            // Taken first, so that a change made by the claim below (a stalled job failed)
            // ends the wait at once.
            let version = try await store.version()
            guard let job = try await store.job(id) else {
                throw AIOSError(.jobNotFound, "no job \(id)", details: ["job_id": .string(id.rawValue)])
            }
            if job.status.isTerminal { return job }
            if let claimed = try await store.claim(worker: worker, lease: options.leaseDuration, only: id) {
                if await runner.run(claimed) == .released, let released = try await store.job(id) { return released }
                continue
            }
            _ = try await store.waitForChange(after: version, timeout: options.pollInterval)
        }
    }
}
