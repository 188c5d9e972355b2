import AIOSSystem

/// An open file of the store, with the few system calls the store needs, each turning a failure
/// into a `StoreError` that names the file; closed when released. Each call is a plain system
/// call on the one descriptor, so it is safe from any thread; the store makes its calls on its
/// queue, and its `StoreReadView` only asks the journal's size from others.
package final class StoreFile: Sendable {
    let descriptor: Int32
    package let path: String

    /// Opens `path`; with `create`, a new file gets mode 0600 whatever the umask. A file that is
    /// a symbolic link is refused: the store never makes one, so one found is planted.
    package init(path: String, flags: Int32, create: Bool = false) throws(StoreError) {
        let descriptor = open(path, flags | O_CLOEXEC | Self.noFollow(flags) | (create ? O_CREAT : 0), 0o600)
        guard descriptor >= 0 else { throw Self.openError(path) }
        if create, fchmod(descriptor, 0o600) != 0 {
            let error = StoreError.system("chmod", path: path)
            AIOSSystem.close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.path = path
    }

    /// Opens `path` for reading, or returns `nil` when it does not exist.
    package static func openIfExists(path: String, flags: Int32 = O_RDONLY) throws(StoreError) -> StoreFile? {
        let descriptor = open(path, flags | O_CLOEXEC | Self.noFollow(flags))
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw Self.openError(path)
        }
        return StoreFile(adopting: descriptor, path: path)
    }

    /// Files are opened without following a link; directories (opened to be synced, the store
    /// directory among them, which may be a link its owner made) are checked when created.
    private static func noFollow(_ flags: Int32) -> Int32 { flags & O_DIRECTORY == 0 ? O_NOFOLLOW : 0 }

    private static func openError(_ path: String, errno: Int32 = Glibc.errno) -> StoreError {
        errno == ELOOP ? StoreFileSystem.linkRefusal(path) : .system("open", path: path, errno: errno)
    }

    private init(adopting descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { AIOSSystem.close(descriptor) }

    var size: Int64 {
        get throws(StoreError) {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { throw .system("stat", path: path) }
            return Int64(info.st_size)
        }
    }

    /// Reads `count` bytes at `offset`, fewer only at the end of the file.
    func read(at offset: Int64, count: Int) throws(StoreError) -> [UInt8] {
        guard count > 0 else { return [] }
        var failure: Int32?
        // Uninitialized: the bytes are read over at once, and zeroing megabytes of journal
        // first would cost as much as reading them.
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            while initialized < count {
                let result = pread(descriptor, base + initialized, count - initialized, off_t(offset) + off_t(initialized))
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if result == 0 { break }
                initialized += result
            }
        }
        if let failure { throw .system("read", path: path, errno: failure) }
        return bytes
    }

    /// Reads the whole file.
    package func readAll() throws(StoreError) -> [UInt8] {
        try read(at: 0, count: Int(try size))
    }

    /// Writes all of `bytes` at the current position (the end, for `O_APPEND`).
    package func write(_ bytes: [UInt8]) throws(StoreError) {
        var done = 0
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            while done < buffer.count {
                let result = AIOSSystem.write(descriptor, base + done, buffer.count - done)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += result
            }
            return nil
        }
        if let failure { throw .system("write", path: path, errno: failure) }
    }

    /// Forces written data (and the size) to stable storage.
    func syncData() throws(StoreError) {
        guard SystemCalls.syncData(descriptor) == 0 else { throw .system(SystemCalls.syncDataCallName, path: path) }
    }

    /// Forces data and metadata (for directories: the entries) to stable storage.
    func sync() throws(StoreError) {
        guard fsync(descriptor) == 0 else { throw .system("fsync", path: path) }
    }

    func truncate(to length: Int64) throws(StoreError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw .system("truncate", path: path) }
    }

    /// Takes (blocking) or drops the advisory lock on this file.
    package func lock(_ operation: Int32) throws(StoreError) {
        while flock(descriptor, operation) != 0 {
            if errno == EINTR { continue }
            throw .system("flock", path: path)
        }
    }
}

/// Directory and whole-file operations of the store.
package enum StoreFileSystem {
    /// Creates the store directory `path` (and missing parents) if needed, with mode 0700. One
    /// that exists must be this user's (another user's store is refused), and is made 0700 if
    /// others could write to it, saying so on stderr, as ssh does with `~/.ssh`.
    package static func createDirectory(_ path: String) throws(StoreError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw StoreError(.io, "\(path) is not a directory", path: path) }
            try checkHome(path, info)
            return
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try createDirectory(String(path[..<slash]), mode: 0o755)
        }
        try createDirectory(path, mode: 0o700)
    }

    private static func createDirectory(_ path: String, mode: mode_t) throws(StoreError) {
        var info = stat()
        if stat(path, &info) == 0 { return }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try createDirectory(String(path[..<slash]), mode: 0o755)
        }
        if mkdir(path, mode) != 0 {
            if errno == EEXIST { return }
            throw .system("mkdir", path: path)
        }
        // mkdir applies the umask; the store's own directories must be exactly 0700.
        if mode == 0o700, chmod(path, 0o700) != 0 { throw .system("chmod", path: path) }
    }

    /// The store directory's owner and mode: this user's, not writable by others.
    private static func checkHome(_ path: String, _ info: stat) throws(StoreError) {
        let user = geteuid()
        guard info.st_uid == user else {
            throw StoreError(
                .io,
                "\(path) belongs to another user (uid \(info.st_uid); this is uid \(user)), so it is not used: a store is used by its owner only (set AIOS_HOME to a directory of your own)",
                path: path)
        }
        let mode = info.st_mode & 0o7777
        if mode & 0o022 != 0 {
            guard chmod(path, 0o700) == 0 else { throw .system("chmod", path: path) }
            POSIXIO.writeAll(
                2, Array("aios: the store directory \(path) was writable by others (mode 0\(String(mode, radix: 8))); it is now 0700\n".utf8))
        }
    }

    /// Creates a private (0700) subdirectory, making its entry durable in `parent`. One that
    /// exists must be a directory of this user's, not a symbolic link to one.
    package static func createPrivateDirectory(_ path: String, parent: String) throws(StoreError) {
        if mkdir(path, 0o700) != 0 {
            guard errno == EEXIST else { throw .system("mkdir", path: path) }
            _ = try checkOwnDirectory(path)
            return
        }
        guard chmod(path, 0o700) == 0 else { throw .system("chmod", path: path) }
        try syncDirectory(parent)
    }

    /// Whether the store's subdirectory `path` exists (`false` when missing); one that exists
    /// must be a real directory of this user's: a symbolic link, or another user's directory, is
    /// refused rather than followed.
    @discardableResult
    package static func checkOwnDirectory(_ path: String) throws(StoreError) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return false }
            throw .system("stat", path: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: throw linkRefusal(path)
        case S_IFDIR: break
        default: throw StoreError(.io, "\(path) is not a directory", path: path)
        }
        guard info.st_uid == geteuid() else {
            throw StoreError(.io, "\(path) belongs to another user (uid \(info.st_uid)), so it is not used", path: path)
        }
        return true
    }

    /// The error for a symbolic link found where the store keeps a file or directory.
    static func linkRefusal(_ path: String) -> StoreError {
        StoreError(
            .io,
            "\(path) is a symbolic link; the store never makes one, so it is not followed (move it aside to go on)",
            path: path)
    }

    static func syncDirectory(_ path: String) throws(StoreError) {
        let directory = try StoreFile(path: path, flags: O_RDONLY | O_DIRECTORY)
        try directory.sync()
    }

    /// Replaces `path` with `bytes` so that a crash leaves either the old or the new content:
    /// a temporary file in the same directory, fsync, rename, fsync the directory.
    package static func writeAtomically(_ bytes: [UInt8], to path: String, directory: String) throws(StoreError) {
        let temporary = path + ".tmp-" + Hex.encode(SecureRandom.bytes(6))
        do {
            let file = try StoreFile(path: temporary, flags: O_WRONLY | O_TRUNC | O_EXCL, create: true)
            try file.write(bytes)
            try file.sync()
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = StoreError.system("rename", path: path)
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory)
    }

    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether `path` exists: `false` only when it (or a directory on its way) is missing; a
    /// path that cannot be examined (no permission, a file on its way) is an error that says
    /// so, not a missing file.
    package static func existence(_ path: String) throws(StoreError) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 { return true }
        if errno == ENOENT { return false }
        throw .system("stat", path: path)
    }

    /// Names in a directory, without `.` and `..`; empty when it does not exist.
    package static func list(_ path: String) throws(StoreError) -> [String] {
        guard let directory = opendir(path) else {
            if errno == ENOENT { return [] }
            throw .system("opendir", path: path)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes a file; a missing file is not an error.
    package static func remove(_ path: String) throws(StoreError) {
        if unlink(path) != 0 && errno != ENOENT { throw .system("unlink", path: path) }
    }

    /// Removes a directory and the files in it (artifact directories hold no subdirectories).
    /// A symbolic link is removed as a link: what it points to is left alone.
    static func removeTree(_ path: String) throws(StoreError) {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { return try remove(path) }
        for name in try list(path) { try remove(path + "/" + name) }
        if rmdir(path) != 0 && errno != ENOENT { throw .system("rmdir", path: path) }
    }
}
