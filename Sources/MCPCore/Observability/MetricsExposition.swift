/// `aiosctl metrics`: the Prometheus text exposition for a whole installation.
///
/// Gauges (jobs by status, queue, workers) are computed from the store's jobs and the
/// processes' heartbeats when this runs; counters and histograms (tool calls, phase and job
/// durations) are the sums of every process's file in `metrics/`, so they cover every
/// `aios-mcp` and worker that uses the store, and never go down. Webhook deliveries have no
/// metrics here yet: `aiosctl health` reports the pending ones, `aiosctl webhook deliveries`
/// each attempt.
public enum MetricsExposition {
    /// Reasons a call can be refused before it runs, each always present in
    /// `aios_tool_calls_rejected_total` so alerts can be written before the first refusal.
    static let rejectionReasons: [AIOSError.Code] = [.unauthorized, .forbidden, .rateLimited]

    /// The exposition text for the store in `storeDirectory`.
    ///
    /// - Parameters:
    ///   - storeDirectory: The store directory.
    ///   - now: The current time, Unix milliseconds.
    /// - Returns: The text, valid for `promtool check metrics`; store gauges are left out (and
    ///   `aios_store_up` is 0) when the store cannot be read.
    public static func render(storeDirectory: String, now: Int64 = Timestamp.nowMilliseconds()) async -> String {
        await render(store: .file(storeDirectory), now: now)
    }

    /// The exposition text for the configured store (metrics files from its directory).
    public static func render(store configuration: StoreConfiguration, now: Int64 = Timestamp.nowMilliseconds()) async -> String {
        let observation = await StoreObservation.gather(store: configuration, now: now)
        return render(observation, now: now, store: configuration)
    }

    static func render(_ observation: StoreObservation, now: Int64, store configuration: StoreConfiguration? = nil) -> String {
        var text = PrometheusText()
        text.samples(.buildInfo, [(labels: [("version", AIOSVersion.current)], value: 1)])
        if let configuration {
            text.samples(.storeInfo, [(labels: [("backend", configuration.backendName), ("location", configuration.location)], value: 1)])
        }
        text.single(.storeUp, observation.summary == nil ? 0 : 1)
        if let summary = observation.summary {
            text.samples(.jobs, JobStatus.allCases.map { (labels: [("status", $0.rawValue)], value: Double(summary.countsByStatus[$0] ?? 0)) })
            text.single(.queueDepth, Double(summary.queueDepth))
            text.single(.oldestQueuedAge, summary.oldestQueuedAt.map { Double(max(0, now - $0)) / 1000 } ?? 0)
            text.single(.busyWorkers, Double(observation.busyWorkers(now: now).count))
            text.single(.deadLeases, Double(DeadWorkerJob.find(in: observation.jobs, now: now).count))
        }
        let workers = observation.metrics.liveWorkerProcesses
        text.single(.workerProcesses, Double(workers.count))
        text.single(.workerSlots, Double(workers.reduce(0) { $0 + $1.workerSlots }))
        var roles: [String: Int] = [:]
        for process in observation.metrics.live { roles[process.role, default: 0] += 1 }
        text.samples(.processes, roles.keys.sorted().map { (labels: [("role", $0)], value: Double(roles[$0] ?? 0)) })

        let totals = observation.metrics.totals
        let calls = totals.counters(of: .toolCalls)
        text.samples(.toolCalls, sortedSeries(calls).map { (labels: $0.sortedLabels.map { ($0.name, $0.value) }, value: Double(calls[$0] ?? 0)) })
        text.samples(.rejectedCalls, rejectionReasons.map { code in
            let outcome = code.rawValue.lowercased()
            let count = calls.reduce(Int64(0)) { $0 + ($1.key.label("outcome") == outcome ? $1.value : 0) }
            return (labels: [("reason", outcome)], value: Double(count))
        })
        for family in [MetricFamily.modelTokens, .modelRequests] {
            let counters = totals.counters(of: family)
            text.samples(family, sortedSeries(counters).map { (labels: $0.sortedLabels.map { ($0.name, $0.value) }, value: Double(counters[$0] ?? 0)) })
        }
        for family in [MetricFamily.toolCallDuration, .phaseDuration, .jobDuration, .modelRequestDuration] {
            let histograms = totals.histograms(of: family)
            text.histograms(family, sortedSeries(histograms).compactMap { series in
                histograms[series].map { (labels: series.sortedLabels.map { ($0.name, $0.value) }, value: $0) }
            })
        }
        return text.output
    }

    private static func sortedSeries<Value>(_ values: [MetricSeries: Value]) -> [MetricSeries] {
        values.keys.sorted(by: MetricSeries.precedes)
    }
}
