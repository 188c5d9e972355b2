import AIOSSystem

/// The real clock: `CLOCK_REALTIME` for timestamps and `Task.sleep` for waiting.
public struct SystemJobClock: JobClock {
    public init() {}

    public func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    public func sleep(untilMilliseconds deadline: Int64) async throws {
        let remaining = deadline - nowMilliseconds()
        guard remaining > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(for: .milliseconds(remaining))
    }
}
