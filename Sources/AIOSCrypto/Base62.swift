/// Base62 text (`0-9`, `A-Z`, `a-z`): alphanumeric, so it survives URLs, shells and
/// double-click selection, as API keys should.
public enum Base62 {
    private static let alphabet: StaticString = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

    /// Encodes `bytes` as one big-endian number in base 62.
    ///
    /// Each leading zero byte becomes one leading `'0'` (as Bitcoin's Base58 does), so the
    /// encoding is exact: ``decode(_:)`` returns the same bytes, length included. Hence
    /// `[] → ""`, `[0] → "0"`, `[0, 0, 1] → "001"`. The length of the text varies with the value.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: The text. Does not throw.
    public static func encode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        // Little-endian base-62 digits of the number, grown as bytes are shifted in.
        var digits = [UInt8]()
        digits.reserveCapacity(bytes.count * 138 / 100 + 1)
        for byte in bytes[zeros...] {
            var carry = UInt32(byte)
            for j in digits.indices {
                carry += UInt32(digits[j]) << 8
                digits[j] = UInt8(carry % 62)
                carry /= 62
            }
            while carry > 0 {
                digits.append(UInt8(carry % 62))
                carry /= 62
            }
        }
        return alphabet.withUTF8Buffer { symbol in
            String(unsafeUninitializedCapacity: zeros + digits.count) { out in
                for i in 0..<zeros { out[i] = UInt8(ascii: "0") }
                for (i, digit) in digits.reversed().enumerated() { out[zeros + i] = symbol[Int(digit)] }
                return zeros + digits.count
            }
        }
    }

    /// Decodes text made by ``encode(_:)-([UInt8])``.
    ///
    /// - Parameter text: Base62 characters only.
    /// - Returns: The bytes (one zero byte per leading `'0'`), or `nil` if `text` has any
    ///   other character. Does not throw.
    public static func decode(_ text: String) -> [UInt8]? {
        var values = [UInt8]()
        values.reserveCapacity(text.utf8.count)
        for character in text.utf8 {
            guard let value = value(of: character) else { return nil }
            values.append(value)
        }
        let zeros = values.prefix { $0 == 0 }.count
        // Little-endian bytes of the number, grown as digits are shifted in.
        var bytes = [UInt8]()
        for value in values[zeros...] {
            var carry = UInt32(value)
            for j in bytes.indices {
                carry += UInt32(bytes[j]) * 62
                bytes[j] = UInt8(truncatingIfNeeded: carry)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(truncatingIfNeeded: carry))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }

    /// Encodes `value` in base 62, left-padded with `'0'` to `width` characters.
    ///
    /// Six characters hold any `UInt32` (62⁶ > 2³²), e.g. the CRC-32 checksum of an API key.
    ///
    /// - Parameters:
    ///   - value: The number to encode.
    ///   - width: The minimum length of the text. A value that needs more digits is never
    ///     truncated: the text is then longer than `width` (11 characters hold any `UInt64`).
    /// - Returns: The text. Does not throw.
    public static func encode(_ value: UInt64, width: Int) -> String {
        var digits = [UInt8]()
        var rest = value
        repeat {
            digits.append(UInt8(rest % 62))
            rest /= 62
        } while rest > 0
        let length = max(width, digits.count)
        return alphabet.withUTF8Buffer { symbol in
            String(unsafeUninitializedCapacity: length) { out in
                let padding = length - digits.count
                for i in 0..<padding { out[i] = UInt8(ascii: "0") }
                for (i, digit) in digits.reversed().enumerated() { out[padding + i] = symbol[Int(digit)] }
                return length
            }
        }
    }

    /// Decodes base-62 text as a number, leading `'0'`s allowed.
    ///
    /// - Parameter text: One or more Base62 characters.
    /// - Returns: The number, or `nil` if `text` is empty, has any other character, or exceeds
    ///   `UInt64.max`. Does not throw.
    public static func decodeInteger(_ text: String) -> UInt64? {
        guard !text.utf8.isEmpty else { return nil }
        var result: UInt64 = 0
        for character in text.utf8 {
            guard let digit = value(of: character) else { return nil }
            let (shifted, overflow) = result.multipliedReportingOverflow(by: 62)
            let (sum, carry) = shifted.addingReportingOverflow(UInt64(digit))
            guard !overflow, !carry else { return nil }
            result = sum
        }
        return result
    }

    private static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 36
        default: nil
        }
    }
}
