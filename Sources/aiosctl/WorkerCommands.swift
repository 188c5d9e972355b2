import MCPCore
import AIOSSystem

/// `aiosctl worker` and `aiosctl run`: executing jobs in this process.
enum WorkerCommands {
    static let worker = CommandSpec(
        name: "worker", abstract: "Run a worker pool on the store until SIGTERM or Ctrl-C.",
        discussion: "Claims queued jobs (and jobs whose worker died) and runs their phases. On SIGTERM or Ctrl-C it stops claiming, gives running phases up to 2 s to finish, releases its jobs so another worker resumes them at once, and exits 0; a second signal stops at once. Logs go to stderr as JSON lines (AIOS_LOG_FORMAT=text for people, AIOS_LOG_LEVEL to filter).",
        options: [OptionSpec("concurrency", value: "n", help: "Jobs run at once (default 5).")],
        validate: { parsed throws(UsageError) in
            let n = try parsed.integer("concurrency", default: 5)
            if !(1...256).contains(n) { throw UsageError("--concurrency must be from 1 to 256", command: parsed.path) }
        },
        run: { parsed in
            let environment = Environment.current()
            let configuration: Configuration
            do {
                configuration = try Configuration.fromEnvironment(environment)
            } catch {
                Console.error(String(describing: error))
                return .usage
            }
            let logger = configuration.makeLogger(label: "aiosctl.worker")
            return await withSession(json: false) { session in
                var options = WorkerOptions()
                options.concurrency = (try? parsed.integer("concurrency", default: 5)) ?? 5
                let dispatcher = WebhookCommands.makeDispatcher(
                    session.store, settings: try WebhookCommands.settings(), logger: WebhookCommands.logger())
                let metrics = MetricsRegistry()
                let reporter = MetricsReporter(
                    registry: metrics, store: session.backend.configuration, role: "worker",
                    workerSlots: options.concurrency, logger: logger)
                let pool = WorkerPool(
                    store: session.store, options: options, webhooks: dispatcher, logger: logger, metrics: metrics,
                    executor: EngineExecutor.make(engine: try session.checkedEngines(metrics: metrics)))
                let signals = ShutdownSignals([SIGTERM, SIGINT])
                logger.debug("starting", ["version": .string(AIOSVersion.current), "settings": ObservedSettings.environment(environment)])
                logger.info("worker started", [
                    "pool": .string(options.name), "concurrency": .integer(options.concurrency),
                    "store": .string(session.backend.configuration.description),
                ])
                let working: @Sendable (StopRequest) async -> Void = { stop in await pool.run(until: stop) }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await reporter.run() }
                    await GracefulShutdown.run(signals: signals, stop: StopRequest(), logger: logger, working: working)
                    group.cancelAll()
                }
                await reporter.finish()
                logger.info("worker stopped")
                return .success
            }
        })

    static let run = CommandSpec(
        name: "run", abstract: "Submit a pipeline, run it in this process, follow it, and write the code.",
        discussion: "The job is durable like any other: if this process stops, another worker (or 'aiosctl run' again with the same --idempotency-key) resumes it. Exits 0 when the job completed and its readiness review is PASS or CONCERNS; 1 when the job failed or was cancelled, or the review is FAIL (so a CI script can gate on it).",
        options: JobCommands.briefOptions + [OptionSpec("out", value: "dir", help: "Write the generated project here when the job completes.")],
        arguments: [JobCommands.briefArgument], validate: JobCommands.validateBrief,
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                let submitted = try await session.submit(parsed)
                let id = try JobID(validating: submitted["job_id"]?.stringValue ?? "")
                if !json { Console.message("job \(id.rawValue)") }
                let metrics = MetricsRegistry()
                let reporter = MetricsReporter(registry: metrics, store: session.backend.configuration, role: "run", workerSlots: 0)
                let pool = WorkerPool(store: session.store, metrics: metrics, executor: EngineExecutor.make(engine: try session.checkedEngines(metrics: metrics)))
                let signals = ShutdownSignals([SIGTERM, SIGINT])
                let outcome: Job? = try await withThrowingTaskGroup(of: Job?.self) { group in
                    group.addTask {
                        let display: JobCommands.Display = json ? .jsonEvents : Console.stderrIsTerminal ? .progressLine : .quiet
                        return try await JobCommands.follow(session: session, id: id, timeout: nil, display: display)
                    }
                    group.addTask { _ = try await pool.runJob(id); return nil }
                    group.addTask { await signals.wait(); throw CancellationError() }
                    var finished: Job?
                    while let next = try await group.next() {
                        if let job = next { finished = job; break }
                    }
                    group.cancelAll()
                    return finished
                }
                await reporter.finish()
                guard var job = outcome else { return .interrupted }
                if job.webhookURL != nil, job.status.isTerminal {
                    let delivered = await deliverWebhook(of: id, session: session, json: json)
                    if !delivered { return .interrupted }
                    job = try await session.store.job(id) ?? job
                }
                if job.status == .completed, let directory = parsed.value("out"), job.requestedPhases.contains(.code) {
                    let code = try await session.call("aios_get_artifact", ["job_id": .string(id.rawValue), "artifact_type": "code"])
                    let written = try ArtifactWriter.write(JobCommands.codeFiles(code), into: directory)
                    Console.message("wrote \(written.count) files to \(directory)")
                }
                let status = await JobTools.statusJSON(job, store: session.store)
                if !json { Console.out(JobRendering.statusText(status)) }
                return JobCommands.exitCode(for: job, status: status)
            }
        })

    /// Delivers the webhook of a job `aiosctl run` finished, waiting for its retries, and says
    /// how it went on stderr. Returns `false` when interrupted (the delivery stays pending, and
    /// any worker or aios-mcp sharing the store finishes it).
    static func deliverWebhook(of id: JobID, session: CLISession, json: Bool) async -> Bool {
        // A fresh waiter: the job's group consumed (and, by cancelling it, ended) the first one.
        let signals = ShutdownSignals([SIGTERM, SIGINT])
        let dispatcher: WebhookDispatcher
        do {
            dispatcher = WebhookCommands.makeDispatcher(
                session.store, settings: try WebhookCommands.settings(), logger: WebhookCommands.logger())
        } catch {
            Console.error("webhook not delivered: \(error.message)")
            return true
        }
        let deliveries: [WebhookDelivery]? = await withTaskGroup(of: [WebhookDelivery]?.self) { group in
            group.addTask { try? await dispatcher.deliverUntilSettled(job: id) }
            group.addTask { await signals.wait(); return nil }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let deliveries else { return false }
        if !json, let last = deliveries.last {
            let attempt = last.attempts.last
            let detail = [attempt?.statusCode.map { "HTTP \($0)" }, attempt?.error].compactMap { $0 }.joined(separator: ", ")
            Console.message("webhook \(last.state.rawValue) after \(last.attempts.count) attempt\(last.attempts.count == 1 ? "" : "s")" + (detail.isEmpty ? "" : " (\(detail))"))
        }
        return true
    }
}
