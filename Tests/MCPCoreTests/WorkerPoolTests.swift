import Synchronization
import Testing
@testable import AIOSStore
@testable import MCPCore

/// A phase executor driven by the test: per phase, a script of behaviours, and a log of calls.
final class ScriptedExecutor: Sendable {
    enum Behaviour: Sendable {
        case succeed
        case fail(AIOSError)
        /// Waits on the clock for an hour (so only a timeout or a cancel ends it).
        case hang
    }

    private struct State {
        var scripts: [Phase: [Behaviour]]
        var calls: [(phase: Phase, input: JSONObject)] = []
        var cancelled: [Phase] = []
    }

    private let state: Mutex<State>
    let clock: any JobClock

    init(clock: any JobClock, _ scripts: [Phase: [Behaviour]] = [:]) {
        state = Mutex(State(scripts: scripts))
        self.clock = clock
    }

    var calls: [(phase: Phase, input: JSONObject)] { state.withLock { $0.calls } }
    var phasesCalled: [Phase] { calls.map(\.phase) }
    var cancelled: [Phase] { state.withLock { $0.cancelled } }

    static func output(_ phase: Phase) -> JSONObject {
        switch phase {
        case .ux: ["ux_spec": ["pages": ["home"]], "ux_markdown": "# UX"]
        default: ["phase": .string(phase.rawValue)]
        }
    }

    var executor: PhaseExecutor {
        { phase, input in
            let behaviour = self.state.withLock { state -> Behaviour in
                state.calls.append((phase, input))
                guard var script = state.scripts[phase], !script.isEmpty else { return .succeed }
                let next = script.removeFirst()
                state.scripts[phase] = script
                return next
            }
            switch behaviour {
            case .succeed: return Self.output(phase)
            case .fail(let error): throw error
            case .hang:
                do {
                    try await self.clock.sleep(for: .seconds(3600))
                } catch {
                    self.state.withLock { $0.cancelled.append(phase) }
                    throw error
                }
                return Self.output(phase)
            }
        }
    }
}

@Suite struct WorkerPoolTests {
    let clock = ManualJobClock()
    let directory = TemporaryDirectory()

    func options(_ configure: (inout WorkerOptions) -> Void = { _ in }) -> WorkerOptions {
        var options = WorkerOptions()
        options.name = "test"
        options.concurrency = 2
        configure(&options)
        return options
    }

    /// A second store on the same directory with the real clock, to wait for conditions.
    func observer() async throws -> JobStore {
        try await JobStore.open(at: directory.store, options: JobStoreOptions(changePollInterval: .milliseconds(5)))
    }

    /// Waits (with a real deadline) until the job satisfies `condition`.
    @discardableResult
    func eventually(
        _ observer: JobStore, _ id: JobID, _ what: String, _ condition: (Job) -> Bool
    ) async throws -> Job {
        var version = try await observer.version()
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            if let job = try await observer.job(id), condition(job) { return job }
            try #require(ContinuousClock.now < deadline, "timed out waiting for \(what)")
            version = try await observer.waitForChange(after: version, timeout: .milliseconds(200))
        }
    }

    @Test func aPoolRunsJobsConcurrentlyFeedingEachPhaseItsAncestorsArtifacts() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        var ids: [JobID] = []
        for index in 0..<4 {
            ids.append(try await store.submit(JobSubmission(request: StoreFixtures.brief("job \(index)"))).job.id)
        }
        let scripted = ScriptedExecutor(clock: clock)
        let pool = WorkerPool(store: store, options: options { $0.concurrency = 3 }, clock: clock, executor: scripted.executor)
        let running = Task { try await pool.run() }
        let watcher = try await observer()
        for id in ids { try await eventually(watcher, id, "completion") { $0.status == .completed } }
        running.cancel()
        try await running.value
        #expect(scripted.calls.count == 16)
        let codeInput = try #require(scripted.calls.first { $0.phase == .code }?.input)
        #expect(codeInput["spec"]?.stringValue?.hasPrefix("job ") == true)
        #expect(codeInput["requirements"] == .object(ScriptedExecutor.output(.strategy)))
        #expect(codeInput["architecture"] == .object(ScriptedExecutor.output(.architecture)))
        #expect(codeInput["ux_spec"] == ["pages": ["home"]])
        let uxInput = try #require(scripted.calls.first { $0.phase == .ux }?.input)
        #expect(uxInput["requirements"] != nil && uxInput["architecture"] == nil)
        let job = try #require(try await store.job(ids[0]))
        #expect(job.progressPercent == 100 && job.lease == nil)
        #expect(try await store.artifact(ids[0], phase: .ux) == ScriptedExecutor.output(.ux))
    }

    @Test func aFailingPhaseIsRetriedWithExponentialBackoff() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.strategy])).job.id
        let flaky = AIOSError(.agentFailure, "upstream 503")
        let scripted = ScriptedExecutor(clock: clock, [.strategy: [.fail(flaky), .fail(flaky)]])
        let pool = WorkerPool(store: store, options: options(), clock: clock, randomFraction: { 1 }, executor: scripted.executor)
        let run = Task { try await pool.runJob(id) }
        let watcher = try await observer()
        let start = clock.nowMilliseconds()
        var job = try await eventually(watcher, id, "first failure") { $0.phases[.strategy]?.failures == 1 }
        #expect(job.phases[.strategy]?.retryAt == start + 1000)
        #expect(job.phases[.strategy]?.error == JobFailure(flaky))
        #expect(job.phases[.strategy]?.status == .pending)
        clock.advance(by: .seconds(1))
        job = try await eventually(watcher, id, "second failure") { $0.phases[.strategy]?.failures == 2 }
        #expect(job.phases[.strategy]?.retryAt == start + 1000 + 2000)
        clock.advance(by: .seconds(2))
        job = try await run.value
        #expect(job.status == .completed)
        #expect(job.phases[.strategy]?.attempts == 3)
        #expect(scripted.phasesCalled == [.strategy, .strategy, .strategy])
    }

    @Test func aPhaseFailingEveryAttemptFailsTheJobAndSkipsItsDependents() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        let broken = AIOSError(.agentFailure, "model refused")
        let scripted = ScriptedExecutor(clock: clock, [.architecture: [.fail(broken), .fail(broken), .fail(broken)]])
        let pool = WorkerPool(store: store, options: options(), clock: clock, randomFraction: { 0 }, executor: scripted.executor)
        let job = try await pool.runJob(id)
        #expect(job.status == .failed)
        #expect(job.phases[.architecture]?.status == .failed && job.phases[.architecture]?.attempts == 3)
        #expect(job.phases[.code]?.status == .skipped)
        #expect(job.phases[.strategy]?.status == .completed)
        #expect(job.error?.code == "AGENT_FAILURE")
        #expect(job.error?.message == "phase architecture failed after 3 attempts: model refused")
        #expect(try await store.artifact(id, phase: .strategy) == ScriptedExecutor.output(.strategy))
    }

    @Test func invalidInputIsNotRetried() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.strategy])).job.id
        let scripted = ScriptedExecutor(clock: clock, [.strategy: [.fail(AIOSError(.invalidInput, "spec is empty"))]])
        let job = try await WorkerPool(store: store, options: options(), clock: clock, executor: scripted.executor).runJob(id)
        #expect(job.status == .failed && job.phases[.strategy]?.attempts == 1)
        #expect(job.error?.code == "INVALID_INPUT")
    }

    @Test func aPhaseTimeoutCancelsTheAttemptAndCountsAsAFailure() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.strategy])).job.id
        let scripted = ScriptedExecutor(clock: clock, [.strategy: [.hang]])
        let settings = options {
            $0.phaseTimeout = .seconds(10)
            $0.maxAttempts = 1
        }
        let run = Task { try await WorkerPool(store: store, options: settings, clock: clock, executor: scripted.executor).runJob(id) }
        try await eventually(try await observer(), id, "the phase to start") { $0.phases[.strategy]?.status == .running }
        clock.advance(by: .seconds(10))
        let job = try await run.value
        #expect(job.status == .failed)
        #expect(job.phases[.strategy]?.error?.code == "AGENT_TIMEOUT")
        #expect(job.error?.message.contains("timed out after 10 s") == true)
        #expect(scripted.cancelled == [.strategy])
    }

    @Test func theJobTimeoutFailsTheWholeJob() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        let scripted = ScriptedExecutor(clock: clock, [.ux: [.hang]])
        let settings = options { $0.jobTimeout = .seconds(20) }
        let run = Task { try await WorkerPool(store: store, options: settings, clock: clock, executor: scripted.executor).runJob(id) }
        try await eventually(try await observer(), id, "ux to start") { $0.phases[.ux]?.status == .running }
        clock.advance(by: .seconds(20))
        let job = try await run.value
        #expect(job.status == .failed)
        #expect(job.error == JobFailure(code: "AGENT_TIMEOUT", message: "the job exceeded its time budget of 20 s"))
        #expect(job.phases[.ux]?.status == .cancelled && job.phases[.code]?.status == .skipped)
        #expect(scripted.cancelled == [.ux])
    }

    @Test func cancelFromAnotherProcessStopsTheRunningPhasePromptly() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        let scripted = ScriptedExecutor(clock: clock, [.strategy: [.hang]])
        let run = Task { try await WorkerPool(store: store, options: options(), clock: clock, executor: scripted.executor).runJob(id) }
        let watcher = try await observer()
        try await eventually(watcher, id, "strategy to start") { $0.phases[.strategy]?.status == .running }
        _ = try await watcher.cancel(id)
        // One cancel-check interval of clock time is all it takes.
        clock.advance(by: .milliseconds(500))
        let job = try await run.value
        #expect(job.status == .cancelled)
        #expect(scripted.cancelled == [.strategy])
        #expect(scripted.phasesCalled == [.strategy])
    }

    /// A worker that claims a job, finishes strategy, starts architecture and then dies.
    func abandon(_ store: JobStore, _ id: JobID, as worker: String, finishing phases: [Phase]) async throws {
        _ = try #require(try await store.claim(worker: worker, lease: .seconds(30), only: id))
        for phase in phases {
            _ = try await store.phaseStarted(id, phase: phase, worker: worker)
            _ = try await store.phaseSucceeded(id, phase: phase, worker: worker, artifact: ScriptedExecutor.output(phase))
        }
        if let next = try await store.job(id)?.readyPhases(now: clock.nowMilliseconds()).first {
            _ = try await store.phaseStarted(id, phase: next, worker: worker)
        }
    }

    @Test func aDeadWorkersJobIsReclaimedAfterItsLeaseAndResumesAfterTheLastFinishedPhase() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        try await abandon(store, id, as: "dead", finishing: [.strategy])
        let scripted = ScriptedExecutor(clock: clock)
        let run = Task { try await WorkerPool(store: store, options: options(), clock: clock, executor: scripted.executor).runJob(id) }
        // While the dead worker's lease lasts, nobody takes the job.
        await clock.waitForSleepers(1)
        #expect(try await store.job(id)?.lease?.holder == "dead")
        clock.advance(by: .seconds(31))
        let job = try await run.value
        #expect(job.status == .completed)
        #expect(job.stallCount == 1)
        #expect(Set(scripted.phasesCalled) == [.architecture, .ux, .code])
        #expect(!scripted.phasesCalled.contains(.strategy))
        #expect(job.phases[.architecture]?.attempts == 2)
    }

    @Test func aJobThatKeepsStallingFailsWithItsReason() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        try await abandon(store, id, as: "dead-1", finishing: [])
        for worker in ["dead-2", "dead-3"] {
            clock.advance(by: .seconds(31))
            try await abandon(store, id, as: worker, finishing: [])
        }
        #expect(try await store.job(id)?.stallCount == 2)
        clock.advance(by: .seconds(31))
        let scripted = ScriptedExecutor(clock: clock)
        let job = try await WorkerPool(store: store, options: options(), clock: clock, executor: scripted.executor).runJob(id)
        #expect(job.status == .failed)
        #expect(job.error?.message.hasPrefix("job stalled 3 times (worker died?)") == true)
        #expect(scripted.calls.isEmpty)
    }

    @Test func shuttingDownReleasesTheJobSoAnotherWorkerResumesAtOnce() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        let first = ScriptedExecutor(clock: clock, [.architecture: [.hang]])
        let pool = WorkerPool(store: store, options: options(), clock: clock, executor: first.executor)
        let running = Task { try await pool.run() }
        let watcher = try await observer()
        try await eventually(watcher, id, "architecture to start") { $0.phases[.architecture]?.status == .running }
        running.cancel()
        try await running.value
        var job = try #require(try await store.job(id))
        #expect(job.status == .queued && job.lease == nil && job.stallCount == 0)
        #expect(job.phases[.strategy]?.status == .completed)
        #expect(first.cancelled.contains(.architecture))
        // No lease to wait for: a new worker takes it without the clock moving.
        let second = ScriptedExecutor(clock: clock)
        job = try await WorkerPool(store: store, options: options(), clock: clock, executor: second.executor).runJob(id)
        #expect(job.status == .completed && job.stallCount == 0)
        #expect(!second.phasesCalled.contains(.strategy))
    }

    @Test(arguments: [(1, 1000), (2, 2000), (3, 4000), (7, 60_000), (40, 60_000)])
    func backoffDoublesUpToTheCap(failures: Int, ceiling: Int64) {
        let settings = WorkerOptions()
        #expect(settings.backoffMilliseconds(failures: failures, fraction: 1) == ceiling)
        #expect(settings.backoffMilliseconds(failures: failures, fraction: 0.5) == ceiling / 2)
        #expect(settings.backoffMilliseconds(failures: failures, fraction: 0) == 0)
    }
}
