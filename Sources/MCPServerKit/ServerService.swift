/// Work that runs for as long as the server serves a connection, e.g. watching the job store
/// and publishing what changed to the session.
public protocol ServerService: Sendable {
    /// Runs until cancelled (the server cancels it when the connection ends).
    ///
    /// - Parameter session: The connection, to publish ``ServerEvent``s to.
    func run(session: ServerSession) async

    /// Called, and awaited, before the server reads the connection's first message: whatever the
    /// service compares later changes against must be taken here, or a request answered before
    /// `run` gets going could already include a change the service would then never report.
    func prepare() async
}

extension ServerService {
    public func prepare() async {}
}
