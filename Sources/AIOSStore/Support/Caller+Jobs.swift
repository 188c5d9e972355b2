extension Caller {
    /// Whether the caller may act on a job created by `owner` (a key id, or `nil` for the local owner).
    public func mayAccess(jobOwnedBy owner: String?) -> Bool { isAdmin || owner == keyID }
}
