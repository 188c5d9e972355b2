import AIOSJSON

/// The engines a process offers, by name: `builtin` always, a model-backed engine when one is
/// configured. It is itself an engine: a run goes to the engine the input names (`engine`, as a
/// pipeline job's request records it) or to the default, so the tools and the worker pool are
/// wired with a registry exactly as they were with one engine.
public struct EngineRegistry: AgentEngine {
    public let defaultName: String
    private let engines: [String: any AgentEngine]
    /// Names in the order they were given (builtin first).
    public let names: [String]

    /// - Parameters:
    ///   - engines: Engines besides the builtin one (which is always present).
    ///   - defaultName: The engine of a run whose input names none; `builtin` unless given.
    public init(_ engines: [any AgentEngine] = [], defaultName: String? = nil) {
        var table: [String: any AgentEngine] = ["builtin": BuiltinEngine()]
        var names = ["builtin"]
        for engine in engines where table[engine.name] == nil {
            table[engine.name] = engine
            names.append(engine.name)
        }
        self.engines = table
        self.names = names
        self.defaultName = defaultName.flatMap { table[$0] == nil ? nil : $0 } ?? "builtin"
    }

    public var name: String { defaultName }

    /// The engine called `name`.
    ///
    /// - Throws: `AIOSError(.invalidInput)` naming the engines this server has.
    public func engine(named name: String) throws(AIOSError) -> any AgentEngine {
        guard let engine = engines[name] else {
            let hint = ModelEngineSettings.engines.contains(name) ? " (set AIOS_ENGINE=\(name) and AIOS_LLM_MODEL where the server and its workers run)" : ""
            throw AIOSError(.invalidInput, "engine \"\(name)\" is not configured on this server\(hint); available: \(names.joined(separator: ", "))",
                            details: ["path": "engine", "found": .string(name), "allowed": .strings(names)])
        }
        return engine
    }

    /// The engine a run's input asks for.
    public func engine(for input: JSONObject) throws(AIOSError) -> any AgentEngine {
        guard let requested = input["engine"]?.stringValue else { return try engine(named: defaultName) }
        return try engine(named: requested)
    }

    public func run(_ phase: Phase, input: JSONObject, progress: AgentProgress) async throws -> JSONObject {
        try await engine(for: input).run(phase, input: input, progress: progress)
    }

    /// Refuses at submission what would fail the job: an unknown engine, or (on the builtin
    /// engine, without an `analysis`) a brief the builtin analyser cannot read. A model-backed
    /// engine reads any brief, so only an empty spec and a bad `analysis` are refused for it.
    public func check(_ request: JSONObject) throws(AIOSError) {
        let engine = try engine(for: request)
        if let builtin = engine as? BuiltinEngine {
            try builtin.check(request)
            return
        }
        if try StrategyContent.given(in: request) != nil {
            try (engines["builtin"] as? BuiltinEngine)?.checkUXContent(request)
            return
        }
        let brief = try Brief(input: request)
        guard brief.spec.contains(where: { !$0.isWhitespace }) else {
            throw AIOSError(.invalidInput, "spec is empty: describe the product, who uses it and what they do", details: ["path": "spec"])
        }
    }
}
