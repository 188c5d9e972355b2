import AIOSJSON
import JSONRPC

/// The task methods of both revisions that have tasks, over a ``TaskBackend``.
///
/// - 2025-11-25 (experimental, handshake era): `tasks/get`, `tasks/result`, `tasks/list`,
///   `tasks/cancel` (a terminal task is `-32602`).
/// - 2026-07-28 `io.modelcontextprotocol/tasks` extension: `tasks/get` (with the result or error
///   inlined), `tasks/update`, `tasks/cancel` (an acknowledgement); a client that did not
///   declare the extension on the request gets `-32021`.
public enum TaskMethods {
    /// Whether an era has tasks: 2025-11-25, and 2026-07-28 (through the extension).
    public static func available(in era: ProtocolEra) -> Bool {
        era.isModern || era.version == ProtocolRevisions.tasks
    }

    /// The error for a 2026-07-28 request that needs the tasks extension the client did not declare.
    public static let missingExtension = JSONRPCError.missingRequiredClientCapability(
        "Missing required client capability: the \(TaskKey.extensionID) extension",
        data: ["requiredCapabilities": ["extensions": [TaskKey.extensionID: [:]]]])

    /// The methods.
    public static func make(_ backend: any TaskBackend) -> [MCPMethod] {
        let everyTaskEra = MCPMethod.Availability.when(available(in:))
        let legacyTasks = MCPMethod.Availability.when { !$0.isModern && $0.version == ProtocolRevisions.tasks }
        return [
            MCPMethod("tasks/get", availability: everyTaskEra) { context, params in
                let task = try await find(params, context: context, backend: backend)
                return context.era.isModern ? task.detailedJSON : task.json(in: context.era)
            },
            MCPMethod("tasks/result", availability: legacyTasks) { context, params in
                let id = try taskID(params, context: context)
                guard let task = try await backend.waitUntilFinished(id, context: context) else { throw notFound(id) }
                switch task.outcome {
                case .success(let result)?:
                    var result = result
                    var meta = result["_meta"]?.objectValue ?? [:]
                    meta[TaskKey.relatedTask] = ["taskId": .string(task.id)]
                    result["_meta"] = .object(meta)
                    return result
                case .failure(let error)?:
                    throw error
                case nil:
                    throw JSONRPCError.internalError("Task \(id) is not finished")
                }
            },
            MCPMethod("tasks/list", availability: legacyTasks) { context, params in
                let page = try await backend.tasks(cursor: params["cursor"], context: context)
                var result: JSONObject = ["tasks": .array(page.tasks.map { .object($0.json(in: context.era)) })]
                if let next = page.nextCursor { result["nextCursor"] = .string(next) }
                return result
            },
            MCPMethod("tasks/cancel", availability: everyTaskEra) { context, params in
                let id = try taskID(params, context: context)
                if context.era.isModern {
                    // The extension's cancel is an acknowledgement; a finished task stays as it is.
                    guard try await backend.task(id, context: context) != nil else { throw notFound(id) }
                    do { _ = try await backend.cancel(id, context: context) } catch is JSONRPCError {}
                    return [:]
                }
                guard let task = try await backend.cancel(id, context: context) else { throw notFound(id) }
                return task.json(in: context.era)
            },
            MCPMethod("tasks/update", availability: .modernOnly) { context, params in
                let id = try taskID(params, context: context)
                if let responses = params["inputResponses"], responses.objectValue == nil {
                    throw JSONRPCError.invalidParams("\"inputResponses\" must be an object")
                }
                // Our tasks never ask for input, so no response can match an outstanding request;
                // the extension says to ignore such responses and acknowledge.
                guard try await backend.task(id, context: context) != nil else { throw notFound(id) }
                return [:]
            },
        ]
    }

    package static func taskID(_ params: JSONObject, context: RequestContext) throws(JSONRPCError) -> String {
        if context.era.isModern, !context.clientDeclaresExtension(TaskKey.extensionID) { throw missingExtension }
        guard let id = params["taskId"]?.stringValue, !id.isEmpty else {
            throw .invalidParams("\(context.method) needs a string \"taskId\"")
        }
        return id
    }

    package static func find(_ params: JSONObject, context: RequestContext, backend: any TaskBackend) async throws -> MCPTask {
        let id = try taskID(params, context: context)
        guard let task = try await backend.task(id, context: context) else { throw notFound(id) }
        return task
    }

    package static func notFound(_ id: String) -> JSONRPCError {
        .invalidParams("Failed to retrieve task: Task not found", data: ["taskId": .string(id)])
    }
}
