/// Something that delivers webhooks for as long as its task runs: the in-process
/// `WebhookDispatcher`, or `aios-mcp`'s `WebhookDispatchLauncher`.
public protocol WebhookDeliveryService: Sendable {
    /// Delivers until the calling task is cancelled; does not throw.
    func run() async
}
