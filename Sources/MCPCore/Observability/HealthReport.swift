/// The result of `aiosctl health`: the store's state, the queue, the workers, and why the
/// installation is unhealthy, if it is.
public struct HealthReport: Sendable {
    /// When the check ran, Unix milliseconds.
    public var checkedAt: Int64
    public var storeDirectory: String
    /// Whether the store could be opened and read.
    public var storeReadable = false
    /// The store's format version, when its `CURRENT` file could be read.
    public var formatVersion: UInt32?
    /// Which backend keeps the store: `file` or `postgres`.
    public var storeBackend = "file"
    /// Where the `metrics/` files are: the file store's directory; nil for PostgreSQL, whose
    /// metrics are in the database.
    public var metricsDirectory: String?
    public var generation: UInt64?
    /// Journal records whose checksums were verified.
    public var journalRecords = 0
    /// Jobs by status; empty when the store could not be read.
    public var jobsByStatus: [JobStatus: Int] = [:]
    public var oldestQueuedAt: Int64?
    /// Live processes running a worker pool (by their metrics heartbeat).
    public var workerProcesses: [MetricsProcess] = []
    /// Workers holding an unexpired lease whose process is not known to be gone.
    public var busyWorkers: Set<String> = []
    public var deadWorkerJobs: [DeadWorkerJob] = []
    /// Why the installation is unhealthy; empty when healthy.
    public var reasons: [String] = []
    /// Things worth knowing that do not make it unhealthy (a torn tail, a backlog being worked).
    public var warnings: [String] = []

    public init(checkedAt: Int64, storeDirectory: String) {
        self.checkedAt = checkedAt
        self.storeDirectory = storeDirectory
    }

    /// Healthy when nothing gave a reason not to be.
    public var isHealthy: Bool { reasons.isEmpty }

    public var queueDepth: Int { jobsByStatus[.queued] ?? 0 }

    /// Whether anything can run queued jobs: a live worker pool, or a worker busy on a job.
    public var hasLiveWorker: Bool { !workerProcesses.isEmpty || !busyWorkers.isEmpty }

    /// Webhook deliveries still to be made (delivered or abandoned ones are done), when the
    /// store could be read.
    public var webhooks: WebhookBacklog?

    // MARK: - Output

    /// The report as one JSON object (`aiosctl health --json`).
    public var json: JSONObject {
        var jobs = JSONObject()
        for status in JobStatus.allCases { jobs[status.rawValue] = storeReadable ? .integer(jobsByStatus[status] ?? 0) : .null }
        return [
            "healthy": .bool(isHealthy),
            "status": .string(isHealthy ? "healthy" : "unhealthy"),
            "reasons": .strings(reasons),
            "warnings": .strings(warnings),
            "checked_at": .string(RFC3339Timestamp.format(milliseconds: checkedAt)),
            "store": [
                "backend": .string(storeBackend),
                "location": .string(storeDirectory),
                "directory": .string(storeDirectory),
                "metrics_directory": metricsDirectory.map { .string($0) } ?? .null,
                "readable": .bool(storeReadable),
                "reachable": storeBackend == "postgres" ? .bool(storeReadable) : .null,
                "schema_version": storeBackend == "postgres" ? formatVersion.map { .int(Int64($0)) } ?? .null : .null,
                "format_version": formatVersion.map { .int(Int64($0)) } ?? .null,
                "generation": generation.map { .int(Int64(clamping: $0)) } ?? .null,
                "journal_records_verified": .integer(journalRecords),
            ],
            "jobs": .object(jobs),
            "queue": [
                "depth": storeReadable ? .integer(queueDepth) : .null,
                "oldest_queued_at": oldestQueuedAt.map { .string(RFC3339Timestamp.format(milliseconds: $0)) } ?? .null,
                "oldest_queued_age_seconds": oldestQueuedAt.map { .double(Double(max(0, checkedAt - $0)) / 1000) } ?? .null,
            ],
            "workers": [
                "live_processes": .integer(workerProcesses.count),
                "slots": .integer(workerProcesses.reduce(0) { $0 + $1.workerSlots }),
                "busy": .integer(busyWorkers.count),
                "processes": .array(workerProcesses.map { process in
                    [
                        "id": .string(process.id), "role": .string(process.role), "host": .string(process.host),
                        "pid": .int(Int64(process.pid)), "slots": .integer(process.workerSlots),
                        "last_heartbeat": .string(RFC3339Timestamp.format(milliseconds: process.updatedAt)),
                    ]
                }),
                "dead": .array(deadWorkerJobs.map { job in
                    [
                        "job_id": .string(job.jobID.rawValue), "holder": .string(job.holder),
                        "lease_expires_at": .string(RFC3339Timestamp.format(milliseconds: job.leaseExpiresAt)),
                        "process_gone": .bool(job.processGone),
                    ]
                }),
            ],
            "webhooks": [
                "applicable": true,
                "pending_deliveries": webhooks.map { .integer($0.unfinished) } ?? .null,
                "due_now": webhooks.map { .integer($0.due) } ?? .null,
                "next_due_at": webhooks?.nextDueAt.map { .string(RFC3339Timestamp.format(milliseconds: $0)) } ?? .null,
            ],
        ]
    }

    /// The report for people (`aiosctl health`).
    public var text: String {
        var lines = ["aios: " + (isHealthy ? "healthy" : "UNHEALTHY")]
        var store = "store     \(storeBackend) \(storeDirectory)"
        if storeBackend == "postgres" {
            if let formatVersion { store += ", schema \(formatVersion)" }
            store += storeReadable ? ", reachable" : ", NOT reachable"
        } else {
            if let formatVersion { store += ", format \(formatVersion)" }
            if let generation { store += ", generation \(generation)" }
            store += storeReadable ? ", readable, \(journalRecords) journal records verified" : ", NOT readable"
        }
        lines.append(store)
        if storeReadable {
            lines.append("jobs      " + JobStatus.allCases.map { "\(jobsByStatus[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
            var queue = "queue     \(queueDepth) queued"
            if let oldestQueuedAt { queue += ", oldest waiting \(Self.age(checkedAt - oldestQueuedAt))" }
            lines.append(queue)
        }
        let slots = workerProcesses.reduce(0) { $0 + $1.workerSlots }
        lines.append(
            "workers   \(workerProcesses.count) live worker process\(workerProcesses.count == 1 ? "" : "es") (\(slots) slots), \(busyWorkers.count) busy, \(deadWorkerJobs.count) dead")
        if let webhooks {
            lines.append("webhooks  \(webhooks.unfinished) pending, \(webhooks.due) due now")
        }
        for reason in reasons { lines.append("problem:  " + reason) }
        for warning in warnings { lines.append("warning:  " + warning) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `850ms`, `12s`, `4m10s`, `3h5m`, `2d4h`.
    public static func age(_ milliseconds: Int64) -> String {
        let ms = max(0, milliseconds)
        if ms < 1000 { return "\(ms)ms" }
        let seconds = ms / 1000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(seconds % 60)s" }
        if seconds < 86400 { return "\(seconds / 3600)h\(seconds % 3600 / 60)m" }
        return "\(seconds / 86400)d\(seconds % 86400 / 3600)h"
    }
}
