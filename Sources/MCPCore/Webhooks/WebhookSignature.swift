/// The signatures on a webhook delivery.
///
/// - `X-AIOS-Signature: sha256=<hex HMAC-SHA256(key, timestamp + "." + body)>`
/// - Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>`
///
/// With several secrets (a rotation's grace period), each header carries one signature per
/// secret, newest first, separated by spaces.
public enum WebhookSignature {
    /// The Standard Webhooks signature `v1,<base64>`.
    ///
    /// - Parameters:
    ///   - secret: The signing secret.
    ///   - id: The `webhook-id`.
    ///   - timestamp: The `webhook-timestamp`, Unix seconds.
    ///   - body: The exact request body.
    /// - Returns: The signature; does not throw.
    public static func standard(secret: WebhookSecret, id: String, timestamp: Int64, body: [UInt8]) -> String {
        let message = Array("\(id).\(timestamp).".utf8) + body
        return "v1," + Base64.encode(HMACSHA256.authenticationCode(key: secret.key, message: message))
    }

    /// The aios signature `sha256=<hex>`.
    ///
    /// - Parameters:
    ///   - secret: The signing secret.
    ///   - timestamp: The `X-AIOS-Timestamp`, Unix seconds.
    ///   - body: The exact request body.
    /// - Returns: The signature; does not throw.
    public static func aios(secret: WebhookSecret, timestamp: Int64, body: [UInt8]) -> String {
        let message = Array("\(timestamp).".utf8) + body
        return "sha256=" + Hex.encode(HMACSHA256.authenticationCode(key: secret.key, message: message))
    }

    /// Every header of a signed delivery, in the order sent.
    ///
    /// - Parameters:
    ///   - secrets: The signing secrets, newest first (at least one).
    ///   - id: The `webhook-id`, the same on every attempt of a delivery.
    ///   - timestamp: Unix seconds at the time of this attempt.
    ///   - body: The exact request body.
    /// - Returns: `(name, value)` pairs; does not throw.
    public static func headers(secrets: [WebhookSecret], id: String, timestamp: Int64, body: [UInt8]) -> [(name: String, value: String)] {
        [
            ("Content-Type", "application/json"),
            ("User-Agent", "aios-webhooks/\(AIOSVersion.current)"),
            ("X-AIOS-Timestamp", String(timestamp)),
            ("X-AIOS-Signature", secrets.map { aios(secret: $0, timestamp: timestamp, body: body) }.joined(separator: " ")),
            ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", secrets.map { standard(secret: $0, id: id, timestamp: timestamp, body: body) }.joined(separator: " ")),
        ]
    }
}
