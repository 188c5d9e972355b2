/// When tool calls need an API key (`AIOS_AUTH`).
public enum AuthMode: String, Sendable, Hashable, CaseIterable {
    /// Required as soon as any key has been created, and from then on (revoking or outliving
    /// every key does not open the store again); open while no key was ever created.
    case auto
    /// Always required: with no key at all, every call is `UNAUTHORIZED`.
    case required
    /// Not needed: a caller without a key is the store's owner, with no rate limits. A key that
    /// is presented is still checked, and refused when wrong, revoked or expired.
    case off
}
