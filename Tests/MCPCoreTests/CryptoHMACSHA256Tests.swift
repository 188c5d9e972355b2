import Testing
@testable import MCPCore

/// RFC 4231 §4, test cases 1–7 (keys and data as printed there, in hex).
@Suite struct CryptoHMACSHA256Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let number: Int
        let key: String
        let data: String
        let mac: String
        var testDescription: String { "RFC 4231 test case \(number)" }
    }

    static let largeKey = String(repeating: "aa", count: 131)

    static let vectors: [Vector] = [
        Vector(
            number: 1, key: String(repeating: "0b", count: 20), data: "4869205468657265",
            mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Vector(
            number: 2, key: "4a656665", data: "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
            mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Vector(
            number: 3, key: String(repeating: "aa", count: 20), data: String(repeating: "dd", count: 50),
            mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Vector(
            number: 4, key: "0102030405060708090a0b0c0d0e0f10111213141516171819",
            data: String(repeating: "cd", count: 50),
            mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Vector(
            number: 5, key: String(repeating: "0c", count: 20), data: "546573742057697468205472756e636174696f6e",
            mac: "a3b6167473100ee06e0c796c2955552b"),
        Vector(
            number: 6, key: largeKey,
            data: "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
            mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Vector(
            number: 7, key: largeKey,
            data: "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
            mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: vectors)
    func matchesRFC4231(_ vector: Vector) throws {
        let key = try #require(Hex.decode(vector.key))
        let data = try #require(Hex.decode(vector.data))
        let mac = HMACSHA256.authenticationCode(key: key, message: data)
        #expect(mac.count == 32)
        // Test case 5 publishes only the leftmost 128 bits.
        #expect(Hex.encode(Array(mac.prefix(vector.mac.count / 2))) == vector.mac)
    }

    @Test func aKeyOfExactlyOneBlockIsUsedAsIs() {
        let key = [UInt8](repeating: 0x42, count: 64)
        let longer = key + [0]
        let message = Array("payload".utf8)
        // A 64-byte key is padded with nothing; a 65-byte key is hashed; they must differ, and
        // trailing zero bytes below the block size must not (HMAC pads with zeros).
        #expect(HMACSHA256.authenticationCode(key: key, message: message)
            != HMACSHA256.authenticationCode(key: longer, message: message))
        #expect(HMACSHA256.authenticationCode(key: [1, 2], message: message)
            == HMACSHA256.authenticationCode(key: [1, 2, 0], message: message))
    }
}
