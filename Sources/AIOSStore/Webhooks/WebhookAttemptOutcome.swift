/// What came of one attempt.
package struct WebhookAttemptOutcome: Sendable, Hashable {
    var attempt: Int
    var statusCode: Int?
    var latencyMilliseconds: Int64?
    var error: String?
    var delivered: Bool
    /// When to try again; `nil` (and not delivered) means given up.
    var nextAttemptAt: Int64?
}
