/// Everything durable a store holds, read in one consistent view, in the same shape for every
/// backend: what `aiosctl store copy` moves and then compares (docs/store-format.md, "Copying a
/// store"). Machine-local files (`metrics/`) and the model response cache are not part of it.
package struct StoreContents: Sendable {
    /// Every job in submission order, each the whole record: status, phases with their attempts,
    /// errors and artifact references, lease, stall count, owner, idempotency key, webhook
    /// deliveries with their attempts.
    package var jobs: [JobRecord] = []
    /// The next submission's order (the file journal's event sequence).
    package var sequence: UInt64 = 0
    /// Every artifact a phase refers to, by path, each checked against its SHA-256 when read.
    package var artifacts: [StoredArtifact] = []
    /// The key journal's events (creations, rotations, revocations, failed authentications), in
    /// order, each the compact JSON it was recorded as.
    package var keyEvents: [[UInt8]] = []
    /// The rate-limit windows, by bucket (`<key id>-<per minute>-<per day>`).
    package var rateLimits: [RateLimitState] = []
    /// The generated webhook signing secrets (the `webhook-secrets` JSON), `nil` when none.
    package var webhookSecrets: [UInt8]?

    package init() {}

    /// Whether the store holds nothing at all.
    package var isEmpty: Bool {
        jobs.isEmpty && artifacts.isEmpty && keyEvents.isEmpty && rateLimits.isEmpty && webhookSecrets == nil
    }

    /// The artifacts every job's phases refer to, for reading them from a source.
    package var referencedArtifacts: [(job: JobID, reference: ArtifactReference)] {
        var seen = Set<String>()
        var references: [(job: JobID, reference: ArtifactReference)] = []
        for record in jobs {
            for state in record.phases {
                guard let reference = state.artifact, seen.insert(reference.path).inserted else { continue }
                references.append((record.id, reference))
            }
        }
        return references
    }
}

/// One artifact's bytes.
package struct StoredArtifact: Sendable, Hashable {
    package var path: String
    package var jobID: String
    package var sha256: String
    package var bytes: [UInt8]

    package init(path: String, jobID: String, sha256: String, bytes: [UInt8]) {
        self.path = path
        self.jobID = jobID
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// One key's rate-limit window state under one set of limits.
package struct RateLimitState: Sendable, Hashable {
    /// `<key id>-<per minute>-<per day>`.
    package var bucket: String
    /// The admitted calls remembered (at most the newest per-day many), oldest first (Unix ms).
    package var calls: [Int64]
    /// The time of the last admitted call as counted (never decreasing).
    package var lastAdmitted: Int64
    /// When the key last made an admitted call, by the caller's clock.
    package var lastUsed: Int64

    package init(bucket: String, calls: [Int64], lastAdmitted: Int64, lastUsed: Int64) {
        self.bucket = bucket
        self.calls = calls
        self.lastAdmitted = lastAdmitted
        self.lastUsed = lastUsed
    }

    /// The limits from the bucket's name, `nil` when it is not one.
    package var limits: (perMinute: Int, perDay: Int)? {
        let parts = bucket.split(separator: "-")
        guard parts.count >= 3, let perMinute = Int(parts[parts.count - 2]), let perDay = Int(parts[parts.count - 1]),
            perMinute > 0, perDay > 0
        else { return nil }
        return (perMinute, perDay)
    }
}
