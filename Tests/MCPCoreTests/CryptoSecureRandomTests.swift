import Testing
@testable import MCPCore

@Suite struct CryptoSecureRandomTests {
    @Test func twoDrawsDiffer() {
        let first = SecureRandom.bytes(32)
        let second = SecureRandom.bytes(32)
        #expect(first.count == 32)
        #expect(second.count == 32)
        // A collision of 256 random bits would mean the generator is broken.
        #expect(first != second)
    }

    @Test func everyByteValueAppearsInALargeDraw() {
        // Each value is missing from 65 536 uniform bytes with probability (255/256)^65536 ≈ 1e-111.
        let draw = SecureRandom.bytes(65_536)
        #expect(draw.count == 65_536)
        var seen = Set<UInt8>()
        for byte in draw { seen.insert(byte) }
        #expect(seen.count == 256)
    }

    @Test func fillOverwritesTheWholeBuffer() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        SecureRandom.fill(&buffer)
        #expect(buffer.count == 4096)
        // A zero run of 64 bytes at the end would mean a short read left the tail untouched.
        #expect(buffer.suffix(64).contains { $0 != 0 })
        #expect(buffer.prefix(64).contains { $0 != 0 })
    }

    @Test func zeroBytesIsEmpty() {
        #expect(SecureRandom.bytes(0).isEmpty)
    }
}
