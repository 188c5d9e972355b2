import AIOSSystem

/// This host's name and process checks, to tell a live aios process from a dead one.
public enum ProcessIdentity {
    /// The host name, as worker identifiers record it (`host:pid:wN`).
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "host" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// This process's id.
    public static var pid: Int32 { getpid() }

    /// Whether a process with this id exists on this host (it may belong to someone else).
    public static func isRunning(pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return true }
        return errno == EPERM
    }

    /// The host and process id in a worker identifier written by `WorkerOptions.defaultName()`
    /// plus a worker suffix (`host:pid:w3`, `host:pid:inline`); `nil` for other forms.
    public static func parseWorker(_ holder: String) -> (host: String, pid: Int32)? {
        let parts = holder.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { return nil }
        return (parts[0..<(parts.count - 2)].joined(separator: ":"), pid)
    }

    /// Whether the process behind a worker identifier is known to be gone: it names this host
    /// and its process id no longer runs. Other hosts' workers are never declared dead here.
    public static func workerIsGone(_ holder: String) -> Bool {
        guard let (host, pid) = parseWorker(holder), host == hostName else { return false }
        return !isRunning(pid: pid)
    }
}
