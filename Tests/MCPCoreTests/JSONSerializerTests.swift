import Foundation
import Testing
@testable import MCPCore

@Suite struct JSONSerializerTests {
    static let escapes: [(String, String)] = [
        ("plain", #""plain""#),
        ("quote\"backslash\\", #""quote\"backslash\\""#),
        ("a/b", #""a/b""#),
        ("\u{8}\u{C}\n\r\t", #""\b\f\n\r\t""#),
        ("\u{0}\u{1}\u{1F}\u{7F}", "\"\\u0000\\u0001\\u001f\u{7F}\""),
        ("line\u{2028}para\u{2029}", #""line\u2028para\u2029""#),
        ("é中😀", "\"é中😀\""),
        ("\u{2027}\u{202A}", "\"\u{2027}\u{202A}\""),
    ]

    @Test(arguments: escapes)
    func escapesStrings(value: String, expected: String) throws {
        #expect(JSONValue.string(value).jsonText == expected)
        #expect(try JSONValue.parse(expected) == .string(value))
    }

    @Test(arguments: 0..<20)
    func escapesAtEveryPositionOfALongString(position: Int) throws {
        for special in ["\n", "\"", "\\", "\u{1}", "\u{2028}", "é"] {
            var text = "abcdefghijklmnopqrst"
            text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
            let bytes = JSONValue.string(text).serialized()
            #expect(!bytes.contains { $0 < 0x20 })
            #expect(!String(decoding: bytes, as: UTF8.self).contains("\u{2028}"))
            #expect(try JSONValue.parse(bytes) == .string(text))
        }
    }

    @Test func escapesLongStringsExactlyAsEachScalarRequires() {
        // Strings long enough for the eight-bytes-at-a-time path, escapes at every density.
        var random = SeededRandom(seed: 7)
        for maxLength in [8, 40, 400] {
            for _ in 0..<200 {
                let text = random.string(maxLength: maxLength)
                #expect(JSONValue.string(text).serialized() == Self.reference(text), "\(text.debugDescription)")
            }
        }
        for special in ["\"", "\\", "\n", "\u{1}", "\u{2028}", "é", "\"\n\\"] {
            for position in 0...24 {
                var text = String(repeating: "abcdefgh", count: 3)
                text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                #expect(JSONValue.string(text).serialized() == Self.reference(text), "\(text.debugDescription)")
            }
        }
    }

    @Test func shortStringsOfEveryLengthAreEscapedExactly() {
        // Plain ASCII up to a word and a half is copied as it is (the tail is checked padded):
        // one special character at every position of every length must still be caught.
        for length in 0..<16 {
            let plain = String(repeating: "k", count: length)
            #expect(JSONValue.string(plain).serialized() == Self.reference(plain))
            for special in ["\"", "\\", "\n", "\u{1F}", "\u{7F}", "\u{2028}", "é", " "] {
                for position in 0...length {
                    var text = plain
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                    #expect(JSONValue.string(text).serialized() == Self.reference(text), "\(text.debugDescription)")
                }
            }
        }
        #expect(JSONValue.object(["id": "job_01", "a\"b": 1]).jsonText == #"{"id":"job_01","a\"b":1}"#)
    }

    /// The escaping rules, one scalar at a time.
    static func reference(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += Array(#"\""#.utf8)
            case "\\": out += Array(#"\\"#.utf8)
            case "\u{8}": out += Array(#"\b"#.utf8)
            case "\u{C}": out += Array(#"\f"#.utf8)
            case "\n": out += Array(#"\n"#.utf8)
            case "\r": out += Array(#"\r"#.utf8)
            case "\t": out += Array(#"\t"#.utf8)
            case "\u{2028}": out += Array(#"\u2028"#.utf8)
            case "\u{2029}": out += Array(#"\u2029"#.utf8)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    @Test(arguments: [
        1.0, 100.0, 1e15, 1e16, 1e20, 1e300, -0.0, 0.0, 0.1, 1e-7, 2.5e-5, .pi,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude,
        9007199254740993.0, 123456789012345680.0,
    ])
    func doublesReparseToTheSameBitsAndKind(number: Double) throws {
        let text = JSONValue.double(number).jsonText
        let reparsed = try JSONValue.parse(text)
        guard case .double(let back) = reparsed else {
            Issue.record("\(number) serialized as \(text), which reparses as \(reparsed)")
            return
        }
        #expect(back.bitPattern == number.bitPattern, "\(number) → \(text) → \(back)")
    }

    @Test func integralDoublesKeepAFractionOrExponent() {
        #expect(JSONValue.double(1).jsonText == "1.0")
        #expect(JSONValue.double(-0.0).jsonText == "-0.0")
        #expect(JSONValue.double(1e20).jsonText == "1e+20")
        #expect(JSONValue.double(1e-7).jsonText == "1e-07")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteDoublesBecomeNull(number: Double) {
        #expect(JSONValue.array([.double(number)]).jsonText == "[null]")
    }

    @Test(arguments: [Int64.min, -1, 0, 7, 10, 1234567890, .max])
    func integersAreDecimal(number: Int64) throws {
        #expect(JSONValue.int(number).jsonText == String(number))
        #expect(try JSONValue.parse(JSONValue.int(number).jsonText) == .int(number))
    }

    static let canonicalDocuments = [
        "null", "true", "false", "0", "-5", "1.0", "1.5", "100.0", "1e+20", "-0.0", "\"\"",
        "[]", "{}", "[[],{}]",
        #"{"z":1,"a":2,"m":{"y":[1,1.0,"1"],"b":null}}"#,
        #"[1,2.0,-3,4e-05,"x",true,false,null,{"k":"v"}]"#,
        #"{"unicode":"é中😀","escapes":"\"\\\n\t\u0001"}"#,
        #"{"params":{"arguments":{"spec":"build a todo app","limit":9223372036854775807}}}"#,
    ]

    @Test(arguments: canonicalDocuments)
    func roundTripKeepsTextKeyOrderAndNumberKinds(text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(value.jsonText == text)
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test func serializeIntoAppends() {
        var buffer = Array("prefix:".utf8)
        JSONValue.array([1, "a"]).serialize(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"prefix:[1,"a"]"#)
    }

    @Test func prettyPrintsForPeople() {
        let value: JSONValue = ["name": "x", "tags": ["a", "b"], "empty": [], "none": [:], "n": 1.5]
        let expected = """
            {
              "name": "x",
              "tags": [
                "a",
                "b"
              ],
              "empty": [],
              "none": {},
              "n": 1.5
            }
            """
        #expect(value.prettyPrinted() == expected)
        #expect(JSONValue.array([]).prettyPrinted() == "[]")
        #expect(JSONValue.string("a\nb").prettyPrinted() == #""a\nb""#)
    }

    @Test func randomValuesNeverProduceControlBytesAndRoundTrip() throws {
        var random = SeededRandom(seed: 0xA105)
        for _ in 0..<2_000 {
            let value = random.value()
            let bytes = value.serialized()
            #expect(!bytes.contains { $0 < 0x20 }, "control byte in \(value)")
            let reparsed = try JSONValue.parse(bytes)
            #expect(reparsed == value)
            #expect(reparsed.serialized() == bytes)
        }
    }

    @Test func pythonReadsWhatWeWriteAndWeReadWhatPythonWrites() throws {
        var random = SeededRandom(seed: 0x5EED)
        let values = (0..<400).map { _ in random.value() }
        var input: [UInt8] = []
        for value in values {
            value.serialize(into: &input)
            input.append(0x0A)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("json-crosscheck-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("in.jsonl")
        try Data(input).write(to: inputFile)

        // Python re-dumps with its defaults (ASCII output, so every non-ASCII character comes back
        // as a \u escape and astral ones as surrogate pairs); NaN/Infinity would be refused.
        let script = """
            import json, sys
            def refuse(name): raise ValueError("non-standard constant " + name)
            with open(sys.argv[1], encoding="utf-8") as f:
                for line in f:
                    value = json.loads(line, parse_constant=refuse)
                    sys.stdout.write(json.dumps(value, allow_nan=False) + "\\n")
            """
        let python = try PythonScript.run(script, arguments: [inputFile.path], in: directory)
        #expect(python.status == 0, "python: \(python.errors)")
        let outputData = python.output

        let lines = outputData.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        try #require(lines.count == values.count)
        for (line, value) in zip(lines, values) {
            #expect(try JSONValue.parse(Array(line)) == value, "python wrote \(String(decoding: line, as: UTF8.self))")
        }
    }
}
