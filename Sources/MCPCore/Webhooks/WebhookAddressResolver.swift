/// Turns a host name into the addresses a connection to it may use.
public protocol WebhookAddressResolver: Sendable {
    /// Every address `host` resolves to.
    ///
    /// - Parameter host: A host name (IP literals never reach a resolver).
    /// - Returns: The addresses, IPv4 and IPv6, without duplicates.
    /// - Throws: `WebhookResolutionError`.
    func resolve(_ host: String) async throws(WebhookResolutionError) -> [IPAddress]
}
