/// Base16 text for bytes: lowercase when encoding, either case when decoding.
public enum Hex {
    /// Encodes `bytes` as lowercase hexadecimal, two characters per byte.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: The text; empty for empty input. Does not throw.
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return digits.withUTF8Buffer { digit in
            String(unsafeUninitializedCapacity: bytes.count * 2) { out in
                for (i, byte) in bytes.enumerated() {
                    out[2 * i] = digit[Int(byte >> 4)]
                    out[2 * i + 1] = digit[Int(byte & 0x0F)]
                }
                return bytes.count * 2
            }
        }
    }

    /// Decodes hexadecimal text (upper- or lowercase).
    ///
    /// - Parameter text: An even number of characters from `0-9`, `a-f`, `A-F`, nothing else.
    /// - Returns: The bytes, or `nil` if `text` has an odd length or any other character.
    ///   Does not throw.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { utf8 -> [UInt8]? in
            guard utf8.count % 2 == 0 else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(utf8.count / 2)
            var i = 0
            while i < utf8.count {
                guard let high = value(utf8[i]), let low = value(utf8[i + 1]) else { return nil }
                out.append(high << 4 | low)
                i += 2
            }
            return out
        }
    }

    private static func value(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
