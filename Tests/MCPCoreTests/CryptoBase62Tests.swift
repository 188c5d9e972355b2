import Testing
@testable import MCPCore

@Suite struct CryptoBase62Tests {
    @Test(arguments: [
        ([], ""), ([0], "0"), ([0, 0], "00"), ([1], "1"), ([61], "z"), ([62], "10"),
        ([0, 0, 1], "001"), ([0xFF], "47"), ([0x01, 0x00], "48"),
        ([0xFF, 0xFF, 0xFF, 0xFF], "4gfFC3"),
    ] as [([UInt8], String)])
    func encodesAsABigEndianNumberKeepingLeadingZeroBytes(_ bytes: [UInt8], _ text: String) {
        #expect(Base62.encode(bytes) == text)
        #expect(Base62.decode(text) == bytes)
    }

    @Test func roundTripsRandomAndZeroPrefixedBytes() {
        var generator = SeededRandom(seed: 62)
        for length in 0..<80 {
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if length > 2, length % 3 == 0 { bytes[0] = 0; bytes[1] = 0 }
            let text = Base62.encode(bytes)
            #expect(text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
            #expect(Base62.decode(text) == bytes, "length \(length)")
        }
        let zeros = [UInt8](repeating: 0, count: 20)
        #expect(Base62.encode(zeros) == String(repeating: "0", count: 20))
        #expect(Base62.decode(Base62.encode(zeros)) == zeros)
    }

    @Test(arguments: ["-", "abc_", "a b", "+", "é", "aios_x"])
    func decodeRejectsOtherCharacters(_ text: String) {
        #expect(Base62.decode(text) == nil)
        #expect(Base62.decodeInteger(text) == nil)
    }

    @Test(arguments: [
        (0, 6, "000000"), (61, 6, "00000z"), (62, 6, "000010"),
        (0xCBF4_3926, 6, "3jZRME"), (UInt64(UInt32.max), 6, "4gfFC3"),
        (UInt64.max, 11, "LygHa16AHYF"), (UInt64.max, 0, "LygHa16AHYF"), (5, 0, "5"),
    ] as [(UInt64, Int, String)])
    func fixedWidthIntegers(_ value: UInt64, _ width: Int, _ text: String) {
        #expect(Base62.encode(value, width: width) == text)
        #expect(Base62.decodeInteger(text) == value)
    }

    @Test func widerValuesAreNeverTruncated() {
        #expect(Base62.encode(62 * 62, width: 2) == "100")
    }

    @Test func decodeIntegerRejectsEmptyTextAndOverflow() {
        #expect(Base62.decodeInteger("") == nil)
        #expect(Base62.decodeInteger("LygHa16AHYG") == nil)
        #expect(Base62.decodeInteger("100000000000") == nil)
        #expect(Base62.decodeInteger("0000000000000000000001") == 1)
    }
}
