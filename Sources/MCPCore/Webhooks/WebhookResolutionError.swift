/// A host name that did not resolve.
public struct WebhookResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the name certainly does not exist (as opposed to a failure that may pass).
    public var isPermanent: Bool
    public var message: String

    public init(isPermanent: Bool, message: String) {
        self.isPermanent = isPermanent
        self.message = message
    }

    public var description: String { message }
}
