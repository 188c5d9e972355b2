/// The time source of the job store and its workers: leases, backoff, timeouts and the
/// timestamps recorded in the journal all read it, so tests can move time by hand.
public protocol JobClock: Sendable {
    /// Wall-clock time now, in milliseconds since the Unix epoch.
    func nowMilliseconds() -> Int64

    /// Suspends the caller until this clock reads `deadline` or later.
    ///
    /// Waiting for an absolute time (rather than a duration) means a wait computed before some
    /// work still ends at the intended moment however long the work took.
    /// - Parameter deadline: Unix milliseconds; a past deadline returns at once.
    /// - Throws: `CancellationError` when the calling task is cancelled while waiting.
    func sleep(untilMilliseconds deadline: Int64) async throws
}

extension JobClock {
    /// Suspends the caller for `duration` of this clock's time.
    ///
    /// - Parameter duration: How long to wait; zero or negative returns at once.
    /// - Throws: `CancellationError` when the calling task is cancelled while waiting.
    public func sleep(for duration: Duration) async throws {
        try await sleep(untilMilliseconds: nowMilliseconds() + duration.wholeMilliseconds)
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    package var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
