import AIOSSystem

/// Writes generated files under a directory, refusing any path that could land outside it.
public enum ArtifactWriter {
    /// Checks that `path` is relative and stays inside its directory: no leading `/`, no `..`,
    /// no empty or `.` components, no NUL or backslash.
    ///
    /// - Throws: ``AIOSError`` `.invalidInput` naming the path and the reason.
    public static func validate(relativePath path: String) throws(AIOSError) {
        func refuse(_ reason: String) -> AIOSError {
            AIOSError(.invalidInput, "refusing to write '\(path)': \(reason)", details: ["path": .string(path)])
        }
        if path.isEmpty { throw refuse("the path is empty") }
        if path.hasPrefix("/") || path.hasPrefix("~") { throw refuse("absolute paths are not allowed") }
        if path.contains("\0") || path.contains("\\") { throw refuse("the path contains a NUL or backslash") }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component == ".." { throw refuse("the path escapes the output directory") }
            if component.isEmpty || component == "." { throw refuse("the path has an empty or '.' component") }
        }
    }

    /// Writes each `(path, content)` under `directory` (created as needed), after checking every
    /// path first: nothing is written when any path is refused.
    ///
    /// - Returns: The paths written, relative to `directory`.
    public static func write(_ files: [(path: String, content: String)], into directory: String) throws(AIOSError) -> [String] {
        for file in files { try validate(relativePath: file.path) }
        try makeDirectories(directory)
        for file in files {
            let target = directory + "/" + file.path
            if let slash = target.lastIndex(of: "/") { try makeDirectories(String(target[..<slash])) }
            let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw systemError("cannot create '\(target)'") }
            defer { close(fd) }
            guard POSIXIO.writeAll(fd, Array(file.content.utf8)) else { throw systemError("cannot write '\(target)'") }
        }
        return files.map(\.path)
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
