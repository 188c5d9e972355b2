import Testing
@testable import MCPCore

/// FIPS 180-4 example messages (NIST CSRC "Examples with Intermediate Values").
@Suite struct CryptoSHA256Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let message: String
        let digest: String
        var testDescription: String { "\(message.utf8.count)-byte message" }
    }

    static let vectors: [Vector] = [
        Vector(message: "", digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        Vector(message: "abc", digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Vector(
            message: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        Vector(
            message: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    @Test(arguments: vectors)
    func oneShotDigestMatchesPublishedExample(_ vector: Vector) {
        let digest = SHA256.hash(Array(vector.message.utf8))
        #expect(digest.count == 32)
        #expect(Hex.encode(digest) == vector.digest)
    }

    @Test(arguments: vectors)
    func rawBufferDigestMatchesPublishedExample(_ vector: Vector) {
        let digest = Array(vector.message.utf8).withUnsafeBytes { SHA256.hash($0) }
        #expect(Hex.encode(digest) == vector.digest)
    }

    /// Every chunk size, including ones that straddle the 64-byte block, gives the same digest.
    @Test(arguments: [1, 2, 3, 7, 55, 56, 63, 64, 65, 127, 1000])
    func hasherGivesTheSameDigestInAnyChunkSize(_ chunkSize: Int) {
        for vector in Self.vectors {
            let message = Array(vector.message.utf8)
            var hasher = SHA256.Hasher()
            var start = 0
            while start < message.count {
                let end = min(start + chunkSize, message.count)
                hasher.update(Array(message[start..<end]))
                start = end
            }
            #expect(Hex.encode(hasher.finalize()) == vector.digest, "chunk size \(chunkSize)")
        }
    }

    @Test func oneMillionLetterA() {
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        var hasher = SHA256.Hasher()
        for _ in 0..<1000 { hasher.update(chunk) }
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(Hex.encode(hasher.finalize()) == expected)
        #expect(Hex.encode(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))) == expected)
    }

    @Test func aCopiedHasherContinuesIndependently() {
        var first = SHA256.Hasher()
        first.update(Array("ab".utf8))
        var second = first
        first.update(Array("c".utf8))
        second.update(Array("d".utf8))
        #expect(first.finalize() == SHA256.hash(Array("abc".utf8)))
        #expect(second.finalize() == SHA256.hash(Array("abd".utf8)))
    }
}
