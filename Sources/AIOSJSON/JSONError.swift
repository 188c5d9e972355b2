/// Why a JSON text was refused, where, and inside which value.
///
/// `offset` is the byte offset in the input where the problem was found; `path` is the
/// JSON Pointer (RFC 6901) of the value that was being parsed, `""` for the root.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem; compare against the static members.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input ended inside a value.
        public static let unexpectedEnd = Code(rawValue: "unexpected_end")
        /// A byte that cannot start or continue a value here.
        public static let unexpectedCharacter = Code(rawValue: "unexpected_character")
        /// A string holds bytes that are not well-formed UTF-8.
        public static let invalidUTF8 = Code(rawValue: "invalid_utf8")
        /// A backslash escape that RFC 8259 does not define, or a lone surrogate escape.
        public static let invalidEscape = Code(rawValue: "invalid_escape")
        /// A number that does not follow the RFC 8259 grammar.
        public static let invalidNumber = Code(rawValue: "invalid_number")
        /// An integer outside `Int64`, or a double that overflows to infinity.
        public static let numberOutOfRange = Code(rawValue: "number_out_of_range")
        /// Arrays and objects nested deeper than `JSONLimits.maxDepth`.
        public static let depthLimitExceeded = Code(rawValue: "depth_limit_exceeded")
        /// The input is longer than `JSONLimits.maxBytes`.
        public static let sizeLimitExceeded = Code(rawValue: "size_limit_exceeded")
        /// An object names the same key twice.
        public static let duplicateKey = Code(rawValue: "duplicate_key")
        /// Something other than whitespace follows the top-level value.
        public static let trailingData = Code(rawValue: "trailing_data")
    }

    public var code: Code
    public var message: String
    /// Byte offset in the input where the problem was found.
    public var offset: Int
    /// JSON Pointer (RFC 6901) of the value being parsed; `""` is the root.
    public var path: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of problem.
    ///   - message: What is wrong, in words.
    ///   - offset: Byte offset in the input.
    ///   - path: JSON Pointer of the value being parsed.
    public init(code: Code, message: String, offset: Int, path: String = "") {
        self.code = code
        self.message = message
        self.offset = offset
        self.path = path
    }

    /// For example `invalid JSON at byte 17 (/params/arguments/spec): unterminated string`.
    public var description: String {
        if path.isEmpty {
            return "invalid JSON at byte \(offset): \(message)"
        }
        return "invalid JSON at byte \(offset) (\(path)): \(message)"
    }
}

extension JSONError {
    /// Escapes one reference token for a JSON Pointer (RFC 6901): `~` → `~0`, `/` → `~1`.
    package static func pointerToken(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            return key
        }
        var escaped = ""
        escaped.reserveCapacity(key.utf8.count + 4)
        for character in key.unicodeScalars {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
