/// The state-machine view of one job: what the journal's events fold into.
///
/// The request is kept as its serialized JSON so that reopening a store with many jobs does not
/// parse every brief; `Job` parses it when a caller asks for the job.
package struct JobRecord: Sendable, Hashable {
    package var id: JobID
    /// The event sequence number of the submission: journal order, so FIFO even for ids
    /// created in the same millisecond by different processes.
    package var order: UInt64
    package var status: JobStatus = .queued
    package var requestedPhases: PhaseSet
    /// Indexed by `Phase.index`, one per phase of the store's graph; only members of
    /// `requestedPhases` mean anything.
    var phases: PhaseStates
    var requestBytes: [UInt8]
    var progressPercent: Int = 0
    var error: JobFailure?
    package var createdAt: Int64
    package var updatedAt: Int64
    /// When a worker first claimed the job; the per-job timeout counts from here.
    var startedAt: Int64?
    package var finishedAt: Int64?
    package var idempotencyKey: String?
    var webhookURL: String?
    /// The API key id that submitted the job; `nil` for the store's owner.
    package var owner: String?
    package var lease: JobLease?
    var stallCount: Int = 0
    /// The webhook outbox entries of this job, oldest first: one per time the job ended with a
    /// `webhookURL`.
    package var webhookDeliveries: [WebhookDelivery] = []

    package subscript(phase: Phase) -> PhaseState {
        get { phases[phase.index] }
        set { phases[phase.index] = newValue }
    }

    /// Requested phases that may start now: pending, not waiting for a retry time, parents completed.
    func readyPhases(now: Int64, graph: PhaseGraph) -> [Phase] {
        let completed = completedPhases
        return requestedPhases.filter { phase in
            let state = self[phase]
            return state.status == .pending
                && (state.retryAt ?? .min) <= now
                && graph.parents(of: phase, allIn: completed)
        }
    }

    /// The requested phases that completed.
    var completedPhases: PhaseSet {
        PhaseSet(requestedPhases.lazy.filter { self[$0].status == .completed })
    }

    /// Completed phases count fully, running phases half plus up to the other half as their
    /// reported progress (`PhaseProgress.percent`) goes; never below what was shown before.
    mutating func updateProgress() {
        if status == .completed {
            progressPercent = 100
            return
        }
        // In hundredths of a phase's half: a running phase without reported progress counts
        // 100 of its 200, as it always did, so old journals fold to the same percents.
        var units = 0
        for phase in requestedPhases {
            switch self[phase].status {
            case .completed: units += 200
            case .running: units += 100 + min(99, self[phase].progress?.percent ?? 0)
            default: break
            }
        }
        let total = max(1, requestedPhases.count * 200)
        progressPercent = max(progressPercent, min(100, units * 100 / total))
    }
}
