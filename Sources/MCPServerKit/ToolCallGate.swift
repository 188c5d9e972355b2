import AIOSJSON

/// Decides, before a tool runs, whether this call may happen: authentication, scopes, quotas.
///
/// The registry asks the gate first, so an unauthenticated or rate-limited call never reaches
/// argument validation or the handler.
public protocol ToolCallGate: Sendable {
    /// - Returns: Who is calling, and `_meta` entries to add to the result (e.g. the quota).
    /// - Throws: ``ToolError`` `.unauthorized`, `.forbidden` or `.rateLimited` (with
    ///   `details.retry_after_seconds`).
    func admit(tool: Tool, context: RequestContext) async throws(ToolError) -> ToolCallAdmission
}

/// A gate's verdict for a call it lets through.
public struct ToolCallAdmission: Sendable {
    public var caller: Caller
    /// Entries merged into the result's `_meta`.
    public var resultMeta: JSONObject

    public init(caller: Caller, resultMeta: JSONObject = [:]) {
        self.caller = caller
        self.resultMeta = resultMeta
    }
}
