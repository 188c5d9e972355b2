/// A webhook signing secret in the Standard Webhooks form: `whsec_` followed by the base64 of
/// 24 to 64 random bytes. Signatures use the decoded bytes as the HMAC key.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible {
    /// The secret as configured and shown, `whsec_…`.
    public let text: String
    /// The HMAC key: the decoded bytes.
    public let key: [UInt8]

    static let prefix = "whsec_"
    static let byteRange = 24...64

    /// Parses a secret.
    ///
    /// - Parameter text: `whsec_` + standard, padded base64 of 24 to 64 bytes.
    /// - Returns: `nil` when `text` is not of that form (the text is never echoed in errors).
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix), let key = Base64.decode(String(text.dropFirst(Self.prefix.count))),
            Self.byteRange.contains(key.count)
        else { return nil }
        self.text = text
        self.key = key
    }

    /// A fresh secret of `byteCount` random bytes from the system CSPRNG.
    ///
    /// - Parameter byteCount: 24 to 64 (clamped); 32 by default.
    /// - Returns: The secret; does not throw.
    public static func generate(byteCount: Int = 32) -> WebhookSecret {
        let count = min(max(byteCount, byteRange.lowerBound), byteRange.upperBound)
        let key = SecureRandom.bytes(count)
        return WebhookSecret(text: prefix + Base64.encode(key), key: key)
    }

    private init(text: String, key: [UInt8]) {
        self.text = text
        self.key = key
    }

    /// Redacted: a secret never reaches logs or error messages by interpolation.
    public var description: String { "whsec_…" }
}
