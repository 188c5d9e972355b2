import AIOSJSON

/// Whether a tool may run as a task (`execution.taskSupport` in 2025-11-25).
public enum TaskSupport: String, Sendable {
    case forbidden, optional, required
}

/// Durable tasks behind the MCP task methods: what runs as a task, and each task's state.
public protocol TaskBackend: Sendable {
    /// How the tool named `name` runs as a task.
    func taskSupport(forTool name: String) -> TaskSupport

    /// Starts `tool` as a task, durably: returns once ``task(_:context:)`` finds it.
    ///
    /// - Parameter arguments: Already validated against the tool's input schema.
    /// - Throws: ``ToolError`` when the work cannot be started.
    func start(_ tool: Tool, arguments: JSONObject, context: RequestContext) async throws -> MCPTask

    /// The task as it is now, with its outcome once terminal; `nil` when there is no such task.
    func task(_ id: String, context: RequestContext) async throws -> MCPTask?

    /// One page of tasks, newest first.
    ///
    /// - Throws: `-32602` (``JSONRPCError``) for a cursor it did not issue.
    func tasks(cursor: JSONValue?, context: RequestContext) async throws -> (tasks: [MCPTask], nextCursor: String?)

    /// Asks the task to stop.
    ///
    /// - Returns: The task afterwards (`cancelled` unless it finished first), or `nil` when there
    ///   is no such task.
    /// - Throws: `-32602` (``JSONRPCError``) when the task had already finished.
    func cancel(_ id: String, context: RequestContext) async throws -> MCPTask?

    /// Returns once the task is terminal, reporting progress through `context.progress`.
    ///
    /// - Throws: `CancellationError` when the request is cancelled.
    func waitUntilFinished(_ id: String, context: RequestContext) async throws -> MCPTask?

    /// Starts publishing ``ServerEvent/taskStatus(_:)`` when this task's status changes; counted.
    func watch(_ id: String) async
    /// Balances one ``watch(_:)``.
    func unwatch(_ id: String)
}
