extension AIOSError.Code {
    /// `aiosctl keys show|revoke|rotate` named a key id the store does not know (exit 3).
    public static let keyNotFound = AIOSError.Code(rawValue: "KEY_NOT_FOUND")
}
