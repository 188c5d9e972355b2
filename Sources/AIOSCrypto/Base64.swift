/// Base64 (RFC 4648 §4) and its URL- and filename-safe variant (§5).
public enum Base64 {
    /// Encodes `bytes` as Base64.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - urlSafe: Use `-` and `_` instead of `+` and `/` (RFC 4648 §5).
    ///   - padded: Pad the text with `=` to a multiple of four characters.
    /// - Returns: The text; empty for empty input. Does not throw.
    public static func encode(_ bytes: [UInt8], urlSafe: Bool = false, padded: Bool = true) -> String {
        let alphabet: StaticString = urlSafe
            ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let remainder = bytes.count % 3
        let whole = bytes.count - remainder
        let tailLength = remainder == 0 ? 0 : (padded ? 4 : remainder + 1)
        let length = whole / 3 * 4 + tailLength
        return alphabet.withUTF8Buffer { symbol in
            String(unsafeUninitializedCapacity: length) { out in
                var o = 0
                var i = 0
                while i < whole {
                    let group = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                    out[o] = symbol[Int(group >> 18)]
                    out[o + 1] = symbol[Int(group >> 12 & 0x3F)]
                    out[o + 2] = symbol[Int(group >> 6 & 0x3F)]
                    out[o + 3] = symbol[Int(group & 0x3F)]
                    i += 3
                    o += 4
                }
                if remainder > 0 {
                    let second = remainder == 2 ? UInt32(bytes[i + 1]) : 0
                    let group = UInt32(bytes[i]) << 16 | second << 8
                    out[o] = symbol[Int(group >> 18)]
                    out[o + 1] = symbol[Int(group >> 12 & 0x3F)]
                    o += 2
                    if remainder == 2 {
                        out[o] = symbol[Int(group >> 6 & 0x3F)]
                        o += 1
                    }
                    if padded {
                        while o < length {
                            out[o] = UInt8(ascii: "=")
                            o += 1
                        }
                    }
                }
                return length
            }
        }
    }

    /// Decodes Base64 text strictly.
    ///
    /// Standard text must be padded to a multiple of four characters; URL-safe text may be
    /// padded or not, since it is mostly used unpadded (JWT, URLs). Whitespace, characters of the
    /// other alphabet, misplaced or excess `=`, and non-zero unused bits in the last character
    /// (text no encoder produces) are all refused.
    ///
    /// - Parameters:
    ///   - text: The Base64 text.
    ///   - urlSafe: Expect `-` and `_` instead of `+` and `/`.
    /// - Returns: The bytes, or `nil` if `text` is not canonical Base64 of the chosen alphabet.
    ///   Does not throw.
    public static func decode(_ text: String, urlSafe: Bool = false) -> [UInt8]? {
        var text = text
        return text.withUTF8 { utf8 -> [UInt8]? in
            var count = utf8.count
            if count % 4 == 0 {
                if count > 0, utf8[count - 1] == UInt8(ascii: "=") { count -= 1 }
                if count > 0, utf8[count - 1] == UInt8(ascii: "=") { count -= 1 }
            } else if !urlSafe {
                return nil
            }
            let remainder = count % 4
            guard remainder != 1 else { return nil }
            let table = urlSafe ? urlSafeValues : standardValues
            return table.withUnsafeBufferPointer { value -> [UInt8]? in
                var out = [UInt8]()
                out.reserveCapacity(count / 4 * 3 + 2)
                let whole = count - remainder
                var i = 0
                while i < whole {
                    let a = value[Int(utf8[i])], b = value[Int(utf8[i + 1])]
                    let c = value[Int(utf8[i + 2])], d = value[Int(utf8[i + 3])]
                    guard (a | b | c | d) & 0x80 == 0 else { return nil }
                    let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out.append(UInt8(truncatingIfNeeded: group >> 16))
                    out.append(UInt8(truncatingIfNeeded: group >> 8))
                    out.append(UInt8(truncatingIfNeeded: group))
                    i += 4
                }
                if remainder > 0 {
                    let a = value[Int(utf8[i])], b = value[Int(utf8[i + 1])]
                    let c = remainder == 3 ? value[Int(utf8[i + 2])] : 0
                    guard (a | b | c) & 0x80 == 0 else { return nil }
                    let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                    out.append(UInt8(truncatingIfNeeded: group >> 16))
                    if remainder == 3 {
                        guard group & 0xFF == 0 else { return nil }
                        out.append(UInt8(truncatingIfNeeded: group >> 8))
                    } else {
                        guard group & 0xFFFF == 0 else { return nil }
                    }
                }
                return out
            }
        }
    }

    /// Symbol → 6-bit value; `0xFF` for every byte outside the alphabet (including `=`).
    private static func values(_ alphabet: String) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, symbol) in alphabet.utf8.enumerated() { table[Int(symbol)] = UInt8(index) }
        return table
    }

    private static let standardValues = values("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    private static let urlSafeValues = values("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
}
