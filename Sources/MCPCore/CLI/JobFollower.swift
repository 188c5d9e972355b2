/// Follows a job through the store as it changes, from any process, as a stream of events.
public enum JobFollower {
    /// The events that lead from `old` to `new`: one per phase whose status changed, then one
    /// for the job if its status changed; a running phase whose reported progress moved gives
    /// `phase.progress` (with `percent` of the phase and `message`). Each is `{event, job_id, …, progress_percent, time}`
    /// with `event` like `phase.running` or `job.completed`.
    public static func events(from old: Job?, to new: Job) -> [JSONObject] {
        var events: [JSONObject] = []
        let time = JSONValue.string(RFC3339Timestamp.format(milliseconds: new.updatedAt))
        for phase in new.requestedPhases {
            guard let state = new.phases[phase] else { continue }
            let before = old?.phases[phase]
            guard before?.status != state.status || before?.attempts != state.attempts else {
                // The same attempt still running: its reported progress may have moved.
                if let progress = state.progress, progress != before?.progress {
                    events.append([
                        "event": "phase.progress", "job_id": .string(new.id.rawValue), "phase": .string(phase.rawValue),
                        "percent": .integer(progress.percent), "message": .string(progress.message),
                        "progress_percent": .integer(new.progressPercent), "time": time,
                    ])
                }
                continue
            }
            var event: JSONObject = [
                "event": .string("phase.\(state.status.rawValue)"), "job_id": .string(new.id.rawValue),
                "phase": .string(phase.rawValue), "attempts": .integer(state.attempts),
            ]
            if let error = state.error { event["error"] = error.json }
            event["progress_percent"] = .integer(new.progressPercent)
            event["time"] = time
            events.append(event)
        }
        if old?.status != new.status {
            var event: JSONObject = [
                "event": .string("job.\(new.status.rawValue)"), "job_id": .string(new.id.rawValue),
                "status": .string(new.status.rawValue),
            ]
            if let error = new.error { event["error"] = error.json }
            event["progress_percent"] = .integer(new.progressPercent)
            event["time"] = time
            events.append(event)
        }
        return events
    }

    /// Calls `onChange` with each new state of the job until it reaches a terminal status.
    ///
    /// - Parameters:
    ///   - timeout: Give up after this long (`nil`: wait for ever).
    ///   - onChange: Called with the previous state (nil at first) and the new one.
    /// - Returns: The terminal job, or `nil` when `timeout` passed first.
    /// - Throws: `JOB_NOT_FOUND`, store errors, `CancellationError`.
    public static func follow(
        store: any JobStoreBackend, id: JobID, timeout: Duration?, onChange: (Job?, Job) -> Void
    ) async throws -> Job? {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        // A job that has ended needs no following: read just it, before the store version
        // (which loads every job).
        if let job = try await store.job(id), job.status.isTerminal {
            onChange(nil, job)
            return job
        }
        var previous: Job?
        var version = try await store.version()
        while true {
            guard let job = try await store.job(id) else {
                throw AIOSError(.jobNotFound, "no job \(id.rawValue)", details: ["job_id": .string(id.rawValue)])
            }
            if previous != job { onChange(previous, job) }
            if job.status.isTerminal { return job }
            previous = job
            var wait = Duration.seconds(5)
            if let deadline {
                let left = deadline - ContinuousClock.now
                if left <= .zero { return nil }
                wait = min(wait, left)
            }
            version = try await store.waitForChange(after: version, timeout: wait)
        }
    }
}
