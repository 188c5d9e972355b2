/// What model-backed engines cost, read back from jobs: the `engine_run` of the strategy and UX
/// artifacts (the phases that ask a model; architecture and code render from their content).
public enum JobModelUsage {
    /// The `engine_run` of a job's strategy artifact, when the job ran on a model-backed
    /// engine and its strategy phase completed. Builtin jobs cost no read.
    public static func strategyRun(of job: Job, store: some JobStoreBackend) async -> JSONObject? {
        guard let engine = job.request["engine"]?.stringValue, engine != "builtin",
              job.phases[.strategy]?.status == .completed,
              let strategy = try? await store.artifact(job.id, phase: .strategy) else { return nil }
        return strategy["engine_run"]?.objectValue
    }

    /// The phases that ask a model.
    public static let modelPhases: [Phase] = [.strategy, .ux]

    /// The `engine_run` of each completed phase of a model-backed job that asked a model, by
    /// phase name: engine, model and prompt version per phase.
    public static func phaseRuns(of job: Job, store: some JobStoreBackend) async -> JSONObject {
        guard let engine = job.request["engine"]?.stringValue, engine != "builtin" else { return [:] }
        var runs = JSONObject()
        for phase in modelPhases where job.phases[phase]?.status == .completed {
            if let run = (try? await store.artifact(job.id, phase: phase))?["engine_run"]?.objectValue { runs[phase.rawValue] = .object(run) }
        }
        return runs
    }

    /// Tokens, calls and latency per model over the given jobs (`aiosctl stats`), summed over
    /// the phases that ask a model: each completed one is read once; `jobs` counts a job once
    /// per model it used.
    public static func summary(_ jobs: [JobObservation], store: any JobStoreBackend) async -> JSONObject {
        var models: [String: (jobs: Int64, prompt: Int64, completion: Int64, calls: Int64, repairs: Int64, cacheHits: Int64, latency: Int64)] = [:]
        for job in jobs {
            var counted: Set<String> = []
            for phase in modelPhases where job.phases.contains(where: { $0.phase == phase && $0.state.status == .completed }) {
                guard let artifact = try? await store.artifact(job.id, phase: phase), let run = artifact["engine_run"]?.objectValue else { continue }
                let key = (run["engine"]?.stringValue ?? "?") + "/" + (run["model"]?.stringValue ?? "?")
                var entry = models[key] ?? (0, 0, 0, 0, 0, 0, 0)
                if counted.insert(key).inserted { entry.jobs += 1 }
                entry.prompt += run["prompt_tokens"]?.intValue ?? 0
                entry.completion += run["completion_tokens"]?.intValue ?? 0
                entry.calls += run["calls"]?.intValue ?? 0
                entry.repairs += run["repairs"]?.intValue ?? 0
                entry.cacheHits += run["cache_hits"]?.intValue ?? 0
                entry.latency += run["latency_ms"]?.intValue ?? 0
                models[key] = entry
            }
        }
        var result = JSONObject()
        for key in models.keys.sorted() {
            let entry = models[key]!
            result[key] = ["jobs": .int(entry.jobs), "prompt_tokens": .int(entry.prompt), "completion_tokens": .int(entry.completion),
                           "calls": .int(entry.calls), "repairs": .int(entry.repairs), "cache_hits": .int(entry.cacheHits), "latency_ms": .int(entry.latency)]
        }
        return result
    }

    /// The summary as lines for people.
    public static func text(_ summary: JSONObject) -> String {
        guard !summary.isEmpty else { return "" }
        var lines = ["", "model usage (strategy and UX phases of completed jobs):"]
        for (key, entry) in summary {
            func int(_ name: String) -> Int64 { entry[name]?.intValue ?? 0 }
            lines.append("  \(key): \(int("jobs")) job\(int("jobs") == 1 ? "" : "s"), \(int("prompt_tokens")) prompt + \(int("completion_tokens")) completion tokens, "
                         + "\(int("calls")) call\(int("calls") == 1 ? "" : "s"), \(int("repairs")) repair\(int("repairs") == 1 ? "" : "s"), \(int("cache_hits")) cache hit\(int("cache_hits") == 1 ? "" : "s"), \(int("latency_ms")) ms")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
