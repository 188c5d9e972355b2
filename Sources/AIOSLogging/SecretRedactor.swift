import AIOSJSON
import Synchronization

/// Removes credentials from text before it is logged.
///
/// Recognised, wherever they appear in a string (at a word boundary):
/// - aios API keys: `aios_` followed by 16 or more letters, digits and underscores including at
///   least one capital or digit (tool names such as `aios_design_architecture` are lower case);
/// - webhook secrets: `whsec_` and the base64 after it;
/// - bearer tokens: `Bearer` (any case), spaces, and a token of 8 or more characters after them
///   (so prose such as "the bearer of" is left alone);
/// - provider keys: `sk-` followed by 20 or more letters, digits, `-` and `_`.
///
/// Each secret keeps its prefix and loses the rest (`aios_[REDACTED]`), so a log still says what
/// kind of credential was there. Values of metadata keys that name a credential (`secret`,
/// `password`, `token`, `authorization`, `api_key`, `cookie`, …) are replaced whole.
public enum SecretRedactor {
    /// What replaces a secret's body.
    public static let mask = "[REDACTED]"

    private static let sensitiveKeyWords = [
        "secret", "password", "passwd", "token", "authorization", "api_key", "api-key", "apikey", "credential", "cookie",
    ]

    /// Secrets this process holds whose shape no pattern above recognises (a provider key of
    /// any form: Azure's 32 hex digits, a local server's password), masked wherever they appear.
    private static let known = Mutex<[String]>([])

    /// Adds a secret this process holds (a provider API key), so that every later ``redact(_:)``
    /// masks it whole, whatever its shape, even when a provider echoes it in an error. Values
    /// shorter than 8 characters are not registered (they would mask ordinary words).
    public static func register(secret: String) {
        guard secret.utf8.count >= 8 else { return }
        known.withLock { if !$0.contains(secret) { $0.append(secret) } }
    }

    /// `text` with every recognised secret masked; `text` itself when it holds none.
    public static func redact(_ text: String) -> String {
        let registered = known.withLock { $0 }
        var text = text
        for secret in registered where text.contains(secret) { text = text.replacing(secret, with: mask) }
        return redactPatterns(text)
    }

    private static func redactPatterns(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var index = 0
        var output: [UInt8]?
        while index < bytes.count {
            if mayStartSecret(bytes[index]), isBoundary(bytes, before: index), let (prefixEnd, end) = secret(in: bytes, at: index) {
                if output == nil { output = Array(bytes[..<index]) }
                output?.append(contentsOf: bytes[index..<prefixEnd])
                output?.append(contentsOf: mask.utf8)
                index = end
            } else {
                output?.append(bytes[index])
                index += 1
            }
        }
        guard let output else { return text }
        return String(decoding: output, as: UTF8.self)
    }

    /// A JSON value with every string in it redacted, recursively.
    public static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(redact(text))
        case .array(let elements): .array(elements.map(redact))
        case .object(let object): .object(redact(object))
        case .null, .bool, .int, .double: value
        }
    }

    /// Metadata with credential-named keys masked whole and every other string redacted.
    public static func redact(_ object: JSONObject) -> JSONObject {
        var result = JSONObject()
        for (key, value) in object {
            if isSensitiveKey(key), value != .null {
                result[key] = .string(mask)
            } else {
                result[key] = redact(value)
            }
        }
        return result
    }

    /// Whether a metadata key names a credential (`webhook_secret`, `Authorization`, …).
    public static func isSensitiveKey(_ key: String) -> Bool {
        let lower = key.lowercased()
        return sensitiveKeyWords.contains { lower.contains($0) }
    }

    // MARK: - Scanning

    /// The first letters of the recognised prefixes, so most bytes are passed over at once.
    private static func mayStartSecret(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "a") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "s") || byte == UInt8(ascii: "b")
            || byte == UInt8(ascii: "B")
    }

    /// Whether a token may start at `index`: the start, or after a character that cannot be part
    /// of a word.
    private static func isBoundary(_ bytes: [UInt8], before index: Int) -> Bool {
        index == 0 || !isWordByte(bytes[index - 1])
    }

    /// The end of the secret's kept prefix and the end of the secret, when one starts at `index`.
    private static func secret(in bytes: [UInt8], at index: Int) -> (prefixEnd: Int, end: Int)? {
        if hasPrefix(bytes, "aios_", at: index) {
            let start = index + 5
            let end = run(bytes, from: start) { isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
            let body = bytes[start..<end]
            let mixed = body.contains { isDigit($0) || ($0 >= 0x41 && $0 <= 0x5A) }
            return end - start >= 16 && mixed ? (start, end) : nil
        }
        if hasPrefix(bytes, "whsec_", at: index) {
            let start = index + 6
            let end = run(bytes, from: start) { isAlphanumeric($0) || "+/=_-".utf8.contains($0) }
            return end > start ? (start, end) : nil
        }
        if hasPrefix(bytes, "sk-", at: index) {
            let start = index + 3
            let end = run(bytes, from: start) { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
            return end - start >= 20 ? (start, end) : nil
        }
        if hasPrefix(bytes, "bearer", at: index, caseInsensitive: true) {
            let spaces = run(bytes, from: index + 6) { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            guard spaces > index + 6 else { return nil }
            let end = run(bytes, from: spaces) { isAlphanumeric($0) || "-._~+/=".utf8.contains($0) }
            return end - spaces >= 8 ? (spaces, end) : nil
        }
        return nil
    }

    private static func hasPrefix(_ bytes: [UInt8], _ prefix: StaticString, at index: Int, caseInsensitive: Bool = false) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { expected in
            for offset in 0..<count {
                var byte = bytes[index + offset]
                if caseInsensitive, byte >= 0x41, byte <= 0x5A { byte += 0x20 }
                if byte != expected[offset] { return false }
            }
            return true
        }
    }

    private static func run(_ bytes: [UInt8], from start: Int, while accepts: (UInt8) -> Bool) -> Int {
        var end = start
        while end < bytes.count, accepts(bytes[end]) { end += 1 }
        return end
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
}
