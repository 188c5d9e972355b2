import Synchronization
import Testing
@testable import AIOSStore
@testable import MCPCore

/// Graceful stop of a worker pool: nothing new starts, running phases finish within the grace,
/// their jobs are released for the next worker.
@Suite struct WorkerShutdownTests {
    let clock = ManualJobClock()
    let directory = TemporaryDirectory()

    func options() -> WorkerOptions {
        var options = WorkerOptions()
        options.name = "test"
        options.concurrency = 1
        return options
    }

    func eventually(_ store: JobStore, _ id: JobID, _ what: String, _ condition: (Job) -> Bool) async throws {
        let observer = try await JobStore.open(at: directory.store, options: JobStoreOptions(changePollInterval: .milliseconds(5)))
        var version = try await observer.version()
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            if let job = try await observer.job(id), condition(job) { return }
            try #require(ContinuousClock.now < deadline, "timed out waiting for \(what)")
            version = try await observer.waitForChange(after: version, timeout: .milliseconds(200))
        }
    }

    @Test func theRunningPhaseFinishesThenTheJobIsReleasedWithItsArtifact() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        let proceed = StopRequest()
        let started = Mutex<[Phase]>([])
        let executor: PhaseExecutor = { phase, _ in
            started.withLock { $0.append(phase) }
            if phase == .strategy { await proceed.wait() }
            return ScriptedExecutor.output(phase)
        }
        let handler = InMemoryLogHandler()
        let metrics = MetricsRegistry()
        let pool = WorkerPool(
            store: store, options: options(), clock: clock, logger: Logger(label: "t", level: .debug, handler: handler),
            metrics: metrics, executor: executor)
        let stop = StopRequest()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await pool.run(until: stop) }
            try await eventually(store, id, "strategy to start") { $0.phases[.strategy]?.status == .running }
            stop.request()
            proceed.request()
            try await group.waitForAll()
        }
        let job = try #require(try await store.job(id))
        #expect(job.status == .queued && job.lease == nil && job.stallCount == 0)
        #expect(job.phases[.strategy]?.status == .completed, "the running phase was allowed to finish")
        #expect(job.phases[.architecture]?.status == .pending)
        #expect(started.withLock { $0 } == [.strategy], "no phase started after the stop")
        let messages = handler.records.map(\.message)
        #expect(messages.contains("phase completed") && messages.contains("job released for another worker (shutdown)"))
        #expect(handler.records.filter { $0.message == "phase completed" }.allSatisfy { $0.metadata["job.id"] == .string(id.rawValue) })
        let phases = metrics.snapshot().histograms(of: .phaseDuration)
        #expect(phases[MetricSeries(MetricFamily.phaseDuration.name, ["phase": "strategy", "outcome": "completed"])]?.count == 1)
        // The next worker resumes after strategy.
        let resumed = try await WorkerPool(store: store, options: options(), clock: clock, executor: { phase, _ in
            started.withLock { $0.append(phase) }
            return ScriptedExecutor.output(phase)
        }).runJob(id)
        #expect(resumed.status == .completed)
        #expect(started.withLock { $0 }.filter { $0 == .strategy }.count == 1)
    }

    @Test func aPhaseThatOverrunsTheGraceIsCancelledAndItsJobReleased() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        let scripted = ScriptedExecutor(clock: clock, [.strategy: [.hang]])
        var options = options()
        options.shutdownGrace = .seconds(2)
        let pool = WorkerPool(store: store, options: options, clock: clock, executor: scripted.executor)
        let stop = StopRequest()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await pool.run(until: stop) }
            try await eventually(store, id, "strategy to start") { $0.phases[.strategy]?.status == .running }
            await clock.waitForSleepers(3)  // the hanging phase, its timeout and the job's watchdog
            stop.request()
            await clock.waitForSleepers(4)  // and now the grace timer
            clock.advance(by: .seconds(2))
            try await group.waitForAll()
        }
        let job = try #require(try await store.job(id))
        #expect(job.status == .queued && job.lease == nil)
        #expect(job.phases[.strategy]?.status == .pending)
        #expect(scripted.cancelled == [.strategy])
    }

    @Test(.timeLimit(.minutes(1))) func anIdlePoolStopsAtOnceWithoutWaitingForItsNextPoll() async {
        defer { directory.remove() }
        guard let store = try? await JobStore.open(at: directory.store, clock: clock) else {
            Issue.record("cannot open the store")
            return
        }
        let pool = WorkerPool(store: store, options: options(), clock: clock, executor: ScriptedExecutor(clock: clock).executor)
        let stop = StopRequest()
        let start = clock.nowMilliseconds()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await pool.run(until: stop) }
            await clock.waitForSleepers(1)  // polling an empty queue
            stop.request()
            await group.waitForAll()
        }
        #expect(clock.nowMilliseconds() == start, "the poll's wait was cut short: the manual clock never moved")
    }
}
