/// The three job tools: submit a durable pipeline, read its status, fetch its artifacts.
public enum JobTools {
    /// Where a job's status can be read as an MCP resource.
    public static func statusURI(_ id: JobID) -> String { "aios://jobs/\(id.rawValue)" }

    /// The job tools' names, in listing order.
    public static let toolNames = ["aios_full_pipeline", "aios_get_status", "aios_get_artifact"]

    /// Keys of the pipeline tool's input that steer the job rather than describe the product.
    static let jobOptionKeys: Set<String> = ["phases", "idempotency_key", "webhook_url"]

    /// The tools, in the order `tools/list` shows them.
    ///
    /// - Parameters:
    ///   - store: The job store.
    ///   - webhookGuard: Checks `webhook_url` at submission; by default from the `AIOS_WEBHOOK_*`
    ///     environment (private addresses refused unless `AIOS_WEBHOOK_ALLOW_PRIVATE=1`).
    ///   - results: Outputs of synchronous agent calls, readable by `aios_get_artifact` with their
    ///     `result_id` (``RecentResults``).
    ///   - engines: The engines a job may name (`engine`); refuses at submission what they cannot run.
    public static func make(
        store: any JobStoreBackend, webhookGuard: WebhookURLGuard = WebhookSettings.environmentGuard(), results: RecentResults? = nil,
        engines: EngineRegistry = EngineRegistry()
    ) -> [Tool] {
        [pipeline(store: store, webhookGuard: webhookGuard, engines: engines), status(store: store), artifact(store: store, results: results)]
    }

    // MARK: - aios_full_pipeline

    static var pipelineInputSchema: JSONValue {
        var properties = AgentSchemas.briefProperties
        properties["phases"] = [
            "type": "array", "uniqueItems": true, "minItems": 1,
            "items": ["type": "string", "enum": JSONValue.strings(Phase.allCases.map(\.rawValue))],
            "description": "Phases to run (default all). A phase brings its parents along: asking for code runs all four.",
        ]
        properties["stack_preference"] = ["type": "string", "maxLength": 200, "description": "Preferred stack for the architecture, e.g. nextjs-supabase or vite-react-supabase."]
        properties["style_preference"] = ["type": "string", "maxLength": 200, "description": "Visual style for the UX phase in your own words, e.g. \"friendly, high-contrast, large touch targets\"; the presets minimal, corporate and playful are recognised in it (see aios_design_ux)."]
        properties["framework"] = ["type": "string", "maxLength": 200, "description": "Framework of the generated code (default nextjs-supabase)."]
        properties["webhook_url"] = ["type": "string", "minLength": 8, "maxLength": 2048, "pattern": "^https?://", "description": "An http(s) URL that receives a signed POST (event pipeline.completed, pipeline.failed or pipeline.cancelled) when the job ends; see docs/webhooks.md for verifying it. Loopback and private addresses are refused unless the server sets AIOS_WEBHOOK_ALLOW_PRIVATE=1."]
        properties["idempotency_key"] = ["type": "string", "minLength": 1, "maxLength": 200, "description": "A key you choose; submitting again with the same key returns the same job instead of a new one."]
        properties["engine"] = ["type": "string", "minLength": 1, "maxLength": 40, "description": "The engine of this job: builtin (offline, deterministic), or the model-backed engine the server configures (openai, anthropic; docs/engines.md). Default: the server's AIOS_ENGINE. Recorded in the job."]
        properties["cache"] = ["type": "boolean", "description": "false asks the model again instead of reusing cached answers for the same brief, model and prompt version (model-backed engines; default true)."]
        properties["analysis"] = AgentSchemas.analysisArgumentSchema
        properties["ux_content"] = AgentSchemas.uxContentArgumentSchema
        properties[ClarifyingQuestions.inputKey] = AgentSchemas.clarificationsInput
        return ["type": "object", "properties": .object(properties), "required": ["spec"], "additionalProperties": false]
    }

    static let pipelineOutputSchema: JSONValue = [
        "type": "object",
        "properties": [
            "job_id": ["type": "string", "description": "The job's id; pass it to aios_get_status and aios_get_artifact."],
            "status": ["type": "string", "enum": JSONValue.strings(JobStatus.allCases.map(\.rawValue))],
            "phases_queued": ["type": "array", "items": ["type": "string", "enum": JSONValue.strings(Phase.allCases.map(\.rawValue))]],
            "estimated_duration_seconds": ["type": "number", "minimum": 0],
            "status_uri": ["type": "string", "description": "The job as an MCP resource URI."],
            "created": ["type": "boolean", "description": "false when an earlier submission with the same idempotency_key was returned."],
            "questions": [
                "type": "object", "description": "The product manager's questions about a thin brief, asked before the job was queued.",
                "properties": [
                    "asked": ["type": "array", "items": ["type": "string", "enum": ["users", "activities", "constraints"]]],
                    "outcome": ["type": "string", "enum": ["accept", "decline", "cancel", "timeout", "not_supported", "error"]],
                    "answered": ["type": "integer", "minimum": 0],
                    "explanation": ["type": "string"],
                ],
                "required": ["asked", "outcome", "answered", "explanation"], "additionalProperties": false,
            ],
        ],
        "required": ["job_id", "status", "phases_queued", "estimated_duration_seconds", "status_uri"],
        "additionalProperties": false,
    ]

    static func pipeline(store: any JobStoreBackend, webhookGuard: WebhookURLGuard, engines: EngineRegistry = EngineRegistry()) -> Tool {
        Tool(
            name: "aios_full_pipeline", title: "Full pipeline (all four agents)",
            description: "Run the whole product team on a brief as a durable background job: strategy, then architecture and UX in parallel, then code. Returns at once with a job_id; poll aios_get_status until it is completed, then read each artifact with aios_get_artifact (a summary first, then any part of it page by page). Jobs survive server restarts. A thin brief's questions (who uses it, what they do, what must hold) are asked first where the client supports elicitation, as aios_strategize does. `engine` chooses the engine of this job (builtin, or a model-backed one the server configures); `analysis` hands in your own reading of the brief (the same schema as aios_strategize's) so that every phase renders from it; `ux_content` your own pages, copy and flows for the UX phase (the same schema as aios_design_ux's).",
            inputSchema: pipelineInputSchema, outputSchema: pipelineOutputSchema,
            annotations: .init(readOnly: false, idempotent: false),
            present: { output, _ in
                guard let text = output["job_id"]?.stringValue, let id = try? JobID(validating: text) else { return .json(output) }
                return ToolPresentation(text: ArtifactSummary.submitted(output), links: [JobResources.statusLink(id)])
            },
            // Hosts with MCP Apps show the live job view beside the result.
            meta: JobView.toolMeta,
            // Validation, then the durable submit on the store's queue.
            startsInline: true
        ) { arguments, context in
            // A thin brief's questions are asked before anything is queued; the answers travel
            // with the job's request (`clarifications`) and join the brief in every phase.
            let asked = try await BriefQuestions.ask(arguments, tool: "aios_full_pipeline", context: context)
            let arguments = asked.arguments
            var request = JSONObject()
            for (key, value) in arguments where !jobOptionKeys.contains(key) { request[key] = value }
            // The job records its engine: a server whose default is model-backed names it, so
            // any worker runs the job on that engine whatever its own default.
            if request["engine"] == nil, engines.defaultName != "builtin" { request["engine"] = .string(engines.defaultName) }
            let phases = (arguments["phases"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(Phase.init(rawValue:)) }
            if let url = arguments["webhook_url"]?.stringValue { try await webhookGuard.checkSubmission(url) }
            // A brief the engine cannot read is refused now, not as a failed job later; a repeated
            // idempotency key still returns its job, whatever the brief says.
            do {
                try engines.check(try ClarifyingQuestions.engineInput(request))
            } catch {
                guard let key = arguments["idempotency_key"]?.stringValue,
                      try await store.jobs(status: nil, limit: .max, visibleTo: context.caller).contains(where: { $0.idempotencyKey == key && $0.owner == context.caller.keyID })
                else { throw error }
            }
            let submission = JobSubmission(
                request: request, phases: phases.isEmpty ? Phase.allCases : phases,
                idempotencyKey: arguments["idempotency_key"]?.stringValue, webhookURL: arguments["webhook_url"]?.stringValue,
                owner: context.caller.keyID)
            let (job, created) = try await store.submit(submission)
            context.logger.info(created ? "job submitted" : "job returned for a repeated idempotency key", [
                "job.id": .string(job.id.rawValue),
            ])
            var result: JSONObject = [
                "job_id": .string(job.id.rawValue),
                "status": .string(job.status.rawValue),
                "phases_queued": JSONValue.strings(job.requestedPhases.map(\.rawValue)),
                "estimated_duration_seconds": .double(estimatedSeconds(job.requestedPhases)),
                "status_uri": .string(statusURI(job.id)),
                "created": .bool(created),
            ]
            if let questions = BriefQuestions.json(asked) { result["questions"] = questions }
            return result
        }
    }

    /// A rough figure for clients deciding how often to poll: the builtin engine needs well under
    /// a second per phase; queueing behind other jobs comes on top.
    static func estimatedSeconds(_ phases: [Phase]) -> Double { Double(phases.count) * 0.5 }

    // MARK: - aios_get_status

    static let jobIDSchema: JSONValue = [
        "type": "string", "minLength": 1, "maxLength": 64,
        "description": "A job id returned by aios_full_pipeline, e.g. job_01jd3k8x…",
    ]

    static let statusOutputSchema: JSONValue = {
        let timestamp: JSONValue = ["type": ["string", "null"], "description": "RFC 3339 UTC time"]
        let error: JSONValue = [
            "type": ["object", "null"],
            "properties": [
                "code": ["type": "string"], "message": ["type": "string"],
                "details": ["type": "object", "description": "What the engine knew about the failure, e.g. problems (the checks the model's answer failed) and engine_run (tokens, calls, repairs); at most 8 KiB, cut arrays say so with truncated: true."],
            ],
        ]
        let phaseState: JSONValue = [
            "type": "object",
            "properties": [
                "status": ["type": "string", "enum": JSONValue.strings(PhaseStatus.allCases.map(\.rawValue))],
                "started_at": timestamp, "finished_at": timestamp,
                "duration_ms": ["type": ["integer", "null"], "minimum": 0],
                "attempts": ["type": "integer", "minimum": 0],
                "error": error,
                "progress": [
                    "type": "object", "description": "While the phase runs: how far its attempt is (percent of the phase) and the worker's last message.",
                    "properties": ["percent": ["type": "integer", "minimum": 0, "maximum": 100], "message": ["type": "string"], "at": ["type": "string"]],
                ],
            ],
            "required": ["status", "started_at", "finished_at", "duration_ms", "attempts", "error"],
        ]
        return [
            "type": "object",
            "properties": [
                "job_id": ["type": "string"],
                "status": ["type": "string", "enum": JSONValue.strings(JobStatus.allCases.map(\.rawValue))],
                "phases": ["type": "object", "additionalProperties": phaseState, "description": "Requested phases in graph order."],
                "progress_percent": ["type": "integer", "minimum": 0, "maximum": 100],
                "progress_message": ["type": "string", "description": "While phases run: their last reported progress, e.g. strategy: asking M: 1200 characters received."],
                "error": error,
                "created_at": ["type": "string"],
                "updated_at": ["type": "string"],
                "webhook": webhookStatusSchema,
                "engine": ["type": "string", "description": "The engine the job was submitted for, when it named one (or the server's default was model-backed)."],
                "model_usage": ["type": "object", "description": "What the model-backed engine's strategy phase cost: engine, provider, model, prompt_version, prompt_tokens, completion_tokens, latency_ms, calls, http_attempts, repairs, cache_hits, outcome. The other phases render from its content without a call."],
                "phase_model_usage": ["type": "object", "description": "Per phase that asked the model (strategy, ux), what it cost, as model_usage: engine, model and prompt_version per phase (AIOS_LLM_MODEL_UX may name a cheaper model for the UX phase). Architecture and code render without a call."],
                "review": [
                    "type": "object",
                    "description": "The readiness review of a finished job whose code phase completed (aios_get_artifact artifact_type review has it too): verdict PASS, CONCERNS or FAIL and the findings.",
                    "properties": ["verdict": ["type": "string", "enum": ["PASS", "CONCERNS", "FAIL"]], "summary": ["type": "string"], "findings": ["type": "array"]],
                    "required": ["verdict", "findings"],
                ],
            ],
            "required": ["job_id", "status", "phases", "progress_percent", "error", "created_at", "updated_at"],
        ]
    }()

    /// The `webhook` member of a status, present for jobs submitted with a `webhook_url`.
    static let webhookStatusSchema: JSONValue = {
        let timestamp: JSONValue = ["type": ["string", "null"], "description": "RFC 3339 UTC time"]
        return [
            "type": "object",
            "description": "The delivery of the job's webhook: waiting (job not ended), pending, delivering, delivered or failed.",
            "properties": [
                "id": ["type": ["string", "null"], "description": "The webhook-id header, the same on every attempt."],
                "state": ["type": "string", "enum": JSONValue.strings(["waiting"] + WebhookDeliveryState.allCases.map(\.rawValue))],
                "event": ["type": ["string", "null"]],
                "attempts": ["type": "integer", "minimum": 0],
                "last_attempt": [
                    "type": ["object", "null"],
                    "properties": [
                        "at": timestamp, "status_code": ["type": ["integer", "null"]],
                        "latency_ms": ["type": ["integer", "null"], "minimum": 0], "error": ["type": ["string", "null"]],
                    ],
                ],
                "next_attempt_at": timestamp,
                "finished_at": timestamp,
            ],
            "required": ["id", "state", "event", "attempts", "last_attempt", "next_attempt_at", "finished_at"],
        ]
    }()

    static func status(store: any JobStoreBackend) -> Tool {
        Tool(
            name: "aios_get_status", title: "Job status",
            description: "Read a pipeline job's status: overall status (queued, running, completed, failed, cancelled), each phase's status, timings, attempts and error, and progress_percent (never decreases); for a job with a webhook_url, the webhook's delivery state; once a job with the code phase has ended, its readiness review (verdict PASS, CONCERNS or FAIL, and findings). Poll this after aios_full_pipeline. The result links each finished artifact; read them with aios_get_artifact.",
            inputSchema: ["type": "object", "properties": ["job_id": jobIDSchema], "required": ["job_id"], "additionalProperties": false],
            outputSchema: statusOutputSchema,
            annotations: .init(readOnly: true, idempotent: true),
            present: { output, _ in ToolPresentation(text: ArtifactSummary.job(output), links: statusLinks(output)) },
            meta: JobView.toolMeta,
            // Answered from the store's read view, or else on the store's queue.
            startsInline: true
        ) { arguments, context in
            let id = try JobID(validating: arguments["job_id"]?.stringValue ?? "")
            return await statusJSON(try await visibleJob(store: store, id: id, caller: context.caller), store: store)
        }
    }

    /// A job's status (`Job.statusJSON`) plus, once the job has ended with its code phase
    /// completed, the readiness review from the code artifact under `review`.
    public static func statusJSON(_ job: Job, store: any JobStoreBackend) async -> JSONObject {
        var status = job.statusJSON
        if let review = await review(of: job, store: store) { status["review"] = .object(review) }
        if let engine = job.request["engine"]?.stringValue {
            status["engine"] = .string(engine)
            if let run = await JobModelUsage.strategyRun(of: job, store: store) { status["model_usage"] = .object(run) }
            let runs = await JobModelUsage.phaseRuns(of: job, store: store)
            if !runs.isEmpty { status["phase_model_usage"] = .object(runs) }
        }
        return status
    }

    /// The readiness review of an ended job whose code phase completed, else nil.
    public static func review(of job: Job, store: any JobStoreBackend) async -> JSONObject? {
        guard job.status.isTerminal, job.phases[.code]?.status == .completed,
              let code = try? await store.artifact(job.id, phase: .code) else { return nil }
        return code["review"]?.objectValue
    }

    /// The artifact types beyond the phases: parts of the code artifact with a shape of their own.
    static let derivedTypes = ["plan", "review"]

    // MARK: - aios_get_artifact

    static var artifactOutputSchema: JSONValue {
        var alternatives: [JSONValue] = Phase.allCases.map { AgentSchemas.outputSchema(for: $0) }
        alternatives.append([
            "type": "object",
            "description": "artifact_type all: every finished phase's output keyed by phase.",
            "properties": .object(JSONObject(Phase.allCases.map { ($0.rawValue, AgentSchemas.outputSchema(for: $0)) })),
            "additionalProperties": false,
        ])
        alternatives.append(AgentSchemas.planSchema)
        alternatives.append(AgentSchemas.reviewSchema)
        alternatives.append(ArtifactParts.pageSchema)
        alternatives.append([
            "type": "object",
            "description": "format markdown: the artifact as one markdown document.",
            "properties": [
                "artifact_type": ["type": "string"], "format": ["type": "string", "enum": ["markdown"]],
                "markdown": ["type": "string"],
            ],
            "required": ["artifact_type", "format", "markdown"],
            "additionalProperties": false,
        ])
        return ["type": "object", "anyOf": .array(alternatives)]
    }

    static let artifactDescription = "Fetch an artifact of a pipeline job, or the output of an agent call by the result_id its summary names: strategy, architecture, ux, code, plan (epics, stories and tasks with dependencies, from the code phase), review (the readiness review: verdict PASS, CONCERNS or FAIL with findings), or all (an object keyed by phase, finished phases only). Without part, structuredContent is the whole artifact (format json, the matching agent tool's shape; format markdown, one document) and the text a short summary listing the parts. With part, one part a page at a time: a dotted path into the artifact (openapi, sql_migration, architecture.api_design.endpoints, ux_spec.pages, requirements.functional, …), markdown (the whole document), files (the code's file index) or files/PATH (one generated file); pass the page's next_cursor as cursor for the next. Fails with ARTIFACT_NOT_READY until the phase has completed."

    static func artifact(store: any JobStoreBackend, results: RecentResults?) -> Tool {
        Tool(
            name: "aios_get_artifact", title: "Job artifact",
            description: artifactDescription,
            inputSchema: [
                "type": "object",
                "properties": [
                    "job_id": [
                        "type": "string", "minLength": 1, "maxLength": 64,
                        "description": "A job id returned by aios_full_pipeline (job_…), or the result_id (res_…) of an agent tool's result.",
                    ],
                    "artifact_type": ["type": "string", "enum": JSONValue.strings(Phase.allCases.map(\.rawValue) + derivedTypes + ["all"])],
                    "format": ["type": "string", "enum": ["json", "markdown"], "default": "json"],
                    "part": [
                        "type": "string", "minLength": 1, "maxLength": 1000,
                        "description": "One part of the artifact (needs one artifact_type, not all): a dotted path into it such as openapi or ux_spec.pages, markdown, files, or files/PATH.",
                    ],
                    "cursor": ["type": "string", "minLength": 1, "maxLength": 40, "description": "The next_cursor of the previous page of the same part."],
                ],
                "required": ["job_id", "artifact_type"], "additionalProperties": false,
            ],
            outputSchema: artifactOutputSchema,
            annotations: .init(readOnly: true, idempotent: true),
            // The artifact files are read on the store's queue.
            startsInline: true
        ) { arguments, context in
            let idText = arguments["job_id"]?.stringValue ?? ""
            let type = arguments["artifact_type"]?.stringValue ?? "all"
            let markdown = arguments["format"]?.stringValue == "markdown"
            if derivedTypes.contains(type) {
                return try await derivedArtifact(type, idText: idText, markdown: markdown, store: store, results: results, context: context)
            }
            let source: (key: String, id: String)
            let artifacts: [(phase: Phase, output: JSONObject)]
            if RecentResults.isResultID(idText) {
                guard let entry = results?.entry(idText, caller: context.caller) else { throw RecentResults.notFound(idText) }
                guard type == "all" || type == entry.phase.rawValue else {
                    throw AIOSError(.invalidInput, "result \(idText) is a \(entry.phase.rawValue) output, not \(type)", details: [
                        "path": "artifact_type", "result_phase": .string(entry.phase.rawValue),
                    ])
                }
                source = ("result_id", idText)
                artifacts = [(entry.phase, entry.output)]
            } else {
                let id = try JobID(validating: idText)
                _ = try await visibleJob(store: store, id: id, caller: context.caller)
                source = ("job_id", id.rawValue)
                artifacts = try await collect(store: store, id: id, type: type)
            }
            if let part = arguments["part"]?.stringValue {
                guard let phase = Phase(rawValue: type) ?? (artifacts.count == 1 && source.key == "result_id" ? artifacts[0].phase : nil),
                    let artifact = artifacts.first(where: { $0.phase == phase })
                else {
                    throw AIOSError(.invalidInput, "part needs one artifact_type (strategy, architecture, ux or code), not all", details: ["path": "artifact_type"])
                }
                let value = try ArtifactParts.value(of: part, in: phase, artifact.output)
                let page = try ArtifactParts.page(
                    value, cursor: arguments["cursor"]?.stringValue, room: Self.pageRoom(context),
                    language: ArtifactParts.language(of: part, in: phase, artifact.output, value: value))
                return .init(
                    structured: ArtifactParts.json(page, part: part, phase: phase, source: source),
                    presentation: ToolPresentation(text: ArtifactParts.text(page, part: part, phase: phase, source: source)))
            }
            if arguments["cursor"] != nil {
                throw AIOSError(.invalidInput, "cursor goes with part: it pages through one part", details: ["path": "cursor"])
            }
            let links = source.key == "job_id"
                ? artifacts.flatMap { artifact in Self.artifactLinks(source.id, artifact.phase) }
                : artifacts.flatMap { ResultResourceURI.links(source.id, $0.phase) }
            let summary = artifacts.map { ArtifactSummary.phase($0.phase, $0.output, source: source) }.joined(separator: "\n\n")
            if markdown {
                let document = artifacts.map { ArtifactMarkdown.render($0.phase, $0.output) }.joined(separator: "\n\n")
                let text = "The \(type) document is \(document.unicodeScalars.count) characters: structuredContent.markdown holds it whole; part \"markdown\" returns it page by page.\n\n" + summary
                return .init(
                    structured: ["artifact_type": .string(type), "format": "markdown", "markdown": .string(document)],
                    presentation: ToolPresentation(text: text, links: links))
            }
            let structured: JSONObject
            if let phase = Phase(rawValue: type), let only = artifacts.first, only.phase == phase {
                structured = only.output
            } else {
                structured = JSONObject(artifacts.map { ($0.phase.rawValue, .object($0.output)) })
            }
            return .init(structured: structured, presentation: ToolPresentation(text: summary, links: links))
        }
    }

    /// A plan or a review: a member of the code artifact with a shape of its own. Its text names
    /// the way to page through it (artifact_type code, part plan/review), since a plan can be long.
    static func derivedArtifact(
        _ type: String, idText: String, markdown: Bool, store: any JobStoreBackend, results: RecentResults?, context: RequestContext
    ) async throws -> Tool.Response {
        let code: JSONObject
        let source: String
        if RecentResults.isResultID(idText) {
            guard let entry = results?.entry(idText, caller: context.caller) else { throw RecentResults.notFound(idText) }
            guard entry.phase == .code else {
                throw AIOSError(.invalidInput, "result \(idText) is a \(entry.phase.rawValue) output; the \(type) is part of a code output", details: [
                    "path": "artifact_type", "result_phase": .string(entry.phase.rawValue),
                ])
            }
            code = entry.output
            source = "result \(idText)"
        } else {
            let id = try JobID(validating: idText)
            _ = try await visibleJob(store: store, id: id, caller: context.caller)
            code = try await store.artifact(id, phase: .code)
            source = "job \(id.rawValue)"
        }
        guard let part = code[type]?.objectValue else {
            throw AIOSError(.artifactNotReady, "the code artifact of \(source) has no \(type) (written by an earlier version)",
                            details: ["job_id": .string(idText), "artifact_type": .string(type)])
        }
        var text = "The \(type) of \(source): structuredContent holds it whole; aios_get_artifact with artifact_type code and part \(type) returns it page by page."
        if type == "review", let verdict = part["verdict"]?.stringValue {
            text = "Readiness review of \(source): \(verdict), \(part["findings"]?.arrayValue?.count ?? 0) findings. " + text
        }
        guard markdown else { return .init(structured: part, presentation: ToolPresentation(text: text)) }
        let document = type == "plan"
            ? (code["files"]?.arrayValue ?? []).first { $0["path"]?.stringValue == PlanWriter.path }?["content"]?.stringValue ?? ""
            : ArtifactMarkdown.review(part)
        return .init(structured: ["artifact_type": .string(type), "format": "markdown", "markdown": .string(document)],
                     presentation: ToolPresentation(text: text))
    }

    /// Characters of content a page may hold: the result text limit less room for its header.
    static func pageRoom(_ context: RequestContext) -> Int {
        max(1_000, (context.resultTextLimit?.maxCharacters ?? ResultTextLimit.default.maxCharacters) - 600)
    }

    /// `resource_link`s to one finished artifact of a job (JSON and markdown).
    static func artifactLinks(_ jobID: String, _ phase: Phase) -> [JSONObject] {
        guard let id = try? JobID(validating: jobID) else { return [] }
        return [false, true].map { markdown in
            let uri = JobResourceURI.artifact(id, phase, markdown: markdown)
            return Tool.resourceLink(
                uri: uri.uri, name: "\(jobID)-\(phase.rawValue)\(markdown ? ".md" : "")",
                title: "\(phase.rawValue) artifact (\(phase.agent))\(markdown ? ", markdown" : "")",
                description: markdown ? "The artifact as one markdown document." : "The whole artifact as JSON.", mimeType: uri.mimeType)
        }
    }

    /// Links of a status result: the job, and each finished artifact.
    static func statusLinks(_ status: JSONObject) -> [JSONObject] {
        guard let text = status["job_id"]?.stringValue, let id = try? JobID(validating: text) else { return [] }
        var links = [JobResources.statusLink(id)]
        for (name, phase) in status["phases"]?.objectValue ?? [:] where phase["status"]?.stringValue == "completed" {
            if let phase = Phase(rawValue: name) { links += artifactLinks(text, phase) }
        }
        return links
    }

    /// The job, if `caller` may see it: another key's job is `JOB_NOT_FOUND`, exactly like a job
    /// that does not exist, so that ids of other keys' jobs reveal nothing.
    ///
    /// - Throws: ``AIOSError`` `.jobNotFound`; `StoreError` when the store cannot be read.
    public static func visibleJob(store: any JobStoreBackend, id: JobID, caller: Caller) async throws -> Job {
        guard let job = try await store.job(id), caller.mayAccess(jobOwnedBy: job.owner) else {
            throw AIOSError(.jobNotFound, "no job \(id.rawValue)", details: ["job_id": .string(id.rawValue)])
        }
        return job
    }

    /// The requested artifacts: one phase, or every completed phase for `all`.
    static func collect(store: any JobStoreBackend, id: JobID, type: String) async throws -> [(phase: Phase, output: JSONObject)] {
        if let phase = Phase(rawValue: type) { return [(phase, try await store.artifact(id, phase: phase))] }
        guard let job = try await store.job(id) else {
            throw AIOSError(.jobNotFound, "no job \(id.rawValue)", details: ["job_id": .string(id.rawValue)])
        }
        var result: [(phase: Phase, output: JSONObject)] = []
        for phase in job.requestedPhases where job.phases[phase]?.status == .completed {
            result.append((phase, try await store.artifact(id, phase: phase)))
        }
        if result.isEmpty {
            throw AIOSError(
                .artifactNotReady, "job \(id.rawValue) has no finished phase yet (status \(job.status.rawValue))",
                details: ["job_id": .string(id.rawValue), "job_status": .string(job.status.rawValue)])
        }
        return result
    }
}
