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

    public init(request: JSONObject, phases: [Phase] = Phase.allCases, idempotencyKey: String? = nil, webhookURL: String? = nil) {
        self.request = request
        self.phases = phases
        self.idempotencyKey = idempotencyKey
        self.webhookURL = webhookURL
    }
}
