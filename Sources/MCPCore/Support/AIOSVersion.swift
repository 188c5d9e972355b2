/// The product version, shown by `aiosctl version` and in `serverInfo`.
public enum AIOSVersion {
    public static let current = "0.1.0"
}
