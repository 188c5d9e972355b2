import Dispatch

/// Where processes report their metrics (and heartbeat) and where `aiosctl health` and
/// `aiosctl metrics` sum them: the store directory's `metrics/` for the file store
/// (``FileMetricsSink``), the `aios_metrics` table for PostgreSQL (``PostgresMetricsSink``), so
/// every machine on a shared database sees the others' workers.
public protocol MetricsSink: Sendable {
    /// Replaces the process's entry with its current values.
    func write(_ process: MetricsProcess) async throws
    /// Sums every process's entry, folding ended processes into the retired sum (once) and
    /// removing them. Entries that cannot be read are listed in `unreadable`, not summed.
    /// - Parameter now: The current time, Unix milliseconds.
    func collect(now: Int64) async throws -> MetricsCollection
}

/// The sink of a store, chosen by its backend.
public enum StoreMetricsSink {
    public static func make(_ configuration: StoreConfiguration) -> any MetricsSink {
        switch configuration.backend {
        case .file: FileMetricsSink(storeDirectory: configuration.directory)
        case .postgres(let url): PostgresMetricsSink(url: url)
        }
    }
}

/// ``MetricsDirectory`` as a sink: its blocking file calls run on a serial dispatch queue of
/// their own, off Swift's cooperative pool and in the order they were made.
public struct FileMetricsSink: MetricsSink {
    let directory: MetricsDirectory
    private let queue = DispatchQueue(label: "aios.metrics.directory")

    public init(storeDirectory: String) {
        directory = MetricsDirectory(storeDirectory: storeDirectory)
    }

    public func write(_ process: MetricsProcess) async throws {
        try await onQueue { () throws(StoreError) in try directory.write(process) }
    }

    public func collect(now: Int64) async throws -> MetricsCollection {
        try await onQueue { () throws(StoreError) in try directory.collect(now: now) }
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws(StoreError) -> T) async throws(StoreError) -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { () throws(StoreError) in try body() }) }
        }
        return try result.get()
    }
}
