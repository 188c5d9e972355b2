import MCPCore

/// `aiosctl health`, `aiosctl metrics`, `aiosctl stats`: how the installation is doing.
enum ObservabilityCommands {
    static let health = CommandSpec(
        name: "health", abstract: "Check the store, the queue and the workers; exit 0 healthy, 1 unhealthy.",
        discussion: "Unhealthy when the store cannot be read or its journal is damaged, when a running job's worker is gone (its lease expired, or its process no longer runs), or when a job has waited longer than --max-queue-age with no live worker. Live workers are known by heartbeat. The problems are listed, one per line (or under \"reasons\" with --json).",
        options: [
            OptionSpec("json", help: "Print the report as JSON."),
            OptionSpec("max-queue-age", value: "duration", help: "How long a job may wait with no live worker (default 60s)."),
        ],
        validate: { parsed throws(UsageError) in
            if let text = parsed.value("max-queue-age"), DurationText.parse(text) == nil {
                throw UsageError("--max-queue-age expects a duration like 60s or 5m, got '\(text)'", command: parsed.path)
            }
        },
        run: { parsed in
            let directory: String
            do {
                directory = try StoreLocation.resolve(environment: Environment.current())
            } catch {
                Console.error("store: \(error)")
                return .storeError
            }
            let maxAge = parsed.value("max-queue-age").flatMap(DurationText.parse) ?? HealthCheck.defaultMaxQueueAge
            let report = await HealthCheck.run(storeDirectory: directory, maxQueueAge: maxAge)
            if parsed.flag("json") {
                Console.json(.object(report.json))
            } else {
                Console.out(report.text)
            }
            return report.isHealthy ? .success : .failure
        })

    static let metrics = CommandSpec(
        name: "metrics", abstract: "Print Prometheus metrics for every process using the store.",
        discussion: "Text exposition format 0.0.4 (valid for 'promtool check metrics'): jobs by status, queue depth, workers, tool calls by tool and outcome, rejected calls, and phase, job and tool-call duration histograms. Counters are summed over every aios-mcp and worker that used the store, so they only grow. For Prometheus, write it where node_exporter's textfile collector reads: aiosctl metrics > /var/lib/node_exporter/textfile/aios.prom",
        run: { _ in
            let directory: String
            do {
                directory = try StoreLocation.resolve(environment: Environment.current())
            } catch {
                Console.error("store: \(error)")
                return .storeError
            }
            Console.out(await MetricsExposition.render(storeDirectory: directory))
            return .success
        })

    static let stats = CommandSpec(
        name: "stats", abstract: "Summarise phase and job durations (p50/p95/p99) from the jobs in the store.",
        options: [OptionSpec("json", help: "Print as JSON.")],
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json) { session in
                let observations = try await session.store.observations()
                let statistics = StoreStatistics(observations)
                let usage = await JobModelUsage.summary(observations, store: session.store)
                if json {
                    var object = statistics.json
                    object["model_usage"] = .object(usage)
                    Console.json(.object(object))
                } else {
                    Console.out(statistics.text + JobModelUsage.text(usage))
                }
                return .success
            }
        })
}
