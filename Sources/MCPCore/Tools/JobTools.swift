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
    public static func make(store: JobStore, webhookGuard: WebhookURLGuard = WebhookSettings.environmentGuard())
        -> [Tool]
    {
        [pipeline(store: store, webhookGuard: webhookGuard), status(store: store), artifact(store: store)]
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
        ],
        "required": ["job_id", "status", "phases_queued", "estimated_duration_seconds", "status_uri"],
        "additionalProperties": false,
    ]

    static func pipeline(store: JobStore, webhookGuard: WebhookURLGuard) -> Tool {
        Tool(
            name: "aios_full_pipeline", title: "Full pipeline (all four agents)",
            description: "Run the whole product team on a brief as a durable background job: strategy, then architecture and UX in parallel, then code. Returns at once with a job_id; poll aios_get_status until it is completed, then read each artifact with aios_get_artifact. Jobs survive server restarts.",
            inputSchema: pipelineInputSchema, outputSchema: pipelineOutputSchema,
            annotations: .init(readOnly: false, idempotent: false),
            resourceLinks: { output in
                guard let text = output["job_id"]?.stringValue, let id = try? JobID(validating: text) else { return [] }
                return [JobResources.statusLink(id)]
            },
            // Validation, then the durable submit on the store's queue.
            startsInline: true
        ) { arguments, context in
            var request = JSONObject()
            for (key, value) in arguments where !jobOptionKeys.contains(key) { request[key] = value }
            let phases = (arguments["phases"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(Phase.init(rawValue:)) }
            if let url = arguments["webhook_url"]?.stringValue { try await webhookGuard.checkSubmission(url) }
            let submission = JobSubmission(
                request: request, phases: phases.isEmpty ? Phase.allCases : phases,
                idempotencyKey: arguments["idempotency_key"]?.stringValue, webhookURL: arguments["webhook_url"]?.stringValue,
                owner: context.caller.keyID)
            let (job, created) = try await store.submit(submission)
            context.logger.info(created ? "job submitted" : "job returned for a repeated idempotency key", [
                "job.id": .string(job.id.rawValue),
            ])
            return [
                "job_id": .string(job.id.rawValue),
                "status": .string(job.status.rawValue),
                "phases_queued": JSONValue.strings(job.requestedPhases.map(\.rawValue)),
                "estimated_duration_seconds": .double(estimatedSeconds(job.requestedPhases)),
                "status_uri": .string(statusURI(job.id)),
                "created": .bool(created),
            ]
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
            "properties": ["code": ["type": "string"], "message": ["type": "string"]],
        ]
        let phaseState: JSONValue = [
            "type": "object",
            "properties": [
                "status": ["type": "string", "enum": JSONValue.strings(PhaseStatus.allCases.map(\.rawValue))],
                "started_at": timestamp, "finished_at": timestamp,
                "duration_ms": ["type": ["integer", "null"], "minimum": 0],
                "attempts": ["type": "integer", "minimum": 0],
                "error": error,
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
                "error": error,
                "created_at": ["type": "string"],
                "updated_at": ["type": "string"],
                "webhook": webhookStatusSchema,
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

    static func status(store: JobStore) -> Tool {
        Tool(
            name: "aios_get_status", title: "Job status",
            description: "Read a pipeline job's status: overall status (queued, running, completed, failed, cancelled), each phase's status, timings, attempts and error, and progress_percent (never decreases); for a job with a webhook_url, the webhook's delivery state. Poll this after aios_full_pipeline.",
            inputSchema: ["type": "object", "properties": ["job_id": jobIDSchema], "required": ["job_id"], "additionalProperties": false],
            outputSchema: statusOutputSchema,
            annotations: .init(readOnly: true, idempotent: true),
            // Answered from the store's read view, or else on the store's queue.
            startsInline: true
        ) { arguments, context in
            let id = try JobID(validating: arguments["job_id"]?.stringValue ?? "")
            return try await visibleJob(store: store, id: id, caller: context.caller).statusJSON
        }
    }

    // MARK: - aios_get_artifact

    static var artifactOutputSchema: JSONValue {
        var alternatives: [JSONValue] = Phase.allCases.map { AgentSchemas.outputSchema(for: $0) }
        alternatives.append([
            "type": "object",
            "description": "artifact_type all: every finished phase's output keyed by phase.",
            "properties": .object(JSONObject(Phase.allCases.map { ($0.rawValue, AgentSchemas.outputSchema(for: $0)) })),
            "additionalProperties": false,
        ])
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

    static func artifact(store: JobStore) -> Tool {
        Tool(
            name: "aios_get_artifact", title: "Job artifact",
            description: "Fetch an artifact of a pipeline job: strategy, architecture, ux, code, or all (an object keyed by phase, finished phases only). format json (default) returns the same shape as the matching agent tool; markdown returns one document. Fails with ARTIFACT_NOT_READY until the phase has completed.",
            inputSchema: [
                "type": "object",
                "properties": [
                    "job_id": jobIDSchema,
                    "artifact_type": ["type": "string", "enum": JSONValue.strings(Phase.allCases.map(\.rawValue) + ["all"])],
                    "format": ["type": "string", "enum": ["json", "markdown"], "default": "json"],
                ],
                "required": ["job_id", "artifact_type"], "additionalProperties": false,
            ],
            outputSchema: artifactOutputSchema,
            annotations: .init(readOnly: true, idempotent: true),
            // The artifact files are read on the store's queue.
            startsInline: true
        ) { arguments, context in
            let id = try JobID(validating: arguments["job_id"]?.stringValue ?? "")
            _ = try await visibleJob(store: store, id: id, caller: context.caller)
            let type = arguments["artifact_type"]?.stringValue ?? "all"
            let markdown = arguments["format"]?.stringValue == "markdown"
            let artifacts = try await collect(store: store, id: id, type: type)
            if markdown {
                let document = artifacts.map { ArtifactMarkdown.render($0.phase, $0.output) }.joined(separator: "\n\n")
                return ["artifact_type": .string(type), "format": "markdown", "markdown": .string(document)]
            }
            if let phase = Phase(rawValue: type), let only = artifacts.first, only.phase == phase { return only.output }
            return JSONObject(artifacts.map { ($0.phase.rawValue, .object($0.output)) })
        }
    }

    /// The job, if `caller` may see it: another key's job is `JOB_NOT_FOUND`, exactly like a job
    /// that does not exist, so that ids of other keys' jobs reveal nothing.
    ///
    /// - Throws: ``AIOSError`` `.jobNotFound`; `StoreError` when the store cannot be read.
    public static func visibleJob(store: JobStore, id: JobID, caller: Caller) async throws -> Job {
        guard let job = try await store.job(id), caller.mayAccess(jobOwnedBy: job.owner) else {
            throw AIOSError(.jobNotFound, "no job \(id.rawValue)", details: ["job_id": .string(id.rawValue)])
        }
        return job
    }

    /// The requested artifacts: one phase, or every completed phase for `all`.
    static func collect(store: JobStore, id: JobID, type: String) async throws -> [(phase: Phase, output: JSONObject)] {
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
