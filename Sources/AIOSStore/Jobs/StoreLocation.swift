/// Where the store lives: `$AIOS_HOME`, else `$XDG_DATA_HOME/aios`, else `~/.local/share/aios`.
public enum StoreLocation {
    /// The store directory for an environment.
    ///
    /// - Parameter environment: Variables to read (`AIOS_HOME`, `XDG_DATA_HOME`, `HOME`).
    /// - Returns: The directory path; not created here.
    /// - Throws: `StoreError` when none of the variables is set to an absolute path.
    public static func resolve(environment: [String: String]) throws(StoreError) -> String {
        if let home = environment["AIOS_HOME"], !home.isEmpty { return home }
        // XDG says relative values are invalid and must be ignored.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/aios" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.local/share/aios" }
        throw StoreError(.io, "cannot locate the store: set AIOS_HOME (or HOME)")
    }
}
