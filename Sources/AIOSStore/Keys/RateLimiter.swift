import Synchronization

/// Per-key rate limits shared by every process using the store: a sliding minute window and a
/// sliding day window, each exact (never more than the limit in any window of that length).
///
/// State lives in `ratelimits/<key id>-<per minute>-<per day>` under the store directory (see
/// `RateLimitFile`), mapped into memory and changed under the file's `flock`, so a call costs a
/// lock, a few memory reads and writes, and an unlock. It is never fsynced: it records no
/// acknowledged fact, a process crash loses nothing (the pages are the kernel's), and a machine
/// crash can at worst forget the last moments of counting, letting a key make a few extra calls.
final class RateLimiter: Sendable {
    /// The store directory.
    public let directory: String
    let clock: any JobClock
    private let files = Mutex<[String: RateLimitFile]>([:])

    static let directoryName = "ratelimits"

    /// - Parameters:
    ///   - directory: The store directory; `ratelimits/` is created in it (0700) on first use.
    ///   - clock: The time source (injected in tests).
    public init(directory: String, clock: any JobClock = SystemJobClock()) {
        self.directory = directory
        self.clock = clock
    }

    /// Admits one call of key `keyID` now if both of its windows have room, and counts it.
    ///
    /// - Parameters:
    ///   - keyID: The key's id.
    ///   - limits: The key's limits.
    /// - Returns: The decision, with what is left in each window. A refused call is not counted.
    /// - Throws: `StoreError` when the state file cannot be created, mapped or locked.
    public func admit(keyID: String, limits: RateLimits) throws(StoreError) -> RateLimitDecision {
        let now = clock.nowMilliseconds()
        let path = Self.path(directory: directory, keyID: keyID, limits: limits)
        return try files.withLock { (files: inout [String: RateLimitFile]) throws(StoreError) -> RateLimitDecision in
            if let file = files[path] { return try file.admit(now: now) }
            let folder = directory + "/" + Self.directoryName
            // Once per key and process: the home's owner and mode, and ratelimits/ not a link.
            try StoreFileSystem.createDirectory(directory)
            try StoreFileSystem.createPrivateDirectory(folder, parent: directory)
            let file = try RateLimitFile(path: path, limits: limits)
            files[path] = file
            return try file.admit(now: now)
        }
    }

    /// When a key last made an admitted call, from the shared state (no call counted).
    ///
    /// - Returns: Unix ms, or `nil` when it never did.
    /// - Throws: `StoreError` when the state exists but cannot be read.
    public static func lastUsed(directory: String, keyID: String, limits: RateLimits) throws(StoreError) -> Int64? {
        guard try StoreFileSystem.checkOwnDirectory(directory + "/" + directoryName) else { return nil }
        return try RateLimitFile.lastUsed(path: path(directory: directory, keyID: keyID, limits: limits))
    }

    /// When a key last made an admitted call in this store (no call counted).
    ///
    /// - Returns: Unix ms, or `nil` when it never did.
    /// - Throws: `StoreError` when the state exists but cannot be read.
    public func lastUsed(keyID: String, limits: RateLimits) throws(StoreError) -> Int64? {
        try Self.lastUsed(directory: directory, keyID: keyID, limits: limits)
    }

    static func path(directory: String, keyID: String, limits: RateLimits) -> String {
        "\(directory)/\(directoryName)/\(keyID)-\(limits.perMinute)-\(limits.perDay)"
    }
}
