import Testing
@testable import MCPCore

@Suite struct CryptoBase64Tests {
    /// RFC 4648 §10.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: vectors)
    func encodesAndDecodesRFC4648Vectors(_ plain: String, _ encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test(arguments: vectors)
    func unpaddedURLSafeRoundTrips(_ plain: String, _ encoded: String) {
        let unpadded = String(encoded.prefix { $0 != "=" })
        #expect(Base64.encode(Array(plain.utf8), urlSafe: true, padded: false) == unpadded)
        #expect(Base64.decode(unpadded, urlSafe: true) == Array(plain.utf8))
        #expect(Base64.decode(encoded, urlSafe: true) == Array(plain.utf8))
    }

    @Test func urlSafeAlphabetReplacesPlusAndSlash() {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64.encode(bytes) == "+/+/")
        #expect(Base64.encode(bytes, urlSafe: true) == "-_-_")
        #expect(Base64.decode("-_-_", urlSafe: true) == bytes)
        #expect(Base64.decode("-_-_") == nil)
        #expect(Base64.decode("+/+/", urlSafe: true) == nil)
    }

    @Test(arguments: [
        "Zg", "Zg=", "Zg===", "Z===", "=", "====", "Zm9v=", "Zm=v", "=Zm9", "Zm9v Yg==", " Zm9v",
        "Zm9v\n", "Zm9v!", "Zh==", "Zm9=", "Zm8=Zm8=", "Zm9vY", "é===",
    ])
    func strictDecodeRejectsMalformedText(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["Z", "Zm9vY", "Zg=", "Zh", "Zm9", "Zg===", "Zm+v", "Zm/v"])
    func strictURLSafeDecodeRejectsMalformedText(_ text: String) {
        #expect(Base64.decode(text, urlSafe: true) == nil)
    }

    @Test func roundTripsEveryLengthAndByteValue() {
        let all = (0...255).map { UInt8($0) }
        for length in 0...all.count {
            let bytes = Array(all[..<length])
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
            #expect(Base64.decode(Base64.encode(bytes, urlSafe: true, padded: false), urlSafe: true) == bytes)
        }
    }
}
