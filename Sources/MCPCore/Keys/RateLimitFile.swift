import AIOSSystem

/// One key's rate-limit state: a small file in `ratelimits/`, mapped shared into every process
/// that uses the key and changed only under its `flock`.
///
/// Each window (minute, day) is a ring of the timestamps of the last L admitted calls, L being
/// the window's limit. A call is admitted when the oldest of them has left the window (fewer
/// than L calls in the last T milliseconds): an exact sliding window, O(1) to decide, with
/// `remaining` found by binary search (timestamps are written in non-decreasing order).
///
/// Layout (little-endian): magic `AIOSRATE`, version u32, 4 zero bytes, per-minute u32,
/// per-day u32, last admitted timestamp i64, last used i64, minute head u32, day head u32,
/// 16 zero bytes (64 bytes in all); then the minute ring (per-minute × i64) and the day ring
/// (per-day × i64). The limits are part of the file's name, so its size never changes.
///
/// Not thread-safe: `RateLimiter` guards its files with a mutex.
final class RateLimitFile {
    static let magic: [UInt8] = Array("AIOSRATE".utf8)
    static let version: UInt32 = 1
    static let headerSize = 64
    static let minuteMilliseconds: Int64 = 60_000
    static let dayMilliseconds: Int64 = 86_400_000

    private static let lastAdmittedOffset = 24
    static let lastUsedOffset = 32
    private static let minuteHeadOffset = 40
    private static let dayHeadOffset = 44

    let path: String
    let limits: RateLimits
    private let file: StoreFile
    private let base: UnsafeMutableRawPointer
    private let size: Int

    static func size(for limits: RateLimits) -> Int { headerSize + 8 * (limits.perMinute + limits.perDay) }

    /// Opens (creating and initializing under the lock when new) and maps the file.
    ///
    /// - Throws: `StoreError` when the file cannot be created, sized or mapped, or has a size
    ///   that does not match its limits (it can be deleted: the key then starts a fresh window).
    init(path: String, limits: RateLimits) throws(StoreError) {
        let expected = Self.size(for: limits)
        let file = try StoreFile(path: path, flags: O_RDWR, create: true)
        try file.lock(LOCK_EX)
        defer { try? file.lock(LOCK_UN) }
        var size = try file.size
        if size == 0 {
            // Allocated, not sparse: a full disk fails here rather than as SIGBUS on a mapped write.
            let failure = posix_fallocate(file.descriptor, 0, off_t(expected))
            guard failure == 0 else { throw .system("fallocate", path: path, errno: failure) }
            size = Int64(expected)
        }
        guard size == Int64(expected) else {
            throw StoreError(.corrupt, "rate-limit state has \(size) bytes, expected \(expected); delete it to reset", path: path)
        }
        let header = try file.read(at: 0, count: 8)
        if header != Self.magic {
            guard header.allSatisfy({ $0 == 0 }) else {
                throw StoreError(.corrupt, "not an aios rate-limit file; delete it to reset", path: path, offset: 0)
            }
            // New (or a creation that crashed before its header): the rings are zeros, i.e. empty.
            var bytes = Self.magic
            JournalFormat.appendLittleEndian(Self.version, to: &bytes)
            JournalFormat.appendLittleEndian(UInt32(0), to: &bytes)
            JournalFormat.appendLittleEndian(UInt32(limits.perMinute), to: &bytes)
            JournalFormat.appendLittleEndian(UInt32(limits.perDay), to: &bytes)
            let written = bytes.withUnsafeBytes { pwrite(file.descriptor, $0.baseAddress, $0.count, 0) }
            guard written == bytes.count else { throw .system("write", path: path) }
        }
        guard let mapped = mmap(nil, expected, PROT_READ | PROT_WRITE, MAP_SHARED, file.descriptor, 0),
            mapped != UnsafeMutableRawPointer(bitPattern: -1)
        else {
            throw .system("mmap", path: path)
        }
        self.path = path
        self.limits = limits
        self.file = file
        self.base = mapped
        self.size = expected
    }

    deinit { munmap(base, size) }

    /// Admits one call at `now` if both windows have room, recording it in both.
    ///
    /// - Throws: `StoreError` when the lock cannot be taken.
    func admit(now: Int64) throws(StoreError) -> RateLimitDecision {
        try file.lock(LOCK_EX)
        defer { try? file.lock(LOCK_UN) }
        // Timestamps never go backwards in the rings, even if clocks of processes differ a little
        // or the wall clock steps back: binary search relies on their order.
        let t = max(now, load(Self.lastAdmittedOffset))
        let minute = ring(head: Self.minuteHeadOffset, start: Self.headerSize, count: limits.perMinute, span: Self.minuteMilliseconds, name: "minute")
        let day = ring(head: Self.dayHeadOffset, start: Self.headerSize + 8 * limits.perMinute, count: limits.perDay, span: Self.dayMilliseconds, name: "day")
        let waits = [minute, day].map { $0.wait(at: t) }
        if waits.allSatisfy({ $0 == 0 }) {
            minute.record(t)
            day.record(t)
            store(t, at: Self.lastAdmittedOffset)
            store(now, at: Self.lastUsedOffset)
            return RateLimitDecision(admitted: true, windows: [minute.window(at: t), day.window(at: t)], retryAfterMilliseconds: 0)
        }
        return RateLimitDecision(
            admitted: false, windows: [minute.window(at: t), day.window(at: t)], retryAfterMilliseconds: waits.max() ?? 0)
    }

    private func ring(head: Int, start: Int, count: Int, span: Int64, name: String) -> Ring {
        Ring(base: base, headOffset: head, start: start, count: count, span: span, name: name)
    }

    private func load(_ offset: Int) -> Int64 { Int64(littleEndian: base.load(fromByteOffset: offset, as: Int64.self)) }
    private func store(_ value: Int64, at offset: Int) { base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: Int64.self) }

    /// The timestamps of one window's last `count` admitted calls, oldest at `head`.
    private struct Ring {
        let base: UnsafeMutableRawPointer
        let headOffset: Int
        let start: Int
        let count: Int
        let span: Int64
        let name: String

        var head: Int { Int(UInt32(littleEndian: base.load(fromByteOffset: headOffset, as: UInt32.self))) % count }

        /// The timestamp `index` places after the oldest (0 = oldest, count - 1 = newest).
        func timestamp(_ index: Int) -> Int64 {
            Int64(littleEndian: base.load(fromByteOffset: start + 8 * ((head + index) % count), as: Int64.self))
        }

        /// 0 when a call at `t` fits; otherwise milliseconds until it would.
        func wait(at t: Int64) -> Int64 { max(0, timestamp(0) + span - t) }

        func record(_ t: Int64) {
            let slot = head
            base.storeBytes(of: t.littleEndian, toByteOffset: start + 8 * slot, as: Int64.self)
            base.storeBytes(of: UInt32((slot + 1) % count).littleEndian, toByteOffset: headOffset, as: UInt32.self)
        }

        /// The first index whose call is still inside the window at `t`.
        func firstInside(at t: Int64) -> Int {
            var low = 0, high = count
            while low < high {
                let middle = (low + high) / 2
                if timestamp(middle) + span > t { high = middle } else { low = middle + 1 }
            }
            return low
        }

        func window(at t: Int64) -> RateLimitDecision.Window {
            let first = firstInside(at: t)
            let reset = first < count ? timestamp(first) + span - t : 0
            return RateLimitDecision.Window(name: name, limit: count, remaining: first, resetMilliseconds: reset)
        }
    }

    /// Reads the last-used time of the file at `path` without mapping it.
    ///
    /// - Returns: Unix ms, or `nil` when the file does not exist or no call was admitted.
    static func lastUsed(path: String) throws(StoreError) -> Int64? {
        guard let file = try StoreFile.openIfExists(path: path) else { return nil }
        try file.lock(LOCK_SH)
        defer { try? file.lock(LOCK_UN) }
        let bytes = try file.read(at: Int64(lastUsedOffset), count: 8)
        guard bytes.count == 8 else { return nil }
        let value = bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
        return value > 0 ? value : nil
    }
}
