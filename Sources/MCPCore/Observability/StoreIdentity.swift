/// How health and metrics name a store, so that two stores side by side can be told apart.
extension StoreConfiguration {
    /// `file` or `postgres`.
    public var backendName: String {
        switch backend {
        case .file: "file"
        case .postgres: "postgres"
        }
    }

    /// The store's directory, or its database URL with any password masked.
    public var location: String { description }
}
