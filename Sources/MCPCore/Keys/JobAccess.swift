/// Which jobs a caller may see through the MCP features that are not tools: resources, tasks,
/// prompts and completion.
///
/// Tools are admitted by the ``KeyGate`` in the registry; these features ask ``JobAccess``
/// instead, so the same key, scopes, quota and ownership rules apply: a key sees only the
/// jobs it created unless it is `admin`.
public struct JobAccess: Sendable {
    private let admit: @Sendable (APIKeyScope, String) async throws(AIOSError) -> Caller

    /// Access decided by `gate`.
    public init(gate: KeyGate) {
        admit = { scope, operation throws(AIOSError) in try await gate.admit(scope: scope, operation: operation).caller }
    }

    private init(_ admit: @escaping @Sendable (APIKeyScope, String) async throws(AIOSError) -> Caller) {
        self.admit = admit
    }

    /// Everything is visible: no authentication (tests, embedding).
    public static let unrestricted = JobAccess { _, _ throws(AIOSError) in .local }

    /// The authenticated caller for `operation`.
    ///
    /// - Throws: ``AIOSError`` `.unauthorized`, `.forbidden` or `.rateLimited`.
    public func caller(_ scope: APIKeyScope = .jobsRead, operation: String) async throws(AIOSError) -> Caller {
        try await admit(scope, operation)
    }

    /// The jobs among `jobs` that `caller` may see.
    public static func visible(_ jobs: [Job], to caller: Caller) -> [Job] {
        caller.isAdmin ? jobs : jobs.filter { caller.mayAccess(jobOwnedBy: $0.owner) }
    }

    /// `job` when `caller` may see it, else `nil` (another key's job is as good as missing).
    public static func visible(_ job: Job?, to caller: Caller) -> Job? {
        guard let job, caller.mayAccess(jobOwnedBy: job.owner) else { return nil }
        return job
    }
}
