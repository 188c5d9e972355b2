/// Workers that claim jobs from the store and run their phases.
///
/// Every `aios-mcp` runs one (`AIOS_WORKERS`, default 5); `aiosctl worker` runs one on its own.
/// `run()` works until its task is cancelled; on cancellation each worker releases the job it
/// holds, so a worker elsewhere resumes it at once instead of waiting for the lease to lapse.
public struct WorkerPool: Sendable {
    let store: JobStore
    let options: WorkerOptions
    let clock: any JobClock
    let executor: PhaseExecutor
    let randomFraction: @Sendable () -> Double
    let webhooks: (any WebhookDeliveryService)?

    /// Creates a pool.
    ///
    /// - Parameters:
    ///   - store: The store to claim jobs from.
    ///   - options: Concurrency, leases, retries, timeouts.
    ///   - clock: The time source (a `ManualJobClock` in tests).
    ///   - randomFraction: Random numbers in 0...1 for backoff jitter.
    ///   - webhooks: Delivers the webhooks of ended jobs while the pool runs (a
    ///     `WebhookDispatcher`, or in `aios-mcp` a `WebhookDispatchLauncher`); `nil` for none.
    ///   - executor: Runs one phase (the lead wires the agent engine in).
    public init(
        store: JobStore, options: WorkerOptions = WorkerOptions(), clock: any JobClock = SystemJobClock(),
        randomFraction: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        webhooks: (any WebhookDeliveryService)? = nil,
        executor: @escaping PhaseExecutor
    ) {
        self.store = store
        self.options = options
        self.clock = clock
        self.randomFraction = randomFraction
        self.webhooks = webhooks
        self.executor = executor
    }

    /// Runs `options.concurrency` workers until the calling task is cancelled.
    ///
    /// Store errors do not stop a worker: it waits a poll interval and tries again.
    /// - Throws: Nothing but cancellation-related errors from the task group; returns normally
    ///   when cancelled.
    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for index in 0..<max(1, options.concurrency) {
                group.addTask { await work(worker: "\(options.name):w\(index)") }
            }
            if let webhooks { group.addTask { await webhooks.run() } }
        }
    }

    private func work(worker: String) async {
        let runner = runner(worker)
        var nextPoll = clock.nowMilliseconds()
        while !Task.isCancelled {
            do {
                if let job = try await store.claim(worker: worker, lease: options.leaseDuration) {
                    _ = await runner.run(job)
                    nextPoll = clock.nowMilliseconds()
                    continue
                }
            } catch {
                // A store error (disk full, damage): keep trying at the poll rate rather than
                // spin or end the pool; health checks report the store's state.
            }
            nextPoll = max(nextPoll + options.pollInterval.wholeMilliseconds, clock.nowMilliseconds())
            do { try await clock.sleep(untilMilliseconds: nextPoll) } catch { return }
        }
    }

    private func runner(_ worker: String) -> JobRunner {
        JobRunner(
            store: store, clock: clock, options: options, worker: worker, executor: executor,
            randomFraction: randomFraction)
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
