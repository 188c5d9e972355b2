/// A job's identifier: `job_` followed by 10 characters of creation time (Unix milliseconds)
/// and 20 characters of randomness, all in lower-case Crockford base32.
///
/// Ids sort by creation time as text, and their 100 random bits make them unguessable, so an
/// id is also the capability to read a job.
public struct JobID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The full text, e.g. `job_01jd3k8x2m…`.
    public let rawValue: String

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
        let prefixCount = Self.prefix.utf8.count
        let normalised: String? = text.withUTF8 { bytes in
            guard bytes.count == Self.length, bytes.starts(with: Self.prefix.utf8),
                // The time part holds 50 bits; anything beyond year 10889 is a typo, not a job.
                let first = CrockfordBase32.value(of: bytes[prefixCount]), first < 16
            else { return nil }
            var valid = true
            let result = String(unsafeUninitializedCapacity: Self.length) { output in
                for i in 0..<prefixCount { output[i] = bytes[i] }
                for i in prefixCount..<Self.length {
                    guard let value = CrockfordBase32.value(of: bytes[i]) else {
                        valid = false
                        return 0
                    }
                    output[i] = CrockfordBase32.alphabet[Int(value)]
                }
                return Self.length
            }
            return valid ? result : nil
        }
        guard let normalised else { throw Self.malformed(text) }
        rawValue = normalised
    }

    /// An id already known to be well formed (read back from the store).
    init(trusted rawValue: String) { self.rawValue = rawValue }

    /// A new id for a job created at `milliseconds` (Unix time), with fresh random bits.
    ///
    /// - Parameter milliseconds: The creation time; it makes ids sort by creation.
    /// - Returns: A new id; does not throw.
    public static func generate(milliseconds: Int64) -> JobID {
        let time = CrockfordBase32.encode(UInt64(max(0, milliseconds)), count: timeCharacters)
        let random = CrockfordBase32.encode(bits: SecureRandom.bytes(13), count: randomCharacters)
        return JobID(trusted: String(decoding: Array(prefix.utf8) + time + random, as: UTF8.self))
    }

    /// The creation time encoded in the id, in Unix milliseconds.
    public var milliseconds: Int64 {
        var value: Int64 = 0
        for byte in rawValue.utf8.dropFirst(Self.prefix.utf8.count).prefix(Self.timeCharacters) {
            value = value << 5 | Int64(CrockfordBase32.value(of: byte) ?? 0)
        }
        return value
    }

    public var description: String { rawValue }

    public static func < (lhs: JobID, rhs: JobID) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func malformed(_ text: String) -> AIOSError {
        AIOSError(
            .invalidInput,
            "'\(text.prefix(64))' is not a job id (expected job_ followed by 30 base32 characters)",
            details: ["field": "job_id"])
    }
}
