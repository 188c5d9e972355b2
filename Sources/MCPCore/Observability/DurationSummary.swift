/// Count and percentiles of a set of durations (nearest-rank percentiles).
public struct DurationSummary: Sendable, Hashable {
    public var count: Int
    /// Milliseconds; `nil` when there are no values.
    public var p50: Int64?
    public var p95: Int64?
    public var p99: Int64?
    public var max: Int64?
    public var mean: Double?

    /// Summarises durations in milliseconds.
    public init(milliseconds values: [Int64]) {
        let sorted = values.sorted()
        count = sorted.count
        p50 = Self.percentile(50, of: sorted)
        p95 = Self.percentile(95, of: sorted)
        p99 = Self.percentile(99, of: sorted)
        max = sorted.last
        mean = sorted.isEmpty ? nil : Double(sorted.reduce(0, +)) / Double(sorted.count)
    }

    /// The nearest-rank percentile: the smallest value with at least `p`% of values at or below it.
    ///
    /// - Parameters:
    ///   - p: 0 < p ≤ 100.
    ///   - sorted: Values in ascending order.
    /// - Returns: The value, or `nil` for no values.
    public static func percentile(_ p: Double, of sorted: [Int64]) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(1, Swift.min(sorted.count, rank)) - 1]
    }

    var json: JSONValue {
        [
            "count": .integer(count), "p50_ms": p50.map { .int($0) } ?? .null, "p95_ms": p95.map { .int($0) } ?? .null,
            "p99_ms": p99.map { .int($0) } ?? .null, "max_ms": max.map { .int($0) } ?? .null,
            "mean_ms": mean.map { .double(($0 * 10).rounded() / 10) } ?? .null,
        ]
    }
}
