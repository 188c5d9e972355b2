/// A named metric as Prometheus shows it: its type, help text and, for histograms, buckets.
public struct MetricFamily: Sendable, Hashable {
    /// The Prometheus metric types aios exposes.
    public enum Kind: String, Sendable, Hashable {
        case counter, gauge, histogram
    }

    public var name: String
    public var kind: Kind
    public var help: String
    /// Upper bounds of a histogram's buckets, ascending (`+Inf` is implicit); empty otherwise.
    public var buckets: [Double]

    public init(_ name: String, _ kind: Kind, help: String, buckets: [Double] = []) {
        self.name = name
        self.kind = kind
        self.help = help
        self.buckets = buckets
    }
}

extension MetricFamily {
    // Counted in memory by each process and summed across processes (docs/observability.md).

    /// Tool calls answered by an `aios-mcp`, by `tool` and `outcome`.
    public static let toolCalls = MetricFamily(
        "aios_tool_calls_total", .counter,
        help: "MCP tool calls answered, by tool and outcome: ok, or the error code in lower case (invalid_input, unauthorized, forbidden, rate_limited, job_not_found, ...).")
    /// How long tool calls took, by `tool`.
    public static let toolCallDuration = MetricFamily(
        "aios_tool_call_duration_seconds", .histogram, help: "Time to answer an MCP tool call, by tool.",
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60])
    /// Phase attempts run by workers, by `phase` and `outcome` (completed, failed).
    public static let phaseDuration = MetricFamily(
        "aios_phase_duration_seconds", .histogram,
        help: "Duration of one attempt of a pipeline phase run by a worker, by phase and outcome (completed, failed).",
        buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600])
    /// Jobs that ended under a worker, from first claim to end, by final `status`.
    public static let jobDuration = MetricFamily(
        "aios_job_duration_seconds", .histogram,
        help: "Duration of a job from its first claim by a worker to its end, by final status (completed, failed); recorded by the worker that ended it.",
        buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600])

    /// Tokens model-backed engines used, by `model` and `direction` (prompt, completion).
    public static let modelTokens = MetricFamily(
        "aios_llm_tokens_total", .counter, help: "Tokens used by provider calls of model-backed engines, by model and direction (prompt, completion); cached answers count none.")
    /// Model answers, by `engine`, `model` and `outcome`.
    public static let modelRequests = MetricFamily(
        "aios_llm_requests_total", .counter,
        help: "Answers model-backed engines got or failed to get, by engine, model and outcome: ok, invalid_content (a repair follows), cached, or the failure (refused, unavailable, timedOut, malformedResponse, configuration).")
    /// How long provider calls took (retries included), by `model`.
    public static let modelRequestDuration = MetricFamily(
        "aios_llm_request_duration_seconds", .histogram, help: "Duration of one provider call of a model-backed engine, retries included, by model.",
        buckets: [0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300])

    /// The families kept in per-process metrics files, by name.
    static let recorded: [String: MetricFamily] = Dictionary(
        uniqueKeysWithValues: [toolCalls, toolCallDuration, phaseDuration, jobDuration, modelTokens, modelRequests, modelRequestDuration].map { ($0.name, $0) })

    // Computed from the store when `aiosctl metrics` runs.

    static let storeUp = MetricFamily(
        "aios_store_up", .gauge, help: "1 when the store could be opened and read, 0 when not (see aiosctl health).")
    static let storeInfo = MetricFamily(
        "aios_store_info", .gauge, help: "Always 1; its labels name the store: backend (file, postgres) and location (directory, or URL with the password masked).")
    static let jobs = MetricFamily("aios_jobs", .gauge, help: "Jobs kept in the store, by status.")
    static let queueDepth = MetricFamily("aios_queue_depth", .gauge, help: "Jobs waiting for a worker.")
    static let oldestQueuedAge = MetricFamily(
        "aios_oldest_queued_job_age_seconds", .gauge, help: "Age of the oldest queued job; 0 when none is queued.")
    static let workerProcesses = MetricFamily(
        "aios_worker_processes", .gauge, help: "Live processes running a worker pool (aios-mcp, aiosctl worker), by heartbeat.")
    static let workerSlots = MetricFamily(
        "aios_worker_slots", .gauge, help: "Jobs the live worker pools can run at once, summed.")
    static let busyWorkers = MetricFamily(
        "aios_workers_busy", .gauge, help: "Workers holding an unexpired lease on a running job.")
    static let deadLeases = MetricFamily(
        "aios_jobs_with_dead_worker", .gauge,
        help: "Running jobs whose worker is gone (lease expired, or its process no longer runs); reclaimed by the next worker.")
    static let processes = MetricFamily(
        "aios_processes", .gauge, help: "Live aios processes reporting metrics, by role.")
    static let rejectedCalls = MetricFamily(
        "aios_tool_calls_rejected_total", .counter,
        help: "Tool calls refused before they ran, by reason (unauthorized, forbidden, rate_limited); the same calls are in aios_tool_calls_total by outcome.")
    static let buildInfo = MetricFamily("aios_build_info", .gauge, help: "The aios version that produced this exposition.")
}
