/// Something that changed on the server, published to the session, which tells each client that
/// asked about it: subscribers in the handshake era, matching `subscriptions/listen` streams in
/// 2026-07-28.
public enum ServerEvent: Sendable, Equatable {
    /// A resource's content changed; clients read it again if they care.
    case resourceUpdated(uri: String)
    /// Resources were added or removed.
    case resourceListChanged
    /// A task's status changed; carries the task as it is now.
    case taskStatus(MCPTask)
}
