/// A job's identifier: `job_` followed by 10 characters of creation time (Unix milliseconds)
/// and 20 characters of randomness, all in lower-case Crockford base32.
///
/// Ids sort by creation time as text, and their 100 random bits make them unguessable, so an
/// id is also the capability to read a job.
public struct JobID: Sendable, Hashable, Comparable, CustomStringConvertible {
    // The 30 base32 digits, 5 bits each, most significant first: digits 0–11 in `high`, 12–23
    // in `middle`, 24–29 in `low`. A store keys every table by job id, so an id is three
    // machine words to hash and compare rather than a heap-allocated string.
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    static let prefix = "job_"
    static let timeCharacters = 10
    static let randomCharacters = 20
    static let length = prefix.utf8.count + timeCharacters + randomCharacters

    /// Parses and validates an id given by a user or a client.
    ///
    /// Letters are accepted in either case and normalised to lower case.
    /// - Parameter text: The id as given.
    /// - Throws: `AIOSError` with code `INVALID_INPUT` when `text` is not a well-formed job id.
    public init(validating text: String) throws(AIOSError) {
        var text = text
        let id = text.withUTF8 { Self.parse(UnsafeRawBufferPointer($0), canonicalOnly: false) }
        guard let id else { throw Self.malformed(text) }
        self = id
    }

    /// An id in its canonical text (lower case, as the store writes it), read back from the
    /// store; `nil` when `text` is anything else.
    init?(canonical text: UnsafeRawBufferPointer) {
        guard let id = Self.parse(text, canonicalOnly: true) else { return nil }
        self = id
    }

    private init(high: UInt64, middle: UInt64, low: UInt32) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    private static func parse(_ text: UnsafeRawBufferPointer, canonicalOnly: Bool) -> JobID? {
        guard text.count == length, text[0] == UInt8(ascii: "j"), text[1] == UInt8(ascii: "o"), text[2] == UInt8(ascii: "b"),
            text[3] == UInt8(ascii: "_")
        else { return nil }
        let table = canonicalOnly ? CrockfordBase32.canonicalDigits : CrockfordBase32.digits
        return table.withUnsafeBufferPointer { digits -> JobID? in
            var invalid: UInt8 = 0
            func word(_ range: Range<Int>) -> UInt64 {
                var value: UInt64 = 0
                for index in range {
                    let digit = digits[Int(text[index])]
                    invalid |= digit
                    value = value << 5 | UInt64(digit & 31)
                }
                return value
            }
            let high = word(4..<16)
            let middle = word(16..<28)
            let low = word(28..<34)
            // The time part holds 50 bits; anything beyond year 10889 is a typo, not a job.
            guard invalid & CrockfordBase32.invalidDigit == 0, high >> 59 == 0 else { return nil }
            return JobID(high: high, middle: middle, low: UInt32(low))
        }
    }

    private init(digits: [UInt8]) {
        func pack(_ range: Range<Int>) -> UInt64 { digits[range].reduce(0) { $0 << 5 | UInt64($1) } }
        self.init(high: pack(0..<12), middle: pack(12..<24), low: UInt32(pack(24..<30)))
    }

    /// A new id for a job created at `milliseconds` (Unix time), with fresh random bits.
    ///
    /// - Parameter milliseconds: The creation time; it makes ids sort by creation.
    /// - Returns: A new id; does not throw.
    public static func generate(milliseconds: Int64) -> JobID {
        let time = CrockfordBase32.encode(UInt64(max(0, milliseconds)), count: timeCharacters)
        let random = CrockfordBase32.encode(bits: SecureRandom.bytes(13), count: randomCharacters)
        return JobID(digits: (time + random).map { CrockfordBase32.canonicalValue(of: $0) ?? 0 })
    }

    /// The full text, e.g. `job_01jd3k8x2m…`.
    public var rawValue: String {
        String(unsafeUninitializedCapacity: Self.length) { buffer in
            var position = 0
            for byte in Self.prefix.utf8 {
                buffer[position] = byte
                position += 1
            }
            func write(_ word: UInt64, digits: Int) {
                for shift in (0..<digits).reversed() {
                    buffer[position] = CrockfordBase32.alphabet[Int((word >> UInt64(5 * shift)) & 31)]
                    position += 1
                }
            }
            write(high, digits: 12)
            write(middle, digits: 12)
            write(UInt64(low), digits: 6)
            return position
        }
    }

    /// The creation time encoded in the id, in Unix milliseconds.
    public var milliseconds: Int64 { Int64(high >> 10) }

    public var description: String { rawValue }

    // One word to hash instead of three: ids are generated, their low words random.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(middle ^ UInt64(low) << 34 ^ high &* 0x9E37_79B9_7F4A_7C15)
    }

    public static func < (lhs: JobID, rhs: JobID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }

    private static func malformed(_ text: String) -> AIOSError {
        AIOSError(
            .invalidInput,
            "'\(text.prefix(64))' is not a job id (expected job_ followed by 30 base32 characters)",
            details: ["field": "job_id"])
    }
}
