import AIOSSystem

/// How workers claim, run, retry and time out jobs; the defaults follow SPEC §4.
public struct WorkerOptions: Sendable {
    /// Jobs run at once by a pool (`AIOS_WORKERS`, default 5).
    public var concurrency: Int = 5
    /// A claim lasts this long without a heartbeat; a dead worker's job is reclaimed after it.
    public var leaseDuration: Duration = .seconds(30)
    /// How often a running job's lease is renewed.
    public var heartbeatInterval: Duration = .seconds(10)
    /// How often a running job is checked for a cancel from another process.
    public var cancelCheckInterval: Duration = .milliseconds(500)
    /// Attempts per phase, the first included (default 3).
    public var maxAttempts: Int = 3
    /// The first retry waits up to this long; each further one doubles it (full jitter).
    public var backoffBase: Duration = .seconds(1)
    /// The longest wait between attempts.
    public var backoffCap: Duration = .seconds(60)
    /// Time allowed for one attempt of one phase.
    public var phaseTimeout: Duration = .seconds(300)
    /// Time allowed for a whole job, from its first claim (kept across reclaims).
    public var jobTimeout: Duration = .seconds(1800)
    /// On a graceful stop, how long running phases may take to finish before their jobs are
    /// released anyway (kept short: `aios-mcp` and `aiosctl worker` exit within 5 s).
    public var shutdownGrace: Duration = .seconds(2)
    /// How often an idle worker looks for claimable jobs.
    public var pollInterval: Duration = .milliseconds(200)
    /// Prefix of worker identifiers recorded in leases; defaults to `host:pid`.
    public var name: String = WorkerOptions.defaultName()

    public init() {}

    /// `hostname:pid`, which tells an operator which process holds a job.
    public static func defaultName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count - 1) == 0
            ? String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        return "\(host):\(getpid())"
    }

    /// The wait before retrying after `failures` failed attempts: uniformly random between
    /// zero and `min(cap, base · 2^(failures-1))` ("full jitter"), so that many jobs failing
    /// together do not retry together.
    ///
    /// - Parameters:
    ///   - failures: Failed attempts so far (1 for the first retry).
    ///   - fraction: A random number in 0...1.
    /// - Returns: The wait in milliseconds.
    public func backoffMilliseconds(failures: Int, fraction: Double) -> Int64 {
        let base = Double(backoffBase.wholeMilliseconds)
        let ceiling = min(Double(backoffCap.wholeMilliseconds), base * Double(1 << min(max(failures - 1, 0), 30)))
        return Int64((ceiling * min(max(fraction, 0), 1)).rounded())
    }
}
