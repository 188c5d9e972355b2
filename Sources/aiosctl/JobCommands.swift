import MCPCore

/// The job commands: submit, status, tail, wait, jobs, cancel, retry, artifact.
///
/// They go through the same tools an MCP client calls (validation, errors and, later, auth are
/// one code path), opened in this process on the shared store.
enum JobCommands {
    static let briefOptions: [OptionSpec] = [
        OptionSpec("spec", value: "text", help: "The brief as text, instead of a file."),
        OptionSpec("product-name", value: "name", help: "The product's name, if the brief does not say."),
        OptionSpec("phases", value: "list", help: "Comma-separated phases (default: strategy,architecture,ux,code)."),
        OptionSpec("stack", value: "preset", help: "Stack preference, e.g. nextjs-supabase or vite-react-supabase."),
        OptionSpec("style", value: "text", help: "UX style in your own words, e.g. \"friendly, high-contrast\"; presets minimal, corporate, playful are recognised."),
        OptionSpec("framework", value: "name", help: "Framework of the generated code (default nextjs-supabase)."),
        OptionSpec("webhook", value: "url", help: "POST a signed event to this URL when the job ends."),
        OptionSpec("idempotency-key", value: "key", help: "Submitting again with the same key returns the same job."),
        OptionSpec("engine", value: "name", help: "Engine of this job: builtin, or the model-backed engine AIOS_ENGINE configures (openai, anthropic)."),
        OptionSpec("no-cache", help: "Ask the model again instead of reusing cached answers (model-backed engines)."),
        OptionSpec("json", help: "Print machine-readable JSON."),
        BriefPrompt.noInputOption,
        KeyCommands.apiKeyOption,
    ]

    static let briefArgument = ArgumentSpec("brief", optional: true, help: "A brief file, or - for stdin (or use --spec).")

    @Sendable static func validateBrief(_ parsed: ParsedCommand) throws(UsageError) {
        switch (parsed.argument("brief"), parsed.value("spec")) {
        case (nil, nil):
            throw UsageError("give a brief file, - for stdin, or --spec TEXT", command: parsed.path)
        case (.some, .some):
            throw UsageError("give either a brief file or --spec, not both", command: parsed.path)
        default: break
        }
    }

    static let submit = CommandSpec(
        name: "submit", abstract: "Queue a pipeline job for a brief and print its id.",
        discussion: "The job runs on any worker sharing the store (an aios-mcp, or 'aiosctl worker'). Follow it with 'aiosctl tail JOB'.",
        options: briefOptions, arguments: [briefArgument], validate: validateBrief,
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                let job = try await session.submit(parsed)
                if json { Console.json(.object(job)) } else { Console.line(job["job_id"]?.stringValue ?? "") }
                return .success
            }
        })

    static let status = CommandSpec(
        name: "status", abstract: "Show a job's status and phases.",
        options: [OptionSpec("json", help: "Print the status object as JSON."), KeyCommands.apiKeyOption],
        arguments: [ArgumentSpec("job", help: "The job id.")],
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                let status = try await session.call("aios_get_status", ["job_id": .string(parsed.argument("job") ?? "")])
                if json { Console.json(.object(status)) } else { Console.out(JobRendering.statusText(status)) }
                return .success
            }
        })

    static let tail = CommandSpec(
        name: "tail", abstract: "Follow a job live until it ends.",
        discussion: "On a terminal, draws a progress line; with --json (or when piped), prints one JSON event per line as it happens. Exits 0 when the job completes, 1 when it fails or is cancelled.",
        options: [OptionSpec("json", help: "One JSON event per line."), KeyCommands.apiKeyOption],
        arguments: [ArgumentSpec("job", help: "The job id.")],
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                let id = try JobID(validating: parsed.argument("job") ?? "")
                _ = try await session.visibleJob(id, scope: .jobsRead, operation: "tail")
                // Piped, tail still streams: its output is the events.
                let job = try await follow(session: session, id: id, timeout: nil, display: json || !Console.stderrIsTerminal ? .jsonEvents : .progressLine)
                return job.map(exitCode(for:)) ?? .timedOut
            }
        })

    static let wait = CommandSpec(
        name: "wait", abstract: "Wait for a job to end; exit 0 if it completed.",
        discussion: "Prints the final status, with the readiness review when the code phase ran. Exits 0 when the job completed and its review is PASS or CONCERNS; 1 when the job failed or was cancelled, or its readiness review is FAIL (so a CI script can gate on it); 7 on --timeout.",
        options: [
            OptionSpec("timeout", value: "duration", help: "Give up after this long, e.g. 30s, 10m (default: no limit). Exit 7."),
            OptionSpec("json", help: "Print the final status as JSON."),
            KeyCommands.apiKeyOption,
        ],
        arguments: [ArgumentSpec("job", help: "The job id.")],
        validate: { parsed throws(UsageError) in
            if let text = parsed.value("timeout"), DurationText.parse(text) == nil {
                throw UsageError("--timeout expects a duration like 30s, 10m or 2h, got '\(text)'", command: parsed.path)
            }
        },
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                let id = try JobID(validating: parsed.argument("job") ?? "")
                _ = try await session.visibleJob(id, scope: .jobsRead, operation: "wait")
                let timeout = parsed.value("timeout").flatMap(DurationText.parse)
                guard let job = try await JobFollower.follow(store: session.store, id: id, timeout: timeout, onChange: { _, _ in }) else {
                    Console.error("timed out waiting for \(id.rawValue)")
                    return .timedOut
                }
                let status = await JobTools.statusJSON(job, store: session.store)
                if json { Console.json(.object(status)) } else { Console.out(JobRendering.statusText(status)) }
                return exitCode(for: job, status: status)
            }
        })

    static let jobs = CommandSpec(
        name: "jobs", abstract: "List jobs, newest first.",
        options: [
            OptionSpec("status", value: "status", choices: JobStatus.allCases.map(\.rawValue), help: "Only jobs with this status."),
            OptionSpec("limit", value: "n", help: "At most this many (default 20)."),
            OptionSpec("json", help: "One JSON array of status objects."),
            KeyCommands.apiKeyOption,
        ],
        validate: { parsed throws(UsageError) in
            let limit = try parsed.integer("limit", default: 20)
            if limit < 1 { throw UsageError("--limit must be at least 1", command: parsed.path) }
        },
        run: { parsed in
            let json = parsed.flag("json")
            return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                let limit = (try? parsed.integer("limit", default: 20)) ?? 20
                let caller = try await session.authorize(.jobsRead, "jobs")
                let list = try await session.store.jobs(
                    status: parsed.value("status").flatMap(JobStatus.init(rawValue:)), limit: limit, visibleTo: caller)
                if json {
                    Console.json(.array(list.map { .object($0.statusJSON) }))
                } else {
                    Console.out(JobRendering.table(list))
                }
                return .success
            }
        })

    static let cancel = jobAction("cancel", abstract: "Cancel a queued or running job.") { store, id in
        try await store.cancel(id)
    }

    static let retry = jobAction("retry", abstract: "Queue a failed or cancelled job again; finished phases are kept.") { store, id in
        try await store.retry(id)
    }

    /// A command that changes one job the caller may see (`jobs:write`) and reports its new status.
    static func jobAction(
        _ name: String, abstract: String, _ action: @escaping @Sendable (any JobStoreBackend, JobID) async throws -> Job
    ) -> CommandSpec {
        CommandSpec(
            name: name, abstract: abstract,
            options: [OptionSpec("json", help: "Print the new status as JSON."), KeyCommands.apiKeyOption],
            arguments: [ArgumentSpec("job", help: "The job id.")],
            run: { parsed in
                let json = parsed.flag("json")
                return await withSession(json: json, apiKey: parsed.value("api-key")) { session in
                    let id = try JobID(validating: parsed.argument("job") ?? "")
                    _ = try await session.visibleJob(id, scope: .jobsWrite, operation: name)
                    let job = try await action(session.store, id)
                    if json { Console.json(.object(job.statusJSON)) } else { Console.message("\(job.id.rawValue) \(job.status.rawValue)") }
                    return .success
                }
            })
    }

    static let artifact = CommandSpec(
        name: "artifact", abstract: "Print or write a job's artifact.",
        discussion: "With --out DIR, the code artifact is written as files under DIR (absolute paths, paths escaping DIR and symbolic links in DIR or as DIR are refused; all files or none are written); other artifacts are written as DIR/<type>.json or .md.",
        options: [
            OptionSpec("format", value: "format", choices: ["json", "markdown"], help: "json (default) or markdown."),
            OptionSpec("out", value: "dir", help: "Write to this directory instead of stdout."),
            KeyCommands.apiKeyOption,
        ],
        arguments: [
            ArgumentSpec("job", help: "The job id."),
            ArgumentSpec("type", choices: Phase.allCases.map(\.rawValue) + ["plan", "review", "all"], help: "Which artifact (plan and review come with the code phase)."),
        ],
        run: { parsed in
            await withSession(json: false, apiKey: parsed.value("api-key")) { session in
                let type = parsed.argument("type") ?? "all"
                let format = parsed.value("format") ?? "json"
                let output = try await session.call("aios_get_artifact", [
                    "job_id": .string(parsed.argument("job") ?? ""), "artifact_type": .string(type), "format": .string(format),
                ])
                guard let directory = parsed.value("out") else {
                    if format == "markdown" { Console.out(output["markdown"]?.stringValue ?? "") } else { Console.line(JSONValue.object(output).prettyPrinted()) }
                    return .success
                }
                let written = try writeArtifact(output, type: type, format: format, into: directory)
                Console.message("wrote \(written.count) file\(written.count == 1 ? "" : "s") to \(directory)")
                return .success
            }
        })

    /// Writes an artifact under `directory`: the code's files, or one document per phase.
    static func writeArtifact(_ output: JSONObject, type: String, format: String, into directory: String) throws(AIOSError) -> [String] {
        if format == "markdown" {
            return try ArtifactWriter.write([("\(type).md", output["markdown"]?.stringValue ?? "")], into: directory)
        }
        if type == "code" { return try ArtifactWriter.write(codeFiles(output), into: directory) }
        return try ArtifactWriter.write([("\(type).json", JSONValue.object(output).prettyPrinted() + "\n")], into: directory)
    }

    /// The `(path, content)` pairs of a code artifact.
    static func codeFiles(_ output: JSONObject) -> [(path: String, content: String)] {
        (output["files"]?.arrayValue ?? []).compactMap { file in
            guard let path = file["path"]?.stringValue, let content = file["content"]?.stringValue else { return nil }
            return (path, content)
        }
    }

    /// How a followed job is shown.
    enum Display { case jsonEvents, progressLine, quiet }

    /// Follows a job's changes: JSON events on stdout, a progress line on stderr, or nothing.
    static func follow(session: CLISession, id: JobID, timeout: Duration?, display: Display) async throws -> Job? {
        let progress = ProgressLine(enabled: display == .progressLine)
        let job = try await JobFollower.follow(store: session.store, id: id, timeout: timeout) { old, new in
            switch display {
            case .jsonEvents: for event in JobFollower.events(from: old, to: new) { Console.json(.object(event)) }
            case .progressLine: progress.draw(new)
            case .quiet: break
            }
        }
        progress.finish(job)
        return job
    }

    static func exitCode(for job: Job) -> ExitCode { job.status == .completed ? .success : .failure }

    /// 0 when the job completed and its readiness review (if any) is not FAIL; else 1, so a CI
    /// script can gate on `aiosctl run` or `aiosctl wait`.
    static func exitCode(for job: Job, status: JSONObject) -> ExitCode {
        guard job.status == .completed else { return .failure }
        return status["review"]?["verdict"]?.stringValue == "FAIL" ? .failure : .success
    }
}
