/// Tunables of a `JobStore`; the defaults suit production.
public struct JobStoreOptions: Sendable {
    /// How many times a job may be reclaimed from a dead worker before it fails. Default 2:
    /// one crash of a worker (or a machine) is routine, a job that kills its worker three
    /// times is most likely the cause.
    public var maxStalls: Int
    /// Compact once the journal grows past this many bytes (or past the snapshot's size,
    /// whichever is larger, so compaction costs stay linear in the work done). Default 8 MiB.
    public var compactionThresholdBytes: Int64
    /// How often `waitForChange` looks at the journal. Default 50 ms.
    public var changePollInterval: Duration
    /// Whether `JobStore.open` loads every job at once (the default, for servers and workers,
    /// and so that a damaged store fails to open). When `false`, the state is loaded when first
    /// needed, and until then `job(_:)` and `artifact(_:phase:)` read only the job asked for,
    /// at a cost that hardly grows with the store: for a command that reads one job and exits.
    public var loadsOnOpen: Bool

    public init(
        maxStalls: Int = 2, compactionThresholdBytes: Int64 = 8 << 20, changePollInterval: Duration = .milliseconds(50),
        loadsOnOpen: Bool = true
    ) {
        self.maxStalls = maxStalls
        self.compactionThresholdBytes = compactionThresholdBytes
        self.changePollInterval = changePollInterval
        self.loadsOnOpen = loadsOnOpen
    }
}
