/// Where a finished phase's artifact lives in the store, and the digest it must still have.
public struct ArtifactReference: Sendable, Hashable {
    /// The file's path relative to the store directory, e.g. `artifacts/job_…/code-1a2b3c4d5e6f.json`.
    public var path: String
    /// The SHA-256 of the file's bytes, in lower-case hex.
    public var sha256: String
    /// The file's size in bytes.
    public var size: Int64

    public init(path: String, sha256: String, size: Int64) {
        self.path = path
        self.sha256 = sha256
        self.size = size
    }
}
