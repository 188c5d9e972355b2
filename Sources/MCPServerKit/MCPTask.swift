import AIOSJSON
import JSONRPC

/// A task as MCP describes it, independent of what backs it, with its wire forms for both
/// revisions that have tasks: the experimental tasks of 2025-11-25 and the
/// `io.modelcontextprotocol/tasks` extension of 2026-07-28.
public struct MCPTask: Sendable, Equatable {
    /// Where the underlying request is.
    public enum State: Sendable, Equatable {
        case working
        /// Finished with a result (a tool result may have `isError: true`).
        case completed(result: JSONObject)
        /// Finished with a JSON-RPC error.
        case failed(JSONRPCError)
        /// Cancelled; `result` is what the request returns now (a tool error saying so).
        case cancelled(result: JSONObject)
    }

    /// The wire status names.
    public enum Status: String, Sendable {
        case working, inputRequired = "input_required", completed, failed, cancelled

        public var isTerminal: Bool { self == .completed || self == .failed || self == .cancelled }
    }

    public var id: String
    public var state: State
    public var statusMessage: String?
    /// RFC 3339 UTC.
    public var createdAt: String
    /// RFC 3339 UTC.
    public var lastUpdatedAt: String
    /// How long after creation the task may be deleted; `nil` for unlimited.
    public var ttlMilliseconds: Int64?
    /// How often a client should poll.
    public var pollIntervalMilliseconds: Int64?

    public init(
        id: String, state: State, statusMessage: String?, createdAt: String, lastUpdatedAt: String,
        ttlMilliseconds: Int64?, pollIntervalMilliseconds: Int64?
    ) {
        self.id = id
        self.state = state
        self.statusMessage = statusMessage
        self.createdAt = createdAt
        self.lastUpdatedAt = lastUpdatedAt
        self.ttlMilliseconds = ttlMilliseconds
        self.pollIntervalMilliseconds = pollIntervalMilliseconds
    }

    /// The status in an era: 2025-11-25 reports a tool result with `isError: true` as `failed`;
    /// the 2026-07-28 extension keeps `failed` for JSON-RPC errors and reports it `completed`.
    public func status(in era: ProtocolEra) -> Status {
        switch state {
        case .working: .working
        case .failed: .failed
        case .cancelled: .cancelled
        case .completed(let result):
            !era.isModern && result["isError"]?.boolValue == true ? .failed : .completed
        }
    }

    /// The outcome `tasks/result` returns (2025-11-25), or `nil` while working.
    public var outcome: Result<JSONObject, JSONRPCError>? {
        switch state {
        case .working: nil
        case .completed(let result), .cancelled(let result): .success(result)
        case .failed(let error): .failure(error)
        }
    }

    /// The `Task` object: `ttl`/`pollInterval` in 2025-11-25, `ttlMs`/`pollIntervalMs` in 2026-07-28.
    public func json(in era: ProtocolEra) -> JSONObject {
        var object: JSONObject = ["taskId": .string(id), "status": .string(status(in: era).rawValue)]
        if let statusMessage { object["statusMessage"] = .string(statusMessage) }
        object["createdAt"] = .string(createdAt)
        object["lastUpdatedAt"] = .string(lastUpdatedAt)
        let ttl = ttlMilliseconds.map { JSONValue.int($0) } ?? .null
        if era.isModern {
            object["ttlMs"] = ttl
            if let pollIntervalMilliseconds { object["pollIntervalMs"] = .int(pollIntervalMilliseconds) }
        } else {
            object["ttl"] = ttl
            if let pollIntervalMilliseconds { object["pollInterval"] = .int(pollIntervalMilliseconds) }
        }
        return object
    }

    /// The 2026-07-28 `DetailedTask`: the task with its `result` or `error` inlined once terminal.
    public var detailedJSON: JSONObject {
        var object = json(in: .modern(version: ProtocolRevisions.modern[0]))
        switch state {
        case .completed(let result): object["result"] = .object(result)
        case .failed(let error): object["error"] = error.json
        case .working, .cancelled: break
        }
        return object
    }
}

/// Keys of the tasks wire that both revisions share.
public enum TaskKey {
    /// The 2026-07-28 extension identifier, in capabilities.
    public static let extensionID = "io.modelcontextprotocol/tasks"
    /// Associates a message with a task (2025-11-25).
    public static let relatedTask = "io.modelcontextprotocol/related-task"
    /// A message a host may hand the model at once while a task runs (2025-11-25).
    public static let immediateResponse = "io.modelcontextprotocol/model-immediate-response"
}
