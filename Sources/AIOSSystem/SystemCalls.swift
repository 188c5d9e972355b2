// The platform calls that differ between Linux and Darwin, each behind one small function, so
// that no file outside this target calls a Linux-only function (getrandom, fdatasync,
// posix_fallocate, MAP_POPULATE, SOCK_CLOEXEC, /proc/self/exe, glibc's posix_spawn types).
// The Linux branches are what aios has always run; the Darwin branches are the plain POSIX or
// Darwin equivalents, written without a Mac to build on (README, "Platforms").

/// The platform calls of the product that have no single portable spelling.
public enum SystemCalls {
    // MARK: - Randomness

    /// Fills `buffer` from the kernel's CSPRNG.
    ///
    /// - Returns: `false` when the system has no such call (Linux before 3.17, glibc before
    ///   2.25): the caller falls back to the standard library's generator. Stops the process if
    ///   the call exists but fails, since continuing would hand out guessable secrets.
    public static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return true }
        #if os(Linux)
        guard let getrandom = systemGetRandom else { return false }
        var filled = 0
        while filled < buffer.count {
            // getrandom(2) may return fewer bytes than asked (above 256 bytes, or on a signal).
            let result = getrandom(base + filled, buffer.count - filled, 0)
            if result > 0 {
                filled += result
            } else if result < 0, errno == EINTR {
                continue
            } else if result < 0, errno == ENOSYS {
                return false
            } else {
                fatalError("getrandom(2) failed (errno \(errno)); refusing to continue without a CSPRNG")
            }
        }
        return true
        #else
        // Darwin: arc4random_buf reads the kernel CSPRNG and cannot fail.
        arc4random_buf(base, buffer.count)
        return true
        #endif
    }

    #if os(Linux)
    private typealias GetRandom = @convention(c) (UnsafeMutableRawPointer?, Int, UInt32) -> Int

    /// getrandom(2), looked up at run time because Swift's Glibc module does not import
    /// <sys/random.h>.
    private static let systemGetRandom: GetRandom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getrandom") else { return nil }
        return unsafeBitCast(symbol, to: GetRandom.self)
    }()
    #endif

    // MARK: - Files

    /// The name of the call `syncData` makes, for error messages.
    #if os(Linux)
    public static let syncDataCallName = "fdatasync"
    #else
    public static let syncDataCallName = "fcntl(F_FULLFSYNC)"
    #endif

    /// Forces a file's written data (and its size) to stable storage: `fdatasync` on Linux; on
    /// Darwin `F_FULLFSYNC` (its `fsync` does not flush the drive's cache), falling back to
    /// `fsync` where the file system does not support it.
    ///
    /// - Returns: 0, or -1 with `errno` set.
    public static func syncData(_ descriptor: Int32) -> Int32 {
        #if os(Linux)
        return fdatasync(descriptor)
        #else
        if fcntl(descriptor, F_FULLFSYNC) == 0 { return 0 }
        return fsync(descriptor)
        #endif
    }

    /// Gives a new, empty file `size` bytes of allocated (not sparse) space, so that a full disk
    /// fails here rather than as SIGBUS on a write through a mapping. On Darwin, which has no
    /// `posix_fallocate`, the file is extended with `ftruncate` (sparse: the guarantee is weaker).
    ///
    /// - Returns: 0, or an errno value.
    public static func allocate(_ descriptor: Int32, size: Int) -> Int32 {
        #if os(Linux)
        return posix_fallocate(descriptor, 0, off_t(size))
        #else
        return ftruncate(descriptor, off_t(size)) == 0 ? 0 : errno
        #endif
    }

    /// `mmap` flags that fault every page in at once where the system can (`MAP_POPULATE` on
    /// Linux); none on Darwin, where pages are faulted in as they are read.
    public static func mapPopulateFlags(_ populate: Bool) -> Int32 {
        #if os(Linux)
        return populate ? MAP_POPULATE : 0
        #else
        return 0
        #endif
    }

    // MARK: - Sockets

    /// `SOCK_STREAM` as the `Int32` that `socket`, `socketpair` and `addrinfo` take (an enum
    /// in Glibc, a plain constant on Darwin).
    public static var streamSocketType: Int32 {
        #if os(Linux)
        return Int32(SOCK_STREAM.rawValue)
        #else
        return SOCK_STREAM
        #endif
    }

    /// A connected pair of Unix stream sockets whose descriptors are closed on exec.
    ///
    /// On Linux they are created close-on-exec atomically (`SOCK_CLOEXEC`); Darwin has no such
    /// flag, so they are marked just after creation, which leaves a short window in which a
    /// child spawned by another thread could inherit them.
    ///
    /// - Returns: The two descriptors, or `nil` with `errno` set.
    public static func socketPairClosedOnExec() -> (Int32, Int32)? {
        var fds: [Int32] = [-1, -1]
        #if os(Linux)
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else { return nil }
        #else
        guard socketpair(AF_UNIX, SOCK_STREAM, 0, &fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC) }
        #endif
        return (fds[0], fds[1])
    }

    // MARK: - Processes

    /// The path of the running executable: `/proc/self/exe` on Linux,
    /// `_NSGetExecutablePath` (resolved) on Darwin; `nil` when it cannot be found.
    public static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        var size: UInt32 = UInt32(PATH_MAX) + 1
        var buffer = [CChar](repeating: 0, count: Int(size))
        guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
        var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(buffer, &resolved) != nil else { return nil }
        return String(decoding: resolved.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #endif
    }

    /// The process environment, `NAME=value` entries up to a null pointer: `environ` on Linux,
    /// `_NSGetEnviron()` on Darwin (where `environ` is not visible to a program's code).
    public static var environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        #if os(Linux)
        return environ
        #else
        return _NSGetEnviron().pointee!
        #endif
    }

    /// What a spawned child's descriptor `target` is set to before it runs.
    public enum SpawnFileAction: Sendable, Hashable {
        /// Open `path` with `flags` as `target`.
        case open(target: Int32, path: String, flags: Int32)
        /// Duplicate this process's `source` onto `target`.
        case duplicate(source: Int32, target: Int32)
    }

    /// Starts `executable` with `arguments` (`argv[0]` included) and this process's environment
    /// (`posix_spawn`), with no signal blocked in the child whatever the calling thread blocks.
    ///
    /// - Returns: The child's pid, or the errno value `posix_spawn` returned.
    public static func spawn(_ executable: String, arguments: [String], fileActions: [SpawnFileAction]) -> Result<pid_t, SpawnError> {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for action in fileActions {
            switch action {
            case .open(let target, let path, let flags): posix_spawn_file_actions_addopen(&actions, target, path, flags, 0)
            case .duplicate(let source, let target): posix_spawn_file_actions_adddup2(&actions, source, target)
            }
        }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
        guard result == 0 else { return .failure(SpawnError(errno: result)) }
        return .success(pid)
    }

    /// Why `spawn` failed: the errno value `posix_spawn` returned.
    public struct SpawnError: Error, Sendable, Hashable, CustomStringConvertible {
        public var errno: Int32
        public var description: String { String(cString: strerror(errno)) }
    }
}
