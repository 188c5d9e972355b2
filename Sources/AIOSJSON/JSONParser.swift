/// Limits the parser enforces on a JSON text.
public struct JSONLimits: Sendable, Hashable {
    /// The deepest nesting of arrays and objects accepted; a document nested exactly this deep
    /// parses, one level more is refused with `JSONError.Code.depthLimitExceeded`.
    ///
    /// The parser keeps open containers on the heap, so the limit protects memory and the
    /// code that later walks the value recursively (serializer, validators), not the parser.
    public var maxDepth: Int
    /// The longest input accepted, in bytes; checked before parsing starts.
    public var maxBytes: Int

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - maxDepth: Deepest accepted nesting of arrays and objects (default 256).
    ///   - maxBytes: Longest accepted input in bytes (default unlimited).
    public init(maxDepth: Int = 256, maxBytes: Int = .max) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// Depth 256, no size limit.
    public static let `default` = JSONLimits()
}

extension JSONValue {
    /// Parses one JSON text (RFC 8259, strict).
    ///
    /// Numbers written without a fraction or exponent become `.int` (exact, or refused when
    /// outside `Int64`); all others become `.double`. `-0` becomes `.double(-0.0)`, because
    /// `Int64` has no negative zero and the sign would otherwise be lost.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 text.
    ///   - limits: Depth and size limits.
    /// - Returns: The value.
    /// - Throws: `JSONError` naming the byte offset and the JSON Pointer of the failing value.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try parse(buffer, limits: limits) }
        }
        return try result.get()
    }

    /// Parses one JSON text (RFC 8259, strict) from raw memory; see `parse(_:limits:)` for `[UInt8]`.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 text; only read during the call.
    ///   - limits: Depth and size limits.
    /// - Returns: The value.
    /// - Throws: `JSONError` naming the byte offset and the JSON Pointer of the failing value.
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: limits.maxDepth)
        return try parser.parseDocument(maxBytes: limits.maxBytes)
    }

    /// Parses one JSON text (RFC 8259, strict) from a string; see `parse(_:limits:)` for `[UInt8]`.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - limits: Depth and size limits (`maxBytes` counts UTF-8 bytes).
    /// - Returns: The value.
    /// - Throws: `JSONError` naming the byte offset and the JSON Pointer of the failing value.
    public static func parse(_ text: String, limits: JSONLimits = .default) throws(JSONError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { utf8 in
            Result { () throws(JSONError) in try parse(UnsafeRawBufferPointer(utf8), limits: limits) }
        }
        return try result.get()
    }
}

/// A parser over borrowed bytes that keeps open arrays and objects on an explicit stack, so
/// nesting costs heap, not thread stack, whatever the build mode and `maxDepth`.
///
/// Paths in errors are computed from that stack when an error is thrown, so the successful
/// path pays nothing for them.
package struct JSONParser {
    /// An open array or object. Frames are pooled by depth and reused.
    private final class Frame {
        var isObject = false
        /// Array elements, or object values in key order.
        var elements: [JSONValue] = []
        var keys: [String] = []
        /// Index for the duplicate-key check once an object outgrows a linear scan.
        var keySet: Set<String> = []
        /// The key whose value is being parsed (objects only).
        var key = ""

        static let linearKeyLimit = 16

        func containsKey(_ key: String) -> Bool {
            keys.count <= Self.linearKeyLimit ? keys.contains(key) : keySet.contains(key)
        }

        func addKey(_ key: String) {
            keys.append(key)
            if keys.count == Self.linearKeyLimit + 1 {
                keySet.formUnion(keys)
            } else if keys.count > Self.linearKeyLimit + 1 {
                keySet.insert(key)
            }
        }
    }

    private var bytes: UnsafeBufferPointer<UInt8>
    private var maxDepth: Int
    private let depthLimit: Int
    private var index = 0
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []
    private var frames: [Frame] = []
    private var depth = 0
    /// Set before throwing an error about a container's own syntax (a missing comma, a bad key)
    /// rather than about the value at its current position.
    private var errorIsAboutContainer = false
    /// Member-by-member reading of a top-level object: whether the next member is the first.
    private var expectsFirstMember = true
    /// The keys of the object `skipFlatObject` is in.
    private var flatKeys: [Range<Int>] = []

    package init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        // Reading input bytes as UInt8 is always valid, whatever type the memory holds.
        self.bytes = bytes.assumingMemoryBound(to: UInt8.self)
        self.maxDepth = maxDepth
        depthLimit = maxDepth
    }

    /// Starts over on other bytes, keeping the buffers grown so far: one parser can read many
    /// small documents (journal records) without allocating for each.
    package mutating func reset(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes.assumingMemoryBound(to: UInt8.self)
        index = 0
        depth = 0
        maxDepth = depthLimit
        errorIsAboutContainer = false
        expectsFirstMember = true
    }

    package mutating func parseDocument(maxBytes: Int) throws(JSONError) -> JSONValue {
        if bytes.count > maxBytes {
            throw JSONError(
                code: .sizeLimitExceeded,
                message: "JSON text is \(bytes.count) bytes, over the limit of \(maxBytes) bytes",
                offset: maxBytes)
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw JSONError(
                code: .unexpectedCharacter,
                message: "byte order mark (U+FEFF) before the value; JSON text must not start with a BOM",
                offset: 0)
        }
        let value: JSONValue
        do {
            value = try parseValue()
        } catch {
            throw locate(error)
        }
        skipWhitespace()
        if index < bytes.count {
            throw JSONError(
                code: .trailingData,
                message: "unexpected \(Self.describe(bytes[index])) after the end of the JSON value",
                offset: index)
        }
        return value
    }

    /// Prefixes the error's path with the JSON Pointer of the open containers.
    @inline(never)
    private func locate(_ error: JSONError) -> JSONError {
        var path = ""
        let levels = errorIsAboutContainer ? depth - 1 : depth
        for level in 0..<max(levels, 0) {
            let frame = frames[level]
            path += "/" + (frame.isObject ? JSONError.pointerToken(frame.key) : String(frame.elements.count))
        }
        var located = error
        located.path = path + error.path
        return located
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONError) -> JSONValue {
        var value: JSONValue
        parsing: while true {
            skipWhitespace()
            guard index < bytes.count else {
                throw Self.error(.unexpectedEnd, "unexpected end of input, expected a value", at: index)
            }
            switch bytes[index] {
            case UInt8(ascii: "["):
                let frame = try open(isObject: false)
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else { continue parsing }
                index += 1
                value = close(frame)
            case UInt8(ascii: "{"):
                let frame = try open(isObject: true)
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else {
                    try readKey(into: frame)
                    continue parsing
                }
                index += 1
                value = close(frame)
            case UInt8(ascii: "\""): value = .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); value = .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); value = .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = try parseNumber()
            case let byte: throw Self.unexpected(byte, expecting: "a value", at: index)
            }

            // Hand the finished value to the innermost open container, closing containers
            // until one needs another value.
            while depth > 0 {
                let frame = frames[depth - 1]
                if frame.isObject { frame.addKey(frame.key) }
                frame.elements.append(value)
                guard try closesAfterMember(of: frame) else { continue parsing }
                value = close(frame)
            }
            return value
        }
    }

    /// After a value inside `frame` (the innermost open container): reads `,` and, in an
    /// object, the next key, and returns `false` (another value follows); or reads the closing
    /// bracket and returns `true`. Shared by `parseValue` and `skipValue`.
    private mutating func closesAfterMember(of frame: Frame) throws(JSONError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else {
            errorIsAboutContainer = true
            throw Self.error(
                .unexpectedEnd,
                frame.isObject ? "unterminated object, expected ',' or '}'" : "unterminated array, expected ',' or ']'",
                at: index)
        }
        let byte = bytes[index]
        if byte == UInt8(ascii: ",") {
            index += 1
            skipWhitespace()
            if frame.isObject {
                try readKey(into: frame)
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                throw Self.error(.unexpectedCharacter, "trailing comma before ']'", at: index)
            }
            return false
        }
        guard byte == (frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
            errorIsAboutContainer = true
            throw Self.unexpected(
                byte,
                expecting: frame.isObject ? "',' or '}' after an object member" : "',' or ']' after an array element",
                at: index)
        }
        index += 1
        return true
    }

    private static let initialCapacity = 6

    /// Opens an array or object at `index` (its bracket).
    private mutating func open(isObject: Bool) throws(JSONError) -> Frame {
        guard depth < maxDepth else { throw Self.depthError(maxDepth, at: index) }
        if frames.count == depth { frames.append(Frame()) }
        let frame = frames[depth]
        frame.isObject = isObject
        // Most containers in protocol messages are small: one allocation of room for a few
        // members instead of regrowing from empty (1, 2, 4, …).
        frame.elements.reserveCapacity(Self.initialCapacity)
        if isObject { frame.keys.reserveCapacity(Self.initialCapacity) }
        depth += 1
        index += 1
        return frame
    }

    /// Closes the innermost container and returns its value, leaving the frame empty for reuse.
    private mutating func close(_ frame: Frame) -> JSONValue {
        depth -= 1
        var elements: [JSONValue] = []
        swap(&elements, &frame.elements)
        guard frame.isObject else { return .array(elements) }
        var keys: [String] = []
        swap(&keys, &frame.keys)
        if !frame.keySet.isEmpty { frame.keySet.removeAll(keepingCapacity: true) }
        return .object(JSONObject(uniqueKeys: keys, values: elements))
    }

    /// Reads `"key":` at `index` into `frame`.
    private mutating func readKey(into frame: Frame) throws(JSONError) {
        errorIsAboutContainer = true
        guard index < bytes.count else {
            throw Self.error(.unexpectedEnd, "unterminated object, expected a key", at: index)
        }
        guard bytes[index] == UInt8(ascii: "\"") else {
            if bytes[index] == UInt8(ascii: "}"), !frame.keys.isEmpty {
                throw Self.error(.unexpectedCharacter, "trailing comma before '}'", at: index)
            }
            throw Self.unexpected(bytes[index], expecting: "a string key", at: index)
        }
        let keyOffset = index
        let key = try parseString()
        if frame.containsKey(key) {
            throw Self.error(
                .duplicateKey, "duplicate key '\(key)'", at: keyOffset, path: "/" + JSONError.pointerToken(key))
        }
        skipWhitespace()
        guard index < bytes.count else {
            throw Self.error(.unexpectedEnd, "unterminated object, expected ':' after key '\(key)'", at: index)
        }
        guard bytes[index] == UInt8(ascii: ":") else {
            throw Self.unexpected(bytes[index], expecting: "':' after key '\(key)'", at: index)
        }
        index += 1
        frame.key = key
        errorIsAboutContainer = false
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let start = index
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count {
            guard start + offset < bytes.count else {
                throw Self.error(.unexpectedEnd, "unexpected end of input inside '\(literal)'", at: start + offset)
            }
            if bytes[start + offset] != expected[offset] {
                throw Self.error(
                    .unexpectedCharacter, "invalid literal, expected '\(literal)'", at: start + offset)
            }
        }
        index = start + count
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    // MARK: - Strings

    /// Parses a string starting at its opening quote; leaves `index` after the closing quote.
    private mutating func parseString() throws(JSONError) -> String {
        let quote = index
        let end = try scanPlain(from: quote + 1)
        guard end < bytes.count else {
            throw Self.error(.unexpectedEnd, "unterminated string", at: quote)
        }
        if bytes[end] == UInt8(ascii: "\"") {
            index = end + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[(quote + 1)..<end]), as: UTF8.self)
        }
        return try parseEscapedString(quote: quote, firstSpecial: end)
    }

    /// The slow path for strings with escapes: copies runs into `scratch`, decoding escapes.
    private mutating func parseEscapedString(quote: Int, firstSpecial: Int) throws(JSONError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(quote + 1)..<firstSpecial]))
        var i = firstSpecial
        while i < bytes.count {
            // scanPlain stops only at a quote or a backslash.
            if bytes[i] == UInt8(ascii: "\"") {
                index = i + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            i = try decodeEscape(at: i)
            let end = try scanPlain(from: i)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
            i = end
        }
        throw Self.error(.unexpectedEnd, "unterminated string", at: quote)
    }

    /// Skips string content that needs no decoding, validating UTF-8 and refusing raw control
    /// characters; returns the index of the next quote or backslash, or the end of input.
    private func scanPlain(from start: Int) throws(JSONError) -> Int {
        var i = start
        let count = bytes.count
        while true {
            // Eight bytes at a time while they are plain ASCII (no quote, backslash or control),
            // then straight to the first byte that is not: the lowest flag marks it exactly.
            while i + 8 <= count {
                // Little-endian, so that byte order is bit order and borrows run upwards.
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self))
                let flags = Self.attentionMask(word)
                if flags != 0 {
                    i += flags.trailingZeroBitCount / 8
                    break
                }
                i += 8
            }
            guard i < count else { return count }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return i }
            if byte < 0x20 { throw Self.controlCharacter(byte, at: i) }
            i += byte < 0x80 ? 1 : try validateUTF8(at: i)
        }
    }

    /// Whether any byte of `word` is a quote, a backslash, below 0x20 or above 0x7F.
    @inline(__always)
    package static func needsAttention(_ word: UInt64) -> Bool { attentionMask(word) != 0 }

    /// The high bit of each byte of `word` (read little-endian) that is a quote, a backslash,
    /// below 0x20 or above 0x7F, and perhaps of later bytes: a borrow only carries upwards, so
    /// the lowest bit set marks the first such byte exactly.
    @inline(__always)
    package static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let zeroQuote = (quotes &- ones) & ~quotes
        let zeroBackslash = (backslashes &- ones) & ~backslashes
        let control = word &- ones &* 0x20
        return (zeroQuote | zeroBackslash | control | word) & highs
    }

    /// Decodes the escape at `at` (a backslash) into `scratch`; returns the index after it.
    private mutating func decodeEscape(at start: Int) throws(JSONError) -> Int {
        guard start + 1 < bytes.count else {
            throw Self.error(.unexpectedEnd, "unterminated string: input ends after a backslash", at: start)
        }
        let decoded: UInt8
        switch bytes[start + 1] {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            let unit = try hex4(at: start + 2)
            var scalarValue = UInt32(unit)
            var end = start + 6
            if (0xD800...0xDBFF).contains(unit) {
                guard end + 1 < bytes.count, bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == UInt8(ascii: "u") else {
                    throw Self.loneSurrogate(unit, at: start)
                }
                let low = try hex4(at: end + 2)
                guard (0xDC00...0xDFFF).contains(low) else { throw Self.loneSurrogate(unit, at: start) }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                end += 6
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw Self.loneSurrogate(unit, at: start)
            }
            Self.appendUTF8(scalarValue, to: &scratch)
            return end
        case let byte:
            throw Self.error(.invalidEscape, "invalid escape '\\\(Self.printable(byte))' in string", at: start)
        }
        scratch.append(decoded)
        return start + 2
    }

    private func hex4(at start: Int) throws(JSONError) -> UInt16 {
        var value: UInt16 = 0
        for i in start..<(start + 4) {
            guard i < bytes.count else {
                throw Self.error(.unexpectedEnd, "unterminated \\u escape", at: start - 2)
            }
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw Self.error(.invalidEscape, "\\u escape needs four hex digits", at: start - 2)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence starting at `start` (RFC 3629 §4: no overlongs,
    /// no surrogates, nothing above U+10FFFF); returns its length.
    private func validateUTF8(at start: Int) throws(JSONError) -> Int {
        let lead = bytes[start]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default:
            throw Self.error(.invalidUTF8, "invalid UTF-8 lead byte 0x\(Self.hex(lead)) in string", at: start)
        }
        guard start + length <= bytes.count else {
            throw Self.error(.invalidUTF8, "truncated UTF-8 sequence in string", at: start)
        }
        let second = bytes[start + 1]
        guard second >= low, second <= high else {
            throw Self.error(.invalidUTF8, "invalid UTF-8 sequence in string (overlong, surrogate, or not a continuation byte)", at: start)
        }
        for i in (start + 2)..<(start + length) where bytes[i] & 0xC0 != 0x80 {
            throw Self.error(.invalidUTF8, "invalid UTF-8 sequence in string (missing continuation byte)", at: start)
        }
        return length
    }

    // MARK: - Reading an object member by member

    /// A member's key as read: where its text is when it has no escapes (nearly always), so
    /// that a reader can match it without building a string; else the decoded key.
    package enum MemberKey {
        case plain(Range<Int>)
        case decoded(String)
    }

    /// Starts reading a document that must be one object, member by member (`nextMemberKey`,
    /// then `memberValue` or `skipMemberValue`), for decoders that know the members they expect:
    /// no tree is built for the object itself, and a member can be kept as its bytes. The rules
    /// are those of `parseDocument`, except that refusing a repeated key is left to the reader,
    /// which knows its keys without building them.
    package mutating func beginObject() throws(JSONError) {
        skipWhitespace()
        guard index < bytes.count else {
            throw Self.error(.unexpectedEnd, "unexpected end of input, expected a value", at: index)
        }
        guard bytes[index] == UInt8(ascii: "{") else { throw Self.unexpected(bytes[index], expecting: "an object", at: index) }
        guard maxDepth >= 1 else { throw Self.depthError(maxDepth, at: index) }
        // Member values are parsed from depth 0; one level less keeps the document's limit.
        maxDepth -= 1
        index += 1
        expectsFirstMember = true
    }

    /// The next member's key, with the parser standing on its value; `nil` after the closing
    /// brace, when only whitespace may follow (`endDocument`).
    package mutating func nextMemberKey() throws(JSONError) -> MemberKey? {
        skipWhitespace()
        guard index < bytes.count else {
            throw Self.error(
                .unexpectedEnd,
                expectsFirstMember ? "unterminated object, expected a key" : "unterminated object, expected ',' or '}'",
                at: index)
        }
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            return nil
        }
        if expectsFirstMember {
            expectsFirstMember = false
        } else {
            guard bytes[index] == UInt8(ascii: ",") else {
                throw Self.unexpected(bytes[index], expecting: "',' or '}' after an object member", at: index)
            }
            index += 1
            skipWhitespace()
            guard index < bytes.count else {
                throw Self.error(.unexpectedEnd, "unterminated object, expected a key", at: index)
            }
            if bytes[index] == UInt8(ascii: "}") {
                throw Self.error(.unexpectedCharacter, "trailing comma before '}'", at: index)
            }
        }
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw Self.unexpected(bytes[index], expecting: "a string key", at: index)
        }
        let quote = index
        let end = try scanPlain(from: quote + 1)
        guard end < bytes.count else { throw Self.error(.unexpectedEnd, "unterminated string", at: quote) }
        let key: MemberKey
        if bytes[end] == UInt8(ascii: "\"") {
            index = end + 1
            key = .plain((quote + 1)..<end)
        } else {
            key = .decoded(try parseEscapedString(quote: quote, firstSpecial: end))
        }
        skipWhitespace()
        guard index < bytes.count else {
            throw Self.error(.unexpectedEnd, "unterminated object, expected ':' after a key", at: index)
        }
        guard bytes[index] == UInt8(ascii: ":") else {
            throw Self.unexpected(bytes[index], expecting: "':' after a key", at: index)
        }
        index += 1
        return key
    }

    /// The current member's value as a tree.
    package mutating func memberValue() throws(JSONError) -> JSONValue {
        do {
            return try parseValue()
        } catch {
            throw locate(error)
        }
    }

    /// Skips the current member's value, checked exactly as parsing would check it, without
    /// building it; returns where its text is (without surrounding whitespace).
    package mutating func skipMemberValue() throws(JSONError) -> Range<Int> {
        skipWhitespace()
        let start = index
        guard index < bytes.count else {
            throw Self.error(.unexpectedEnd, "unexpected end of input, expected a value", at: index)
        }
        switch bytes[index] {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"):
            if try !skipFlatObject() { try skipValue() }
        case UInt8(ascii: "["):
            if try !skipFlatArray() { try skipValue() }
        default: try skipValue()
        }
        return start..<index
    }

    /// Skips an array of strings (a list of names, nearly always) with every check
    /// `skipValue` makes but without its frames; returns `false`, the parser where it was, for
    /// any other array.
    private mutating func skipFlatArray() throws(JSONError) -> Bool {
        let start = index
        guard depth < maxDepth else { return false }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return true
        }
        while index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            try skipString()
            skipWhitespace()
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return true
            }
            guard bytes[index] == UInt8(ascii: ",") else { break }
            index += 1
            skipWhitespace()
        }
        index = start
        return false
    }

    /// Skips an object whose members are all strings, numbers, booleans or null under plain
    /// keys (a request, nearly always), with every check `skipValue` makes but without its
    /// frames; returns `false`, the parser where it was, for any other object.
    private mutating func skipFlatObject() throws(JSONError) -> Bool {
        let start = index
        guard depth < maxDepth else { return false }
        flatKeys.removeAll(keepingCapacity: true)
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return true
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), flatKeys.count < 16 else {
                index = start
                return false
            }
            let end = try scanPlain(from: index + 1)
            guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else {
                index = start
                return false
            }
            let key = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
            // Keys are compared as bytes here; non-ASCII ones are compared as strings (by
            // canonical equivalence, as parsing does) on the general path.
            guard !key.contains(where: { $0 >= 0x80 }) else {
                index = start
                return false
            }
            for earlier in flatKeys where earlier.count == key.count && bytes[earlier].elementsEqual(key) {
                throw Self.error(
                    .duplicateKey, "duplicate key '\(String(decoding: key, as: UTF8.self))'", at: index,
                    path: "/" + JSONError.pointerToken(String(decoding: key, as: UTF8.self)))
            }
            flatKeys.append((index + 1)..<end)
            index = end + 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                index = start
                return false
            }
            index += 1
            skipWhitespace()
            guard index < bytes.count else {
                index = start
                return false
            }
            switch bytes[index] {
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "t"): try expectLiteral("true")
            case UInt8(ascii: "f"): try expectLiteral("false")
            case UInt8(ascii: "n"): try expectLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parseNumber()
            default:
                index = start
                return false
            }
            skipWhitespace()
            guard index < bytes.count else {
                index = start
                return false
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return true
            }
            guard bytes[index] == UInt8(ascii: ",") else {
                index = start
                return false
            }
            index += 1
            skipWhitespace()
        }
    }

    /// Checks that nothing but whitespace follows the object's closing brace.
    package mutating func endDocument() throws(JSONError) {
        skipWhitespace()
        if index < bytes.count {
            throw JSONError(
                code: .trailingData, message: "unexpected \(Self.describe(bytes[index])) after the end of the JSON value",
                offset: index)
        }
    }

    /// `parseValue` without the value: the same checks (syntax, strings, numbers, duplicate
    /// keys, depth), using the frames only for keys.
    private mutating func skipValue() throws(JSONError) {
        parsing: while true {
            skipWhitespace()
            guard index < bytes.count else {
                throw Self.error(.unexpectedEnd, "unexpected end of input, expected a value", at: index)
            }
            switch bytes[index] {
            case UInt8(ascii: "["):
                let frame = try open(isObject: false)
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else { continue parsing }
                index += 1
                closeSkipped(frame)
            case UInt8(ascii: "{"):
                let frame = try open(isObject: true)
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else {
                    try readKey(into: frame)
                    continue parsing
                }
                index += 1
                closeSkipped(frame)
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "t"): try expectLiteral("true")
            case UInt8(ascii: "f"): try expectLiteral("false")
            case UInt8(ascii: "n"): try expectLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parseNumber()
            case let byte: throw Self.unexpected(byte, expecting: "a value", at: index)
            }

            while depth > 0 {
                let frame = frames[depth - 1]
                if frame.isObject { frame.addKey(frame.key) }
                guard try closesAfterMember(of: frame) else { continue parsing }
                closeSkipped(frame)
            }
            return
        }
    }

    private mutating func closeSkipped(_ frame: Frame) {
        depth -= 1
        frame.keys.removeAll(keepingCapacity: true)
        if !frame.keySet.isEmpty { frame.keySet.removeAll(keepingCapacity: true) }
    }

    /// `parseString` without the string: checks escapes and UTF-8, leaves `index` after the quote.
    private mutating func skipString() throws(JSONError) {
        let quote = index
        var i = try scanPlain(from: quote + 1)
        scratch.removeAll(keepingCapacity: true)
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\"") {
                index = i + 1
                return
            }
            // A one-character escape needs no decoding to be skipped; `\u` goes the long way.
            switch i + 1 < bytes.count ? bytes[i + 1] : 0 {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
            default:
                i = try decodeEscape(at: i)
            }
            i = try scanPlain(from: i)
        }
        throw Self.error(.unexpectedEnd, "unterminated string", at: quote)
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONError) -> JSONValue {
        let start = index
        let count = bytes.count
        var i = start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < count, Self.isDigit(bytes[i]) else {
            throw Self.error(.invalidNumber, "expected a digit after '-'", at: i)
        }
        let integerStart = i
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < count, Self.isDigit(bytes[i]) {
                throw Self.error(.invalidNumber, "leading zeros are not allowed in numbers", at: integerStart)
            }
        } else {
            while i < count, Self.isDigit(bytes[i]) { i += 1 }
        }
        let integerEnd = i
        var fractionEnd = i
        var isInteger = true
        if i < count, bytes[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < count, Self.isDigit(bytes[i]) else {
                throw Self.error(.invalidNumber, "expected a digit after '.'", at: i)
            }
            while i < count, Self.isDigit(bytes[i]) { i += 1 }
            fractionEnd = i
        }
        var exponent = 0
        var exponentIsSmall = true
        if i < count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            var exponentNegative = false
            if i < count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < count, Self.isDigit(bytes[i]) else {
                throw Self.error(.invalidNumber, "expected a digit in the exponent", at: i)
            }
            while i < count, Self.isDigit(bytes[i]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] - UInt8(ascii: "0")) }
                i += 1
            }
            if exponentNegative { exponent = -exponent }
            exponentIsSmall = abs(exponent) < 100_000
        }
        index = i

        if isInteger {
            if negative, integerEnd - integerStart == 1, bytes[integerStart] == UInt8(ascii: "0") {
                return .double(-0.0)
            }
            // Accumulate negatively so Int64.min is reachable.
            var value: Int64 = 0
            for j in integerStart..<integerEnd {
                let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = shifted.subtractingReportingOverflow(Int64(bytes[j] - UInt8(ascii: "0")))
                if o1 || o2 { throw Self.integerOutOfRange(start: start, end: i, bytes: bytes) }
                value = next
            }
            if !negative {
                if value == .min { throw Self.integerOutOfRange(start: start, end: i, bytes: bytes) }
                value = -value
            }
            return .int(value)
        }

        if exponentIsSmall, let exact = fastDouble(integerStart: integerStart, integerEnd: integerEnd,
                                                   fractionEnd: fractionEnd, exponent: exponent) {
            return .double(negative ? -exact : exact)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let value = Double(text) else {
            throw Self.error(.invalidNumber, "invalid number '\(text)'", at: start)
        }
        guard value.isFinite else {
            throw Self.error(.numberOutOfRange, "number \(text) is too large for a double", at: start)
        }
        return .double(value)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Clinger's fast path: when the digits fit in 2^53 and the power of ten is exact, one
    /// correctly rounded multiplication or division gives the correctly rounded result.
    private func fastDouble(integerStart: Int, integerEnd: Int, fractionEnd: Int, exponent: Int) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        for j in integerStart..<integerEnd {
            mantissa = mantissa &* 10 &+ UInt64(bytes[j] - UInt8(ascii: "0"))
            if mantissa != 0 { digits += 1 }
        }
        var scale = exponent
        if fractionEnd > integerEnd {
            for j in (integerEnd + 1)..<fractionEnd {
                mantissa = mantissa &* 10 &+ UInt64(bytes[j] - UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
                scale -= 1
            }
        }
        guard digits <= 15, mantissa <= 1 << 53, scale >= -22, scale <= 22 else { return nil }
        let value = Double(mantissa)
        return scale < 0 ? value / Self.powersOfTen[-scale] : value * Self.powersOfTen[scale]
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: - Errors
    // Kept out of line so the recursive frames stay small.

    @inline(never)
    private static func error(_ code: JSONError.Code, _ message: String, at offset: Int, path: String = "") -> JSONError {
        JSONError(code: code, message: message, offset: offset, path: path)
    }

    @inline(never)
    private static func unexpected(_ byte: UInt8, expecting: String, at offset: Int) -> JSONError {
        JSONError(code: .unexpectedCharacter, message: "expected \(expecting), found \(describe(byte))", offset: offset)
    }

    @inline(never)
    private static func depthError(_ maxDepth: Int, at offset: Int) -> JSONError {
        JSONError(
            code: .depthLimitExceeded,
            message: "arrays and objects nested deeper than the limit of \(maxDepth)",
            offset: offset)
    }

    @inline(never)
    private static func controlCharacter(_ byte: UInt8, at offset: Int) -> JSONError {
        JSONError(
            code: .unexpectedCharacter,
            message: "raw control character 0x\(hex(byte)) in string; it must be escaped",
            offset: offset)
    }

    @inline(never)
    private static func loneSurrogate(_ unit: UInt16, at offset: Int) -> JSONError {
        JSONError(
            code: .invalidEscape,
            message: "lone surrogate \\u\(String(unit, radix: 16, uppercase: true)) in string",
            offset: offset)
    }

    @inline(never)
    private static func integerOutOfRange(start: Int, end: Int, bytes: UnsafeBufferPointer<UInt8>) -> JSONError {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return JSONError(
            code: .numberOutOfRange,
            message: "integer \(text) does not fit in a 64-bit signed integer",
            offset: start)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }

    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x" + hex(byte)
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(String(UnicodeScalar(byte)))'" : "byte 0x\(hex(byte))"
    }
}
