/// Lowercased text held as UTF-8 bytes for fast, repeated phrase lookups: the analyser checks
/// a hundred trigger words against briefs of up to 200 000 characters.
package struct SearchText: Sendable {
    private let bytes: [UInt8]

    /// The text lowercased, whitespace runs collapsed to one space, padded with a space each side.
    package init(_ text: String) {
        var out: [UInt8] = [0x20]
        var lastWasSpace = true
        for byte in text.lowercased().utf8 {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if space {
                if !lastWasSpace { out.append(0x20) }
            } else {
                out.append(byte)
            }
            lastWasSpace = space
        }
        if !lastWasSpace { out.append(0x20) }
        bytes = out
    }

    /// Whether the text contains `needle` (already lowercase).
    package func contains(_ needle: String) -> Bool { firstIndex(of: Array(needle.utf8), from: 0) != nil }

    /// Whether the text mentions a trigger: long or multi-word triggers anywhere, short ones as
    /// whole words (`ai` not in `maintain`), optionally with a plural `s`.
    package func mentions(_ trigger: String) -> Bool {
        let needle = Array(trigger.utf8)
        if trigger.hasSuffix(" ") || trigger.count > 5 || trigger.contains(" ") { return firstIndex(of: needle, from: 0) != nil }
        var start = 0
        while let found = firstIndex(of: needle, from: start) {
            let before = found > 0 ? bytes[found - 1] : 0x20
            let after = found + needle.count < bytes.count ? bytes[found + needle.count] : 0x20
            if !Self.isLetter(before) && (!Self.isLetter(after) || needle.count > 3 && after == UInt8(ascii: "s")) { return true }
            start = found + 1
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80
    }

    private func firstIndex(of needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first else { return start }
        guard needle.count <= bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                var i = start
                let last = haystack.count - pattern.count
                while i <= last {
                    if haystack[i] == first {
                        var k = 1
                        while k < pattern.count && haystack[i + k] == pattern[k] { k += 1 }
                        if k == pattern.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// The text after the first occurrence of `needle`, up to `length` bytes, as a string.
    package func after(_ needle: String, length: Int) -> String? {
        let pattern = Array(needle.utf8)
        guard let found = firstIndex(of: pattern, from: 0) else { return nil }
        let start = found + pattern.count
        return String(decoding: bytes[start..<min(bytes.count, start + length)], as: UTF8.self)
    }
}
