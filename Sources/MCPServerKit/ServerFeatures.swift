import AIOSJSON

/// What a server offers beyond the lifecycle: its tools and, optionally, resources, prompts,
/// tasks and logging; the method table and the capabilities of each era follow from it.
///
/// A capability is announced only where the server implements it completely in that era:
/// `tasks` only to 2025-11-25 sessions, the tasks extension only in 2026-07-28, `completions`
/// from 2025-03-26 on (the revision that introduced the capability).
public struct ServerFeatures: Sendable {
    public var tools: ToolRegistry
    public var resources: (any ResourceProvider)?
    public var prompts: PromptRegistry?
    public var tasks: (any TaskBackend)?
    /// `logging/setLevel` and per-request log levels.
    public var logging: Bool
    /// Background work for the connection's lifetime (e.g. watching the store for changes).
    public var services: [any ServerService]

    public init(
        tools: ToolRegistry, resources: (any ResourceProvider)? = nil, prompts: PromptRegistry? = nil,
        tasks: (any TaskBackend)? = nil, logging: Bool = true, services: [any ServerService] = []
    ) {
        self.tools = tools
        self.resources = resources
        self.prompts = prompts
        self.tasks = tasks
        self.logging = logging
        self.services = services
    }

    /// The methods, besides the lifecycle ones the server has built in.
    public var methods: [MCPMethod] {
        var methods = tools.methods(tasks: tasks)
        if logging { methods.append(LoggingMethods.make()) }
        if let resources { methods += ResourceMethods.make(resources) }
        if let prompts { methods += prompts.methods }
        if resources != nil || prompts != nil { methods.append(CompletionMethods.make(prompts: prompts, resources: resources)) }
        if resources != nil || tasks != nil { methods.append(SubscriptionMethods.make(resources: resources, tasks: tasks)) }
        if let tasks { methods += TaskMethods.make(tasks) }
        return methods
    }

    /// The capabilities announced to a client of `era`.
    public func capabilities(in era: ProtocolEra) -> JSONObject {
        var capabilities: JSONObject = [:]
        if resources != nil || prompts != nil, era.isModern || era.version >= ProtocolRevisions.completionsCapability {
            capabilities["completions"] = [:]
        }
        if logging { capabilities["logging"] = [:] }
        if prompts != nil { capabilities["prompts"] = ["listChanged": false] }
        if resources != nil { capabilities["resources"] = ["subscribe": true, "listChanged": true] }
        capabilities["tools"] = ["listChanged": false]
        if tasks != nil {
            if era.isModern {
                capabilities["extensions"] = [TaskKey.extensionID: [:]]
            } else if era.version == ProtocolRevisions.tasks {
                capabilities["tasks"] = ["list": [:], "cancel": [:], "requests": ["tools": ["call": [:]]]]
            }
        }
        return capabilities
    }
}
