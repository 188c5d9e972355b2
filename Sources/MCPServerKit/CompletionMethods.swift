import JSONRPC

/// `completion/complete` for prompt arguments and resource template arguments.
public enum CompletionMethods {
    /// The most values one completion returns, as the protocol allows.
    public static let maximumValues = 100

    /// The method, routing `ref/prompt` to the prompt's completer and `ref/resource` to the
    /// resource provider.
    public static func make(prompts: PromptRegistry?, resources: (any ResourceProvider)?) -> MCPMethod {
        MCPMethod("completion/complete") { context, params in
            guard let ref = params["ref"]?.objectValue, let type = ref["type"]?.stringValue else {
                throw JSONRPCError.invalidParams("completion/complete needs a \"ref\" object with a \"type\"")
            }
            guard let argument = params["argument"]?.objectValue, let name = argument["name"]?.stringValue,
                let value = argument["value"]?.stringValue
            else {
                throw JSONRPCError.invalidParams("completion/complete needs \"argument\": {name, value} with string members")
            }
            var resolved: [String: String] = [:]
            for (key, value) in params["context"]?["arguments"]?.objectValue ?? [:] {
                if let text = value.stringValue { resolved[key] = text }
            }
            let values: [String]
            switch type {
            case "ref/prompt":
                guard let promptName = ref["name"]?.stringValue, let prompt = prompts?.prompt(named: promptName) else {
                    throw JSONRPCError.invalidParams("Unknown prompt in ref: \(ref["name"]?.stringValue ?? "(none)")")
                }
                guard prompt.arguments.contains(where: { $0.name == name }) else {
                    throw JSONRPCError.invalidParams("Prompt \(prompt.name) has no argument \"\(name)\"")
                }
                values = try await prompt.completer(name, value, resolved, context)
            case "ref/resource":
                guard let uri = ref["uri"]?.stringValue, let resources,
                    resources.templates.contains(where: { $0.uriTemplate == uri })
                else {
                    throw JSONRPCError.invalidParams("Unknown resource template in ref: \(ref["uri"]?.stringValue ?? "(none)")")
                }
                values = try await resources.complete(template: uri, argument: name, value: value, arguments: resolved, context: context)
            default:
                throw JSONRPCError.invalidParams("Unknown ref type \(type); expected ref/prompt or ref/resource")
            }
            return [
                "completion": [
                    "values": .strings(Array(values.prefix(maximumValues))),
                    "total": .integer(values.count),
                    "hasMore": .bool(values.count > maximumValues),
                ]
            ]
        }
    }

    /// `candidates` that start with `prefix` (ignoring case), in their order.
    public static func matching(_ candidates: [String], prefix: String) -> [String] {
        let lower = prefix.lowercased()
        return candidates.filter { $0.lowercased().hasPrefix(lower) }
    }
}
