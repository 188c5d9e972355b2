/// What the store's `metrics/` directory holds, summed: the monotonic totals over every process
/// that ever reported, and the processes that run now.
public struct MetricsCollection: Sendable {
    /// Counters and histograms summed over every process, running or ended.
    public var totals = MetricsSnapshot()
    /// Processes that run now (see ``MetricsProcess/isLive(now:)``).
    public var live: [MetricsProcess] = []
    /// Files that could not be read or parsed; their values are missing from `totals`.
    public var unreadable: [String] = []

    public init() {}

    /// Live processes that run a worker pool.
    public var liveWorkerProcesses: [MetricsProcess] { live.filter { $0.workerSlots > 0 } }
}
