/// Runs one claimed job to its end, or until it is cancelled, lost, timed out or shut down.
///
/// Two child tasks share the job: the phase runner (ready phases run concurrently, retries wait
/// for their time) and the watchdog (heartbeats, cancel checks, the job's deadline). Whichever
/// ends first cancels the other.
struct JobRunner: Sendable {
    let store: JobStore
    let clock: any JobClock
    let options: WorkerOptions
    let worker: String
    let executor: PhaseExecutor
    let randomFraction: @Sendable () -> Double

    /// Why the runner stopped working on a job.
    enum Outcome: Sendable {
        /// The job reached a terminal state (or another worker / process ended it).
        case finished
        /// The task was cancelled (shutdown): the job was released for another worker.
        case released
    }

    private enum Stop: Error {
        case jobTimedOut
        case jobEnded
    }

    func run(_ claimed: Job) async -> Outcome {
        let id = claimed.id
        let deadline = (claimed.startedAt ?? clock.nowMilliseconds()) + options.jobTimeout.wholeMilliseconds
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await runPhases(claimed) }
                group.addTask { try await watch(id, deadline: deadline) }
                // The first child to end decides; the other is no longer needed.
                _ = try await group.next()
                group.cancelAll()
            }
            if Task.isCancelled {
                try? await store.release(id, worker: worker)
                return .released
            }
            return .finished
        } catch Stop.jobTimedOut {
            let seconds = options.jobTimeout.wholeMilliseconds / 1000
            _ = try? await store.failJob(
                id, worker: worker,
                error: JobFailure(code: AIOSError.Code.agentTimeout.rawValue, message: "the job exceeded its time budget of \(seconds) s"))
            return .finished
        } catch {
            if Task.isCancelled {
                // Shutdown: hand the job back so another worker resumes it at once.
                try? await store.release(id, worker: worker)
                return .released
            }
            return .finished
        }
    }

    // MARK: - Watchdog

    private func watch(_ id: JobID, deadline: Int64) async throws {
        let tick = options.cancelCheckInterval.wholeMilliseconds
        let heartbeatEvery = options.heartbeatInterval.wholeMilliseconds
        var nextTick = clock.nowMilliseconds()
        var nextHeartbeat = nextTick + heartbeatEvery
        while true {
            nextTick += tick
            try await clock.sleep(untilMilliseconds: min(nextTick, deadline))
            let now = clock.nowMilliseconds()
            if now >= deadline { throw Stop.jobTimedOut }
            if now >= nextHeartbeat {
                nextHeartbeat = now + heartbeatEvery
                do {
                    _ = try await store.heartbeat(id, worker: worker, lease: options.leaseDuration)
                } catch is JobTransitionError {
                    throw Stop.jobEnded
                }
            } else if let job = try await store.job(id), job.status != .running || job.lease?.holder != worker {
                throw Stop.jobEnded
            }
        }
    }

    // MARK: - Phases

    private func runPhases(_ claimed: Job) async throws {
        var job = claimed
        while job.status == .running, job.lease?.holder == worker {
            // Pending phases whose parents are done, including ones whose retry is not due yet:
            // each phase task waits for its own retry time, so siblings are not held up.
            let ready = job.requestedPhases.filter { phase in
                job.phases[phase]?.status == .pending && phase.parents.allSatisfy { job.phases[$0]?.status == .completed }
            }
            if ready.isEmpty { return }
            let current = job
            try await withThrowingTaskGroup(of: Void.self) { group in
                for phase in ready { group.addTask { try await runPhase(phase, of: current) } }
                try await group.waitForAll()
            }
            guard let latest = try await store.job(job.id) else { return }
            job = latest
        }
    }

    /// Runs attempts of one phase until it completes or fails for good.
    private func runPhase(_ phase: Phase, of job: Job) async throws {
        let input = try await phaseInput(phase, of: job)
        var retryAt = job.phases[phase]?.retryAt
        while true {
            if let retryAt { try await clock.sleep(untilMilliseconds: retryAt) }
            let startedAt = clock.nowMilliseconds()
            let started: Job
            do {
                started = try await store.phaseStarted(job.id, phase: phase, worker: worker)
            } catch is JobTransitionError {
                throw Stop.jobEnded
            }
            let failuresBefore = started.phases[phase]?.failures ?? 0
            let failure: JobFailure
            let retryable: Bool
            do {
                let output = try await withPhaseTimeout(deadline: startedAt + options.phaseTimeout.wholeMilliseconds) {
                    try await executor(phase, input)
                }
                _ = try await store.phaseSucceeded(job.id, phase: phase, worker: worker, artifact: output)
                return
            } catch is JobTransitionError {
                throw Stop.jobEnded
            } catch {
                if Task.isCancelled { throw CancellationError() }
                (failure, retryable) = classify(error, phase: phase)
            }
            let failures = failuresBefore + 1
            retryAt =
                retryable && failures < options.maxAttempts
                ? clock.nowMilliseconds() + options.backoffMilliseconds(failures: failures, fraction: randomFraction())
                : nil
            do {
                let after = try await store.phaseFailed(job.id, phase: phase, worker: worker, error: failure, retryAt: retryAt)
                if after.status.isTerminal || retryAt == nil { throw Stop.jobEnded }
            } catch is JobTransitionError {
                throw Stop.jobEnded
            }
        }
    }

    private struct PhaseTimedOut: Error {}

    /// Runs `body`, cancelling it at `deadline` (Unix ms on the injected clock).
    private func withPhaseTimeout(
        deadline: Int64, _ body: @escaping @Sendable () async throws -> JSONObject
    ) async throws -> JSONObject {
        try await withThrowingTaskGroup(of: JSONObject?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await clock.sleep(untilMilliseconds: deadline)
                throw PhaseTimedOut()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let output = first else { throw PhaseTimedOut() }
            return output
        }
    }

    private func classify(_ error: any Error, phase: Phase) -> (JobFailure, retryable: Bool) {
        switch error {
        case is PhaseTimedOut:
            let seconds = options.phaseTimeout.wholeMilliseconds / 1000
            return (
                JobFailure(code: AIOSError.Code.agentTimeout.rawValue, message: "the \(phase.rawValue) phase timed out after \(seconds) s"),
                true
            )
        case let error as AIOSError:
            let permanent: Set<AIOSError.Code> = [.invalidInput, .unauthorized, .forbidden, .cancelled]
            return (JobFailure(error), !permanent.contains(error.code))
        default:
            return (JobFailure(code: AIOSError.Code.agentFailure.rawValue, message: String(describing: error)), true)
        }
    }

    /// The job's request plus the artifacts of the phase's finished ancestors.
    private func phaseInput(_ phase: Phase, of job: Job) async throws -> JSONObject {
        var input = job.request
        var ancestors = Set(phase.parents)
        var frontier = phase.parents
        while let next = frontier.popLast() {
            for parent in next.parents where ancestors.insert(parent).inserted { frontier.append(parent) }
        }
        for ancestor in ancestors.sorted() {
            let artifact = try await store.artifact(job.id, phase: ancestor)
            switch ancestor {
            case .strategy: input["requirements"] = .object(artifact)
            case .architecture: input["architecture"] = .object(artifact)
            case .ux: input["ux_spec"] = artifact["ux_spec"] ?? .object(artifact)
            case .code: break
            }
        }
        return input
    }
}
