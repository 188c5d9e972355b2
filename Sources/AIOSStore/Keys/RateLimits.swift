/// A key's rate limits: calls per minute and per day, each over a sliding window.
public struct RateLimits: Sendable, Hashable {
    public var perMinute: Int
    public var perDay: Int

    /// The product defaults: 60 a minute, 10 000 a day.
    public static let defaults = RateLimits(perMinute: 60, perDay: 10_000)
    /// The largest per-minute limit (the limiter keeps one timestamp per allowed call).
    public static let maxPerMinute = 100_000
    /// The largest per-day limit.
    public static let maxPerDay = 1_000_000

    public init(perMinute: Int, perDay: Int) {
        self.perMinute = perMinute
        self.perDay = perDay
    }

    /// Checks that both limits are between 1 and their maximum.
    ///
    /// - Throws: ``AIOSError`` `.invalidInput` naming the offending limit.
    public func validate() throws(AIOSError) {
        guard (1...Self.maxPerMinute).contains(perMinute) else {
            throw AIOSError(.invalidInput, "the per-minute limit must be from 1 to \(Self.maxPerMinute), not \(perMinute)")
        }
        guard (1...Self.maxPerDay).contains(perDay) else {
            throw AIOSError(.invalidInput, "the per-day limit must be from 1 to \(Self.maxPerDay), not \(perDay)")
        }
    }

    var json: JSONValue { ["per_minute": .integer(perMinute), "per_day": .integer(perDay)] }
}
