/// A pipeline job as callers see it: its request, status, phases and progress.
public struct Job: Sendable, Hashable {
    public var id: JobID
    public var status: JobStatus
    /// The phases the job runs, in graph order (the requested ones plus their ancestors).
    public var requestedPhases: [Phase]
    /// The state of each requested phase; iterate `requestedPhases` for graph order.
    public var phases: [Phase: PhaseState]
    /// The brief and options the job was submitted with.
    public var request: JSONObject
    /// 0...100; never decreases over the job's life.
    public var progressPercent: Int
    /// Why the job failed or was cancelled.
    public var error: JobFailure?
    public var createdAt: Int64
    public var updatedAt: Int64
    /// When a worker first claimed the job, in Unix milliseconds.
    public var startedAt: Int64?
    /// When the job reached a terminal status, in Unix milliseconds.
    public var finishedAt: Int64?
    public var idempotencyKey: String?
    public var webhookURL: String?
    /// The API key id that submitted the job; `nil` for the store's owner (no key).
    public var owner: String?
    /// The worker holding the job while it runs.
    public var lease: JobLease?
    /// How many times the job was reclaimed from a worker whose lease lapsed.
    public var stallCount: Int
    /// The job's webhook deliveries, oldest first: one each time it ended with a `webhookURL`.
    public var webhookDeliveries: [WebhookDelivery]
    /// The store's phases, which name and order the job's.
    public var phaseGraph: PhaseGraph

    package init(record: JobRecord, graph: PhaseGraph) {
        phaseGraph = graph
        id = record.id
        status = record.status
        requestedPhases = Array(record.requestedPhases)
        var phases: [Phase: PhaseState] = [:]
        for phase in record.requestedPhases { phases[phase] = record[phase] }
        self.phases = phases
        // The bytes were produced by our serializer from an object, so parsing cannot fail
        // short of memory corruption; an empty object is the honest fallback.
        request = (try? JSONValue.parse(record.requestBytes))?.objectValue ?? JSONObject()
        progressPercent = record.progressPercent
        error = record.error
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        startedAt = record.startedAt
        finishedAt = record.finishedAt
        idempotencyKey = record.idempotencyKey
        webhookURL = record.webhookURL
        owner = record.owner
        lease = record.lease
        stallCount = record.stallCount
        webhookDeliveries = record.webhookDeliveries
    }

    /// Requested phases that may start now (pending, parents completed, no retry waiting past `now`).
    ///
    /// - Parameter now: The current time in Unix milliseconds.
    /// - Returns: The ready phases in graph order.
    public func readyPhases(now: Int64) -> [Phase] {
        requestedPhases.filter { phase in
            guard let state = phases[phase], state.status == .pending else { return false }
            return (state.retryAt ?? .min) <= now
                && phaseGraph.parents(of: phase).allSatisfy { phases[$0]?.status == .completed }
        }
    }

    /// The result of `aios_get_status`: `job_id`, `status`, `phases`, `progress_percent`,
    /// `error`, `created_at`, `updated_at`, with RFC 3339 UTC timestamps, and `webhook` (see
    /// `webhookStatusJSON`) for a job submitted with a webhook URL.
    ///
    /// Each phase is `{status, started_at, finished_at, duration_ms, attempts, error}`, phases
    /// in graph order, plus `progress` `{percent, message, at}` while a running phase has
    /// reported some; errors are `{code, message}` (and `details` when the failure has some)
    /// or `null`. `progress_message` is the running phases' last report, when there is one.
    public var statusJSON: JSONObject {
        var phaseObject = JSONObject()
        for phase in requestedPhases {
            let state = phases[phase] ?? PhaseState()
            var phaseState: JSONObject = [
                "status": .string(state.status.rawValue),
                "started_at": Self.timestamp(state.startedAt),
                "finished_at": Self.timestamp(state.finishedAt),
                "duration_ms": state.durationMilliseconds.map { .int($0) } ?? .null,
                "attempts": .integer(state.attempts),
                "error": state.error?.json ?? .null,
            ]
            if let progress = state.progress { phaseState["progress"] = progress.json }
            phaseObject[phaseGraph.name(of: phase)] = .object(phaseState)
        }
        var result: JSONObject = [
            "job_id": .string(id.rawValue),
            "status": .string(status.rawValue),
            "phases": .object(phaseObject),
            "progress_percent": .integer(progressPercent),
            "error": error?.json ?? .null,
            "created_at": .string(RFC3339Timestamp.format(milliseconds: createdAt)),
            "updated_at": .string(RFC3339Timestamp.format(milliseconds: updatedAt)),
        ]
        if let message = progressMessage { result["progress_message"] = .string(message) }
        if let webhook = webhookStatusJSON { result["webhook"] = .object(webhook) }
        return result
    }

    /// What the running phases last reported (`strategy: asking M: 1200 characters received`),
    /// joined by `; ` when several run; `nil` when none has reported.
    public var progressMessage: String? {
        let messages = requestedPhases.compactMap { phases[$0]?.progress?.message }
        return messages.isEmpty ? nil : messages.joined(separator: "; ")
    }

    private static func timestamp(_ milliseconds: Int64?) -> JSONValue {
        milliseconds.map { .string(RFC3339Timestamp.format(milliseconds: $0)) } ?? .null
    }
}
