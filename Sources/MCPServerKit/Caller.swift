/// Who is calling: the API key a request was authenticated with, and what it may do.
///
/// With authentication off (or no key configured in `auto` mode) the caller is ``local``: the
/// owner of the store, allowed everything and seeing every job.
public struct Caller: Sendable, Hashable {
    /// The key's id, or `nil` for the local owner.
    public var keyID: String?
    /// Granted scopes, e.g. `jobs:read`, `jobs:write`, `agents:run`, `admin`.
    public var scopes: Set<String>

    public init(keyID: String?, scopes: Set<String>) {
        self.keyID = keyID
        self.scopes = scopes
    }

    /// The store's owner, when authentication is not in force.
    public static let local = Caller(keyID: nil, scopes: ["admin"])

    /// Whether the caller sees and manages every job, not only its own.
    public var isAdmin: Bool { scopes.contains("admin") }

}
