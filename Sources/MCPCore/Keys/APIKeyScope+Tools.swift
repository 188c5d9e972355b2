extension APIKeyScope {
    /// The scope a tool call needs. The table names every tool aios serves (the product's, so
    /// it lives here rather than in the store, which knows scopes but not tools or phases); a
    /// tool missing from it needs `admin`, so a new tool is closed until someone decides who
    /// may call it.
    ///
    /// - Parameter toolName: The tool's name.
    /// - Returns: The required scope.
    public static func required(forTool toolName: String) -> APIKeyScope {
        if Phase.allCases.contains(where: { $0.toolName == toolName }) { return .agentsRun }
        switch toolName {
        case "aios_full_pipeline": return .jobsWrite
        case "aios_get_status", "aios_get_artifact": return .jobsRead
        default: return .admin
        }
    }
}
