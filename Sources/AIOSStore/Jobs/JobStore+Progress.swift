extension JobStore {
    /// Records how far the running attempt of a phase is, when the state machine finds it worth
    /// a record (changed, and the phase's last report at least `PhaseProgress.minimumInterval`
    /// old); otherwise nothing is written.
    ///
    /// - Returns: The job as it is now.
    /// - Throws: `JobTransitionError` when the worker no longer holds the job or the phase is
    ///   not running.
    public func phaseProgress(_ id: JobID, phase: Phase, worker: String, percent: Int, message: String) async throws -> Job {
        try await perform { state throws in
            if let event = try state.machine.reportProgress(
                id, phase, worker: worker, at: state.now, percent: percent, message: message)
            {
                try state.record(event)
            }
            return try state.job(id)
        }
    }
}
