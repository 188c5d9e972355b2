import AIOSSystem

/// An open directory, and the calls that work on names inside it without following links.
///
/// Paths are walked one component at a time, each opened relative to the directory already
/// held with `O_NOFOLLOW`: a symbolic link planted anywhere below the directory is refused
/// (`ELOOP` or `ENOTDIR`) instead of followed, and a directory renamed away meanwhile takes its
/// descriptor with it. Failures are the `errno` of the call, for the caller to word.
public final class DirectoryHandle: Sendable {
    /// The directory's descriptor, closed when the handle is released.
    public let descriptor: Int32
    /// The path it was opened by, for messages.
    public let path: String

    /// Why a call failed: the system call, the name it was about, and `errno`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var operation: String
        public var path: String
        public var errno: Int32

        /// Whether the name is a symbolic link (or runs through one) that was not followed.
        public var isLink: Bool { errno == ELOOP }

        public var description: String {
            if isLink { return "\(path) is a symbolic link; it was not followed" }
            return "\(operation) \(path): \(String(cString: strerror(errno)))"
        }
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Opens the directory at `path`. With `followingLink: false` the last component must not be
    /// a symbolic link (the components before it are the caller's own path and are followed).
    public static func open(_ path: String, followingLink: Bool = true) throws(Failure) -> DirectoryHandle {
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followingLink ? 0 : O_NOFOLLOW)
        let fd = AIOSSystem.open(path, flags)
        guard fd >= 0 else { throw Failure(operation: "open", path: path, errno: Self.linkAware(errno)) }
        return DirectoryHandle(descriptor: fd, path: path)
    }

    /// The path of `name` inside this directory, for messages.
    public func path(of name: String) -> String { path == "/" ? "/" + name : path + "/" + name }

    /// Opens the subdirectory `name` (one component), creating it with `mode` when asked and
    /// missing; a link is refused.
    public func directory(_ name: String, creating mode: mode_t? = nil) throws(Failure) -> DirectoryHandle {
        if let mode, mkdirat(descriptor, name, mode) != 0, errno != EEXIST {
            throw Failure(operation: "mkdir", path: path(of: name), errno: errno)
        }
        let fd = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(operation: "open", path: path(of: name), errno: Self.linkAware(errno)) }
        return DirectoryHandle(descriptor: fd, path: path(of: name))
    }

    /// Walks `components` down from this directory (creating missing ones with `mode` when
    /// given), refusing any link on the way.
    public func directory(components: some Sequence<Substring>, creating mode: mode_t? = nil) throws(Failure) -> DirectoryHandle {
        var current = self
        for component in components { current = try current.directory(String(component), creating: mode) }
        return current
    }

    /// Opens the file `name` with `flags` (`O_NOFOLLOW` and `O_CLOEXEC` are added); `nil` when
    /// it does not exist and `O_CREAT` was not asked.
    public func openFile(_ name: String, flags: Int32, mode: mode_t = 0o600) throws(Failure) -> Int32? {
        let fd = openat(descriptor, name, flags | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == ENOENT && flags & O_CREAT == 0 { return nil }
            throw Failure(operation: "open", path: path(of: name), errno: Self.linkAware(errno))
        }
        return fd
    }

    /// What `name` is, without following a link; `nil` when it does not exist.
    public func status(of name: String) throws(Failure) -> stat? {
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw Failure(operation: "stat", path: path(of: name), errno: errno)
        }
        return info
    }

    /// The directory's own status.
    public func status() throws(Failure) -> stat {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(operation: "stat", path: path, errno: errno) }
        return info
    }

    /// Renames `name` here to `newName` in `directory` (replacing a file there atomically).
    public func rename(_ name: String, to newName: String, in directory: DirectoryHandle) throws(Failure) {
        guard renameat(descriptor, name, directory.descriptor, newName) == 0 else {
            throw Failure(operation: "rename", path: directory.path(of: newName), errno: errno)
        }
    }

    /// Adds a hard link `newName` in `directory` to the file `name` here (the link itself, if
    /// `name` is one: links are never followed).
    public func link(_ name: String, as newName: String, in directory: DirectoryHandle) throws(Failure) {
        guard linkat(descriptor, name, directory.descriptor, newName, 0) == 0 else {
            throw Failure(operation: "link", path: directory.path(of: newName), errno: errno)
        }
    }

    /// Removes the file (or link) `name`; a missing one is not an error.
    public func unlink(_ name: String) throws(Failure) {
        if unlinkat(descriptor, name, 0) != 0 && errno != ENOENT {
            throw Failure(operation: "unlink", path: path(of: name), errno: errno)
        }
    }

    /// Removes the empty directory `name`; a missing one is not an error.
    public func removeDirectory(_ name: String) throws(Failure) {
        if unlinkat(descriptor, name, AT_REMOVEDIR) != 0 && errno != ENOENT {
            throw Failure(operation: "rmdir", path: path(of: name), errno: errno)
        }
    }

    /// Names in the directory, without `.` and `..`.
    public func names() throws(Failure) -> [String] {
        let fd = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0, let stream = fdopendir(fd) else {
            let failure = Failure(operation: "opendir", path: path, errno: errno)
            if fd >= 0 { close(fd) }
            throw failure
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Forces the directory's entries to stable storage.
    public func sync() throws(Failure) {
        guard fsync(descriptor) == 0 else { throw Failure(operation: "fsync", path: path, errno: errno) }
    }

    /// `O_NOFOLLOW` on a link gives `ELOOP` on Linux (`EMLINK` on FreeBSD); `O_DIRECTORY` on a
    /// link to a file gives `ENOTDIR`. Both read as a link here.
    private static func linkAware(_ error: Int32) -> Int32 { error == EMLINK ? ELOOP : error }
}
