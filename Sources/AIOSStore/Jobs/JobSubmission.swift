/// What a client asks the pipeline to do.
public struct JobSubmission: Sendable, Hashable {
    /// The brief (`spec`, `product_name`, …) and the pipeline options, passed to every phase.
    public var request: JSONObject
    /// The phases to run; each brings its ancestors along (asking for `code` runs all four),
    /// since a phase needs its parents' artifacts. Empty means all.
    public var phases: [Phase]
    /// A client's key for retries: a second submission with the same key returns the first job.
    public var idempotencyKey: String?
    /// Where to POST the outcome when the job ends.
    public var webhookURL: String?
    /// The API key id that submitted the job (`nil`: the store's owner). Only that key, an
    /// admin key or the owner sees the job, and idempotency keys are scoped to it.
    public var owner: String?

    public init(
        request: JSONObject, phases: [Phase] = [], idempotencyKey: String? = nil, webhookURL: String? = nil,
        owner: String? = nil
    ) {
        self.request = request
        self.phases = phases
        self.idempotencyKey = idempotencyKey
        self.webhookURL = webhookURL
        self.owner = owner
    }
}
