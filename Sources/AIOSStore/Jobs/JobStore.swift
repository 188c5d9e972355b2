import AIOSSystem

/// The durable job store shared by every aios process on a machine.
///
/// State lives in one directory (see `StoreLocation`) as a snapshot plus an append-only,
/// checksummed journal. Every change is decided under an exclusive file lock against the
/// latest state, appended and fsynced before the call returns; reads fold in what other
/// processes appended since. All file I/O runs on the store's own dispatch queue, never on
/// Swift's cooperative pool, with one exception: reading a job while the store is unchanged
/// (`job(_:)`) costs one `fstat` of the journal on the caller's thread and no hop onto the queue.
/// See docs/store-format.md for the format and its guarantees.
actor JobStore {
    /// The store directory.
    public nonisolated let directory: String
    /// The phases of the pipeline that opened the store.
    nonisolated let phaseGraph: PhaseGraph
    let clock: any JobClock
    let options: JobStoreOptions
    private let executor: StoreExecutor
    let replica: StoreReplica
    /// The replica's lock-free view of its jobs, readable off the store's queue.
    nonisolated let readView: StoreReadView
    private var pending: [PendingWrite] = []
    private var writing = false

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private init(
        directory: String, graph: PhaseGraph, clock: any JobClock, options: JobStoreOptions, executor: StoreExecutor
    ) throws(StoreError) {
        self.directory = directory
        phaseGraph = graph
        self.clock = clock
        self.options = options
        self.executor = executor
        replica = try StoreReplica(directory: directory, graph: graph, loading: options.loadsOnOpen)
        readView = replica.readView
    }

    /// Opens the store in `directory`, creating it (mode 0700) when missing.
    ///
    /// - Parameters:
    ///   - directory: The store directory, usually `StoreLocation.resolve(environment:)`.
    ///   - graph: The pipeline's phases, which jobs run and the journal names.
    ///   - clock: The time source for timestamps and leases.
    ///   - options: Tunables; the defaults suit production.
    /// - Returns: The open store, caught up with the journal (unless `options.loadsOnOpen` is
    ///   false: then it is read when first needed).
    /// - Throws: `StoreError` when the directory cannot be used, the format is newer than this
    ///   build, or the journal is damaged (with the offset of the damage).
    public static func open(
        at directory: String, graph: PhaseGraph, clock: any JobClock = SystemJobClock(), options: JobStoreOptions = .init()
    ) async throws -> JobStore {
        let executor = StoreExecutor(label: "aios.jobstore")
        return try await executor.run { () throws in
            try JobStore(directory: directory, graph: graph, clock: clock, options: options, executor: executor)
        }
    }

    // MARK: - Reading

    /// The number of job events applied so far; grows with every change, from any process.
    ///
    /// - Throws: `StoreError` when catching up with the journal fails.
    public func version() throws -> UInt64 {
        try replica.catchUp(.unlocked)
        return replica.machine.sequence
    }

    /// A job as it is now, or `nil` when there is no such job.
    ///
    /// While nothing was appended since this store last caught up, the answer comes from the
    /// replica's read view on the caller's thread; otherwise the store catches up on its queue
    /// (and publishes the view again).
    ///
    /// - Throws: `StoreError` when catching up with the journal fails.
    public nonisolated func job(_ id: JobID) async throws -> Job? {
        if case .job(let record) = readView.job(id) { return record.map { Job(record: $0, graph: phaseGraph) } }
        return try await caughtUpJob(id)
    }

    private func caughtUpJob(_ id: JobID) throws -> Job? {
        let record = try replica.job(id)
        replica.publish()
        return record.map { Job(record: $0, graph: phaseGraph) }
    }

    /// How many jobs the store keeps and the newest one's id: changes exactly when a job is
    /// added or deleted. Cheap enough to poll (no record is copied or sorted).
    ///
    /// - Throws: `StoreError` when catching up with the journal fails.
    public func listSignature() throws -> (count: Int, newest: JobID?) {
        try replica.catchUp(.unlocked)
        return (replica.machine.jobs.count, replica.machine.jobs.keys.max())
    }

    /// Jobs newest first, optionally only those with one status.
    ///
    /// - Parameters:
    ///   - status: Only jobs with this status; `nil` for all.
    ///   - limit: At most this many jobs.
    ///   - caller: Only jobs this caller may see (a non-admin key sees the jobs it submitted).
    /// - Throws: `StoreError` when catching up with the journal fails.
    public func jobs(status: JobStatus? = nil, limit: Int = 50, visibleTo caller: Caller = .local) throws -> [Job] {
        try replica.catchUp(.unlocked)
        let jobs = replica.machine.jobs
        // Only ids and orders are collected and ordered, never whole records; and when only a
        // few are wanted, only those few are kept in order.
        let everyOwner = caller.isAdmin
        var newest = NewestJobs(limit: limit)
        for (id, record) in jobs {
            if let status, record.status != status { continue }
            if !everyOwner, !caller.mayAccess(jobOwnedBy: record.owner) { continue }
            newest.offer(order: record.order, id: id)
        }
        return newest.ids.compactMap { jobs[$0].map { Job(record: $0, graph: phaseGraph) } }
    }

    /// Counts and ages for health checks and metrics.
    ///
    /// - Throws: `StoreError` when catching up with the journal fails.
    public func summary() throws -> JobStoreSummary {
        try replica.catchUp(.unlocked)
        let now = clock.nowMilliseconds()
        var summary = JobStoreSummary(generation: replica.generation, version: replica.machine.sequence)
        for status in JobStatus.allCases { summary.countsByStatus[status] = 0 }
        for state in WebhookDeliveryState.allCases { summary.webhookDeliveriesByState[state] = 0 }
        for record in replica.machine.jobs.values {
            summary.countsByStatus[record.status, default: 0] += 1
            for delivery in record.webhookDeliveries {
                summary.webhookDeliveriesByState[delivery.state, default: 0] += 1
                if !delivery.state.isFinal { summary.pendingWebhookDeliveries += 1 }
            }
            if record.status == .queued {
                summary.oldestQueuedAt = min(summary.oldestQueuedAt ?? record.createdAt, record.createdAt)
            }
            if record.status == .running, let lease = record.lease, lease.expiresAt > now {
                summary.liveWorkers.insert(lease.holder)
            }
        }
        return summary
    }

    /// The artifact of a completed phase, checked against the digest recorded with it.
    ///
    /// - Returns: The phase's output object.
    /// - Throws: `AIOSError` `JOB_NOT_FOUND` for an unknown job, `ARTIFACT_NOT_READY` (with the
    ///   job and phase status in `details`) when the phase has not completed, `INVALID_INPUT` when
    ///   the job did not request the phase; `StoreError.corrupt` naming the file when its bytes
    ///   no longer match the digest.
    public func artifact(_ id: JobID, phase: Phase) throws -> JSONObject {
        guard let record = try replica.job(id) else {
            throw AIOSError(.jobNotFound, "no job \(id)", details: ["job_id": .string(id.rawValue)])
        }
        let reference = try record.completedArtifact(phase, graph: phaseGraph)
        return try ArtifactFiles.read(reference, storeDirectory: directory)
    }

    /// Returns once the store has changed after `version` (from any process), or at `timeout`.
    ///
    /// - Parameters:
    ///   - version: A value from `version()` or an earlier call.
    ///   - timeout: The longest wait.
    /// - Returns: The current version (equal to `version` after a timeout without change).
    /// - Throws: `StoreError` when catching up fails; `CancellationError` when cancelled.
    public func waitForChange(after version: UInt64, timeout: Duration) async throws -> UInt64 {
        let deadline = clock.nowMilliseconds() + timeout.wholeMilliseconds
        while true {
            try replica.catchUp(.unlocked)
            let now = clock.nowMilliseconds()
            if replica.machine.sequence != version || now >= deadline { return replica.machine.sequence }
            try await clock.sleep(untilMilliseconds: min(now + options.changePollInterval.wholeMilliseconds, deadline))
        }
    }

    // MARK: - Changing

    /// Submits a job, durably, or returns the job an earlier submission with the same
    /// idempotency key created.
    ///
    /// - Parameter submission: The request, phases, idempotency key and webhook.
    /// - Returns: The job and whether this call created it.
    /// - Throws: `StoreError` when the job could not be made durable.
    public func submit(_ submission: JobSubmission) async throws -> (job: Job, created: Bool) {
        let request = JSONValue.object(submission.request).serialized()
        let phases = PhaseSet(submission.phases)
        return try await perform { state throws in
            let id = JobID.generate(milliseconds: state.now)
            switch try state.machine.submit(
                id: id, at: state.now, request: request, phases: phases, idempotencyKey: submission.idempotencyKey,
                webhookURL: submission.webhookURL, owner: submission.owner)
            {
            case .existing(let existing):
                return (try state.job(existing), false)
            case .create(let event):
                try state.record(event)
                return (try state.job(id), true)
            }
        }
    }

    /// Cancels a queued or running job; a worker running it stops at its next check.
    ///
    /// - Returns: The cancelled job.
    /// - Throws: `AIOSError` `JOB_NOT_FOUND`, or `INVALID_INPUT`/`CANCELLED` when the job has
    ///   already finished (details carry its status); `StoreError` on I/O failure.
    public func cancel(_ id: JobID) async throws -> Job {
        try await userFacing {
            try await perform { state throws in
                try state.record(try state.machine.cancel(id, at: state.now))
                return try state.job(id)
            }
        }
    }

    /// Queues a failed or cancelled job again; completed phases keep their artifacts and are
    /// not run again.
    ///
    /// - Returns: The queued job.
    /// - Throws: `AIOSError` `JOB_NOT_FOUND`, or `INVALID_INPUT` when the job is not failed or
    ///   cancelled; `StoreError` on I/O failure.
    public func retry(_ id: JobID) async throws -> Job {
        try await userFacing {
            try await perform { state throws in
                try state.record(try state.machine.retry(id, at: state.now))
                return try state.job(id)
            }
        }
    }

    private func userFacing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as JobTransitionError { throw error.aiosError }
    }

    // MARK: - Maintenance

    /// Checks every byte of the store without changing it: CURRENT, the snapshot, each journal
    /// record, and each artifact's digest.
    ///
    /// - Returns: What was checked and every problem found, damage with its offset.
    /// - Throws: `StoreError` only when the directory cannot be read at all.
    public func verify() throws -> StoreVerifyReport {
        try replica.withStoreLock(LOCK_SH) { () throws(StoreError) in try StoreVerifier(directory: directory, graph: phaseGraph).run() }
    }

    /// Verifies the store in `directory` without opening it for use, so a store too damaged to
    /// open can still be examined (`aiosctl store verify`). Nothing is created or changed.
    ///
    /// - Parameters:
    ///   - directory: The store directory.
    ///   - graph: The pipeline's phases, which the journal names.
    ///   - artifacts: Whether to check every artifact's digest too (`aiosctl health` skips it:
    ///     it reads every artifact, which is slow on a large store).
    /// - Returns: What was checked and every problem found.
    /// - Throws: `StoreError` when the directory is not a store or cannot be read.
    public static func verify(at directory: String, graph: PhaseGraph, artifacts: Bool = true) async throws -> StoreVerifyReport {
        let executor = StoreExecutor(label: "aios.jobstore.verify")
        return try await executor.run { () throws in
            guard try StoreFileSystem.existence(directory + "/" + StoreReplica.currentName) else {
                let found = StoreFileSystem.exists(directory) ? try StoreReplica.dataWithoutCurrent(directory: directory) : []
                guard !found.isEmpty else { throw StoreError(.io, "no aios store in \(directory)", path: directory) }
                // Damaged, not absent: report it as damage, with what else is wrong.
                var report = StoreVerifyReport(directory: directory, formatVersion: JournalFormat.version)
                report.problems.append(
                    .init(
                        severity: .damage, message: StoreReplica.missingCurrentMessage(found),
                        path: directory + "/" + StoreReplica.currentName, offset: nil))
                report.problems += StoreVerifier.checkSideFiles(directory: directory)
                return report
            }
            let lock = try StoreFile(path: directory + "/" + StoreReplica.lockName, flags: O_RDWR, create: true)
            try lock.lock(LOCK_SH)
            defer { try? lock.lock(LOCK_UN) }
            return try StoreVerifier(directory: directory, graph: graph, checksArtifacts: artifacts).run()
        }
    }

    /// Folds the journal into a new snapshot so that opening the store stays fast. Runs by
    /// itself when the journal grows past `JobStoreOptions.compactionThresholdBytes`.
    ///
    /// - Throws: `StoreError` on I/O failure; the store is unchanged unless compaction finished.
    public func compact() throws {
        try replica.withStoreLock(LOCK_EX) { () throws(StoreError) in
            try replica.catchUp(.exclusive)
            try replica.compact()
        }
    }

    /// Deletes jobs that finished more than `retention` ago, with their artifacts, and
    /// artifact files that no job refers to.
    ///
    /// - Parameter retention: How long finished jobs are kept (the product default is 7 days).
    /// - Returns: How many jobs were deleted.
    /// - Throws: `StoreError` on I/O failure.
    public func collectGarbage(retention: Duration) throws -> Int {
        let now = clock.nowMilliseconds()
        return try replica.withStoreLock(LOCK_EX) { () throws(StoreError) in
            try replica.catchUp(.exclusive)
            let events = replica.machine.collectGarbage(at: now, retentionMilliseconds: retention.wholeMilliseconds)
            for event in events {
                do { try replica.changeMachine { machine throws(JobTransitionError) in try machine.apply(event) } } catch {
                    replica.needsReload = true
                    throw StoreError(.corrupt, "collecting \(event.jobID?.rawValue ?? "?"): \(error)")
                }
            }
            try replica.append(events)
            // Under the lock no job can be submitted, so a directory of an unknown job is
            // garbage: a deleted job's, or one a stalled worker wrote after losing its lease.
            try ArtifactFiles.removeUnreferenced(machine: replica.machine, storeDirectory: directory)
            return events.count
        }
    }

    // MARK: - Group commit

    /// One queued change: `run` decides and applies it to the state, `finish` reports its
    /// outcome once the batch is durable (or failed).
    private struct PendingWrite {
        let run: (inout WriteState) -> Void
        let finish: (StoreError?) -> Void

        static func make<R>(
            _ operation: @escaping (inout WriteState) throws -> R, deliver: @escaping (Result<R, any Error>) -> Void
        ) -> PendingWrite {
            var outcome: Result<R, any Error> = .failure(CancellationError())
            return PendingWrite(
                run: { state in outcome = Result { try operation(&state) } },
                finish: { failure in deliver(failure.map { .failure($0) } ?? outcome) })
        }
    }

    /// Runs a change with compare-and-append semantics: under the exclusive lock, after
    /// catching up, durable before it returns. Changes requested while another batch is
    /// being written share the next lock, write and fsync.
    func perform<R: Sendable>(_ operation: @escaping (inout WriteState) throws -> R) async throws -> R {
        if writing {
            return try await withCheckedThrowingContinuation { continuation in
                pending.append(.make(operation, deliver: { continuation.resume(with: $0) }))
            }
        }
        writing = true
        // Let callers already queued on this actor join the batch.
        await Task.yield()
        var own: Result<R, any Error> = .failure(CancellationError())
        let batch = [PendingWrite.make(operation, deliver: { own = $0 })] + pending
        pending = []
        flush(batch)
        writing = false
        if replica.shouldCompact(thresholdBytes: options.compactionThresholdBytes) {
            // The batch is acknowledged already; a failed compaction leaves the store as it was.
            try? compact()
        }
        return try own.get()
    }

    private func flush(_ batch: [PendingWrite]) {
        var state = WriteState(now: clock.nowMilliseconds(), graph: phaseGraph)
        let failure: StoreError?
        do {
            failure = try replica.withStoreLock(LOCK_EX) { () throws(StoreError) -> StoreError? in
                try replica.catchUp(.exclusive)
                replica.changeMachine { swap(&state.machine, &$0) }
                for write in batch { write.run(&state) }
                replica.changeMachine { swap(&state.machine, &$0) }
                if state.inconsistent { replica.needsReload = true }
                try replica.append(state.events)
                return nil
            }
        } catch {
            failure = error
        }
        for write in batch { write.finish(failure) }
    }
}

/// The state a batch of changes works on: each change decides against the state as the
/// changes before it in the batch left it, and records its events.
struct WriteState {
    /// Swapped with the replica's state while a batch runs.
    var machine: JobStateMachine
    var events: [JobEvent] = []
    let now: Int64
    /// An event failed to apply after being decided: a bug, so the batch's view is not trusted.
    var inconsistent = false

    init(now: Int64, graph: PhaseGraph) {
        self.now = now
        machine = JobStateMachine(graph: graph)
    }

    mutating func record(_ event: JobEvent) throws(JobTransitionError) {
        do {
            try machine.apply(event)
        } catch {
            inconsistent = true
            throw error
        }
        events.append(event)
    }

    func job(_ id: JobID) throws(JobTransitionError) -> Job {
        guard let record = machine.jobs[id] else { throw JobTransitionError(.notFound, jobID: id, message: "no job \(id)") }
        return Job(record: record, graph: machine.graph)
    }
}
