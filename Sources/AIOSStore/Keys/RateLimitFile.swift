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

    static let lastAdmittedOffset = 24
    static let lastUsedOffset = 32
    static let minuteHeadOffset = 40
    static let dayHeadOffset = 44

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
            let failure = SystemCalls.allocate(file.descriptor, size: expected)
            guard failure == 0 else { throw .system("fallocate", path: path, errno: failure) }
            size = Int64(expected)
        }
        guard size == Int64(expected) else {
            throw StoreError(.corrupt, "rate-limit state has \(size) bytes, expected \(expected); delete it to reset", path: path)
        }
        let header = try file.read(at: 0, count: Self.headerSize)
        if Array(header.prefix(8)) != Self.magic {
            guard header.prefix(8).allSatisfy({ $0 == 0 }) else {
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
        } else if let problem = header.withUnsafeBytes({ Self.headerProblem($0, limits: limits) }) {
            throw StoreError(.corrupt, "\(problem.message); delete it to reset", path: path, offset: problem.offset)
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
    /// - Throws: `StoreError` when the lock cannot be taken, or `.corrupt` when a time it reads
    ///   is out of range (any process could write the file: its values are input).
    func admit(now: Int64) throws(StoreError) -> RateLimitDecision {
        try file.lock(LOCK_EX)
        defer { try? file.lock(LOCK_UN) }
        let latest = Self.latestPlausible(now: now)
        let lastAdmitted = try checked(load(Self.lastAdmittedOffset), at: Self.lastAdmittedOffset, latest: latest)
        // Timestamps never go backwards in the rings, even if clocks of processes differ a little
        // or the wall clock steps back: binary search relies on their order.
        let t = max(now, lastAdmitted)
        let minute = ring(head: Self.minuteHeadOffset, start: Self.headerSize, count: limits.perMinute, span: Self.minuteMilliseconds, name: "minute", latest: latest)
        let day = ring(head: Self.dayHeadOffset, start: Self.headerSize + 8 * limits.perMinute, count: limits.perDay, span: Self.dayMilliseconds, name: "day", latest: latest)
        let waits = [try minute.wait(at: t), try day.wait(at: t)]
        if waits.allSatisfy({ $0 == 0 }) {
            minute.record(t)
            day.record(t)
            store(t, at: Self.lastAdmittedOffset)
            store(now, at: Self.lastUsedOffset)
            return RateLimitDecision(admitted: true, windows: [try minute.window(at: t), try day.window(at: t)], retryAfterMilliseconds: 0)
        }
        return RateLimitDecision(
            admitted: false, windows: [try minute.window(at: t), try day.window(at: t)], retryAfterMilliseconds: waits.max() ?? 0)
    }

    private func ring(head: Int, start: Int, count: Int, span: Int64, name: String, latest: Int64) -> Ring {
        Ring(base: base, headOffset: head, start: start, count: count, span: span, name: name, path: path, latest: latest)
    }

    /// The latest time a file may hold: a day past `now` allows for clocks of processes that
    /// differ, never for an overflow when a window's length is added.
    static func latestPlausible(now: Int64) -> Int64 { min(max(now, 0), latestTime) + dayMilliseconds }

    /// 9999-12-31T23:59:59.999Z: no time read from a file is later.
    static let latestTime: Int64 = 253_402_300_799_999

    private func checked(_ value: Int64, at offset: Int, latest: Int64) throws(StoreError) -> Int64 {
        try Self.checked(value, at: offset, latest: latest, path: path)
    }

    static func checked(_ value: Int64, at offset: Int, latest: Int64, path: String) throws(StoreError) -> Int64 {
        guard value >= 0, value <= latest else {
            throw StoreError(
                .corrupt, "rate-limit state holds an impossible time \(value) (beyond \(latest)); delete it to reset",
                path: path, offset: Int64(offset))
        }
        return value
    }

    /// What is wrong with a rate-limit file's 64-byte header (magic already checked), or `nil`.
    static func headerProblem(_ header: UnsafeRawBufferPointer, limits: RateLimits) -> (message: String, offset: Int64)? {
        func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: header.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        let found = u32(8)
        guard found == version else { return ("rate-limit state of format \(found), expected \(version)", 8) }
        guard u32(12) == 0 else { return ("rate-limit state has non-zero reserved bytes", 12) }
        guard Int(u32(16)) == limits.perMinute, Int(u32(20)) == limits.perDay else {
            return ("rate-limit state is for limits \(u32(16))/min, \(u32(20))/day, its name says \(limits.perMinute)/min, \(limits.perDay)/day", 16)
        }
        guard Int(u32(minuteHeadOffset)) < limits.perMinute, Int(u32(dayHeadOffset)) < limits.perDay else {
            return ("rate-limit state has a ring position beyond its ring", Int64(minuteHeadOffset))
        }
        guard (48..<64).allSatisfy({ header[$0] == 0 }) else { return ("rate-limit state has non-zero reserved bytes", 48) }
        return nil
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
        let path: String
        /// The latest plausible time (see `latestPlausible(now:)`): every time read is checked.
        let latest: Int64

        var head: Int { Int(UInt32(littleEndian: base.load(fromByteOffset: headOffset, as: UInt32.self))) % count }

        /// The timestamp `index` places after the oldest (0 = oldest, count - 1 = newest).
        func timestamp(_ index: Int) throws(StoreError) -> Int64 {
            let offset = start + 8 * ((head + index) % count)
            return try RateLimitFile.checked(
                Int64(littleEndian: base.load(fromByteOffset: offset, as: Int64.self)), at: offset, latest: latest, path: path)
        }

        /// 0 when a call at `t` fits; otherwise milliseconds until it would.
        func wait(at t: Int64) throws(StoreError) -> Int64 { max(0, try timestamp(0) + span - t) }

        func record(_ t: Int64) {
            let slot = head
            base.storeBytes(of: t.littleEndian, toByteOffset: start + 8 * slot, as: Int64.self)
            base.storeBytes(of: UInt32((slot + 1) % count).littleEndian, toByteOffset: headOffset, as: UInt32.self)
        }

        /// The first index whose call is still inside the window at `t`.
        func firstInside(at t: Int64) throws(StoreError) -> Int {
            var low = 0, high = count
            while low < high {
                let middle = (low + high) / 2
                if try timestamp(middle) + span > t { high = middle } else { low = middle + 1 }
            }
            return low
        }

        func window(at t: Int64) throws(StoreError) -> RateLimitDecision.Window {
            let first = try firstInside(at: t)
            let reset = first < count ? try timestamp(first) + span - t : 0
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
        return try checked(value, at: lastUsedOffset, latest: latestTime, path: path) > 0 ? value : nil
    }

    /// `store verify` for `ratelimits/`: every file's name, size, header, and every time in it
    /// in range. Read under each file's shared lock.
    static func verify(directory: String, now: Int64) -> [StoreVerifyReport.Problem] {
        let folder = directory + "/" + RateLimiter.directoryName
        let names: [String]
        do throws(StoreError) { names = try StoreFileSystem.list(folder) } catch {
            return [.init(severity: .damage, message: error.message, path: folder, offset: nil)]
        }
        var problems: [StoreVerifyReport.Problem] = []
        for name in names.sorted() {
            let path = folder + "/" + name
            do throws(StoreError) {
                try verifyFile(path: path, name: name, now: now)
            } catch {
                problems.append(.init(severity: .damage, message: error.message, path: path, offset: error.offset))
            }
        }
        return problems
    }

    private static func verifyFile(path: String, name: String, now: Int64) throws(StoreError) {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let perDay = Int(parts[parts.count - 1]), let perMinute = Int(parts[parts.count - 2]),
            (1...RateLimits.maxPerMinute).contains(perMinute), (1...RateLimits.maxPerDay).contains(perDay)
        else {
            throw StoreError(.corrupt, "not a rate-limit state name (<key id>-<per minute>-<per day>)", path: path)
        }
        let limits = RateLimits(perMinute: perMinute, perDay: perDay)
        guard let file = try StoreFile.openIfExists(path: path, flags: O_RDONLY | O_NOFOLLOW) else { return }
        try file.lock(LOCK_SH)
        defer { try? file.lock(LOCK_UN) }
        let bytes = try file.readAll()
        // Empty: created, not yet sized (a crash in between); the next use sizes it.
        if bytes.isEmpty { return }
        guard bytes.count == size(for: limits) else {
            throw StoreError(.corrupt, "rate-limit state has \(bytes.count) bytes, expected \(size(for: limits)); delete it to reset", path: path)
        }
        // All zeros: created, not yet initialized (a crash in between); the next use does it.
        if bytes.allSatisfy({ $0 == 0 }) { return }
        guard Array(bytes.prefix(8)) == magic else {
            throw StoreError(.corrupt, "not an aios rate-limit file; delete it to reset", path: path, offset: 0)
        }
        let latest = latestPlausible(now: now)
        let outcome = bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in Result { () throws(StoreError) in
            if let problem = headerProblem(raw, limits: limits) {
                throw StoreError(.corrupt, "\(problem.message); delete it to reset", path: path, offset: problem.offset)
            }
            func value(_ offset: Int) throws(StoreError) -> Int64 {
                try checked(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)), at: offset, latest: latest, path: path)
            }
            _ = try value(lastAdmittedOffset)
            _ = try value(lastUsedOffset)
            // Each ring slot in range. Their order is not checked: a process killed between
            // writing a slot and moving its ring's head leaves them out of order, harmlessly.
            for offset in stride(from: headerSize, to: raw.count, by: 8) { _ = try value(offset) }
        } }
        try outcome.get()
    }
}
