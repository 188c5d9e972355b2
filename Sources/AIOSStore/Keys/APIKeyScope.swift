/// What an API key may do. `admin` includes every other scope and sees every job.
public enum APIKeyScope: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The four agent tools (and `aiosctl call`).
    case agentsRun = "agents:run"
    /// Reading jobs: status, artifacts, `tail`, `wait`, `jobs`.
    case jobsRead = "jobs:read"
    /// Changing jobs: the pipeline (submit, run), cancel, retry.
    case jobsWrite = "jobs:write"
    /// Everything, including other keys' jobs.
    case admin

    /// The scopes a key gets when `keys create` is given none: everything but `admin`.
    public static let defaults: [APIKeyScope] = [.agentsRun, .jobsRead, .jobsWrite]

    public static func < (lhs: APIKeyScope, rhs: APIKeyScope) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// Parses a comma-separated list such as `jobs:read,jobs:write`.
    ///
    /// - Parameter text: Scope names separated by commas; spaces around them are ignored.
    /// - Returns: The scopes, without duplicates, in canonical order.
    /// - Throws: ``AIOSError`` `.invalidInput` naming the first unknown scope (with the valid ones),
    ///   or when the list is empty.
    public static func parseList(_ text: String) throws(AIOSError) -> [APIKeyScope] {
        var scopes: Set<APIKeyScope> = []
        for part in text.split(separator: ",") {
            let name = part.filter { $0 != " " }
            guard let scope = APIKeyScope(rawValue: name) else {
                throw AIOSError(
                    .invalidInput, "unknown scope '\(name)'; scopes are \(allCases.map(\.rawValue).joined(separator: ", "))",
                    details: ["scope": .string(name)])
            }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { throw AIOSError(.invalidInput, "give at least one scope") }
        return scopes.sorted()
    }
}
