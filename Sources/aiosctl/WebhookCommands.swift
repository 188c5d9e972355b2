import MCPCore
import AIOSSystem

/// `aiosctl webhook secret|test|deliveries|dispatch`: signing secrets, a test delivery, the
/// delivery log, and delivering what is due.
enum WebhookCommands {
    static let secret = CommandSpec(
        name: "secret", abstract: "Print the webhook signing secret (whsec_…), or rotate it.",
        discussion: "The secret comes from AIOS_WEBHOOK_SECRET when set, else it is generated into the store (file mode 0600) on first use. --rotate makes a new one; the old one keeps signing beside it for the grace period, so receivers can switch without missing a delivery. With AIOS_WEBHOOK_SECRET, rotate by setting it to 'NEW OLD' for a while.",
        options: [
            OptionSpec("rotate", help: "Replace the store's secret with a new one."),
            OptionSpec("grace", value: "duration", help: "How long the old secret still signs after --rotate (default 24h)."),
            OptionSpec("json", help: "Print the secrets as JSON."),
            KeyCommands.apiKeyOption,
        ],
        validate: { parsed throws(UsageError) in
            if let text = parsed.value("grace") {
                guard DurationText.parse(text) != nil else {
                    throw UsageError("--grace expects a duration like 24h or 30m, got '\(text)'", command: parsed.path)
                }
                guard parsed.flag("rotate") else { throw UsageError("--grace only applies with --rotate", command: parsed.path) }
            }
        },
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                _ = try await session.authorize(.admin, "webhook secret")
                let environment = Environment.current()
                let keyring: WebhookKeyring
                if parsed.flag("rotate") {
                    if try WebhookKeyring.fromEnvironment(environment) != nil {
                        throw AIOSError(
                            .invalidInput, "AIOS_WEBHOOK_SECRET is set, so the store's secret is not used; rotate by setting it to 'NEW OLD' (newest first)")
                    }
                    let grace = parsed.value("grace").flatMap(DurationText.parse) ?? .seconds(86400)
                    keyring = try await session.store.rotateWebhookSecret(grace: grace)
                } else {
                    keyring = try await session.store.webhookKeyring(environment: environment)
                }
                let source: String
                switch keyring.source {
                case .environment: source = "AIOS_WEBHOOK_SECRET"
                case .store(let path): source = path
                }
                if json {
                    Console.json([
                        "source": .string(source),
                        "secrets": .array(keyring.entries.map { entry in
                            [
                                "secret": .string(entry.secret.text),
                                "retires_at": entry.retiresAt.map { .string(RFC3339Timestamp.format(milliseconds: $0)) } ?? .null,
                            ]
                        }),
                    ])
                } else {
                    for (index, entry) in keyring.entries.enumerated() {
                        if index == 0 {
                            Console.line(entry.secret.text)
                        } else if let retires = entry.retiresAt {
                            Console.message("also signing until \(RFC3339Timestamp.format(milliseconds: retires)): \(entry.secret.text)")
                        } else {
                            Console.message("also signing: \(entry.secret.text)")
                        }
                    }
                    Console.message("from \(source)")
                }
                return .success
            }
        })

    static let test = CommandSpec(
        name: "test", abstract: "Send a signed webhook.test event to URL and print the status and latency.",
        discussion: "The URL is checked like a job's webhook_url (private and loopback addresses need AIOS_WEBHOOK_ALLOW_PRIVATE=1). Exit 0 when the receiver answers 2xx, 1 otherwise, 2 when the URL is refused.",
        options: [OptionSpec("json", help: "Print the outcome as JSON."), KeyCommands.apiKeyOption],
        arguments: [ArgumentSpec("url", help: "The receiver's http(s) URL.")],
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                // Like submitting a job with a webhook: it makes the store sign a request to a URL.
                _ = try await session.authorize(.jobsWrite, "webhook test")
                let url = parsed.argument("url") ?? ""
                let settings = try settings()
                try await settings.urlGuard().checkSubmission(url)
                let dispatcher = makeDispatcher(session.store, settings: settings, logger: .disabled)
                let (id, report) = await dispatcher.sendTest(to: url)
                let ok = report.statusCode.map { (200..<300).contains($0) } ?? false
                if json {
                    Console.json([
                        "url": .string(url), "webhook_id": .string(id), "ok": .bool(ok),
                        "status_code": report.statusCode.map { .integer($0) } ?? .null,
                        "latency_ms": report.latencyMilliseconds.map { .int($0) } ?? .null, "error": .optional(report.error),
                    ])
                } else {
                    let status = report.statusCode.map { "HTTP \($0)" } ?? "no answer"
                    let latency = report.latencyMilliseconds.map { "\($0) ms" } ?? "-"
                    Console.line("\(status)  \(latency)" + (report.error.map { "  \($0)" } ?? ""))
                }
                return ok ? .success : .failure
            }
        })

    static let deliveries = CommandSpec(
        name: "deliveries", abstract: "List webhook deliveries and their attempts, newest first.",
        options: [
            OptionSpec("limit", value: "n", help: "At most this many deliveries (default 20)."),
            OptionSpec("json", help: "One JSON array of deliveries."),
            KeyCommands.apiKeyOption,
        ],
        arguments: [ArgumentSpec("job", optional: true, help: "Only this job's deliveries.")],
        validate: { parsed throws(UsageError) in
            if try parsed.integer("limit", default: 20) < 1 { throw UsageError("--limit must be at least 1", command: parsed.path) }
        },
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                let caller = try await session.authorize(.jobsRead, "webhook deliveries")
                let job = try parsed.argument("job").map { text throws(AIOSError) in try JobID(validating: text) }
                if let job {
                    // JOB_NOT_FOUND alike for a missing job and another key's job.
                    _ = try await JobTools.visibleJob(store: session.store, id: job, caller: caller)
                }
                let limit = (try? parsed.integer("limit", default: 20)) ?? 20
                let list = try await session.store.webhookDeliveries(job: job, limit: limit, visibleTo: caller)
                if json {
                    Console.json(.array(list.map { .object($0.json) }))
                } else {
                    Console.out(deliveriesText(list))
                }
                return .success
            }
        })

    static let dispatch = CommandSpec(
        name: "dispatch", abstract: "Deliver the webhooks that are due now, then exit (aios-mcp runs this).",
        discussion: "Workers started with 'aiosctl worker' deliver by themselves; aios-mcp starts this command when a delivery is due, so that it does not load an HTTP client. With --watch, keeps delivering until SIGTERM or Ctrl-C.",
        options: [OptionSpec("watch", help: "Keep running, delivering as deliveries fall due.")],
        run: { parsed in
            await withSession(json: false) { session in
                let environment = Environment.current()
                let settings = try settings()
                let logger = logger()
                let dispatcher = makeDispatcher(session.store, settings: settings, logger: logger)
                if parsed.flag("watch") {
                    let signals = ShutdownSignals([SIGTERM, SIGINT])
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask { await dispatcher.run() }
                        group.addTask { await signals.wait() }
                        await group.next()
                        group.cancelAll()
                    }
                } else {
                    await dispatcher.deliverDue()
                }
                return .success
            }
        })

    static let group = CommandSpec(
        name: "webhook", abstract: "Webhook signing secret, test deliveries, and the delivery log.",
        subcommands: [test, deliveries, secret, dispatch])

    /// The `AIOS_WEBHOOK_*` settings; a malformed one is a usage error (exit 2).
    static func settings() throws(AIOSError) -> WebhookSettings {
        do { return try WebhookSettings.fromEnvironment(Environment.current()) } catch {
            throw AIOSError(.invalidInput, error.description)
        }
    }

    /// The logger for delivery attempts: stderr, in the `AIOS_LOG_*` format and level.
    static func logger() -> Logger {
        ((try? Configuration.fromEnvironment(Environment.current())) ?? Configuration()).makeLogger(label: "aiosctl.webhooks")
    }

    /// A dispatcher over the store with the environment's settings and the store's (or the
    /// environment's) secrets, sending through the `aios-webhook` helper next to aiosctl (so that
    /// aiosctl itself never loads the HTTP client).
    static func makeDispatcher(_ store: any JobStoreBackend, settings: WebhookSettings, logger: Logger) -> WebhookDispatcher {
        let environment = Environment.current()
        return WebhookDispatcher(
            store: store, transport: SubprocessWebhookTransport(), urlGuard: settings.urlGuard(),
            keyring: { try await store.webhookKeyring(environment: environment) }, policy: settings.policy, logger: logger)
    }

    /// Deliveries as a table with one line per attempt.
    static func deliveriesText(_ list: [WebhookDelivery]) -> String {
        guard !list.isEmpty else { return "" }
        var lines: [String] = []
        for delivery in list {
            lines.append(
                "\(delivery.id)  \(delivery.event.rawValue)  \(delivery.state.rawValue)  \(delivery.url)")
            for attempt in delivery.attempts {
                var line = "  #\(attempt.number)  " + RFC3339Timestamp.format(milliseconds: attempt.finishedAt ?? attempt.startedAt)
                line += "  " + JobRendering.pad(attempt.statusCode.map(String.init) ?? "-", 4)
                line += JobRendering.pad(attempt.latencyMilliseconds.map { "\($0) ms" } ?? "-", 9)
                if attempt.finishedAt == nil { line += "in flight (\(attempt.worker))" }
                if let error = attempt.error { line += error }
                lines.append(line)
            }
            if delivery.state == .pending, let next = delivery.nextAttemptAt {
                lines.append("  next attempt at \(RFC3339Timestamp.format(milliseconds: next))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
