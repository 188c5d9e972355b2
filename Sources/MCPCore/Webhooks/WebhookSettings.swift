/// Webhook settings from the `AIOS_WEBHOOK_*` environment.
public struct WebhookSettings: Sendable, Hashable {
    /// `AIOS_WEBHOOK_ALLOW_PRIVATE=1`: deliver to loopback, private, link-local and CGNAT
    /// addresses too (for receivers on the same machine or network). Default off.
    public var allowPrivate: Bool = false
    /// Attempts, timeout and backoff; `AIOS_WEBHOOK_BACKOFF` sets `backoffBase` (e.g. `5s`, `500ms`).
    public var policy = WebhookRetryPolicy()

    public init() {}

    /// Reads the environment; a malformed value is an error naming the variable.
    ///
    /// - Parameter environment: The process environment.
    /// - Throws: `ConfigurationError`.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> WebhookSettings {
        var settings = WebhookSettings()
        if let text = environment["AIOS_WEBHOOK_ALLOW_PRIVATE"], !text.isEmpty {
            switch text.lowercased() {
            case "1", "true", "yes": settings.allowPrivate = true
            case "0", "false", "no": settings.allowPrivate = false
            default: throw ConfigurationError(variable: "AIOS_WEBHOOK_ALLOW_PRIVATE", value: text, expected: "1 or 0")
            }
        }
        if let text = environment["AIOS_WEBHOOK_BACKOFF"], !text.isEmpty {
            guard let duration = parseDuration(text) else {
                throw ConfigurationError(variable: "AIOS_WEBHOOK_BACKOFF", value: text, expected: "a duration such as 5s or 500ms")
            }
            settings.policy.backoffBase = duration
        }
        return settings
    }

    /// The guard the process environment asks for; a malformed `AIOS_WEBHOOK_ALLOW_PRIVATE`
    /// keeps private addresses refused.
    public static func environmentGuard() -> WebhookURLGuard {
        ((try? fromEnvironment(Environment.current())) ?? WebhookSettings()).urlGuard()
    }

    /// The guard for these settings.
    ///
    /// - Parameter resolver: Resolves host names (the system resolver by default).
    public func urlGuard(resolver: any WebhookAddressResolver = SystemAddressResolver()) -> WebhookURLGuard {
        WebhookURLGuard(allowPrivate: allowPrivate, resolver: resolver)
    }

    private static func parseDuration(_ text: String) -> Duration? {
        if text.hasSuffix("ms") {
            let digits = text.dropLast(2)
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(digits.prefix(12)),
                value > 0
            else { return nil }
            return .milliseconds(value)
        }
        return DurationText.parse(text)
    }
}
