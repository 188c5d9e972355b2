/// The outbox side of a job record.
extension JobRecord {
    /// Whether a delivery of this job is pending or in flight.
    package var hasUnfinishedWebhookDelivery: Bool { webhookDeliveries.contains { !$0.state.isFinal } }

    /// Adds the outbox entry for the job's end when it has just ended and has a webhook URL.
    /// Called while folding the record that ended the job, so the entry is exactly as durable
    /// as the end itself, and every process replaying the journal derives the same entry.
    mutating func enqueueWebhookDeliveryIfEnded() {
        guard let url = webhookURL, let event = WebhookEventType(ending: status) else { return }
        let endedAt = finishedAt ?? updatedAt
        webhookDeliveries.append(
            WebhookDelivery(
                id: WebhookDelivery.makeID(jobID: id, ordinal: webhookDeliveries.count + 1), jobID: id, url: url,
                event: event, jobStatus: status, phasesCompleted: requestedPhases.filter { self[$0].status == .completed },
                durationMilliseconds: max(0, endedAt - createdAt), endedAt: endedAt))
    }
}
