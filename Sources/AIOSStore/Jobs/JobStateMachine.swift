/// The pure job lifecycle: every job's state, the decisions that turn a request into journal
/// events, and the fold that applies events. No I/O and no clock: time comes in as arguments.
///
/// Deciding and applying are separate so that the store can decide under its lock against the
/// latest state, make the events durable, and only then report the outcome; replaying a journal
/// applies the same events in the same order in every process, giving the same state.
package struct JobStateMachine: Sendable {
    /// The store's phases, given by the pipeline: jobs keep phases as positions in it.
    package let graph: PhaseGraph
    package private(set) var jobs: [JobID: JobRecord] = [:]
    /// Idempotency keys are scoped to the job's owner: two API keys choosing the same key get
    /// two jobs, and neither learns of the other's.
    private(set) var idempotencyIndex: [IdempotencyScope: JobID] = [:]
    /// Jobs that are queued or running: the only ones a claim needs to look at.
    private(set) var active: Set<JobID> = []
    /// The number of job events applied over the store's life; grows by one per event.
    private(set) var sequence: UInt64 = 0
    /// Jobs with a webhook delivery not yet delivered or given up: all a dispatcher looks at.
    private(set) var webhookJobs: Set<JobID> = []

    /// An empty state over `graph`'s phases.
    package init(graph: PhaseGraph) { self.graph = graph }

    /// A state loaded from a snapshot.
    package init(graph: PhaseGraph, records: [JobRecord], sequence: UInt64) {
        self.init(graph: graph, sequence: sequence, reservingCapacity: records.count)
        for record in records { insertLoaded(record) }
    }

    /// An empty state at `sequence`, with room for `count` jobs to be added by `insertLoaded`.
    package init(graph: PhaseGraph, sequence: UInt64, reservingCapacity count: Int) {
        self.graph = graph
        jobs.reserveCapacity(count)
        active.reserveCapacity(count)
        self.sequence = sequence
    }

    /// Adds a job as a snapshot holds it.
    mutating func insertLoaded(_ record: JobRecord) {
        let id = record.id
        if let key = record.idempotencyKey { idempotencyIndex[IdempotencyScope(owner: record.owner, key: key)] = id }
        if !record.status.isTerminal { active.insert(id) }
        if record.hasUnfinishedWebhookDelivery { webhookJobs.insert(id) }
        jobs[id] = record
    }

    /// Moves the sequence past events that were not applied here: a one-job read folds only
    /// its job's records, yet a submission's `order` is the sequence it was applied at.
    mutating func skipEvents(to sequence: UInt64) {
        self.sequence = max(self.sequence, sequence)
    }

    // MARK: - Decisions

    package enum SubmitDecision: Equatable {
        case existing(JobID)
        case create(JobEvent)
    }

    /// A new job, or the existing one when its idempotency key was seen before.
    package func submit(
        id: JobID, at now: Int64, request: [UInt8], phases: PhaseSet, idempotencyKey: String?, webhookURL: String?,
        owner: String? = nil
    ) throws(JobTransitionError) -> SubmitDecision {
        if let idempotencyKey, let existing = idempotencyIndex[IdempotencyScope(owner: owner, key: idempotencyKey)] {
            return .existing(existing)
        }
        guard jobs[id] == nil else {
            throw JobTransitionError(.invalidState, jobID: id, message: "job \(id) already exists")
        }
        guard phases.rawValue & ~graph.allMask == 0 else {
            throw JobTransitionError(.invalidState, jobID: id, message: "job \(id) asks for a phase the store's graph does not have")
        }
        let requested = (phases.isEmpty ? graph.all : phases).closedUnderAncestors(in: graph)
        return .create(
            .submitted(
                id: id, at: now, request: request, phases: requested, idempotencyKey: idempotencyKey,
                webhookURL: webhookURL, owner: owner))
    }

    /// Events that claim the oldest claimable job for `worker`, failing on the way any job that
    /// stalled more than `maxStalls` times. A job is claimable when queued, or running under a
    /// lease that expired before `now` (a stall: its worker died or hung).
    ///
    /// - Parameter only: Consider only this job (running one job inline).
    /// - Returns: The events and the claimed job's id, if any.
    package func claim(
        worker: String, at now: Int64, leaseMilliseconds: Int64, maxStalls: Int, only: JobID? = nil
    ) -> (events: [JobEvent], claimed: JobID?) {
        let candidates = only.map { [$0] } ?? active.sorted { (jobs[$0]?.order ?? 0) < (jobs[$1]?.order ?? 0) }
        var events: [JobEvent] = []
        for id in candidates {
            guard let job = jobs[id] else { continue }
            switch job.status {
            case .queued:
                events.append(
                    .claimed(
                        id: id, at: now, worker: worker, leaseExpiresAt: now + leaseMilliseconds,
                        stallCount: job.stallCount))
                return (events, id)
            case .running:
                guard let lease = job.lease, lease.expiresAt <= now else { continue }
                let stalls = job.stallCount + 1
                if stalls > maxStalls {
                    let message = "job stalled \(stalls) times (worker died?); last holder \(lease.holder)"
                    events.append(.failed(id: id, at: now, error: JobFailure(code: "AGENT_FAILURE", message: message)))
                    continue
                }
                events.append(
                    .claimed(
                        id: id, at: now, worker: worker, leaseExpiresAt: now + leaseMilliseconds, stallCount: stalls))
                return (events, id)
            case .completed, .failed, .cancelled:
                continue
            }
        }
        return (events, nil)
    }

    /// Extends the holder's lease.
    package func heartbeat(_ id: JobID, worker: String, at now: Int64, leaseMilliseconds: Int64) throws(JobTransitionError)
        -> JobEvent
    {
        _ = try held(id, by: worker)
        return .heartbeat(id: id, at: now, worker: worker, leaseExpiresAt: now + leaseMilliseconds)
    }

    /// Starts the next attempt of a ready phase.
    package func startPhase(_ id: JobID, _ phase: Phase, worker: String, at now: Int64) throws(JobTransitionError) -> JobEvent {
        let job = try held(id, by: worker)
        guard job.requestedPhases.contains(phase) else {
            throw JobTransitionError(.invalidState, jobID: id, status: job.status, message: "job \(id) did not request phase \(graph.name(of: phase))")
        }
        let state = job[phase]
        guard state.status == .pending, graph.parents(of: phase, allIn: job.completedPhases) else {
            throw JobTransitionError(
                .invalidState, jobID: id, status: job.status,
                message: "phase \(graph.name(of: phase)) of job \(id) is \(state.status.rawValue) and cannot start")
        }
        return .phaseStarted(id: id, phase: phase, at: now, attempt: state.attempts + 1)
    }

    /// Records how far the running attempt of a phase is, for its holder only (a worker that lost
    /// its lease is refused like any other write). `nil` when there is nothing to record: the
    /// percent and message are those recorded last, or the phase's last report is less than
    /// `PhaseProgress.minimumInterval` old (a stream of reports must not flood the journal).
    package func reportProgress(
        _ id: JobID, _ phase: Phase, worker: String, at now: Int64, percent: Int, message: String
    ) throws(JobTransitionError) -> JobEvent? {
        let job = try running(id, phase, worker: worker)
        let percent = min(100, max(0, percent))
        let message = PhaseProgress.bounded(message)
        if let last = job[phase].progress {
            if last.percent == percent && last.message == message { return nil }
            if now - last.at < PhaseProgress.minimumInterval { return nil }
        }
        return .phaseProgress(id: id, phase: phase, at: now, percent: percent, message: message)
    }

    /// Completes a running phase with its durable artifact.
    package func completePhase(_ id: JobID, _ phase: Phase, worker: String, at now: Int64, artifact: ArtifactReference)
        throws(JobTransitionError) -> JobEvent
    {
        _ = try running(id, phase, worker: worker)
        return .phaseCompleted(id: id, phase: phase, at: now, artifact: artifact)
    }

    /// Records a failed attempt of a running phase; `retryAt == nil` fails the phase and the job.
    package func failPhase(
        _ id: JobID, _ phase: Phase, worker: String, at now: Int64, error: JobFailure, retryAt: Int64?
    ) throws(JobTransitionError) -> JobEvent {
        let job = try running(id, phase, worker: worker)
        return .phaseFailed(id: id, phase: phase, at: now, attempt: job[phase].attempts, error: error, retryAt: retryAt)
    }

    /// Gives a held job back to the queue (worker shutdown); no stall is counted.
    package func release(_ id: JobID, worker: String, at now: Int64) throws(JobTransitionError) -> JobEvent {
        _ = try held(id, by: worker)
        return .released(id: id, at: now, worker: worker)
    }

    /// Fails a held job as a whole (e.g. its time budget ran out).
    package func failJob(_ id: JobID, worker: String, at now: Int64, error: JobFailure) throws(JobTransitionError) -> JobEvent {
        _ = try held(id, by: worker)
        return .failed(id: id, at: now, error: error)
    }

    /// Cancels a queued or running job.
    package func cancel(_ id: JobID, at now: Int64) throws(JobTransitionError) -> JobEvent {
        let job = try existing(id)
        guard !job.status.isTerminal else {
            throw JobTransitionError(
                .terminal, jobID: id, status: job.status, message: "job \(id) is already \(job.status.rawValue)")
        }
        return .cancelled(id: id, at: now)
    }

    /// Queues a failed or cancelled job again; its completed phases are kept.
    package func retry(_ id: JobID, at now: Int64) throws(JobTransitionError) -> JobEvent {
        let job = try existing(id)
        guard job.status == .failed || job.status == .cancelled else {
            throw JobTransitionError(
                .invalidState, jobID: id, status: job.status,
                message: "job \(id) is \(job.status.rawValue); only failed or cancelled jobs can be retried")
        }
        return .retried(id: id, at: now)
    }

    /// `job.deleted` for every finished job that finished at least `retentionMilliseconds` before `now`.
    package func collectGarbage(at now: Int64, retentionMilliseconds: Int64) -> [JobEvent] {
        jobs.values
            .filter { $0.status.isTerminal && ($0.finishedAt ?? $0.updatedAt) + retentionMilliseconds <= now }
            .filter { !$0.hasUnfinishedWebhookDelivery }
            .sorted { $0.order < $1.order }
            .map { .deleted(id: $0.id, at: now) }
    }

    private func existing(_ id: JobID) throws(JobTransitionError) -> JobRecord {
        guard let job = jobs[id] else { throw JobTransitionError(.notFound, jobID: id, message: "no job \(id)") }
        return job
    }

    private func held(_ id: JobID, by worker: String) throws(JobTransitionError) -> JobRecord {
        let job = try existing(id)
        if job.status.isTerminal {
            throw JobTransitionError(.terminal, jobID: id, status: job.status, message: "job \(id) is \(job.status.rawValue)")
        }
        guard job.status == .running, job.lease?.holder == worker else {
            throw JobTransitionError(
                .leaseLost, jobID: id, status: job.status,
                message: "worker \(worker) no longer holds job \(id) (held by \(job.lease?.holder ?? "nobody"))")
        }
        return job
    }

    private func running(_ id: JobID, _ phase: Phase, worker: String) throws(JobTransitionError) -> JobRecord {
        let job = try held(id, by: worker)
        guard job.requestedPhases.contains(phase), job[phase].status == .running else {
            throw JobTransitionError(
                .invalidState, jobID: id, status: job.status,
                message: "phase \(graph.name(of: phase)) of job \(id) is not running")
        }
        return job
    }

    // MARK: - Fold

    /// Applies one recorded event.
    ///
    /// - Throws: `JobTransitionError` when the event does not fit the state (an event for an
    ///   unknown job, a duplicate submission): a journal that says so is inconsistent.
    package mutating func apply(_ event: JobEvent) throws(JobTransitionError) {
        if case .sealed = event { return }
        guard let id = event.jobID else { return }
        if case .submitted(_, let at, let request, let phases, let key, let webhook, let owner) = event {
            guard jobs[id] == nil else {
                throw JobTransitionError(.invalidState, jobID: id, message: "job \(id) submitted twice")
            }
            var record = JobRecord(
                id: id, order: sequence, requestedPhases: phases, phases: PhaseStates(count: graph.count), requestBytes: request,
                createdAt: at, updatedAt: at)
            record.idempotencyKey = key
            record.webhookURL = webhook
            record.owner = owner
            jobs[id] = record
            if let key { idempotencyIndex[IdempotencyScope(owner: owner, key: key)] = id }
            active.insert(id)
            sequence += 1
            return
        }
        guard let index = jobs.index(forKey: id) else {
            throw JobTransitionError(.notFound, jobID: id, message: "\(event.type) for unknown job \(id)")
        }
        if case .deleted = event {
            let job = jobs.values[index]
            jobs.remove(at: index)
            active.remove(id)
            webhookJobs.remove(id)
            if let key = job.idempotencyKey {
                let scope = IdempotencyScope(owner: job.owner, key: key)
                if idempotencyIndex[scope] == id { idempotencyIndex[scope] = nil }
            }
            sequence += 1
            return
        }
        // Changed in place: copying a record out and back would copy its tables too.
        if case .webhook(let webhookEvent) = event {
            try webhookEvent.apply(to: &jobs.values[index])
        } else {
            let graph = graph
            Self.fold(event, into: &jobs.values[index], graph: graph)
        }
        if jobs.values[index].status.isTerminal { active.remove(id) } else { active.insert(id) }
        if jobs.values[index].hasUnfinishedWebhookDelivery { webhookJobs.insert(id) } else { webhookJobs.remove(id) }
        sequence += 1
    }

    /// Makes room for `count` more jobs, so that loading a long journal does not grow the
    /// tables step by step.
    mutating func reserveCapacity(forMore count: Int) {
        jobs.reserveCapacity(jobs.count + count)
        active.reserveCapacity(active.count + count)
    }

    /// Applies a job's own event (not a webhook one) to it.
    private static func fold(_ event: JobEvent, into job: inout JobRecord, graph: PhaseGraph) {
        let wasTerminal = job.status.isTerminal
        change(job: &job, by: event, graph: graph)
        // Progress describes a running attempt only: a phase that stopped running drops it.
        for phase in job.requestedPhases where job[phase].progress != nil && job[phase].status != .running {
            job[phase].progress = nil
        }
        // The outbox entry is part of the record that ends the job: no crash can separate them.
        if !wasTerminal { job.enqueueWebhookDeliveryIfEnded() }
        job.updateProgress()
    }

    private static func change(job: inout JobRecord, by event: JobEvent, graph: PhaseGraph) {
        switch event {
        case .submitted, .deleted, .sealed, .webhook:
            break
        case .claimed(_, let at, let worker, let expires, let stalls):
            touch(&job, at)
            job.status = .running
            job.lease = JobLease(holder: worker, expiresAt: expires)
            job.stallCount = stalls
            job.startedAt = job.startedAt ?? at
            requeueRunningPhases(&job)
        case .heartbeat(_, let at, let worker, let expires):
            touch(&job, at)
            job.lease = JobLease(holder: worker, expiresAt: expires)
        case .phaseStarted(_, let phase, let at, let attempt):
            touch(&job, at)
            job[phase].status = .running
            job[phase].attempts = attempt
            job[phase].startedAt = job[phase].startedAt ?? at
            job[phase].retryAt = nil
            job[phase].progress = nil
        case .phaseProgress(_, let phase, let at, let percent, let message):
            // Decided against a running phase; a fold of other records in between cannot
            // change that for the same holder, but a progress record never moves a phase.
            guard job[phase].status == .running else { break }
            touch(&job, at)
            job[phase].progress = PhaseProgress(percent: percent, message: message, at: at)
        case .phaseCompleted(_, let phase, let at, let artifact):
            touch(&job, at)
            job[phase].status = .completed
            job[phase].finishedAt = at
            job[phase].artifact = artifact
            job[phase].error = nil
            if job.requestedPhases.allSatisfy({ job[$0].status == .completed }) {
                job.status = .completed
                job.finishedAt = at
                job.lease = nil
                job.error = nil
            }
        case .phaseFailed(_, let phase, let at, _, let error, let retryAt):
            touch(&job, at)
            job[phase].failures += 1
            job[phase].error = error
            if let retryAt {
                job[phase].status = .pending
                job[phase].retryAt = retryAt
            } else {
                job[phase].status = .failed
                job[phase].finishedAt = at
                let attempts = job[phase].attempts
                let failure = JobFailure(
                    code: error.code,
                    message: "phase \(graph.name(of: phase)) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(error.message)",
                    details: error.details)
                finish(&job, .failed, at: at, error: failure)
            }
        case .released(_, let at, _):
            touch(&job, at)
            job.status = .queued
            job.lease = nil
            requeueRunningPhases(&job)
        case .failed(_, let at, let error):
            touch(&job, at)
            finish(&job, .failed, at: at, error: error)
        case .cancelled(_, let at):
            touch(&job, at)
            finish(&job, .cancelled, at: at, error: JobFailure(code: "CANCELLED", message: "the job was cancelled"))
        case .retried(_, let at):
            touch(&job, at)
            job.status = .queued
            job.error = nil
            job.lease = nil
            job.finishedAt = nil
            job.stallCount = 0
            for phase in job.requestedPhases where job[phase].status != .completed {
                var state = job[phase]
                state.status = .pending
                state.failures = 0
                state.error = nil
                state.retryAt = nil
                state.finishedAt = nil
                job[phase] = state
            }
        }
    }

    private static func touch(_ job: inout JobRecord, _ at: Int64) {
        job.updatedAt = max(job.updatedAt, at)
    }

    /// A phase interrupted by a lost worker or a release runs again from its start.
    private static func requeueRunningPhases(_ job: inout JobRecord) {
        for phase in job.requestedPhases where job[phase].status == .running {
            job[phase].status = .pending
        }
    }

    /// Ends the job: running phases are cancelled, phases that never ran are skipped.
    private static func finish(_ job: inout JobRecord, _ status: JobStatus, at: Int64, error: JobFailure) {
        job.status = status
        job.error = error
        job.finishedAt = at
        job.lease = nil
        for phase in job.requestedPhases {
            switch job[phase].status {
            case .running:
                job[phase].status = .cancelled
                job[phase].finishedAt = at
            case .pending:
                job[phase].status = status == .cancelled ? .cancelled : .skipped
                // A phase waiting for a retry did run; one that never started has no finish time.
                if job[phase].startedAt != nil { job[phase].finishedAt = at }
                job[phase].retryAt = nil
            case .completed, .failed, .skipped, .cancelled:
                break
            }
        }
    }
}

/// An idempotency key as seen by one owner (an API key id, or `nil` for the store's owner).
struct IdempotencyScope: Hashable, Sendable {
    var owner: String?
    var key: String
}
