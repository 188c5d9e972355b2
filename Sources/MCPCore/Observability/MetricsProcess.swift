/// One process's entry in the store's `metrics/` directory: who it is, whether it still runs,
/// and the values it recorded.
public struct MetricsProcess: Sendable, Hashable {
    /// Unique per process start: role, host, pid and random bits; also the file's name.
    public var id: String
    /// What the process is: `aios-mcp`, `worker` (aiosctl worker), `run` (aiosctl run).
    public var role: String
    public var host: String
    public var pid: Int32
    /// When the process started and last wrote its file, in Unix milliseconds.
    public var startedAt: Int64
    public var updatedAt: Int64
    /// Jobs its worker pool runs at once; 0 when it runs none.
    public var workerSlots: Int
    /// Set by the last write of a process that shut down cleanly.
    public var stopped: Bool
    public var metrics: MetricsSnapshot

    public init(
        id: String, role: String, host: String, pid: Int32, startedAt: Int64, updatedAt: Int64, workerSlots: Int,
        stopped: Bool = false, metrics: MetricsSnapshot = MetricsSnapshot()
    ) {
        self.id = id
        self.role = role
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.workerSlots = workerSlots
        self.stopped = stopped
        self.metrics = metrics
    }

    /// How long after its last write a process still counts as live: several missed writes.
    public static let heartbeatTimeoutMilliseconds: Int64 = 10_000
    /// After this long without a write, a process on another host is taken to be gone.
    static let remoteExpiryMilliseconds: Int64 = 86_400_000

    /// Whether the process runs now: not stopped, wrote recently, and (on this host) its pid exists.
    public func isLive(now: Int64) -> Bool {
        guard !stopped, now - updatedAt <= Self.heartbeatTimeoutMilliseconds else { return false }
        return host != ProcessIdentity.hostName || ProcessIdentity.isRunning(pid: pid)
    }

    /// Whether the process will never write again, so its values can be folded into the
    /// retired total: it stopped cleanly, or (on this host) its pid is gone, or it has been
    /// silent for a day.
    func hasEnded(now: Int64) -> Bool {
        if stopped { return true }
        if host == ProcessIdentity.hostName { return !ProcessIdentity.isRunning(pid: pid) }
        return now - updatedAt > Self.remoteExpiryMilliseconds
    }

    // MARK: - JSON

    static let formatVersion: Int64 = 1

    var json: JSONValue {
        [
            "format": .int(Self.formatVersion), "id": .string(id), "role": .string(role), "host": .string(host),
            "pid": .int(Int64(pid)), "started_at": .int(startedAt), "updated_at": .int(updatedAt),
            "worker_slots": .integer(workerSlots), "stopped": .bool(stopped), "metrics": metrics.json,
        ]
    }

    init?(json: JSONValue) {
        guard json["format"]?.intValue == Self.formatVersion, let id = json["id"]?.stringValue,
            let role = json["role"]?.stringValue, let host = json["host"]?.stringValue,
            let pid = json["pid"]?.intValue.flatMap({ Int32(exactly: $0) }),
            let startedAt = json["started_at"]?.intValue, let updatedAt = json["updated_at"]?.intValue,
            let slots = json["worker_slots"]?.intValue, let stopped = json["stopped"]?.boolValue
        else { return nil }
        self.init(
            id: id, role: role, host: host, pid: pid, startedAt: startedAt, updatedAt: updatedAt,
            workerSlots: Int(clamping: slots), stopped: stopped, metrics: MetricsSnapshot(json: json["metrics"] ?? .null))
    }
}
