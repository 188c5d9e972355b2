import AIOSJSON
import JSONRPC

/// One argument of a prompt.
public struct PromptArgument: Sendable, Equatable {
    public var name: String
    public var title: String
    public var description: String
    public var required: Bool

    public init(name: String, title: String, description: String, required: Bool) {
        self.name = name
        self.title = title
        self.description = description
        self.required = required
    }

    public var json: JSONObject {
        ["name": .string(name), "title": .string(title), "description": .string(description), "required": .bool(required)]
    }
}

/// One MCP prompt: metadata, arguments, the messages it produces, and completion of its
/// arguments, as a value.
public struct Prompt: Sendable {
    /// What `prompts/get` returns: an optional description and the messages
    /// (`{role, content}` objects).
    public struct Rendering: Sendable {
        public var description: String?
        public var messages: [JSONObject]

        public init(description: String?, messages: [JSONObject]) {
            self.description = description
            self.messages = messages
        }
    }

    /// Renders the prompt; arguments are checked against ``arguments`` first.
    /// Throw ``JSONRPCError`` (`-32602`) for arguments that cannot be used.
    public typealias Handler = @Sendable (_ arguments: [String: String], _ context: RequestContext) async throws -> Rendering
    /// Values for `argument` starting with `value`, given the arguments already chosen.
    public typealias Completer = @Sendable (
        _ argument: String, _ value: String, _ arguments: [String: String], _ context: RequestContext
    ) async throws -> [String]

    public let name: String
    public let title: String
    public let description: String
    public let arguments: [PromptArgument]
    public let handler: Handler
    public let completer: Completer

    public init(
        name: String, title: String, description: String, arguments: [PromptArgument],
        completer: @escaping Completer = { _, _, _, _ in [] }, handler: @escaping Handler
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.arguments = arguments
        self.completer = completer
        self.handler = handler
    }

    /// The prompt as `prompts/list` describes it.
    public var definition: JSONObject {
        [
            "name": .string(name), "title": .string(title), "description": .string(description),
            "arguments": .array(arguments.map { .object($0.json) }),
        ]
    }

    /// A user message with one text block.
    public static func userText(_ text: String) -> JSONObject {
        ["role": "user", "content": ["type": "text", "text": .string(text)]]
    }
}

/// The server's prompts, in listing order, and `prompts/list` / `prompts/get` over them.
public struct PromptRegistry: Sendable {
    public let prompts: [Prompt]
    private let byName: [String: Prompt]

    /// - Precondition: prompt names are unique.
    public init(_ prompts: [Prompt]) {
        self.prompts = prompts
        var byName: [String: Prompt] = [:]
        for prompt in prompts {
            precondition(byName[prompt.name] == nil, "duplicate prompt \(prompt.name)")
            byName[prompt.name] = prompt
        }
        self.byName = byName
    }

    public func prompt(named name: String) -> Prompt? { byName[name] }

    /// `prompts/list` (paginated) and `prompts/get`.
    public var methods: [MCPMethod] {
        let registry = self
        return [
            MCPMethod("prompts/list", cacheable: true, cacheKey: MCPMethod.cursorCacheKey) { _, params in
                let page = try Pagination.page(registry.prompts, cursor: params["cursor"])
                var result: JSONObject = ["prompts": .array(page.items.map { .object($0.definition) })]
                if let next = page.next { result["nextCursor"] = .string(next) }
                return result
            },
            MCPMethod("prompts/get") { context, params in
                guard let name = params["name"]?.stringValue else {
                    throw JSONRPCError.invalidParams("prompts/get needs a string \"name\"")
                }
                guard let prompt = registry.byName[name] else {
                    throw JSONRPCError.invalidParams(
                        "Unknown prompt: \(name)", data: ["prompt": .string(name), "prompts": .strings(registry.prompts.map(\.name))])
                }
                let arguments = try Self.arguments(params["arguments"], for: prompt)
                let rendering = try await prompt.handler(arguments, context)
                var result: JSONObject = [:]
                if let description = rendering.description { result["description"] = .string(description) }
                result["messages"] = .array(rendering.messages.map(JSONValue.object))
                return result
            },
        ]
    }

    package static func arguments(_ value: JSONValue?, for prompt: Prompt) throws(JSONRPCError) -> [String: String] {
        var arguments: [String: String] = [:]
        switch value {
        case nil, .null?: break
        case .object(let object)?:
            for (key, value) in object {
                guard prompt.arguments.contains(where: { $0.name == key }) else {
                    throw .invalidParams(
                        "Prompt \(prompt.name) has no argument \"\(key)\"",
                        data: ["arguments": .strings(prompt.arguments.map(\.name))])
                }
                guard let text = value.stringValue else {
                    throw .invalidParams("Prompt argument \"\(key)\" must be a string, not \(value.typeName)")
                }
                arguments[key] = text
            }
        case let other?:
            throw .invalidParams("\"arguments\" must be an object of strings, not \(other.typeName)")
        }
        let missing = prompt.arguments.filter { $0.required && (arguments[$0.name] ?? "").isEmpty }.map(\.name)
        if !missing.isEmpty {
            throw .invalidParams(
                "Prompt \(prompt.name) needs the argument(s): \(missing.joined(separator: ", "))",
                data: ["missing": .strings(missing)])
        }
        return arguments
    }
}
