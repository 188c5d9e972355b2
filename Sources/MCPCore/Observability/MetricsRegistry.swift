import Synchronization

/// This process's counters and histograms, kept in memory.
///
/// Recording takes a lock for a dictionary update and never touches the disk, so it suits hot
/// paths (tool calls at tens of thousands per second). A ``MetricsReporter`` writes the values
/// to the store's `metrics/` directory about once a second, where `aiosctl metrics` sums every
/// process's file.
public final class MetricsRegistry: Sendable {
    private let state = Mutex(MetricsSnapshot())

    public init() {}

    /// Adds `amount` to a counter series.
    ///
    /// - Parameters:
    ///   - family: A counter family, e.g. ``MetricFamily/toolCalls``.
    ///   - labels: The series' label values.
    ///   - amount: How much to add (≥ 0).
    public func increment(_ family: MetricFamily, _ labels: KeyValuePairs<String, String> = [:], by amount: Int64 = 1) {
        let series = MetricSeries(family.name, labels)
        state.withLock { $0.counters[series, default: 0] &+= max(0, amount) }
    }

    /// Records one observation in a histogram series (non-finite values are ignored).
    ///
    /// - Parameters:
    ///   - family: A histogram family, whose buckets are used.
    ///   - labels: The series' label values.
    ///   - value: The observed value, in the family's unit (seconds for durations).
    public func observe(_ family: MetricFamily, _ labels: KeyValuePairs<String, String> = [:], _ value: Double) {
        let series = MetricSeries(family.name, labels)
        state.withLock { $0.histograms[series, default: HistogramValue(bounds: family.buckets)].observe(value) }
    }

    /// The values recorded so far.
    public func snapshot() -> MetricsSnapshot { state.withLock { $0 } }
}
