/// Decides whether a webhook may be sent to a URL: only http(s), and only to public addresses
/// unless private ones were allowed (`AIOS_WEBHOOK_ALLOW_PRIVATE=1`). Every address the host
/// resolves to is checked, so a name with one public and one private address is refused.
public struct WebhookURLGuard: Sendable {
    /// Allow loopback, private, link-local and carrier-grade NAT addresses (never metadata).
    public var allowPrivate: Bool
    /// Resolves host names; every address it returns is checked.
    public var resolver: any WebhookAddressResolver

    public init(allowPrivate: Bool, resolver: any WebhookAddressResolver = SystemAddressResolver()) {
        self.allowPrivate = allowPrivate
        self.resolver = resolver
    }

    /// A URL that passed the guard, with the addresses it was checked against.
    public struct Target: Sendable, Hashable {
        public var url: WebhookURL
        /// The checked addresses, in resolver order; requests connect to one of these.
        public var addresses: [IPAddress]
    }

    /// Checks a URL before a delivery: it must parse, resolve, and every address must be allowed.
    ///
    /// - Parameter text: The URL.
    /// - Returns: The parsed URL and its checked addresses.
    /// - Throws: `WebhookRefusal`: `.invalid` or `.forbidden` (permanent) or `.unresolved`
    ///   (a DNS failure, which may pass).
    public func check(_ text: String) async throws(WebhookRefusal) -> Target {
        let url: WebhookURL
        do { url = try WebhookURL(parsing: text) } catch { throw .invalid(error.message) }
        let addresses: [IPAddress]
        if let literal = url.address {
            addresses = [literal]
        } else {
            do { addresses = try await resolver.resolve(url.host) } catch {
                throw .unresolved(error.message, permanent: error.isPermanent)
            }
        }
        for address in addresses {
            guard let restriction = address.restriction else { continue }
            if allowPrivate && restriction.allowedWithPrivateOptIn { continue }
            let hint = restriction.allowedWithPrivateOptIn ? " (set AIOS_WEBHOOK_ALLOW_PRIVATE=1 to allow)" : ""
            let name = url.address == nil ? "\(url.host) resolves to " : ""
            throw .forbidden("\(name)\(address), a \(restriction.rawValue) address\(hint)")
        }
        return Target(url: url, addresses: addresses)
    }

    /// Checks a URL given with a job submission.
    ///
    /// A host that is not found at all is refused; a temporary resolver failure is let through,
    /// since the URL is checked again before every delivery.
    /// - Parameter text: The `webhook_url` as given.
    /// - Throws: `AIOSError` `INVALID_INPUT` with `details.field = "webhook_url"`.
    public func checkSubmission(_ text: String) async throws(AIOSError) {
        do {
            _ = try await check(text)
        } catch {
            switch error {
            case .unresolved(_, permanent: false):
                return
            case .invalid(let message):
                throw AIOSError(.invalidInput, message, details: ["field": "webhook_url"])
            case .forbidden(let message), .unresolved(let message, _):
                throw AIOSError(.invalidInput, "webhook_url refused: \(message)", details: ["field": "webhook_url"])
            }
        }
    }
}
