/// Pipeline jobs and their artifacts as MCP resources.
///
/// - `aios://jobs/{job_id}`: the job's status (`application/json`, the same object
///   `aios_get_status` returns);
/// - `aios://jobs/{job_id}/artifacts/{type}`: a finished phase's artifact as JSON (the agent
///   tool's output shape);
/// - `aios://jobs/{job_id}/artifacts/{type}.md`: the same artifact as one markdown document.
///
/// `resources/list` lists job status resources, newest first (every job the store keeps);
/// artifacts are reached through the templates, with `job_id` and `type` completion.
public struct JobResources: ResourceProvider {
    private let store: any JobStoreBackend
    private let watcher: JobWatcher
    private let access: JobAccess
    private let results: RecentResults?

    /// - Parameters:
    ///   - store: The job store.
    ///   - watcher: Reports changes of subscribed resources; run it as a server service.
    ///   - access: Who may see which jobs (API keys).
    ///   - results: Outputs of synchronous agent calls, read as `aios://results/{result_id}/{type}`.
    public init(store: any JobStoreBackend, watcher: JobWatcher, access: JobAccess = .unrestricted, results: RecentResults? = nil) {
        self.store = store
        self.watcher = watcher
        self.access = access
        self.results = results
    }

    public static let statusTemplate = "aios://jobs/{job_id}"
    public static let artifactTemplate = "aios://jobs/{job_id}/artifacts/{type}"
    public static let markdownTemplate = "aios://jobs/{job_id}/artifacts/{type}.md"
    public static let resultTemplate = "aios://results/{result_id}/{type}"

    public var templates: [ResourceTemplate] {
        [
            ResourceTemplate(
                uriTemplate: Self.statusTemplate, name: "job-status", title: "Pipeline job status",
                description: "A pipeline job's status: overall status, each phase's status, timings and attempts, progress_percent. Subscribe to hear of every transition.",
                mimeType: "application/json"),
            ResourceTemplate(
                uriTemplate: Self.artifactTemplate, name: "job-artifact", title: "Pipeline artifact (JSON)",
                description: "A finished phase's artifact (type strategy, architecture, ux or code) as JSON, the same shape as the matching agent tool's output.",
                mimeType: "application/json"),
            ResourceTemplate(
                uriTemplate: Self.markdownTemplate, name: "job-artifact-markdown", title: "Pipeline artifact (markdown)",
                description: "A finished phase's artifact as one markdown document (PRD, architecture, UX spec, or the generated files).",
                mimeType: "text/markdown"),
            ResourceTemplate(
                uriTemplate: Self.resultTemplate, name: "agent-result", title: "Agent call output",
                description: "The complete output of a synchronous agent call (aios_strategize, …), by the result_id its result names, as JSON; append .md for markdown. Kept in the answering server's memory while it runs.",
                mimeType: "application/json"),
        ]
    }

    public func owns(_ uri: String) -> Bool { uri == JobView.uri || JobResourceURI(uri) != nil || ResultResourceURI(uri) != nil }

    public func list(cursor: JSONValue?, context: RequestContext) async throws -> ResourcePage {
        let after = try Pagination.key(from: cursor, isValidKey: { (try? JobID(validating: $0))?.rawValue == $0 })
        let caller = try await access.caller(operation: "resources/list")
        let jobs = JobAccess.visible(try await store.jobs(limit: .max), to: caller)
        let page = Pagination.page(jobs, key: \.id.rawValue, after: after, resumesAfterMissingKey: Self.createdBefore(after))
        return ResourcePage(resources: page.items.map(Self.resource), nextCursor: page.next)
    }

    public func read(_ uri: String, context: RequestContext) async throws -> [ResourceContents] {
        if uri == JobView.uri {
            return [ResourceContents(uri: uri, mimeType: JobView.mimeType, text: JobView.livePage, meta: JobView.resourceMeta)]
        }
        if let result = ResultResourceURI(uri) {
            let caller = try await access.caller(operation: "resources/read")
            guard let entry = results?.entry(result.id, caller: caller) else {
                throw ResourceNotFound(uri: uri, reason: RecentResults.notFound(result.id).message)
            }
            guard entry.phase == result.phase else {
                throw ResourceNotFound(uri: uri, reason: "result \(result.id) is a \(entry.phase.rawValue) output")
            }
            let text = result.markdown ? ArtifactMarkdown.render(entry.phase, entry.output) : JSONValue.object(entry.output).jsonText
            return [ResourceContents(uri: uri, mimeType: result.mimeType, text: text)]
        }
        guard let resource = JobResourceURI(uri) else {
            throw ResourceNotFound(uri: uri, reason: "\(uri) is not an aios resource (aios://jobs/{job_id}[/artifacts/{type}[.md]], aios://results/{result_id}/{type}[.md])")
        }
        let caller = try await access.caller(operation: "resources/read")
        do {
            guard let job = JobAccess.visible(try await store.job(resource.jobID), to: caller) else {
                throw ResourceNotFound(uri: uri, reason: "no job \(resource.jobID.rawValue)")
            }
            switch resource {
            case .status:
                return [ResourceContents(uri: uri, mimeType: resource.mimeType, text: JSONValue.object(job.statusJSON).jsonText)]
            case .artifact(let id, let phase, let markdown):
                let artifact = try await store.artifact(id, phase: phase)
                let text = markdown ? ArtifactMarkdown.render(phase, artifact) : JSONValue.object(artifact).jsonText
                return [ResourceContents(uri: uri, mimeType: resource.mimeType, text: text)]
            }
        } catch let error as AIOSError {
            throw ResourceNotFound(uri: uri, reason: error.message)
        }
    }

    public func complete(template: String, argument: String, value: String, arguments: [String: String], context: RequestContext)
        async throws -> [String]
    {
        switch argument {
        case "job_id":
            return try await Self.jobIDs(store: store, access: access, prefix: value)
        case "type" where template != Self.statusTemplate:
            var phases = Phase.allCases
            if let text = arguments["job_id"], let id = try? JobID(validating: text),
                let job = JobAccess.visible(try await store.job(id), to: try await access.caller(operation: "completion/complete"))
            {
                phases = job.requestedPhases.filter { job.phases[$0]?.status == .completed }
            }
            return CompletionMethods.matching(phases.map(\.rawValue), prefix: value)
        default:
            return []
        }
    }

    public func watch(_ uri: String) async {
        guard let resource = JobResourceURI(uri) else { return }
        await watcher.watch(resource.jobID, Self.interest(resource))
    }

    public func unwatch(_ uri: String) {
        guard let resource = JobResourceURI(uri) else { return }
        watcher.unwatch(resource.jobID, Self.interest(resource))
    }

    /// For a cursor whose job was deleted meanwhile: resume at the jobs created before it.
    static func createdBefore(_ key: String?) -> (Job) -> Bool {
        let milliseconds = key.flatMap { try? JobID(validating: $0) }?.milliseconds ?? .max
        return { $0.id.milliseconds < milliseconds }
    }

    /// Ids of the caller's jobs that start with `prefix` (ignoring case), newest first.
    static func jobIDs(store: any JobStoreBackend, access: JobAccess, prefix: String) async throws -> [String] {
        let caller = try await access.caller(operation: "completion/complete")
        return CompletionMethods.matching(JobAccess.visible(try await store.jobs(limit: .max), to: caller).map(\.id.rawValue), prefix: prefix)
    }

    private static func interest(_ resource: JobResourceURI) -> JobWatcher.Interest {
        switch resource {
        case .status: .status
        case .artifact(_, let phase, let markdown): .artifact(phase, markdown: markdown)
        }
    }

    /// The `Resource` object of a job's status.
    static func resource(_ job: Job) -> JSONObject {
        [
            "uri": .string(JobResourceURI.status(job.id).uri),
            "name": .string(job.id.rawValue),
            "title": .string(title(job)),
            "description": .string("Pipeline job (\(job.requestedPhases.map(\.rawValue).joined(separator: ", "))): \(job.status.rawValue), \(job.progressPercent)% done."),
            "mimeType": "application/json",
            "annotations": ["lastModified": .string(RFC3339Timestamp.format(milliseconds: job.updatedAt))],
        ]
    }

    private static func title(_ job: Job) -> String {
        let name = job.request["product_name"]?.stringValue ?? "Pipeline job"
        return "\(name) — \(job.status.rawValue)"
    }

    /// `resource_link` blocks for a job: its status, and each finished artifact.
    public static func links(_ job: Job) -> [JSONObject] {
        var links = [statusLink(job.id, title: title(job))]
        for phase in job.requestedPhases where job.phases[phase]?.status == .completed {
            let uri = JobResourceURI.artifact(job.id, phase, markdown: false)
            links.append(Tool.resourceLink(
                uri: uri.uri, name: "\(job.id.rawValue)-\(phase.rawValue)", title: "\(phase.rawValue) artifact (\(phase.agent))",
                description: "The \(phase.rawValue) artifact as JSON; append .md to the URI for markdown.", mimeType: uri.mimeType))
        }
        return links
    }

    /// The `resource_link` block of a job's status resource.
    public static func statusLink(_ id: JobID, title: String? = nil) -> JSONObject {
        Tool.resourceLink(
            uri: JobResourceURI.status(id).uri, name: id.rawValue, title: title ?? "Pipeline job \(id.rawValue)",
            description: "The job's status; subscribe to it to hear of every transition.", mimeType: "application/json")
    }
}
