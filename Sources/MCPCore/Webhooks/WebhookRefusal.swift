/// Why the guard refused a webhook URL.
public enum WebhookRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL does not parse as an absolute http(s) URL.
    case invalid(String)
    /// It reaches an address webhooks may not be sent to.
    case forbidden(String)
    /// Its host did not resolve; `permanent` when the name does not exist.
    case unresolved(String, permanent: Bool)

    public var message: String {
        switch self {
        case .invalid(let text), .forbidden(let text), .unresolved(let text, _): text
        }
    }

    /// Whether retrying cannot help.
    public var isPermanent: Bool {
        switch self {
        case .invalid, .forbidden: true
        case .unresolved(_, let permanent): permanent
        }
    }

    public var description: String { message }
}
