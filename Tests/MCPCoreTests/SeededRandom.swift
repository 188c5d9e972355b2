@testable import MCPCore

/// A SplitMix64 generator: the same seed gives the same values on every run and platform,
/// so property-style tests are reproducible.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Characters chosen to hit every escaping rule: controls, quotes, backslash, slash,
    /// U+2028/U+2029, multi-byte and astral scalars.
    private static let alphabet: [Unicode.Scalar] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{C}",
        "\u{1F}", "\u{7F}", "é", "ß", "€", "\u{2028}", "\u{2029}", "中", "😀", "\u{10FFFF}", "\u{FEFF}", "~",
    ]

    mutating func string(maxLength: Int = 12) -> String {
        var result = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &self) {
            result.append(Self.alphabet.randomElement(using: &self) ?? "a")
        }
        return String(result)
    }

    mutating func double() -> Double {
        switch Int.random(in: 0..<6, using: &self) {
        case 0: return Double(Int.random(in: -1000...1000, using: &self))
        case 1: return Double.random(in: -1...1, using: &self)
        case 2: return Double(bitPattern: next() & 0x7FEF_FFFF_FFFF_FFFF | (next() & (1 << 63)))
        case 3: return [0.0, -0.0, 1e16, 1e20, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .leastNormalMagnitude, 1e-7]
            .randomElement(using: &self) ?? 0
        default: return Double.random(in: -1e12...1e12, using: &self)
        }
    }

    /// A random JSON value with unique object keys and finite doubles.
    mutating func value(depth: Int = 0) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &self)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &self))
        case 2:
            return Bool.random(using: &self)
                ? .int(Int64(bitPattern: next())) : .int(Int64.random(in: -100...100, using: &self))
        case 3: return .double(double())
        case 4: return .string(string())
        case 5: return .array((0..<Int.random(in: 0...5, using: &self)).map { _ in value(depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...5, using: &self) {
                let key = string(maxLength: 6)
                if !object.contains(key) { object[key] = value(depth: depth + 1) }
            }
            return .object(object)
        }
    }
}
