extension JobStore {
    /// Checks a store directory without opening it, so that a store too damaged to open can
    /// still be examined (`aiosctl store verify`).
    ///
    /// - Returns: What was checked and every problem found.
    /// - Throws: `StoreError` only when the directory cannot be read at all.
    public static func verify(directory: String) throws(StoreError) -> StoreVerifyReport {
        try StoreVerifier(directory: directory).run()
    }
}
