import Dispatch
import Synchronization

/// Writes this process's metrics to the store's `metrics/` directory about once a second, and a
/// last time at shutdown; the file doubles as the process's heartbeat for `aiosctl health`.
///
/// Writing happens on a dispatch queue of its own (file I/O stays off Swift's cooperative pool)
/// and is never fsynced.
public final class MetricsReporter: Sendable {
    /// The values being reported.
    public let registry: MetricsRegistry
    /// This process's entry (without values): its id names the file.
    public let process: MetricsProcess
    private let directory: MetricsDirectory
    private let interval: Duration
    private let logger: Logger
    private let queue = DispatchQueue(label: "aios.metrics.reporter")
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
    public init(
        registry: MetricsRegistry, storeDirectory: String, role: String, workerSlots: Int,
        interval: Duration = .seconds(1), logger: Logger = .disabled
    ) {
        self.registry = registry
        self.directory = MetricsDirectory(storeDirectory: storeDirectory)
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
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async { [self] in
                defer { done.resume() }
                guard !state.withLock({ $0.finished }) else { return }
                var entry = process
                entry.updatedAt = Timestamp.nowMilliseconds()
                entry.stopped = stopped
                entry.metrics = registry.snapshot()
                let failure: StoreError?
                do throws(StoreError) {
                    try directory.write(entry)
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
                    logger.warning("cannot write metrics", ["error": .string(failure.description)])
                }
            }
        }
    }

    private static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
    }
}
