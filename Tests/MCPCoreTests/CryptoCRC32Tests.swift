import Testing
@testable import MCPCore

@Suite struct CryptoCRC32Tests {
    @Test func checkValueOfTheCatalogue() {
        // The "check" value of CRC-32/ISO-HDLC in the CRC catalogue, and zlib.crc32(b"123456789").
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func emptyInputIsZeroAndLeavesASeedUnchanged() {
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum([], seed: 0xDEAD_BEEF) == 0xDEAD_BEEF)
    }

    @Test func knownValues() {
        // zlib.crc32 of these inputs.
        #expect(CRC32.checksum(Array("a".utf8)) == 0xE8B7_BE43)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum([UInt8](repeating: 0, count: 32)) == 0x190A_55AD)
        #expect(CRC32.checksum([UInt8](repeating: 0xFF, count: 32)) == 0xFF6C_AB0B)
    }

    /// Splitting at any point (inside or across the 8-byte stride) and continuing from the first
    /// part's checksum gives the checksum of the whole, as a journal reader does record by record.
    @Test(arguments: [0, 1, 3, 7, 8, 9, 15, 16, 17, 100, 299, 300])
    func seededContinuationEqualsWhole(_ split: Int) {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let whole = CRC32.checksum(data)
        let first = CRC32.checksum(Array(data[..<split]))
        let rest = Array(data[split...]).withUnsafeBytes { CRC32.checksum($0, seed: first) }
        #expect(rest == whole)
    }

    @Test func aFlippedBitChangesTheChecksum() {
        let data = (0..<64).map { UInt8($0) }
        let original = CRC32.checksum(data)
        for index in data.indices {
            for bit in 0..<8 {
                var corrupted = data
                corrupted[index] ^= 1 << bit
                #expect(CRC32.checksum(corrupted) != original)
            }
        }
    }
}
