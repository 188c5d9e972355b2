import Synchronization

/// Writes this process's metrics to its store's ``MetricsSink`` (the `metrics/` directory, or the
/// `aios_metrics` table of a PostgreSQL store) about once a second, and a last time at shutdown;
/// the entry doubles as the process's heartbeat for `aiosctl health`.
///
/// Writes are made one at a time, in order, and never fsynced.
public final class MetricsReporter: Sendable {
    /// The values being reported.
    public let registry: MetricsRegistry
    /// This process's entry (without values): its id names the file.
    public let process: MetricsProcess
    private let sink: any MetricsSink
    private let interval: Duration
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var finished = false
        var failing = false
    }

    /// - Parameters:
    ///   - registry: The process's counters.
    ///   - storeDirectory: The store directory; files go to its `metrics/` subdirectory.
    ///   - role: `aios-mcp`, `worker` or `run`.
    ///   - workerSlots: Jobs the process's worker pool runs at once (0 for none).
    ///   - interval: Time between writes.
    ///   - logger: Where a failing write is reported (once until writes succeed again).
    public convenience init(
        registry: MetricsRegistry, storeDirectory: String, role: String, workerSlots: Int,
        interval: Duration = .seconds(1), logger: Logger = .disabled
    ) {
        self.init(
            registry: registry, sink: FileMetricsSink(storeDirectory: storeDirectory), role: role, workerSlots: workerSlots,
            interval: interval, logger: logger)
    }

    /// Reports to `store`'s sink (``StoreMetricsSink``).
    public convenience init(
        registry: MetricsRegistry, store: StoreConfiguration, role: String, workerSlots: Int,
        interval: Duration = .seconds(1), logger: Logger = .disabled
    ) {
        self.init(
            registry: registry, sink: StoreMetricsSink.make(store), role: role, workerSlots: workerSlots,
            interval: interval, logger: logger)
    }

    /// - Parameter sink: Where the entries go.
    public init(
        registry: MetricsRegistry, sink: any MetricsSink, role: String, workerSlots: Int,
        interval: Duration = .seconds(1), logger: Logger = .disabled
    ) {
        self.registry = registry
        self.sink = sink
        self.interval = interval
        self.logger = logger
        let now = Timestamp.nowMilliseconds()
        let host = ProcessIdentity.hostName
        let pid = ProcessIdentity.pid
        let id = Self.fileSafe("\(role)-\(host)-\(pid)-\(Hex.encode(SecureRandom.bytes(4)))")
        process = MetricsProcess(
            id: id, role: role, host: host, pid: pid, startedAt: now, updatedAt: now, workerSlots: workerSlots)
    }

    /// Writes the file now and then every interval until the calling task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            await write(stopped: false)
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    /// Writes the final values, marked stopped; later writes are ignored. Call once the work
    /// whose counts matter (the worker pool, the server) has ended.
    public func finish() async {
        await write(stopped: true)
    }

    private func write(stopped: Bool) async {
        guard !state.withLock({ $0.finished }) else { return }
        var entry = process
        entry.updatedAt = Timestamp.nowMilliseconds()
        entry.stopped = stopped
        entry.metrics = registry.snapshot()
        let failure: (any Error)?
        do {
            try await sink.write(entry)
            failure = nil
        } catch {
            failure = error
        }
        let report = state.withLock { state -> Bool in
            if stopped { state.finished = true }
            defer { state.failing = failure != nil }
            return failure != nil && !state.failing
        }
        if report, let failure {
            logger.warning("cannot write metrics", ["error": .string(String(describing: failure))])
        }
    }

    private static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
    }
}
