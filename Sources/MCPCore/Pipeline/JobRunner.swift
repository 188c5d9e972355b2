/// Runs one claimed job to its end, or until it is cancelled, lost, timed out or shut down.
///
/// Two child tasks share the job: the phase runner (ready phases run concurrently, retries wait
/// for their time) and the watchdog (heartbeats, cancel checks, the job's deadline). Whichever
/// ends first cancels the other.
struct JobRunner: Sendable {
    let store: any JobStoreBackend
    let clock: any JobClock
    let options: WorkerOptions
    let worker: String
    let executor: PhaseExecutor
    let randomFraction: @Sendable () -> Double
    /// Carries the worker's identifier; each job's records add `job.id`.
    var logger: Logger = .disabled
    /// Where phase attempt and job durations are counted.
    var metrics: MetricsRegistry?
    /// A graceful stop: no new phase starts; the running ones get `options.shutdownGrace` to
    /// finish, then the job is released.
    var stop: StopRequest?

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
        /// The running phases did not finish within the shutdown grace.
        case graceExpired
    }

    private var stopRequested: Bool { stop?.isRequested ?? false }

    func run(_ claimed: Job) async -> Outcome {
        let id = claimed.id
        let logger = logger.with("job.id", .string(id.rawValue))
        let deadline = (claimed.startedAt ?? clock.nowMilliseconds()) + options.jobTimeout.wholeMilliseconds
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await runPhases(claimed, logger: logger) }
                group.addTask { try await watch(id, deadline: deadline) }
                if let stop {
                    group.addTask {
                        await stop.wait()
                        try Task.checkCancellation()
                        try await clock.sleep(for: options.shutdownGrace)
                        throw Stop.graceExpired
                    }
                }
                // The first child to end decides; the others are no longer needed.
                _ = try await group.next()
                group.cancelAll()
            }
            if Task.isCancelled || stopRequested { return await release(id, logger: logger) }
            return .finished
        } catch Stop.jobTimedOut {
            let seconds = options.jobTimeout.wholeMilliseconds / 1000
            logger.warning("job timed out", ["budget_seconds": .int(seconds)])
            if let failed = try? await store.failJob(
                id, worker: worker,
                error: JobFailure(code: AIOSError.Code.agentTimeout.rawValue, message: "the job exceeded its time budget of \(seconds) s"))
            {
                recordEnd(of: failed, logger: logger)
            }
            return .finished
        } catch {
            if Task.isCancelled || stopRequested {
                if case Stop.graceExpired = error {
                    logger.warning("the running phase did not finish within the shutdown grace; releasing the job", [
                        "grace_ms": .int(options.shutdownGrace.wholeMilliseconds)
                    ])
                }
                return await release(id, logger: logger)
            }
            return .finished
        }
    }

    /// Shutdown: hands the job back so another worker resumes it at once. A job that ended in
    /// the meantime (its last phase completed during the grace) has nothing to release.
    private func release(_ id: JobID, logger: Logger) async -> Outcome {
        do {
            try await store.release(id, worker: worker)
            logger.info("job released for another worker (shutdown)")
            return .released
        } catch is JobTransitionError {
            return .finished
        } catch {
            logger.error("could not release the job; it is reclaimed when its lease expires", [
                "error": .string(String(describing: error))
            ])
            return .released
        }
    }

    /// Logs and counts a job that this worker brought to its end.
    private func recordEnd(of job: Job, logger: Logger) {
        guard job.status.isTerminal else { return }
        var metadata: JSONObject = ["status": .string(job.status.rawValue)]
        if let started = job.startedAt, let finished = job.finishedAt {
            metadata["duration_ms"] = .int(max(0, finished - started))
            metrics?.observe(.jobDuration, ["status": job.status.rawValue], Double(max(0, finished - started)) / 1000)
        }
        if let error = job.error { metadata["error"] = error.json }
        if job.status == .completed { logger.info("job completed", metadata) } else { logger.warning("job ended", metadata) }
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

    private func runPhases(_ claimed: Job, logger: Logger) async throws {
        var job = claimed
        while job.status == .running, job.lease?.holder == worker, !stopRequested {
            // Pending phases whose parents are done, including ones whose retry is not due yet:
            // each phase task waits for its own retry time, so siblings are not held up.
            let ready = job.requestedPhases.filter { phase in
                job.phases[phase]?.status == .pending && phase.parents.allSatisfy { job.phases[$0]?.status == .completed }
            }
            if ready.isEmpty { return }
            let current = job
            try await withThrowingTaskGroup(of: Void.self) { group in
                for phase in ready { group.addTask { try await runPhase(phase, of: current, logger: logger) } }
                try await group.waitForAll()
            }
            guard let latest = try await store.job(job.id) else { return }
            job = latest
        }
    }

    /// Runs attempts of one phase until it completes or fails for good.
    private func runPhase(_ phase: Phase, of job: Job, logger: Logger) async throws {
        let logger = logger.with("phase", .string(phase.rawValue))
        let input = try await phaseInput(phase, of: job)
        var retryAt = job.phases[phase]?.retryAt
        while true {
            if let retryAt { try await sleepUnlessStopped(until: retryAt) }
            // Stopping: this phase waits for the next worker; siblings still running may finish.
            if stopRequested { return }
            let startedAt = clock.nowMilliseconds()
            let started: Job
            do {
                started = try await store.phaseStarted(job.id, phase: phase, worker: worker)
            } catch is JobTransitionError {
                throw Stop.jobEnded
            }
            let failuresBefore = started.phases[phase]?.failures ?? 0
            logger.debug("phase started", ["attempt": .integer(started.phases[phase]?.attempts ?? 1)])
            let failure: JobFailure
            let retryable: Bool
            do {
                let progress = PhaseProgressWriter(store: store, clock: clock, worker: worker, job: job.id, phase: phase)
                let output = try await withPhaseTimeout(deadline: startedAt + options.phaseTimeout.wholeMilliseconds) {
                    // The engine's reports become the phase's durable progress (throttled).
                    try await progress.run { try await executor(phase, input) }
                }
                let after = try await store.phaseSucceeded(job.id, phase: phase, worker: worker, artifact: output)
                let elapsed = clock.nowMilliseconds() - startedAt
                metrics?.observe(.phaseDuration, ["phase": phase.rawValue, "outcome": "completed"], Double(elapsed) / 1000)
                logger.info("phase completed", ["duration_ms": .int(elapsed)])
                recordEnd(of: after, logger: logger)
                return
            } catch is JobTransitionError {
                throw Stop.jobEnded
            } catch {
                if Task.isCancelled { throw CancellationError() }
                (failure, retryable) = classify(error, phase: phase)
            }
            let failures = failuresBefore + 1
            let elapsed = clock.nowMilliseconds() - startedAt
            metrics?.observe(.phaseDuration, ["phase": phase.rawValue, "outcome": "failed"], Double(elapsed) / 1000)
            retryAt =
                retryable && failures < options.maxAttempts
                ? clock.nowMilliseconds() + options.backoffMilliseconds(failures: failures, fraction: randomFraction())
                : nil
            logger.warning("phase attempt failed", [
                "duration_ms": .int(elapsed), "error": failure.json, "attempt": .integer(failures),
                "retry_at": retryAt.map { .string(RFC3339Timestamp.format(milliseconds: $0)) } ?? .null,
            ])
            do {
                let after = try await store.phaseFailed(job.id, phase: phase, worker: worker, error: failure, retryAt: retryAt)
                recordEnd(of: after, logger: logger)
                if after.status.isTerminal || retryAt == nil { throw Stop.jobEnded }
            } catch is JobTransitionError {
                throw Stop.jobEnded
            }
        }
    }

    /// Waits for a retry's time, or less when a graceful stop is requested meanwhile.
    private func sleepUnlessStopped(until deadline: Int64) async throws {
        guard let stop else { return try await clock.sleep(untilMilliseconds: deadline) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await clock.sleep(untilMilliseconds: deadline) }
            group.addTask { await stop.wait() }
            defer { group.cancelAll() }
            _ = try await group.next()
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
            switch ancestor.pipelinePhase {
            case .strategy: input["requirements"] = .object(artifact)
            case .architecture: input["architecture"] = .object(artifact)
            case .ux: input["ux_spec"] = artifact["ux_spec"] ?? .object(artifact)
            case .code: break
            }
        }
        return input
    }
}
