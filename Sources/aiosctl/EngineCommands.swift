import MCPCore

/// `aiosctl engine check`: tries the configured model-backed engine with one tiny call, so a
/// bad key, an unknown model or an unreachable server shows before a job fails on it.
enum EngineCommands {
    static let group = CommandSpec(
        name: "engine", abstract: "The engine that writes the agents' content (AIOS_ENGINE).",
        subcommands: [check])

    static let check = CommandSpec(
        name: "check", abstract: "Check the engine configuration with one small model call per configured model.",
        discussion: "Reads AIOS_ENGINE, AIOS_LLM_MODEL (and AIOS_LLM_MODEL_<PHASE>), AIOS_LLM_BASE_URL and the key (AIOS_LLM_API_KEY, else OPENAI_API_KEY or ANTHROPIC_API_KEY) as aios-mcp and the workers do, and asks each configured model for a one-field JSON answer, constrained by a schema as the agents' answers are. Prints the model's name, the latency, the attempts and the tokens, or what the provider refused. The key is never printed. Exit 0 when every model answered, 1 when one failed, 2 when the configuration is wrong, 7 on a timeout.",
        options: [OptionSpec("json", help: "Print the results as JSON.")],
        run: { parsed in
            let json = parsed.flag("json")
            let configuration: ModelEngineConfiguration?
            do {
                configuration = try ModelEngineConfiguration.fromEnvironment(Environment.current())
            } catch let error as ModelError {
                Console.error(error.message)
                return .usage
            } catch {
                return .failure
            }
            guard let configuration else {
                if json {
                    Console.json(["engine": "builtin", "ok": true])
                } else {
                    Console.line("engine: builtin (no provider; set AIOS_ENGINE=openai or anthropic for a model-backed engine)")
                }
                return .success
            }
            let client = configuration.makeClient()
            let models = Phase.allCases.map { configuration.model(for: $0) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            var results: [JSONValue] = []
            var exit = ExitCode.success
            if !json { Console.line("engine: \(configuration)") }
            for model in models {
                let phases = Phase.allCases.filter { configuration.model(for: $0) == model }.map(\.rawValue).joined(separator: ", ")
                let request = ModelRequest(
                    model: model, system: "You check a connection. Answer with the JSON the schema asks for.",
                    messages: [ModelMessage(role: .user, text: "Set ok to true.")], schemaName: "connection_check", schema: schema, maxOutputTokens: 64)
                do {
                    let response = try await client.complete(request) { _ in }
                    let answer = (try? JSONValue.parse(Array(response.text.utf8)))?["ok"]
                    results.append([
                        "model": .string(model), "phases": .string(phases), "ok": true, "answered_by": .string(response.model),
                        "latency_ms": .integer(response.latencyMilliseconds), "attempts": .integer(response.attempts),
                        "prompt_tokens": .integer(response.usage.promptTokens), "completion_tokens": .integer(response.usage.completionTokens),
                        "answer_matches_schema": .bool(answer == .bool(true)),
                    ])
                    if !json {
                        let plural = response.attempts == 1 ? "attempt" : "attempts"
                        Console.line(
                            "\(model) (\(phases)): ok, answered by \(response.model) in \(response.latencyMilliseconds) ms, \(response.attempts) \(plural), \(response.usage.promptTokens) + \(response.usage.completionTokens) tokens"
                                + (answer == .bool(true) ? "" : "; its answer did not follow the schema: \(response.text.prefix(80))"))
                    }
                } catch let error as ModelError {
                    results.append(["model": .string(model), "phases": .string(phases), "ok": false, "kind": .string(error.kind.rawValue), "error": .string(error.message)])
                    if !json { Console.line("\(model) (\(phases)): \(error.message)") }
                    if exit == .success { exit = error.kind == .timedOut ? .timedOut : .failure }
                } catch {
                    return .interrupted
                }
            }
            if json {
                Console.json(["engine": .string(configuration.engine.rawValue), "base_url": .string(configuration.baseURL), "ok": .bool(exit == .success), "models": .array(results)])
            }
            return exit
        })

    static let schema: JSONValue = ["type": "object", "properties": ["ok": ["type": "boolean"]], "required": ["ok"], "additionalProperties": false]
}
