import AIOSSystem

/// Writes generated files under a directory, refusing any path that could land outside it.
///
/// Every path is checked as text first (``validate(relativePath:)``), then walked one component
/// at a time relative to the directory held open (``DirectoryHandle``), never following a
/// symbolic link: a link planted inside the directory, or the directory itself being a link, is
/// refused. Files are written all or nothing: each is staged in a private directory inside the
/// output directory, then renamed into place, so a hard link to a file elsewhere is replaced
/// rather than written through; when any file cannot be placed, the ones already placed are
/// taken back (earlier contents restored) and nothing new is left behind.
public enum ArtifactWriter {
    /// Checks that `path` is relative and stays inside its directory: no leading `/`, no `..`,
    /// no empty or `.` components, no NUL or backslash.
    ///
    /// - Throws: ``AIOSError`` `.invalidInput` naming the path and the reason.
    public static func validate(relativePath path: String) throws(AIOSError) {
        try ProjectPath.validate(relativePath: path)
    }

    /// Writes each `(path, content)` under `directory` (created as needed), all or nothing.
    ///
    /// - Returns: The paths written, relative to `directory`.
    /// - Throws: ``AIOSError`` `.invalidInput` for a path refused as text, a symbolic link met on
    ///   the way (the directory itself included) or something other than a directory where one
    ///   is needed; `.internalError` for a failed system call. Nothing is changed then.
    public static func write(_ files: [(path: String, content: String)], into directory: String) throws(AIOSError) -> [String] {
        var seen: Set<String> = []
        for file in files {
            try validate(relativePath: file.path)
            guard seen.insert(file.path).inserted else {
                throw AIOSError(.invalidInput, "refusing to write '\(file.path)' twice", details: ["path": .string(file.path)])
            }
        }
        let (root, createdRoot) = try openRoot(directory)
        do {
            try plan(files, root: root)
            try Transaction(root: root).commit(files)
        } catch {
            if createdRoot { rmdir(directory) }
            throw error
        }
        return files.map(\.path)
    }

    /// Opens (creating when missing) the output directory; its last component must not be a link.
    private static func openRoot(_ directory: String) throws(AIOSError) -> (DirectoryHandle, created: Bool) {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        if let slash = trimmed.lastIndex(of: "/"), slash != trimmed.startIndex {
            try makeDirectories(String(trimmed[..<slash]))
        }
        let created = mkdir(trimmed, 0o755) == 0
        if !created && errno != EEXIST { throw systemError("cannot create directory '\(trimmed)'") }
        do throws(DirectoryHandle.Failure) {
            return (try DirectoryHandle.open(trimmed, followingLink: false), created)
        } catch {
            if error.errno == ELOOP || error.errno == ENOTDIR {
                var info = stat()
                if lstat(trimmed, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK {
                    throw AIOSError(
                        .invalidInput,
                        "refusing to write into '\(trimmed)': it is a symbolic link; give the directory it points to instead",
                        details: ["path": .string(trimmed)])
                }
                throw AIOSError(.invalidInput, "refusing to write into '\(trimmed)': it is not a directory", details: ["path": .string(trimmed)])
            }
            throw AIOSError(.internalError, "cannot open '\(trimmed)': \(error)")
        }
    }

    /// Checks, before anything is written, that every file can be placed: each component on its
    /// way is missing or a real directory, and the file itself is missing or a regular file.
    private static func plan(_ files: [(path: String, content: String)], root: DirectoryHandle) throws(AIOSError) {
        for file in files {
            let components = file.path.split(separator: "/")
            var walked = ""
            var current: DirectoryHandle? = root
            for (index, component) in components.enumerated() {
                walked += (walked.isEmpty ? "" : "/") + component
                let isLast = index == components.count - 1
                guard let directory = current else { break }  // below a directory still to be created
                let info: stat?
                do { info = try directory.status(of: String(component)) } catch {
                    throw AIOSError(.internalError, "cannot examine '\(walked)' in \(root.path): \(error)")
                }
                guard let info else {
                    current = nil
                    continue
                }
                let kind = info.st_mode & S_IFMT
                if kind == S_IFLNK {
                    throw refusal(file.path, "'\(walked)' in \(root.path) is a symbolic link; links are not followed")
                }
                if isLast {
                    if kind != S_IFREG { throw refusal(file.path, "'\(walked)' in \(root.path) exists and is not a regular file") }
                } else {
                    guard kind == S_IFDIR else { throw refusal(file.path, "'\(walked)' in \(root.path) is not a directory") }
                    do { current = try directory.directory(String(component)) } catch {
                        throw refusal(file.path, "'\(walked)' in \(root.path) cannot be opened: \(error)")
                    }
                }
            }
        }
    }

    /// Stages every file in a private directory inside the root, then moves each into place,
    /// taking every move back when one fails.
    private struct Transaction {
        let root: DirectoryHandle
        let stagingName = ".aios-staging-" + Hex.encode(SecureRandom.bytes(6))

        /// A file moved into place: where, and the name of its earlier version in staging.
        private struct Placed {
            var parent: DirectoryHandle
            var name: String
            var backup: String?
        }

        func commit(_ files: [(path: String, content: String)]) throws(AIOSError) {
            let staging: DirectoryHandle
            do { staging = try root.directory(stagingName, creating: 0o700) } catch {
                throw AIOSError(.internalError, "cannot create a staging directory in \(root.path): \(error)")
            }
            defer { clean(staging) }
            for (index, file) in files.enumerated() {
                let fd: Int32
                do throws(DirectoryHandle.Failure) {
                    fd = try staging.openFile(String(index), flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o644) ?? -1
                } catch {
                    throw AIOSError(.internalError, "cannot stage '\(file.path)': \(error)")
                }
                defer { close(fd) }
                guard POSIXIO.writeAll(fd, Array(file.content.utf8)) else {
                    throw ArtifactWriter.systemError("cannot write '\(file.path)' in \(root.path)")
                }
            }
            var placed: [Placed] = []
            var createdDirectories: [(parent: DirectoryHandle, name: String)] = []
            for (index, file) in files.enumerated() {
                do throws(DirectoryHandle.Failure) {
                    var components = file.path.split(separator: "/")
                    let name = String(components.removeLast())
                    var parent = root
                    for component in components {
                        let existed = try parent.status(of: String(component)) != nil
                        let next = try parent.directory(String(component), creating: 0o755)
                        if !existed { createdDirectories.append((parent, String(component))) }
                        parent = next
                    }
                    var backup: String?
                    if try parent.status(of: name) != nil {
                        backup = "backup-\(index)"
                        try parent.link(name, as: "backup-\(index)", in: staging)
                    }
                    try staging.rename(String(index), to: name, in: parent)
                    placed.append(Placed(parent: parent, name: name, backup: backup))
                } catch {
                    for done in placed.reversed() {
                        if let backup = done.backup {
                            try? staging.rename(backup, to: done.name, in: done.parent)
                        } else {
                            try? done.parent.unlink(done.name)
                        }
                    }
                    for created in createdDirectories.reversed() { try? created.parent.removeDirectory(created.name) }
                    let reason = error.isLink ? "a symbolic link appeared on its way" : error.description
                    throw ArtifactWriter.refusal(file.path, "\(reason); nothing was written")
                }
            }
        }

        /// Removes the staging directory and what is left in it (earlier versions, unplaced files).
        private func clean(_ staging: DirectoryHandle) {
            for name in (try? staging.names()) ?? [] { try? staging.unlink(name) }
            try? root.removeDirectory(stagingName)
        }
    }

    private static func refusal(_ path: String, _ reason: String) -> AIOSError {
        AIOSError(.invalidInput, "refusing to write '\(path)': \(reason)", details: ["path": .string(path)])
    }

    private static func makeDirectories(_ path: String) throws(AIOSError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw systemError("cannot create directory '\(current)'") }
        }
    }

    private static func systemError(_ what: String) -> AIOSError {
        AIOSError(.internalError, "\(what): \(String(cString: strerror(errno)))")
    }
}
