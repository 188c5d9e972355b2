#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import MCPCore

@Suite struct JSONParserTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private func parseError(_ input: [UInt8], limits: JSONLimits = .default) -> JSONError? {
        do {
            _ = try JSONValue.parse(input, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Values

    static let validDocuments: [(String, JSONValue)] = [
        ("null", .null),
        ("true", true),
        ("false", false),
        ("0", .int(0)),
        ("1", .int(1)),
        ("-1", .int(-1)),
        ("1.0", .double(1.0)),
        ("1e2", .double(100)),
        ("1E2", .double(100)),
        ("1e+2", .double(100)),
        ("1.5e-3", .double(0.0015)),
        ("0.1", .double(0.1)),
        ("123456789.123456789", .double(123456789.123456789)),
        ("2.2250738585072014e-308", .double(2.2250738585072014e-308)),
        ("1.7976931348623157e308", .double(1.7976931348623157e308)),
        ("5e-324", .double(Double(bitPattern: 1))),
        ("1e-400", .double(0)),
        ("9223372036854775807", .int(.max)),
        ("-9223372036854775808", .int(.min)),
        ("\"\"", ""),
        ("\"abc\"", "abc"),
        (" \t\r\n[ ] \n", []),
        ("{}", [:]),
        ("[1,\"a\",null,true,{\"k\":[]}]", [1, "a", nil, true, ["k": []]]),
        ("{\"b\":1,\"a\":2,\"c\":{\"z\":0,\"y\":1}}", ["b": 1, "a": 2, "c": ["z": 0, "y": 1]]),
        ("\"é中😀\"", "é中😀"),
        ("\"a/b\"", "a/b"),
    ]

    @Test(arguments: validDocuments)
    func parsesValidDocument(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
        #expect(try JSONValue.parse(bytes(text)) == expected)
    }

    @Test func keepsObjectKeyOrder() throws {
        let value = try JSONValue.parse(#"{"zeta":1,"alpha":2,"mid":3}"#)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
    }

    @Test func integerAndDoubleKindsFollowTheLiteral() throws {
        #expect(try JSONValue.parse("1") == .int(1))
        #expect(try JSONValue.parse("1.0") == .double(1))
        #expect(try JSONValue.parse("1e2") == .double(100))
        #expect(try JSONValue.parse("100") == .int(100))
        guard case .int = try JSONValue.parse("1") else { Issue.record("1 must be an integer"); return }
        guard case .double = try JSONValue.parse("1.0") else { Issue.record("1.0 must be a double"); return }
        guard case .double = try JSONValue.parse("1e2") else { Issue.record("1e2 must be a double"); return }
    }

    @Test(arguments: ["-0", "-0.0", "-0e0", "-0.0E+5"])
    func negativeZeroKeepsItsSign(text: String) throws {
        let value = try JSONValue.parse(text)
        guard case .double(let number) = value else {
            Issue.record("\(text) parsed to \(value), expected a double")
            return
        }
        #expect(number == 0 && number.sign == .minus)
    }

    @Test func decodesEveryEscape() throws {
        let text = #""\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00\u0000""#
        #expect(try JSONValue.parse(text) == .string("\"\\/\u{8}\u{C}\n\r\tAé€😀\u{0}"))
    }

    @Test func decodesEscapesMixedWithMultiByteText() throws {
        #expect(try JSONValue.parse(#""中\n😀\u00e9x""#) == .string("中\n😀éx"))
    }

    @Test func parsesFromRawBufferAndString() throws {
        let text = #"{"a":[1,2.5,"x"]}"#
        let fromBuffer = try Array(text.utf8).withUnsafeBytes { buffer in
            try JSONValue.parse(buffer)
        }
        #expect(fromBuffer == ["a": [1, 2.5, "x"]])
        #expect(try JSONValue.parse(text) == fromBuffer)
    }

    /// The scanner skips eight plain bytes at a time; a special byte at any position of a
    /// long string must still be seen.
    @Test(arguments: 0..<20)
    func specialBytesAreFoundAtEveryPosition(position: Int) throws {
        var plain = Array("abcdefghijklmnopqrst".utf8)
        let expectations: [(UInt8, JSONError.Code?)] = [(0x0A, .unexpectedCharacter), (0x1F, .unexpectedCharacter), (0xFF, .invalidUTF8)]
        for (byte, code) in expectations {
            plain[position] = byte
            let error = try #require(parseError([0x22] + plain + [0x22]))
            #expect(error.code == code)
            #expect(error.offset == position + 1)
        }
        var escaped = Array("abcdefghijklmnopqrst".utf8)
        escaped.insert(contentsOf: [0x5C, UInt8(ascii: "n")], at: position)
        var expected = "abcdefghijklmnopqrst"
        expected.insert("\n", at: expected.index(expected.startIndex, offsetBy: position))
        #expect(try JSONValue.parse([0x22] + escaped + [0x22]) == .string(expected))
        var quoted = Array("abcdefghijklmnopqrst".utf8)
        quoted[position] = 0x22
        let error = try #require(parseError([0x22] + quoted + [0x22]))
        #expect(error.code == .trailingData)
        #expect(error.offset == position + 2)
    }

    // MARK: - Refusals

    static let invalidDocuments: [(String, JSONError.Code)] = [
        ("", .unexpectedEnd),
        ("   ", .unexpectedEnd),
        ("[1,]", .unexpectedCharacter),
        ("{\"a\":1,}", .unexpectedCharacter),
        ("[,1]", .unexpectedCharacter),
        ("01", .invalidNumber),
        ("-01", .invalidNumber),
        ("00", .invalidNumber),
        ("+1", .unexpectedCharacter),
        ("1.", .invalidNumber),
        ("1.e3", .invalidNumber),
        (".5", .unexpectedCharacter),
        ("1e", .invalidNumber),
        ("1e+", .invalidNumber),
        ("-", .invalidNumber),
        ("NaN", .unexpectedCharacter),
        ("Infinity", .unexpectedCharacter),
        ("-Infinity", .invalidNumber),
        ("0x10", .trailingData),
        ("[1 2]", .unexpectedCharacter),
        ("{\"a\" 1}", .unexpectedCharacter),
        ("{a:1}", .unexpectedCharacter),
        ("{'a':1}", .unexpectedCharacter),
        ("// comment\n1", .unexpectedCharacter),
        ("/* comment */ 1", .unexpectedCharacter),
        ("1 // comment", .trailingData),
        ("[1] [2]", .trailingData),
        ("1 2", .trailingData),
        ("\"abc", .unexpectedEnd),
        ("[1", .unexpectedEnd),
        ("{\"a\":1", .unexpectedEnd),
        ("{\"a\"", .unexpectedEnd),
        ("tru", .unexpectedEnd),
        ("True", .unexpectedCharacter),
        ("nulL", .unexpectedCharacter),
        ("\"\\x\"", .invalidEscape),
        ("\"\\'\"", .invalidEscape),
        ("\"\\u12\"", .invalidEscape),
        ("\"\\u12G4\"", .invalidEscape),
        ("\"\\ud800\"", .invalidEscape),
        ("\"\\udc00\"", .invalidEscape),
        ("\"\\ude00\\ud83d\"", .invalidEscape),
        ("\"\\ud800\\u0041\"", .invalidEscape),
        ("\"\\ud800x\"", .invalidEscape),
        ("\"a\tb\"", .unexpectedCharacter),
        ("\"a\nb\"", .unexpectedCharacter),
        ("\"\u{0}\"", .unexpectedCharacter),
        ("\"\u{1F}\"", .unexpectedCharacter),
        ("\u{0B}1", .unexpectedCharacter),
        ("\u{0C}1", .unexpectedCharacter),
        ("\u{A0}1", .unexpectedCharacter),
        ("{\"a\":1,\"a\":2}", .duplicateKey),
        ("9223372036854775808", .numberOutOfRange),
        ("-9223372036854775809", .numberOutOfRange),
        ("100000000000000000000000", .numberOutOfRange),
        ("1e400", .numberOutOfRange),
        ("-1e400", .numberOutOfRange),
        ("1.8e308", .numberOutOfRange),
    ]

    @Test(arguments: invalidDocuments)
    func refusesInvalidDocument(text: String, code: JSONError.Code) {
        let error = parseError(bytes(text))
        #expect(error?.code == code, "\(text.debugDescription) → \(String(describing: error))")
    }

    @Test func hugeIntegerIsRefusedNotRounded() throws {
        let error = try #require(parseError(bytes("[9223372036854775808]")))
        #expect(error.code == .numberOutOfRange)
        #expect(error.offset == 1)
        #expect(error.path == "/0")
        #expect(error.message.contains("9223372036854775808"))
    }

    @Test func refusesByteOrderMark() throws {
        let error = try #require(parseError([0xEF, 0xBB, 0xBF] + bytes("{}")))
        #expect(error.code == .unexpectedCharacter)
        #expect(error.offset == 0)
        #expect(error.message.contains("byte order mark"))
    }

    static let invalidUTF8: [[UInt8]] = [
        [0x80],  // lone continuation byte
        [0xBF],
        [0xC0, 0xAF],  // overlong "/"
        [0xC1, 0xBF],  // overlong
        [0xE0, 0x80, 0xAF],  // overlong, three bytes
        [0xE0, 0x9F, 0xBF],  // overlong U+07FF
        [0xF0, 0x80, 0x80, 0xAF],  // overlong, four bytes
        [0xF0, 0x8F, 0xBF, 0xBF],  // overlong U+FFFF
        [0xED, 0xA0, 0x80],  // UTF-8 encoded surrogate U+D800
        [0xED, 0xBF, 0xBF],  // U+DFFF
        [0xF4, 0x90, 0x80, 0x80],  // U+110000
        [0xF5, 0x80, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xFE],
        [0xFF],
        [0xC3],  // truncated before the closing quote
        [0xE2, 0x82],
        [0xF0, 0x9F, 0x98],
        [0xE2, 0x28, 0xA1],  // second byte not a continuation
        [0xE2, 0x82, 0x28],  // third byte not a continuation
        [0xF0, 0x9F, 0x98, 0x41],
    ]

    @Test(arguments: invalidUTF8)
    func refusesInvalidUTF8InStrings(sequence: [UInt8]) throws {
        let input = bytes("{\"k\":\"ab") + sequence + bytes("\"}")
        let error = try #require(parseError(input))
        #expect(error.code == .invalidUTF8)
        #expect(error.offset == 8)
        #expect(error.path == "/k")
    }

    @Test(arguments: invalidUTF8)
    func refusesInvalidUTF8InKeys(sequence: [UInt8]) throws {
        let error = try #require(parseError(bytes("{\"") + sequence + bytes("\":1}")))
        #expect(error.code == .invalidUTF8)
        #expect(error.offset == 2)
    }

    @Test(arguments: [
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
        [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
    ] as [[UInt8]])
    func acceptsBoundaryUTF8(sequence: [UInt8]) throws {
        let value = try JSONValue.parse([UInt8(ascii: "\"")] + sequence + [UInt8(ascii: "\"")])
        #expect(value == .string(String(decoding: sequence, as: UTF8.self)))
        #expect(value.stringValue?.utf8.elementsEqual(sequence) == true)
    }

    @Test func refusesUTF8OutsideStrings() {
        #expect(parseError([0xC3, 0xA9])?.code == .unexpectedCharacter)
    }

    // MARK: - Error locations

    @Test func errorNamesPathAndOffset() throws {
        let error = try #require(parseError(bytes(#"{"a":[1,{"b":tru}]}"#)))
        #expect(error.path == "/a/1/b")
        #expect(error.offset == 16)
        #expect(error.code == .unexpectedCharacter)
        #expect(String(describing: error) == "invalid JSON at byte 16 (/a/1/b): invalid literal, expected 'true'")
    }

    @Test func errorPathEscapesPointerTokens() throws {
        let error = try #require(parseError(bytes(#"{"a/b":{"m~n":[1,x]}}"#)))
        #expect(error.path == "/a~1b/m~0n/1")
    }

    @Test func unterminatedStringPointsAtItsStart() throws {
        let error = try #require(parseError(bytes(#"{"params":{"spec":"abc"#)))
        #expect(error.code == .unexpectedEnd)
        #expect(error.offset == 18)
        #expect(error.path == "/params/spec")
        #expect(String(describing: error) == "invalid JSON at byte 18 (/params/spec): unterminated string")
    }

    @Test func duplicateKeyNamesKeyAndPath() throws {
        let error = try #require(parseError(bytes(#"{"a":{"x":1,"x":2}}"#)))
        #expect(error.code == .duplicateKey)
        #expect(error.path == "/a/x")
        #expect(error.offset == 12)
        #expect(error.message.contains("'x'"))
    }

    @Test func rawControlCharacterOffset() throws {
        let error = try #require(parseError(bytes("[\"ab\ncd\"]")))
        #expect(error.offset == 4)
        #expect(error.path == "/0")
    }

    @Test func rootErrorHasEmptyPath() throws {
        let error = try #require(parseError(bytes("[1] x")))
        #expect(error.code == .trailingData)
        #expect(error.path == "")
        #expect(error.offset == 4)
        #expect(String(describing: error) == "invalid JSON at byte 4: unexpected 'x' after the end of the JSON value")
    }

    // MARK: - Limits

    private static func nestedArrays(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    private static func nestedObjectsAndArrays(_ depth: Int) -> String {
        var text = ""
        for level in 0..<depth { text += level.isMultiple(of: 2) ? "{\"k\":" : "[" }
        text += "1"
        for level in (0..<depth).reversed() { text += level.isMultiple(of: 2) ? "}" : "]" }
        return text
    }

    @Test(arguments: [1, 2, 7, 256])
    func depthAtLimitParsesAndOnePastIsRefused(limit: Int) throws {
        let limits = JSONLimits(maxDepth: limit)
        _ = try JSONValue.parse(Self.nestedArrays(limit), limits: limits)
        _ = try JSONValue.parse(Self.nestedObjectsAndArrays(limit), limits: limits)
        for text in [Self.nestedArrays(limit + 1), Self.nestedObjectsAndArrays(limit + 1)] {
            let error = try #require(parseError(bytes(text), limits: limits))
            #expect(error.code == .depthLimitExceeded)
        }
        let error = try #require(parseError(bytes(Self.nestedArrays(limit + 1)), limits: limits))
        #expect(error.offset == limit)
        #expect(error.path == String(repeating: "/0", count: limit))
    }

    @Test func scalarsNeedNoDepth() throws {
        #expect(try JSONValue.parse("1", limits: JSONLimits(maxDepth: 0)) == 1)
        #expect(parseError(bytes("[]"), limits: JSONLimits(maxDepth: 0))?.code == .depthLimitExceeded)
    }

    @Test func hundredThousandOpenBracketsAreRefusedWithoutCrashing() throws {
        let error = try #require(parseError(Array(repeating: UInt8(ascii: "["), count: 100_000)))
        #expect(error.code == .depthLimitExceeded)
        #expect(error.offset == 256)
        let objects = try #require(parseError(Array(String(repeating: "{\"a\":", count: 100_000).utf8)))
        #expect(objects.code == .depthLimitExceeded)
    }

    @Test func defaultDepthFitsInASmallThreadStack() throws {
        let outcome = try runOnThread(stackSize: 512 * 1024) {
            let deep = Self.nestedObjectsAndArrays(256)
            guard let value = try? JSONValue.parse(deep) else { return false }
            // Walking the deepest accepted value back out must fit as well.
            guard value.serialized() == Array(deep.utf8), value.prettyPrinted().hasSuffix("}") else { return false }
            return (try? JSONValue.parse(Self.nestedArrays(100_000))) == nil
        }
        #expect(outcome)
    }

    @Test func sizeLimitIsCheckedBeforeParsing() throws {
        let limits = JSONLimits(maxBytes: 10)
        #expect(try JSONValue.parse("[1,2,3,44]", limits: limits) == [1, 2, 3, 44])
        // Even a malformed text over the limit is refused for its size, not its syntax.
        let error = try #require(parseError(bytes("[1,2,3,4,5"), limits: JSONLimits(maxBytes: 9)))
        #expect(error.code == .sizeLimitExceeded)
    }

    @Test func largeDocumentParses() throws {
        var text = "["
        for i in 0..<20_000 {
            if i > 0 { text += "," }
            text += #"{"id":\#(i),"name":"item \#(i)\n","score":\#(Double(i) / 8)}"#
        }
        text += "]"
        let value = try JSONValue.parse(text)
        #expect(value.arrayValue?.count == 20_000)
        #expect(value.arrayValue?.last?["name"] == "item 19999\n")
        #expect(value.arrayValue?.last?["score"] == .double(19999.0 / 8))
    }
}

/// Runs `body` on a new pthread with the given stack size and returns its result.
private func runOnThread(stackSize: Int, _ body: @escaping @Sendable () -> Bool) throws -> Bool {
    final class Context: @unchecked Sendable {
        // Written by the thread before it exits, read after pthread_join: no concurrent access.
        let body: @Sendable () -> Bool
        var result = false
        init(_ body: @escaping @Sendable () -> Bool) { self.body = body }
    }
    let context = Context(body)
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    try #require(pthread_attr_setstacksize(&attributes, stackSize) == 0)
    var thread = pthread_t()
    let unmanaged = Unmanaged.passRetained(context)
    let created = pthread_create(&thread, &attributes, { raw in
        guard let raw else { return nil }
        let context = Unmanaged<Context>.fromOpaque(raw).takeRetainedValue()
        context.result = context.body()
        return nil
    }, unmanaged.toOpaque())
    try #require(created == 0)
    pthread_join(thread, nil)
    return context.result
}
