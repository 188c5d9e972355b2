import Testing
@testable import MCPCore

@Suite struct CryptoHexTests {
    @Test func encodesLowercaseTwoCharactersPerByte() {
        #expect(Hex.encode([]) == "")
        #expect(Hex.encode([0x00]) == "00")
        #expect(Hex.encode([0x00, 0x01, 0xAB, 0xFF, 0x10]) == "0001abff10")
    }

    @Test func decodesEitherCase() {
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("0001abff10") == [0x00, 0x01, 0xAB, 0xFF, 0x10])
        #expect(Hex.decode("00ABfF") == [0x00, 0xAB, 0xFF])
    }

    @Test(arguments: ["0", "abc", "0g", "zz", " 00", "00 ", "0x00", "é0", "+1"])
    func rejectsMalformedText(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }

    @Test func roundTripsEveryByteValueAndLeadingZeros() {
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.decode(Hex.encode(all)) == all)
        let zeros: [UInt8] = [0, 0, 0, 7]
        #expect(Hex.encode(zeros) == "00000007")
        #expect(Hex.decode(Hex.encode(zeros)) == zeros)
    }
}
