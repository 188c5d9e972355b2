/// The calls a worker makes while running jobs. Each is durable before it returns and
/// refuses (with `JobTransitionError`) a worker that no longer holds the job's lease, or a job
/// that was cancelled meanwhile: the worker must then stop working on it.
extension JobStore {
    /// Claims the oldest claimable job: a queued one, or a running one whose lease expired
    /// (its worker died); the latter counts a stall, and a job past `maxStalls` fails instead.
    ///
    /// - Parameters:
    ///   - worker: The claiming worker's identifier.
    ///   - lease: How long the claim lasts without a heartbeat.
    ///   - only: Claim this job or nothing (running one job inline).
    /// - Returns: The claimed job, or `nil` when nothing is claimable.
    /// - Throws: `StoreError` on I/O failure.
    public func claim(worker: String, lease: Duration, only: JobID? = nil) async throws -> Job? {
        let maxStalls = options.maxStalls
        return try await perform { state throws -> Job? in
            let decision = state.machine.claim(
                worker: worker, at: state.now, leaseMilliseconds: lease.wholeMilliseconds, maxStalls: maxStalls, only: only)
            for event in decision.events { try state.record(event) }
            return try decision.claimed.map { id throws in try state.job(id) }
        }
    }

    /// Renews the lease of a job the worker holds.
    ///
    /// - Returns: The job as it is now.
    /// - Throws: `JobTransitionError` `.terminal` (e.g. cancelled) or `.leaseLost`.
    public func heartbeat(_ id: JobID, worker: String, lease: Duration) async throws -> Job {
        try await perform { state throws in
            try state.record(
                try state.machine.heartbeat(id, worker: worker, at: state.now, leaseMilliseconds: lease.wholeMilliseconds))
            return try state.job(id)
        }
    }

    /// Records the start of the next attempt of a ready phase.
    ///
    /// - Returns: The job, with the phase running.
    /// - Throws: `JobTransitionError` when the job is not held or the phase is not ready.
    public func phaseStarted(_ id: JobID, phase: Phase, worker: String) async throws -> Job {
        try await perform { state throws in
            try state.record(try state.machine.startPhase(id, phase, worker: worker, at: state.now))
            return try state.job(id)
        }
    }

    /// Stores a phase's artifact (atomically, before anything refers to it) and completes the
    /// phase; completing the last phase completes the job.
    ///
    /// - Returns: The job as it is now.
    /// - Throws: `JobTransitionError` when the job is no longer held; `StoreError` on I/O failure.
    public func phaseSucceeded(_ id: JobID, phase: Phase, worker: String, artifact: JSONObject) async throws -> Job {
        let reference = try ArtifactFiles.write(artifact, job: id, phase: phaseGraph.name(of: phase), storeDirectory: directory)
        return try await perform { state throws in
            try state.record(try state.machine.completePhase(id, phase, worker: worker, at: state.now, artifact: reference))
            return try state.job(id)
        }
    }

    /// Records a failed attempt of a running phase.
    ///
    /// - Parameters:
    ///   - error: What went wrong.
    ///   - retryAt: When to try again (Unix milliseconds); `nil` fails the phase for good,
    ///     which skips its dependents and fails the job.
    /// - Returns: The job as it is now.
    /// - Throws: `JobTransitionError` when the job is no longer held.
    public func phaseFailed(_ id: JobID, phase: Phase, worker: String, error: JobFailure, retryAt: Int64?) async throws
        -> Job
    {
        try await perform { state throws in
            try state.record(
                try state.machine.failPhase(id, phase, worker: worker, at: state.now, error: error, retryAt: retryAt))
            return try state.job(id)
        }
    }

    /// Fails a held job as a whole, e.g. when its time budget ran out.
    ///
    /// - Returns: The failed job.
    /// - Throws: `JobTransitionError` when the job is no longer held.
    public func failJob(_ id: JobID, worker: String, error: JobFailure) async throws -> Job {
        try await perform { state throws in
            try state.record(try state.machine.failJob(id, worker: worker, at: state.now, error: error))
            return try state.job(id)
        }
    }

    /// Gives a held job back to the queue at once (worker shutdown), without counting a stall;
    /// phases that were running start again from scratch, finished ones are kept.
    ///
    /// - Throws: `JobTransitionError` when the job is no longer held.
    public func release(_ id: JobID, worker: String) async throws {
        try await perform { state throws in
            try state.record(try state.machine.release(id, worker: worker, at: state.now))
        }
    }
}
