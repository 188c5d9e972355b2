/// The time source of the job store and its workers: leases, backoff, timeouts and the
/// timestamps recorded in the journal all read it, so tests can move time by hand.
public protocol JobClock: Sendable {
    /// Wall-clock time now, in milliseconds since the Unix epoch.
    func nowMilliseconds() -> Int64

    /// Suspends the caller for `duration` of this clock's time.
    ///
    /// - Parameter duration: How long to wait; zero or negative returns at once.
    /// - Throws: `CancellationError` when the calling task is cancelled while waiting.
    func sleep(for duration: Duration) async throws
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
