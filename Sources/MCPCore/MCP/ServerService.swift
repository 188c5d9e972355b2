/// Work that runs for as long as the server serves a connection, e.g. watching the job store
/// and publishing what changed to the session.
public protocol ServerService: Sendable {
    /// Runs until cancelled (the server cancels it when the connection ends).
    ///
    /// - Parameter session: The connection, to publish ``ServerEvent``s to.
    func run(session: ServerSession) async
}
