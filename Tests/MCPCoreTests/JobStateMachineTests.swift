import Testing
@testable import AIOSStore
@testable import MCPCore

@Suite struct JobStateMachineTests {
    let t0: Int64 = 1_000_000
    let lease: Int64 = 30_000

    /// A machine with one submitted job, and that job's id.
    func submitted(phases: [Phase] = Phase.allCases) throws -> (JobStateMachine, JobID) {
        var machine = JobStateMachine()
        let id = JobID.generate(milliseconds: t0)
        guard case .create(let event) = try machine.submit(
            id: id, at: t0, request: Array(#"{"spec":"x"}"#.utf8), phases: PhaseSet(phases), idempotencyKey: "key-1",
            webhookURL: nil)
        else {
            Issue.record("a new job was expected")
            return (machine, id)
        }
        try machine.apply(event)
        return (machine, id)
    }

    func claimed(phases: [Phase] = Phase.allCases) throws -> (JobStateMachine, JobID) {
        var (machine, id) = try submitted(phases: phases)
        let decision = machine.claim(worker: "w1", at: t0 + 1, leaseMilliseconds: lease, maxStalls: 2)
        #expect(decision.claimed == id)
        for event in decision.events { try machine.apply(event) }
        return (machine, id)
    }

    func run(_ machine: inout JobStateMachine, _ id: JobID, _ phase: Phase, at: Int64, worker: String = "w1") throws {
        try machine.apply(try machine.startPhase(id, phase, worker: worker, at: at))
        let artifact = ArtifactReference(path: "artifacts/\(id)/\(phase.rawValue).json", sha256: "00", size: 1)
        try machine.apply(try machine.completePhase(id, phase, worker: worker, at: at + 5, artifact: artifact))
    }

    @Test(arguments: [
        ([Phase.code], [Phase.strategy, .architecture, .ux, .code]),
        ([.architecture], [.strategy, .architecture]),
        ([.ux, .strategy], [.strategy, .ux]),
        ([], Phase.allCases),
    ])
    func requestingAPhaseRunsItsAncestors(requested: [Phase], expected: [Phase]) throws {
        let (machine, id) = try submitted(phases: requested)
        let job = try #require(machine.jobs[id])
        #expect(Array(job.requestedPhases) == expected)
        #expect(job.status == .queued)
        #expect(Job(record: job).request["spec"] == "x")
    }

    @Test func fullRunCompletesWithMonotonicProgressAndReleasesTheLease() throws {
        var (machine, id) = try claimed()
        var progress: [Int] = [machine.jobs[id]?.progressPercent ?? -1]
        #expect(machine.jobs[id]?.readyPhases(now: t0) == [.strategy])
        try run(&machine, id, .strategy, at: t0 + 10)
        progress.append(machine.jobs[id]?.progressPercent ?? -1)
        #expect(machine.jobs[id]?.readyPhases(now: t0) == [.architecture, .ux])
        try machine.apply(try machine.startPhase(id, .architecture, worker: "w1", at: t0 + 20))
        try machine.apply(try machine.startPhase(id, .ux, worker: "w1", at: t0 + 21))
        progress.append(machine.jobs[id]?.progressPercent ?? -1)
        let reference = ArtifactReference(path: "a", sha256: "00", size: 1)
        try machine.apply(try machine.completePhase(id, .ux, worker: "w1", at: t0 + 30, artifact: reference))
        try machine.apply(try machine.completePhase(id, .architecture, worker: "w1", at: t0 + 31, artifact: reference))
        progress.append(machine.jobs[id]?.progressPercent ?? -1)
        try run(&machine, id, .code, at: t0 + 40)
        let job = try #require(machine.jobs[id])
        progress.append(job.progressPercent)
        #expect(job.status == .completed)
        #expect(job.lease == nil)
        #expect(job.finishedAt == t0 + 45)
        #expect(progress == [0, 25, 50, 75, 100])
        #expect(!machine.active.contains(id))
        #expect(job[.strategy].durationMilliseconds == 5)
    }

    @Test func aPhaseCannotStartBeforeItsParentsComplete() throws {
        var (machine, id) = try claimed()
        #expect(throws: JobTransitionError.self) { try machine.startPhase(id, .architecture, worker: "w1", at: t0) }
        try machine.apply(try machine.startPhase(id, .strategy, worker: "w1", at: t0))
        #expect(throws: JobTransitionError.self) { try machine.startPhase(id, .strategy, worker: "w1", at: t0) }
        #expect(throws: JobTransitionError.self) { try machine.startPhase(id, .code, worker: "w1", at: t0) }
    }

    @Test func aRetryableFailureWaitsThenAFinalFailureSkipsDependentsAndFailsTheJob() throws {
        var (machine, id) = try claimed()
        try run(&machine, id, .strategy, at: t0 + 10)
        try machine.apply(try machine.startPhase(id, .architecture, worker: "w1", at: t0 + 20))
        try machine.apply(try machine.startPhase(id, .ux, worker: "w1", at: t0 + 20))
        let failure = JobFailure(code: "AGENT_FAILURE", message: "boom")
        try machine.apply(
            try machine.failPhase(id, .architecture, worker: "w1", at: t0 + 30, error: failure, retryAt: t0 + 1030))
        var job = try #require(machine.jobs[id])
        #expect(job[.architecture].status == .pending)
        #expect(job[.architecture].error == failure)
        #expect(job.readyPhases(now: t0 + 1029).isEmpty)
        #expect(job.readyPhases(now: t0 + 1030) == [.architecture])
        try machine.apply(try machine.startPhase(id, .architecture, worker: "w1", at: t0 + 1030))
        #expect(machine.jobs[id]?[.architecture].attempts == 2)
        try machine.apply(try machine.failPhase(id, .architecture, worker: "w1", at: t0 + 1040, error: failure, retryAt: nil))
        job = try #require(machine.jobs[id])
        #expect(job.status == .failed)
        #expect(job[.strategy].status == .completed)
        #expect(job[.strategy].artifact != nil)
        #expect(job[.architecture].status == .failed)
        #expect(job[.ux].status == .cancelled)
        #expect(job[.code].status == .skipped)
        #expect(job[.code].finishedAt == nil)
        #expect(job.error?.code == "AGENT_FAILURE")
        #expect(job.error?.message.contains("phase architecture failed after 2 attempts: boom") == true)
        #expect(job.progressPercent == 50, "progress never goes back, even on failure")
    }

    enum WorkerCall: String, CaseIterable {
        case heartbeat, start, complete, fail, release, failJob, cancel
    }

    @Test(arguments: [JobStatus.completed, .failed, .cancelled], WorkerCall.allCases)
    func terminalJobsAreImmutable(status: JobStatus, call: WorkerCall) throws {
        var (machine, id) = try claimed(phases: [.strategy])
        try machine.apply(try machine.startPhase(id, .strategy, worker: "w1", at: t0 + 2))
        switch status {
        case .completed:
            try machine.apply(
                try machine.completePhase(id, .strategy, worker: "w1", at: t0 + 3, artifact: .init(path: "a", sha256: "0", size: 1)))
        case .failed:
            try machine.apply(try machine.failJob(id, worker: "w1", at: t0 + 3, error: .init(code: "AGENT_TIMEOUT", message: "slow")))
        default:
            try machine.apply(try machine.cancel(id, at: t0 + 3))
        }
        let before = try #require(machine.jobs[id])
        #expect(before.status == status)
        let error = #expect(throws: JobTransitionError.self) {
            switch call {
            case .heartbeat: _ = try machine.heartbeat(id, worker: "w1", at: t0 + 9, leaseMilliseconds: lease)
            case .start: _ = try machine.startPhase(id, .strategy, worker: "w1", at: t0 + 9)
            case .complete:
                _ = try machine.completePhase(id, .strategy, worker: "w1", at: t0 + 9, artifact: .init(path: "b", sha256: "1", size: 1))
            case .fail: _ = try machine.failPhase(id, .strategy, worker: "w1", at: t0 + 9, error: .init(code: "X", message: "y"), retryAt: nil)
            case .release: _ = try machine.release(id, worker: "w1", at: t0 + 9)
            case .failJob: _ = try machine.failJob(id, worker: "w1", at: t0 + 9, error: .init(code: "X", message: "y"))
            case .cancel: _ = try machine.cancel(id, at: t0 + 9)
            }
        }
        #expect(error?.reason == .terminal)
        #expect(error?.status == status)
        let claim = machine.claim(worker: "w2", at: t0 + 10_000_000, leaseMilliseconds: lease, maxStalls: 2)
        #expect(claim.claimed == nil && claim.events.isEmpty)
        #expect(machine.jobs[id] == before)
    }

    @Test func refusalsMapToTheContractsErrorCodes() throws {
        var (machine, id) = try submitted()
        try machine.apply(try machine.cancel(id, at: t0 + 1))
        let again = #expect(throws: JobTransitionError.self) { try machine.cancel(id, at: t0 + 2) }
        #expect(again?.aiosError.code == .cancelled)
        let unknown = JobID.generate(milliseconds: t0)
        let missing = #expect(throws: JobTransitionError.self) { try machine.retry(unknown, at: t0) }
        #expect(missing?.aiosError.code == .jobNotFound)
        let (completedMachine, doneID) = try { () throws -> (JobStateMachine, JobID) in
            var (m, i) = try claimed(phases: [.strategy])
            try run(&m, i, .strategy, at: t0 + 2)
            return (m, i)
        }()
        let retryDone = #expect(throws: JobTransitionError.self) { try completedMachine.retry(doneID, at: t0 + 9) }
        #expect(retryDone?.aiosError.code == .invalidInput)
        #expect(retryDone?.aiosError.details["status"] == "completed")
    }

    @Test func anotherWorkerCannotWriteToAHeldJob() throws {
        var (machine, id) = try claimed()
        let lost = #expect(throws: JobTransitionError.self) { try machine.startPhase(id, .strategy, worker: "w2", at: t0 + 2) }
        #expect(lost?.reason == .leaseLost)
        let second = machine.claim(worker: "w2", at: t0 + lease, leaseMilliseconds: lease, maxStalls: 2)
        #expect(second.claimed == nil)
        // The holder's heartbeat keeps the job from being reclaimed.
        try machine.apply(try machine.heartbeat(id, worker: "w1", at: t0 + lease - 1, leaseMilliseconds: lease))
        #expect(machine.claim(worker: "w2", at: t0 + lease + 1, leaseMilliseconds: lease, maxStalls: 2).claimed == nil)
    }

    @Test func anExpiredLeaseIsReclaimedResumingAfterTheLastFinishedPhaseUntilTheStallLimit() throws {
        var (machine, id) = try claimed()
        try run(&machine, id, .strategy, at: t0 + 10)
        try machine.apply(try machine.startPhase(id, .architecture, worker: "w1", at: t0 + 20))
        var now = t0 + 1 + lease
        var reclaim = machine.claim(worker: "w2", at: now, leaseMilliseconds: lease, maxStalls: 2)
        #expect(reclaim.claimed == id)
        for event in reclaim.events { try machine.apply(event) }
        var job = try #require(machine.jobs[id])
        #expect(job.stallCount == 1)
        #expect(job.lease?.holder == "w2")
        #expect(job[.strategy].status == .completed)
        #expect(job[.architecture].status == .pending)
        #expect(job.readyPhases(now: now) == [.architecture, .ux])
        #expect(throws: JobTransitionError.self) { try machine.heartbeat(id, worker: "w1", at: now, leaseMilliseconds: lease) }
        now += lease
        reclaim = machine.claim(worker: "w3", at: now, leaseMilliseconds: lease, maxStalls: 2)
        for event in reclaim.events { try machine.apply(event) }
        #expect(machine.jobs[id]?.stallCount == 2)
        now += lease
        reclaim = machine.claim(worker: "w4", at: now, leaseMilliseconds: lease, maxStalls: 2)
        #expect(reclaim.claimed == nil)
        for event in reclaim.events { try machine.apply(event) }
        job = try #require(machine.jobs[id])
        #expect(job.status == .failed)
        #expect(job.error?.message.hasPrefix("job stalled 3 times (worker died?)") == true)
        #expect(job[.strategy].status == .completed)
    }

    @Test func releaseRequeuesAtOnceWithoutCountingAStall() throws {
        var (machine, id) = try claimed()
        try machine.apply(try machine.startPhase(id, .strategy, worker: "w1", at: t0 + 2))
        try machine.apply(try machine.release(id, worker: "w1", at: t0 + 3))
        let job = try #require(machine.jobs[id])
        #expect(job.status == .queued && job.lease == nil && job.stallCount == 0)
        #expect(job[.strategy].status == .pending)
        #expect(machine.claim(worker: "w2", at: t0 + 4, leaseMilliseconds: lease, maxStalls: 2).claimed == id)
    }

    @Test func retryKeepsCompletedPhasesAndResetsTheFailedOnes() throws {
        var (machine, id) = try claimed()
        try run(&machine, id, .strategy, at: t0 + 10)
        try machine.apply(try machine.startPhase(id, .architecture, worker: "w1", at: t0 + 20))
        try machine.apply(
            try machine.failPhase(id, .architecture, worker: "w1", at: t0 + 21, error: .init(code: "AGENT_FAILURE", message: "x"), retryAt: nil))
        let progressBefore = machine.jobs[id]?.progressPercent ?? -1
        try machine.apply(try machine.retry(id, at: t0 + 30))
        let job = try #require(machine.jobs[id])
        #expect(job.status == .queued && job.error == nil && job.finishedAt == nil)
        #expect(job[.strategy].status == .completed)
        #expect(job[.architecture].status == .pending && job[.architecture].failures == 0 && job[.architecture].error == nil)
        #expect(job[.code].status == .pending)
        #expect(job.progressPercent >= progressBefore)
        #expect(machine.active.contains(id))
    }

    @Test func idempotencyKeyReturnsTheExistingJob() throws {
        let (machine, id) = try submitted()
        let again = try machine.submit(
            id: JobID.generate(milliseconds: t0 + 5), at: t0 + 5, request: Array("{}".utf8), phases: .all,
            idempotencyKey: "key-1", webhookURL: nil)
        #expect(again == .existing(id))
    }

    @Test func garbageCollectionTakesOnlyFinishedJobsPastRetention() throws {
        var (machine, id) = try submitted()
        try machine.apply(try machine.cancel(id, at: t0 + 10))
        let other = JobID.generate(milliseconds: t0)
        if case .create(let event) = try machine.submit(
            id: other, at: t0, request: Array("{}".utf8), phases: .all, idempotencyKey: nil, webhookURL: nil)
        {
            try machine.apply(event)
        }
        #expect(machine.collectGarbage(at: t0 + 10 + 999, retentionMilliseconds: 1000).isEmpty)
        let events = machine.collectGarbage(at: t0 + 10 + 1000, retentionMilliseconds: 1000)
        #expect(events == [.deleted(id: id, at: t0 + 1010)])
        for event in events { try machine.apply(event) }
        #expect(machine.jobs[id] == nil && machine.jobs[other] != nil)
        #expect(machine.idempotencyIndex[IdempotencyScope(owner: nil, key: "key-1")] == nil)
    }

    static let sampleEvents: [JobEvent] = {
        let id = JobID.generate(milliseconds: 1_700_000_000_000)
        let failure = JobFailure(code: "AGENT_TIMEOUT", message: "took \"too\" long\n")
        return [
            .submitted(id: id, at: 1, request: Array(#"{"spec":"é \"q\"","n":[1,2.5]}"#.utf8), phases: .all, idempotencyKey: "k", webhookURL: "https://x.example/h"),
            .submitted(id: id, at: 1, request: Array("{}".utf8), phases: PhaseSet([.strategy]), idempotencyKey: nil, webhookURL: nil),
            .claimed(id: id, at: 2, worker: "host:1:w0", leaseExpiresAt: 30_002, stallCount: 1),
            .heartbeat(id: id, at: 3, worker: "w", leaseExpiresAt: 40_000),
            .phaseStarted(id: id, phase: .ux, at: 4, attempt: 2),
            .phaseCompleted(id: id, phase: .code, at: 5, artifact: .init(path: "artifacts/x/code.json", sha256: "ab", size: 9)),
            .phaseFailed(id: id, phase: .strategy, at: 6, attempt: 1, error: failure, retryAt: 1006),
            .phaseFailed(id: id, phase: .strategy, at: 6, attempt: 3, error: failure, retryAt: nil),
            .released(id: id, at: 7, worker: "w"),
            .failed(id: id, at: 8, error: failure),
            .cancelled(id: id, at: 9),
            .retried(id: id, at: 10),
            .deleted(id: id, at: 11),
            .sealed(next: 4),
        ]
    }()

    @Test(arguments: sampleEvents)
    func eventsRoundTripThroughTheirJournalPayload(event: JobEvent) throws {
        let payload = event.serialized()
        #expect(!payload.contains(UInt8(ascii: "\n")))
        #expect(try JobEvent(payload: payload) == event)
    }

    @Test(arguments: [
        #"{"type":"job.exploded","job_id":"x"}"#, #"{"type":"job.cancelled","at":1}"#, #"[1]"#,
        #"{"type":"job.claimed","job_id":"job_01jd3k8x2m0000000000000000000000","at":"1"}"#,
    ])
    func undecodablePayloadsAreRejected(payload: String) {
        #expect(throws: EventDecodingError.self) { try JobEvent(payload: Array(payload.utf8)) }
    }
}

@Suite struct StoreJobIDTests {
    @Test func generatedIdsAreWellFormedUniqueAndSortByCreationTime() throws {
        let early = JobID.generate(milliseconds: 1_700_000_000_000)
        let late = JobID.generate(milliseconds: 1_700_000_000_001)
        #expect(early < late)
        #expect(early.rawValue.count == 34 && early.rawValue.hasPrefix("job_"))
        #expect(early.milliseconds == 1_700_000_000_000)
        #expect(try JobID(validating: early.rawValue) == early)
        #expect(try JobID(validating: "job_" + early.rawValue.dropFirst(4).uppercased()) == early)
        let many = Set((0..<1000).map { _ in JobID.generate(milliseconds: 1) })
        #expect(many.count == 1000)
    }

    @Test(arguments: [
        "", "job_", "job_01jd3k8x2m", "task_01jd3k8x2m0000000000000000000000", "job_01jd3k8x2m00000000000000000000u0",
        "job_01jd3k8x2m000000000000000000000", "job_01jd3k8x2m00000000000000000000000", "job_z1jd3k8x2m0000000000000000000000",
        "../../etc/passwd",
    ])
    func malformedIdsAreInvalidInput(text: String) {
        let error = #expect(throws: AIOSError.self) { try JobID(validating: text) }
        #expect(error?.code == .invalidInput)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"), (1_735_689_600_000, "2025-01-01T00:00:00.000Z"),
        (951_782_400_123, "2000-02-29T00:00:00.123Z"), (1_700_000_000_007, "2023-11-14T22:13:20.007Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func timestampsAreRFC3339UTCWithMilliseconds(milliseconds: Int64, text: String) {
        #expect(RFC3339Timestamp.format(milliseconds: milliseconds) == text)
    }
}
