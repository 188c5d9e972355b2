/// When tool calls need an API key (`AIOS_AUTH`).
public enum AuthMode: String, Sendable, Hashable, CaseIterable {
    /// Required as soon as one active (not revoked, not expired) key exists; open while none does.
    case auto
    /// Always required: with no key at all, every call is `UNAUTHORIZED`.
    case required
    /// Never checked: every caller is the store's owner, with no rate limits.
    case off
}
