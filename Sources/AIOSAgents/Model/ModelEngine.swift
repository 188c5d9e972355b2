import AIOSCrypto
import AIOSJSON
import Synchronization

/// An agent engine backed by a language model: the model writes the strategy content
/// (``StrategyContent``), the deterministic writers render every artifact from it.
///
/// Per run: prompt → answer → parse → schema and semantic checks → on failure the precise
/// problems go back to the model, which answers again (at most ``maxRepairs`` times) → then the
/// phase fails with `AIOSError(.agentFailure)` and every problem in `details`. Content already
/// present in the input (a host's `analysis`, or the strategy artifact's `analysis` that later
/// phases receive) is rendered without a call. Answers are cached by engine, model, prompt
/// version and the exact request, so a rerun costs nothing and renders the same bytes.
public struct ModelEngine: AgentEngine {
    /// Repairs asked for after a first answer that fails the checks.
    public static let maxRepairs = 2

    public let name: String
    private let client: any ModelClient
    private let settings: ModelEngineSettings
    private let cache: (any ModelResponseCache)?
    private let limiter: ModelCallLimiter
    private let observer: @Sendable (ModelCallRecord) -> Void
    private let renderer = BuiltinEngine()

    /// - Parameters:
    ///   - name: The engine's name in the registry and the job (`openai`, `anthropic`).
    ///   - client: The provider wire (or a test's scripted client).
    ///   - settings: Model, budget, limits.
    ///   - cache: Where answers are kept (the store's response cache); nil keeps none.
    ///   - limiter: Bounds concurrent provider calls in this process; share one per process.
    ///   - observer: Told about every call (metrics).
    public init(name: String, client: any ModelClient, settings: ModelEngineSettings, cache: (any ModelResponseCache)? = nil,
                limiter: ModelCallLimiter? = nil, observer: @escaping @Sendable (ModelCallRecord) -> Void = { _ in }) {
        self.name = name
        self.client = client
        self.settings = settings
        self.cache = cache
        self.limiter = limiter ?? ModelCallLimiter(limit: settings.maxConcurrentCalls)
        self.observer = observer
    }

    public func run(_ phase: Phase, input: JSONObject, progress: AgentProgress) async throws -> JSONObject {
        try Task.checkCancellation()
        if phase == .ux, input["ux_content"].map(\.isNull) ?? true {
            return try await runUX(input: input, progress: progress)
        }
        if let given = try StrategyContent.given(in: input) {
            return try renderer.render(phase, input: input, content: given)
        }
        let (content, record) = try await strategyContent(for: phase, input: input, progress: progress)
        try Task.checkCancellation()
        var output = try renderer.render(phase, input: input, content: content)
        output["engine_run"] = .object(record)
        return output
    }

    /// The UX phase: the model writes the pages, copy and flows (``UXContent``) for the
    /// strategy content (given, or asked for first), the writers render the rest.
    private func runUX(input: JSONObject, progress: AgentProgress) async throws -> JSONObject {
        let given = try StrategyContent.given(in: input)
        var strategyRecord: JSONObject? = nil
        let content: StrategyContent
        if let given {
            content = given
        } else {
            (content, strategyRecord) = try await strategyContent(for: .ux, input: input, progress: progress)
        }
        let brief = try Brief(input: input)
        let context = try renderer.uxContext(input, content: content)
        // The strategy phase's tokens count against the job's budget: its artifact says how many.
        let earlier = strategyRecord ?? input["requirements"]?.objectValue?["engine_run"]?.objectValue
        let spent = earlier.map { Int(($0["prompt_tokens"]?.intValue ?? 0) + ($0["completion_tokens"]?.intValue ?? 0)) } ?? 0
        let user = Self.userMessage(brief) + "\n\n" + UXContent.contextMessage(context, productName: brief.productName ?? content.product.name)
        let (ux, record) = try await ask(phase: .ux, stage: .ux, input: input, prompt: EnginePrompts.ux, schemaName: UXContent.schemaName, schema: UXContent.schema,
                                         user: user, spentBefore: spent, what: "UX content", progress: progress) { (value) throws(StrategyContent.Problems) in
            try UXContent(json: value, context: context)
        }
        try Task.checkCancellation()
        var uxInput = input
        uxInput["ux_content"] = ux.json
        var output = try renderer.render(.ux, input: uxInput, content: content)
        var run = record
        if let strategyRecord { run["strategy"] = .object(strategyRecord) }
        output["engine_run"] = .object(run)
        return output
    }

    /// Asks the model for the strategy content of the input's brief, repairing as needed.
    package func strategyContent(for phase: Phase, input: JSONObject, progress: AgentProgress) async throws -> (StrategyContent, JSONObject) {
        let brief = try Brief(input: input)
        guard brief.spec.contains(where: { !$0.isWhitespace }) else {
            throw AIOSError(.invalidInput, "spec is empty: describe the product, who uses it and what they do", details: ["path": "spec"])
        }
        return try await ask(phase: phase, stage: .strategy, input: input, prompt: EnginePrompts.strategy, schemaName: StrategyContent.schemaName, schema: StrategyContent.schema,
                             user: Self.userMessage(brief), spentBefore: 0, what: "strategy content", progress: progress) { (value) throws(StrategyContent.Problems) in
            try StrategyContent(json: value)
        }
    }

    /// One phase's content from the model: prompt → answer → checks → at most ``maxRepairs``
    /// repairs with the precise problems → the content and the run's accounting, or
    /// `AIOSError(.agentFailure)` with every problem.
    ///
    /// - Parameters:
    ///   - phase: The phase that runs (named in a failure's message).
    ///   - stage: Whose content is asked for (`strategy`, `ux`): its model, its progress messages.
    ///   - prompt: The system prompt; its version keys the cache and is recorded.
    ///   - spentBefore: Tokens the job spent already (its budget counts them).
    ///   - what: What the model writes, for messages: `strategy content`, `UX content`.
    ///   - check: Reads the answer, throwing its problems.
    private func ask<Content>(phase: Phase, stage: Phase, input: JSONObject, prompt: EnginePrompts.Prompt, schemaName: String, schema: JSONValue, user: String,
                              spentBefore: Int, what: String, progress: AgentProgress,
                              check: (JSONValue) throws(StrategyContent.Problems) -> Content) async throws -> (Content, JSONObject) {
        let model = settings.model(for: stage)
        let useCache = (input["cache"]?.boolValue ?? true) && cache != nil
        var messages = [ModelMessage(role: .user, text: user)]
        var usage = ModelUsage(promptTokens: 0, completionTokens: 0)
        var spent = spentBefore
        var latency = 0
        var httpAttempts = 0
        var cacheHits = 0
        var answeredBy = model
        var problems: [StrategyContent.Problem] = []

        func record(repairs: Int, outcome: String) -> JSONObject {
            ["engine": .string(name), "provider": .string(client.provider), "model": .string(answeredBy), "prompt_version": .string(prompt.version),
             "prompt_tokens": .integer(usage.promptTokens), "completion_tokens": .integer(usage.completionTokens),
             "latency_ms": .integer(latency), "calls": .integer(repairs + 1), "http_attempts": .integer(httpAttempts),
             "repairs": .integer(repairs), "cache_hits": .integer(cacheHits), "outcome": .string(outcome)]
        }

        for repair in 0...Self.maxRepairs {
            if let budget = settings.maxTokensPerJob, spent >= budget {
                throw AIOSError(.agentFailure, "the job's token budget (AIOS_LLM_MAX_TOKENS_PER_JOB=\(budget)) is spent: \(spent) tokens used "
                                    + Self.costNote(record(repairs: max(0, repair - 1), outcome: "budget_exhausted")),
                                details: ["engine_run": .object(record(repairs: max(0, repair - 1), outcome: "budget_exhausted")), "budget": .integer(budget)])
            }
            let maxOutput = settings.maxTokensPerJob.map { min(settings.maxOutputTokens, max(1, $0 - spent)) } ?? settings.maxOutputTokens
            let request = ModelRequest(model: model, system: prompt.text, messages: messages, schemaName: schemaName,
                                       schema: schema, maxOutputTokens: maxOutput)
            let key = Self.cacheKey(engine: name, provider: client.provider, promptVersion: prompt.version, request: request)
            let response: ModelResponse
            var hit = false
            if useCache, let cached = await cache?.cachedResponse(forKey: key), let decoded = Self.decodeCached(cached) {
                response = decoded
                cacheHits += 1
                hit = true
            } else {
                let label = repair == 0 ? "\(stage.rawValue): asking \(model)" : "\(stage.rawValue): asking \(model) for repair \(repair) of \(Self.maxRepairs)"
                progress.report(0.05, total: 1, message: label)
                do {
                    response = try await limiter.run {
                        try await client.complete(request) { received in
                            // Motion, not a forecast: an answer runs to a few thousand characters.
                            let fraction = 0.05 + 0.85 * min(1, Double(received) / 8000)
                            progress.report(fraction, total: 1, message: "\(label): \(received) characters received")
                        }
                    }
                } catch let error as ModelError {
                    observer(ModelCallRecord(engine: name, model: model, outcome: error.kind.rawValue, promptTokens: 0, completionTokens: 0, latencyMilliseconds: 0))
                    throw Self.failure(error, engine: name, record: record(repairs: repair, outcome: error.kind.rawValue))
                }
                usage.promptTokens += response.usage.promptTokens
                usage.completionTokens += response.usage.completionTokens
                spent += response.usage.promptTokens + response.usage.completionTokens
                latency += response.latencyMilliseconds
                httpAttempts += response.attempts
                if useCache { await cache?.storeResponse(Self.encodeCached(response), forKey: key) }
            }
            answeredBy = response.model.isEmpty ? model : response.model
            try Task.checkCancellation()
            var content: Content? = nil
            do {
                content = try check(try JSONValue.parse(response.text))
                problems = []
            } catch let error as StrategyContent.Problems {
                problems = error.problems
            } catch {
                problems = [StrategyContent.Problem(path: "", message: "the answer is not one JSON object: \((error as? JSONError)?.description ?? String(describing: error))")]
            }
            observer(ModelCallRecord(engine: name, model: answeredBy, outcome: problems.isEmpty ? "ok" : "invalid_content",
                                     promptTokens: response.usage.promptTokens, completionTokens: response.usage.completionTokens,
                                     latencyMilliseconds: response.latencyMilliseconds, cached: hit))
            if let content {
                progress.report(0.95, total: 1, message: "\(stage.rawValue): content checked\(repair > 0 ? " after \(repair) repair\(repair == 1 ? "" : "s")" : "")")
                return (content, record(repairs: repair, outcome: "ok"))
            }
            messages.append(ModelMessage(role: .assistant, text: response.text))
            messages.append(ModelMessage(role: .user, text: Self.repairMessage(problems)))
        }
        throw AIOSError(.agentFailure,
                        "\(phase.rawValue): the model's \(what) failed the checks after \(Self.maxRepairs) repairs (\(problems.count) problem\(problems.count == 1 ? "" : "s")): "
                            + problems.prefix(3).map(\.description).joined(separator: "; ") + " " + Self.costNote(record(repairs: Self.maxRepairs, outcome: "invalid_content")),
                        details: ["problems": .array(problems.map { ["path": .string($0.path), "message": .string($0.message)] }),
                                  "engine_run": .object(record(repairs: Self.maxRepairs, outcome: "invalid_content"))])
    }

    /// The problems of an answer's text: not JSON, or what the checks say.
    package static func problems(in text: String) -> [StrategyContent.Problem] {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            return [StrategyContent.Problem(path: "", message: "the answer is not one JSON object: \(error.description)")]
        }
        return StrategyContent.problems(in: value)
    }

    /// What the model is told after an answer that fails the checks.
    package static func repairMessage(_ problems: [StrategyContent.Problem]) -> String {
        var text = "Your answer has \(problems.count) problem\(problems.count == 1 ? "" : "s") (JSON Pointer: what is wrong):\n"
        for problem in problems.prefix(50) { text += "- \(problem.description)\n" }
        if problems.count > 50 { text += "- … and \(problems.count - 50) more of the same kinds\n" }
        text += "Answer again with the whole corrected JSON object."
        return text
    }

    /// The brief as the model reads it.
    package static func userMessage(_ brief: Brief) -> String {
        var text = "Product brief:\n\n" + brief.spec + "\n"
        if let name = brief.productName { text += "\nProduct name: \(name)" }
        if !brief.targetSegments.isEmpty { text += "\nTarget segments: " + brief.targetSegments.joined(separator: "; ") }
        if !brief.keyProblems.isEmpty { text += "\nKey problems: " + brief.keyProblems.joined(separator: "; ") }
        if !brief.successMetrics.isEmpty { text += "\nSuccess metrics: " + brief.successMetrics.joined(separator: "; ") }
        if let industry = brief.industry { text += "\nIndustry: \(industry)" }
        if let audience = brief.targetAudience { text += "\nTarget audience: \(audience)" }
        if let tier = brief.budgetTier { text += "\nBudget tier: \(tier)" }
        return text
    }

    /// SHA-256 over the engine, provider, prompt version and the exact request (model, system
    /// prompt, conversation, schema, output limit), hex.
    package static func cacheKey(engine: String, provider: String, promptVersion: String, request: ModelRequest) -> String {
        let material: JSONValue = [
            "engine": .string(engine), "provider": .string(provider), "prompt_version": .string(promptVersion),
            "model": .string(request.model), "system": .string(request.system),
            "messages": .array(request.messages.map { ["role": .string($0.role.rawValue), "text": .string($0.text)] }),
            "schema_name": .string(request.schemaName), "schema": request.schema, "max_output_tokens": .integer(request.maxOutputTokens),
        ]
        return Hex.encode(SHA256.hash(material.serialized()))
    }

    package static func encodeCached(_ response: ModelResponse) -> String {
        let value: JSONValue = ["text": .string(response.text), "model": .string(response.model),
                                "prompt_tokens": .integer(response.usage.promptTokens), "completion_tokens": .integer(response.usage.completionTokens),
                                "latency_ms": .integer(response.latencyMilliseconds), "attempts": .integer(response.attempts)]
        return String(decoding: value.serialized(), as: UTF8.self)
    }

    /// A cached answer costs nothing: its usage and latency count zero for this run.
    package static func decodeCached(_ text: String) -> ModelResponse? {
        guard let value = try? JSONValue.parse(text), let answer = value["text"]?.stringValue else { return nil }
        return ModelResponse(text: answer, model: value["model"]?.stringValue ?? "", usage: ModelUsage(promptTokens: 0, completionTokens: 0),
                             latencyMilliseconds: 0, attempts: 0)
    }

    /// A failed call as the phase's error: the provider's refusal or outage in plain words.
    private static func failure(_ error: ModelError, engine: String, record: JSONObject) -> AIOSError {
        var details: JSONObject = ["kind": .string(error.kind.rawValue), "engine_run": .object(record)]
        if let status = error.status { details["status"] = .integer(status) }
        let code: AIOSError.Code = error.kind == .timedOut ? .agentTimeout : .agentFailure
        return AIOSError(code, "\(engine): \(error.message) " + costNote(record), details: .object(details))
    }

    /// What a failed phase cost, in its message: the job record keeps a failure's code and
    /// message only, so this is where its accounting survives.
    package static func costNote(_ record: JSONObject) -> String {
        func int(_ key: String) -> Int64 { record[key]?.intValue ?? 0 }
        return "[engine \(record["engine"]?.stringValue ?? "?"), model \(record["model"]?.stringValue ?? "?"), prompt \(record["prompt_version"]?.stringValue ?? "?"): "
            + "\(int("calls")) call\(int("calls") == 1 ? "" : "s"), \(int("repairs")) repair\(int("repairs") == 1 ? "" : "s"), "
            + "\(int("prompt_tokens")) prompt + \(int("completion_tokens")) completion tokens, \(int("latency_ms")) ms]"
    }
}

/// One provider call as metrics see it.
public struct ModelCallRecord: Sendable, Equatable {
    public var engine: String
    public var model: String
    /// `ok`, `invalid_content` (a repair follows), or a ``ModelError/Kind`` raw value.
    public var outcome: String
    public var promptTokens: Int
    public var completionTokens: Int
    public var latencyMilliseconds: Int
    public var cached: Bool = false
}

/// Where a model-backed engine keeps answers (the job store's response cache).
public protocol ModelResponseCache: Sendable {
    /// The stored answer for `key` (a SHA-256 hex), or nil.
    func cachedResponse(forKey key: String) async -> String?
    /// Keeps an answer; a failure to keep it is not an error of the phase.
    func storeResponse(_ value: String, forKey key: String) async
}

/// A cache in memory, for tests and for processes without a store.
public final class MemoryResponseCache: ModelResponseCache {
    private let entries = Mutex<[String: String]>([:])
    public init() {}
    public func cachedResponse(forKey key: String) async -> String? { entries.withLock { $0[key] } }
    public func storeResponse(_ value: String, forKey key: String) async { entries.withLock { $0[key] = value } }
    public var count: Int { entries.withLock { $0.count } }
}

/// At most `limit` provider calls at once in this process; the others wait their turn (FIFO),
/// and a waiter whose task is cancelled leaves the queue.
public final class ModelCallLimiter: Sendable {
    private struct State {
        var running = 0
        var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID = 0
    }
    public let limit: Int
    private let state = Mutex(State())

    public init(limit: Int) { self.limit = max(1, limit) }

    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        let id = state.withLock { state -> Int in state.nextID += 1; return state.nextID }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resume: Bool = state.withLock { state in
                    if Task.isCancelled { return false }
                    if state.running < limit {
                        state.running += 1
                        return true
                    }
                    state.waiters.append((id, continuation))
                    return false
                }
                if resume { continuation.resume() } else if Task.isCancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.waiters.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }

    /// Calls running now (for tests and metrics).
    public var running: Int { state.withLock { $0.running } }
}
