/// The `event` of a webhook payload.
public enum WebhookEventType: String, Sendable, Hashable, CaseIterable {
    case pipelineCompleted = "pipeline.completed"
    case pipelineFailed = "pipeline.failed"
    case pipelineCancelled = "pipeline.cancelled"
    /// Sent by `aiosctl webhook test`.
    case test = "webhook.test"

    /// The event announcing that a job ended with `status`, or `nil` while it has not ended.
    ///
    /// - Parameter status: The job's status.
    public init?(ending status: JobStatus) {
        switch status {
        case .completed: self = .pipelineCompleted
        case .failed: self = .pipelineFailed
        case .cancelled: self = .pipelineCancelled
        case .queued, .running: return nil
        }
    }
}
