import MCPCore

/// `aiosctl call TOOL --input JSON|@FILE [--json]`: runs a tool in this process, no MCP client needed.
enum CallCommand {
    static let spec = CommandSpec(
        name: "call", abstract: "Call an aios tool directly, without an MCP client.",
        discussion: "Any of the seven tools: the four agents run here; aios_full_pipeline submits a job to the store (run by any worker on it: aios-mcp, 'aiosctl worker'), aios_get_status and aios_get_artifact read it. The input is the tool's arguments object: inline JSON, @FILE, or @- for stdin. Without --json, agent tools print their markdown document, the others the result's markdown summary; with --json, the tool's structured output.",
        options: [
            OptionSpec("input", short: "i", value: "json|@file", help: "The tool arguments as JSON, or @FILE / @- to read them."),
            OptionSpec("json", help: "Print the structured output as JSON."),
            KeyCommands.apiKeyOption,
        ],
        arguments: [ArgumentSpec("tool", help: "The tool name, e.g. aios_strategize.")],
        run: { parsed in await run(parsed) })

    static func run(_ parsed: ParsedCommand) async -> ExitCode {
        let json = parsed.flag("json")
        let name = parsed.argument("tool") ?? ""
        let agentNames = Phase.allCases.map(\.toolName)
        let names = agentNames + JobTools.toolNames
        guard names.contains(name) else {
            Console.error("unknown tool '\(name)'; tools: \(names.joined(separator: ", "))")
            if let hint = Suggestion.didYouMean(name, among: names) { Console.message(hint) }
            return .usage
        }
        let tools: ToolRegistry
        do {
            if agentNames.contains(name) {
                // The agents need no store, but keys and quotas live in it (nothing is created
                // there unless a key is in force).
                let environment = Environment.current()
                let configuration = try StoreConfiguration.fromEnvironment(environment)
                let gate = try KeyCommands.gate(store: configuration, apiKey: parsed.value("api-key"), environment: environment)
                // The engine AIOS_ENGINE configures (docs/engines.md), as aios-mcp's agent tools
                // use; a wrong configuration is refused here, not silently run on the builtin one.
                let engines = try EngineSetup.registry(environment: environment, store: configuration)
                tools = ToolRegistry(AgentTools.make(engine: engines), gate: gate)
            } else {
                // The job tools work on the store, as `submit`, `status` and `artifact` do; a job
                // submitted here is run by any worker on the store (aios-mcp, `aiosctl worker`).
                tools = try await CLISession.open(apiKey: parsed.value("api-key")).tools
            }
        } catch let error as AIOSError {
            return fail(error, json: json)
        } catch {
            return fail(AIOSError(.internalError, String(describing: error)), json: json)
        }
        let arguments: JSONObject
        do {
            arguments = try InputReader.object(from: parsed.value("input") ?? "{}", what: "--input")
        } catch {
            return fail(error, json: json)
        }
        let context = RequestContext(
            id: .string("cli"), method: "tools/call", era: .legacy(version: ProtocolRevisions.latestLegacy),
            requestID: "cli", meta: [:], logger: .disabled)
        let result: JSONObject
        do {
            result = try await tools.call(name, arguments: arguments, context: context)
        } catch {
            return fail(AIOSError(.invalidInput, error.message), json: json)
        }
        let structured = result["structuredContent"]?.objectValue ?? [:]
        if result["isError"]?.boolValue == true, let error = structured["error"]?.objectValue {
            let failure = AIOSError(
                AIOSError.Code(rawValue: error["code"]?.stringValue ?? "INTERNAL_ERROR"),
                error["message"]?.stringValue ?? "tool failed", details: error["details"] ?? .null)
            return fail(failure, json: json)
        }
        if json {
            Console.json(.object(structured))
        } else if let phase = Phase.allCases.first(where: { $0.toolName == name }),
            let key = AgentSchemas.markdownKey(for: phase), let markdown = structured[key]?.stringValue
        {
            Console.out(markdown.hasSuffix("\n") ? markdown : markdown + "\n")
        } else if let markdown = structured["markdown"]?.stringValue {
            Console.out(markdown.hasSuffix("\n") ? markdown : markdown + "\n")
        } else if let text = result["content"]?.arrayValue?.first?["text"]?.stringValue {
            // The result's text block: the bounded markdown summary.
            Console.out(text.hasSuffix("\n") ? text : text + "\n")
        } else {
            Console.line(JSONValue.object(structured).prettyPrinted())
        }
        return .success
    }
}
