import Testing
@testable import MCPCore

@Suite struct CryptoConstantTimeTests {
    @Test func equalBytesAreEqual() {
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        let mac = SHA256.hash(Array("x".utf8))
        #expect(ConstantTime.equals(mac, mac))
    }

    @Test func aDifferenceAnywhereIsUnequal() {
        let mac = SHA256.hash(Array("x".utf8))
        for index in mac.indices {
            var other = mac
            other[index] ^= 0x01
            #expect(!ConstantTime.equals(mac, other), "difference at \(index)")
        }
    }

    @Test func differentLengthsAreUnequal() {
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
        #expect(!ConstantTime.equals([0], []))
    }
}
