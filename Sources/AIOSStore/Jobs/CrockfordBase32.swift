/// Crockford's base32 alphabet in lower case: no `i`, `l`, `o` or `u`, so ids read aloud and
/// typed by hand survive, and the text sorts in the same order as the number it encodes.
enum CrockfordBase32 {
    static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// The value of one character, accepting either case; `nil` outside the alphabet.
    static func value(of byte: UInt8) -> UInt8? {
        let lower = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
        return decodeTable[Int(lower)]
    }

    /// The value of one character of the canonical (lower-case) text; `nil` for anything else.
    static func canonicalValue(of byte: UInt8) -> UInt8? { decodeTable[Int(byte)] }

    /// A digit's value with this bit set marks a byte outside the alphabet in `digits` and
    /// `canonicalDigits`, so that a whole id is checked with one test at the end.
    static let invalidDigit: UInt8 = 0x80

    /// Each byte's value as a digit, either case (`invalidDigit` outside the alphabet).
    static let digits: [UInt8] = (0..<256).map { value(of: UInt8($0)) ?? invalidDigit }

    /// Each byte's value as a digit of the canonical text (`invalidDigit` for anything else).
    static let canonicalDigits: [UInt8] = (0..<256).map { canonicalValue(of: UInt8($0)) ?? invalidDigit }

    private static let decodeTable: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// `count` characters for the low `5 * count` bits of `value`, most significant first.
    static func encode(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).reversed().map { alphabet[Int((value >> UInt64(5 * $0)) & 31)] }
    }

    /// `count` characters for the first `5 * count` bits of `bytes`, most significant first.
    static func encode(bits bytes: [UInt8], count: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(count)
        var buffer: UInt32 = 0
        var held = 0
        var iterator = bytes.makeIterator()
        while output.count < count {
            if held < 5 {
                buffer = (buffer << 8) | UInt32(iterator.next() ?? 0)
                held += 8
            }
            held -= 5
            output.append(alphabet[Int((buffer >> UInt32(held)) & 31)])
        }
        return output
    }
}
