import AIOSJSON

/// What produces a phase's artifact from a brief: the seam between the product (tools,
/// pipeline workers) and whatever does the thinking. ``BuiltinEngine`` is the first
/// implementation (offline, deterministic); an engine backed by a language model is another.
///
/// An engine is asynchronous and cancellable: it stops with `CancellationError` (or an
/// ``AIOSError`` `.cancelled`) soon after its task is cancelled, at its next suspension point
/// or check. It reports progress through the ``AgentProgress`` it is given, which forwards to
/// the caller's MCP progress notifications or does nothing.
///
/// The wiring chooses the engine: the agent tools are made with one (it runs their calls) and a
/// worker pool's executor with one (it runs the pool's jobs), so interactive calls and durable
/// jobs may use different engines. Choosing by name in a call or a job's record needs a field
/// in the tools' schemas and the store format; it comes with the first second engine.
public protocol AgentEngine: Sendable {
    /// The engine's name in logs and configuration (`builtin`).
    var name: String { get }

    /// Runs one phase.
    ///
    /// - Parameters:
    ///   - phase: The phase to run.
    ///   - input: The tool's arguments object, already validated against
    ///     `AgentSchemas.inputSchema(for:)`; parents' artifacts, when given, are in it.
    ///   - progress: Where the engine reports how far it is.
    /// - Returns: The phase's artifact, shaped as `AgentSchemas.outputSchema(for:)`.
    /// - Throws: ``AIOSError`` for bad input (`.invalidInput`, naming the path) or a failed
    ///   engine (`.agentFailure`, `.agentTimeout`); `CancellationError` when cancelled.
    func run(_ phase: Phase, input: JSONObject, progress: AgentProgress) async throws -> JSONObject
}

/// Where an engine reports progress: a fraction of `total` (if known) and a short message.
public struct AgentProgress: Sendable {
    private let sink: @Sendable (_ completed: Double, _ total: Double?, _ message: String?) -> Void

    public init(_ sink: @escaping @Sendable (_ completed: Double, _ total: Double?, _ message: String?) -> Void) {
        self.sink = sink
    }

    /// Progress nobody watches.
    public static let ignored = AgentProgress { _, _, _ in }

    public func report(_ completed: Double, total: Double? = nil, message: String? = nil) {
        sink(completed, total, message)
    }
}
