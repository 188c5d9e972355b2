import Testing
@testable import AIOSStore
@testable import MCPCore

/// A job on a model-backed engine, through the pipeline tool, a worker pool and the status tool:
/// the engine is chosen per job and recorded, the cost shows in the status, a rerun is a cache hit.
@Suite struct ModelEngineJobTests {
    let context = RequestContext(
        id: .string("t"), method: "tools/call", era: .legacy(version: ProtocolRevisions.latestLegacy), requestID: "t", meta: [:],
        logger: .disabled)

    @Test func aJobNamesItsEngineAndShowsWhatItCost() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try ModelContentFixtures.schulweg()
        let store = try await JobStore.open(at: directory.store)
        let ux = try ModelContentFixtures.schulwegUX()
        let client = ScriptedModelClient(["{\"product\": {}}", fixture.text, ux.text])
        let metrics = MetricsRegistry()
        let model = ModelEngine(name: "openai", client: client, settings: ModelEngineSettings(engine: "openai", model: "test-model"),
                                cache: FileResponseCache(storeDirectory: store.directory), observer: ModelCallMetrics.observer(metrics))
        let engines = EngineRegistry([model])
        let tools = ToolRegistry(JobTools.make(store: store, webhookGuard: WebhookURLGuard(allowPrivate: false), engines: engines))

        // The builtin default refuses the German brief at once; naming the model engine accepts it.
        let refused = try await tools.call("aios_full_pipeline", arguments: ["spec": .string(fixture.spec)], context: context)
        #expect(refused["structuredContent"]?["error"]?["code"] == "INVALID_INPUT")
        let unknown = try await tools.call("aios_full_pipeline", arguments: ["spec": .string(fixture.spec), "engine": "anthropic"], context: context)
        #expect(unknown["structuredContent"]?["error"]?["details"]?["allowed"] == ["builtin", "openai"])

        func runJob(_ arguments: JSONObject) async throws -> (JobID, JSONObject) {
            let submitted = try await tools.call("aios_full_pipeline", arguments: arguments, context: context)
            let id = try JobID(validating: submitted["structuredContent"]?["job_id"]?.stringValue ?? "")
            let job = try await WorkerPool(store: store, executor: EngineExecutor.make(engine: engines)).runJob(id)
            #expect(job.status == .completed, "\(job)")
            let status = try await tools.call("aios_get_status", arguments: ["job_id": .string(id.rawValue)], context: context)
            return (id, status["structuredContent"]?.objectValue ?? [:])
        }
        let (first, status) = try await runJob(["spec": .string(fixture.spec), "engine": "openai"])
        #expect(status["engine"] == "openai")
        #expect(status["model_usage"]?["repairs"] == 1)
        #expect(status["model_usage"]?["prompt_tokens"] == 2000)
        #expect(status["model_usage"]?["model"] == "test-model-2026")
        #expect(status["review"]?["verdict"] != "FAIL")
        #expect(client.requests.count == 3, "the strategy and UX phases ask the model")
        #expect(status["phase_model_usage"]?["ux"]?["prompt_version"] == "ux-1")
        #expect(status["phase_model_usage"]?["ux"]?["completion_tokens"] == 500)
        #expect(status["phase_model_usage"]?["strategy"]?["prompt_version"] == "pm-1")
        let recorded = try await store.job(first)
        #expect(recorded?.request["engine"] == "openai")

        // The same brief again: both answers come from the store's cache, the artifacts are the same bytes.
        let (second, again) = try await runJob(["spec": .string(fixture.spec), "engine": "openai"])
        #expect(client.requests.count == 3)
        #expect(again["model_usage"]?["cache_hits"] == 2)
        #expect(again["phase_model_usage"]?["ux"]?["cache_hits"] == 1)
        #expect(again["model_usage"]?["prompt_tokens"] == 0)
        for phase in [Phase.architecture, .ux, .code] {
            // The UX artifact's engine_run says how its content was obtained (a call, then the cache).
            var a = try await store.artifact(first, phase: phase)
            var b = try await store.artifact(second, phase: phase)
            a["engine_run"] = nil
            b["engine_run"] = nil
            #expect(JSONValue.object(a).serialized() == JSONValue.object(b).serialized(), "\(phase)")
        }

        let counters = metrics.snapshot().counters(of: .modelTokens)
        #expect(counters[MetricSeries(MetricFamily.modelTokens.name, ["model": "test-model-2026", "direction": "prompt"])] == 3000)
        let outcomes = metrics.snapshot().counters(of: .modelRequests)
        #expect(outcomes[MetricSeries(MetricFamily.modelRequests.name, ["engine": "openai", "model": "test-model-2026", "outcome": "cached"])] == 3)
        #expect(outcomes[MetricSeries(MetricFamily.modelRequests.name, ["engine": "openai", "model": "test-model-2026", "outcome": "invalid_content"])] == 1)

        let usage = await JobModelUsage.summary(try await store.observations(), store: store)
        #expect(usage["openai/test-model-2026"]?["jobs"] == 2)
        #expect(usage["openai/test-model-2026"]?["completion_tokens"] == 1500, "both phases' calls")
        #expect(usage["openai/test-model-2026"]?["calls"] == 6)
    }

    @Test func aHostSuppliedAnalysisRunsOnTheBuiltinEngine() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try ModelContentFixtures.schulweg()
        let store = try await JobStore.open(at: directory.store)
        let tools = ToolRegistry(JobTools.make(store: store, webhookGuard: WebhookURLGuard(allowPrivate: false)))
        let bad = ModelContentFixtures.editing(fixture.content) { $0["tenant"] = "district" }
        let refused = try await tools.call("aios_full_pipeline", arguments: ["spec": .string(fixture.spec), "analysis": bad], context: context)
        #expect(refused["structuredContent"]?["error"]?["details"]?["problems"]?[0]?["path"] == "/tenant")
        let submitted = try await tools.call("aios_full_pipeline", arguments: ["spec": .string(fixture.spec), "analysis": fixture.content], context: context)
        let id = try JobID(validating: submitted["structuredContent"]?["job_id"]?.stringValue ?? "")
        let job = try await WorkerPool(store: store, executor: EngineExecutor.make()).runJob(id)
        #expect(job.status == .completed)
        let strategy = try await store.artifact(id, phase: .strategy)
        #expect(strategy["analysis"] == fixture.content)
        #expect(strategy["engine_run"] == nil)
    }
}
