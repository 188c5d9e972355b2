/// An API key's secret: `aios_`, 32 random base62 characters (190 bits from the system's
/// CSPRNG) and a 6-character base62 CRC-32 checksum of everything before it, 43 characters in all.
///
/// The checksum lets a mistyped or truncated key be refused offline, before any lookup, and
/// the fixed prefix and shape let secret scanners find leaked keys. The text is never stored:
/// the store keeps ``sha256`` and ``hint``.
public struct APIKeySecret: Sendable, Hashable {
    /// Every key starts with this.
    public static let prefix = "aios_"
    /// Random base62 characters after the prefix (32 × log2 62 ≈ 190 bits).
    public static let randomLength = 32
    /// Base62 characters of the CRC-32 checksum (62⁶ > 2³²).
    public static let checksumLength = 6
    /// The length of every key.
    public static let length = prefix.utf8.count + randomLength + checksumLength

    /// Why a text is not a well-formed key; decided without looking anything up.
    public enum Problem: String, Error, Sendable, Hashable, CustomStringConvertible {
        case missingPrefix = "does not start with aios_"
        case wrongLength = "has the wrong length"
        case invalidCharacter = "has a character outside 0-9, A-Z, a-z"
        case checksumMismatch = "fails its checksum (mistyped or truncated?)"

        public var description: String { rawValue }
    }

    /// The key as the user holds it.
    public let text: String

    /// Checks the shape and checksum of `text`.
    ///
    /// - Parameter text: A key as given by a user (`AIOS_API_KEY`, `--api-key`).
    /// - Throws: The ``Problem`` found: the key is refused before any lookup.
    public init(validating text: String) throws(Problem) {
        var copy = text
        if let problem = copy.withUTF8(Self.problem(in:)) { throw problem }
        self.text = text
    }

    private static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        let prefixBytes = prefix.utf8
        guard bytes.count >= prefixBytes.count, zip(bytes, prefixBytes).allSatisfy({ $0 == $1 }) else { return .missingPrefix }
        guard bytes.count == length else { return .wrongLength }
        var checksum: UInt64 = 0
        for index in prefixBytes.count..<length {
            guard let digit = base62Value(bytes[index]) else { return .invalidCharacter }
            if index >= length - checksumLength { checksum = checksum * 62 + UInt64(digit) }
        }
        let body = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<(length - checksumLength)]))
        return checksum == UInt64(CRC32.checksum(body)) ? nil : .checksumMismatch
    }

    private init(trusted text: String) { self.text = text }

    /// A new key from the system's CSPRNG.
    ///
    /// - Returns: The key. Does not throw.
    public static func generate() -> APIKeySecret {
        var body = prefix
        while body.utf8.count < prefix.utf8.count + randomLength {
            for byte in SecureRandom.bytes(randomLength) where byte < 248 {
                // 248 = 4 × 62: rejecting larger bytes keeps every character uniform.
                guard body.utf8.count < prefix.utf8.count + randomLength else { break }
                body += Base62.encode(UInt64(byte % 62), width: 1)
            }
        }
        return APIKeySecret(trusted: body + checksum(of: body))
    }

    /// The checksum characters for `body` (the prefix and the random part).
    static func checksum(of body: String) -> String {
        Base62.encode(UInt64(CRC32.checksum(Array(body.utf8))), width: checksumLength)
    }

    /// The lowercase hex SHA-256 of the key text: what the store keeps. A key holds 190 random
    /// bits, so a fast unsalted hash is enough; a slow password hash would only slow every call.
    public var sha256: String { Hex.encode(SHA256.hash(Array(text.utf8))) }

    /// A non-secret reminder of the key for lists and logs: the prefix, 4 characters and the
    /// last 4, e.g. `aios_AbCd…wXyZ`.
    public var hint: String { Self.hint(for: text) }

    /// The hint of any text (also of a malformed key, for failure logs); a text shorter than 20
    /// characters shows only its length, since 13 of its characters would reveal most of it.
    package static func hint(for text: String) -> String {
        let characters = Array(text)
        guard characters.count >= 20 else { return "(\(characters.count) characters)" }
        return String(characters.prefix(prefix.count + 4)) + "…" + String(characters.suffix(4))
    }

    private static func base62Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x5A: byte - 0x41 + 10
        case 0x61...0x7A: byte - 0x61 + 36
        default: nil
        }
    }
}

extension APIKeySecret: CustomStringConvertible {
    /// The hint only, so that interpolating a secret into a message or log never reveals it.
    public var description: String { hint }
}
