/// The rule every path of a generated project follows, in the engine (which refuses to make a
/// file outside the project) and in `ArtifactWriter` (which refuses to write one).
public enum ProjectPath {
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
}
