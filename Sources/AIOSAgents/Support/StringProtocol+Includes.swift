import AIOSSystem

extension StringProtocol {
    /// Whether the text contains `needle`: the same answer as the standard library's
    /// `contains(_:)` (`firstRange(of:) != nil`, which compares Characters, so `"e"` is not in
    /// `"e\u{301}"` and `"\n"` is not in `"\r\n"`), found with a UTF-8 byte search.
    ///
    /// `contains(_:)` builds a Character searcher on every call; the engine asks thousands of
    /// such questions per brief, and that searcher was a third of its instructions. The bytes
    /// answer whenever they provably agree with the Characters; otherwise (an empty or non-ASCII
    /// needle, a match next to a non-ASCII byte, a character canonically equal to an ASCII one)
    /// this asks `firstRange(of:)`. (Foundation's `contains(_:)`, which the test targets see,
    /// answers differently: `"abc".contains("")` is false there.)
    package func includes(_ needle: String) -> Bool {
        var pattern = needle
        let answer = pattern.withUTF8 { pattern -> Bool? in
            utf8.withContiguousStorageIfAvailable { text in ByteSearch.includes(text, pattern) } ?? nil
        }
        return answer ?? (firstRange(of: needle) != nil)
    }
}

/// The byte half of `StringProtocol.includes(_:)`.
private enum ByteSearch {
    /// The answer, or nil when bytes alone cannot tell what a Character comparison would say.
    ///
    /// An ASCII needle without CR or LF is one Character per byte. A Character of the text
    /// equals such a Character only if it is that very byte, or one of the three characters
    /// canonically equal to an ASCII one (U+037E, U+1FEF, U+212A), so with none of those every
    /// Character match is a byte match. A byte match is a Character match when the bytes either
    /// side are ASCII too: then grapheme clusters break at both ends (no combining mark after it,
    /// no prepended mark before it, and the needle cannot split a CR LF pair).
    static func includes(_ text: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let first = pattern.first else { return nil }
        for byte in pattern where byte >= 0x80 || byte == 0x0A || byte == 0x0D { return nil }
        guard let base = text.baseAddress, let rest = pattern.baseAddress.map({ $0 + 1 }), text.count >= pattern.count else {
            return hasASCIIEquivalent(text) ? nil : false
        }
        let count = text.count
        var start = 0
        while start <= count - pattern.count {
            guard let found = memchr(base + start, Int32(first), count - pattern.count + 1 - start) else { break }
            let i = UnsafeRawPointer(base).distance(to: found)
            if pattern.count == 1 || memcmp(base + i + 1, rest, pattern.count - 1) == 0 {
                let before = i == 0 || text[i - 1] < 0x80
                let end = i + pattern.count
                let after = end == count || text[end] < 0x80
                return before && after ? true : nil
            }
            start = i + 1
        }
        return hasASCIIEquivalent(text) ? nil : false
    }

    /// Whether the text holds U+037E (`;`), U+1FEF (`` ` ``) or U+212A (`K`), the characters that
    /// Swift compares equal to an ASCII character.
    private static func hasASCIIEquivalent(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return false }
        for encoding: [UInt8] in [[0xCD, 0xBE], [0xE1, 0xBF, 0xAF], [0xE2, 0x84, 0xAA]] {
            var start = 0
            while start < text.count, let found = memchr(base + start, Int32(encoding[0]), text.count - start) {
                let i = UnsafeRawPointer(base).distance(to: found)
                if i + encoding.count <= text.count, (1..<encoding.count).allSatisfy({ text[i + $0] == encoding[$0] }) { return true }
                start = i + 1
            }
        }
        return false
    }
}
