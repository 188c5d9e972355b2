import Testing
@testable import MCPCore

@Suite struct JSONValueTests {
    @Test func objectKeepsInsertionOrderAndIndexesLargeObjects() {
        var object = JSONObject()
        for i in (0..<100).reversed() { object["k\(i)"] = .integer(i) }
        #expect(object.keys.first == "k99")
        #expect(object["k0"] == .int(0))
        object["k50"] = nil
        #expect(object.count == 99)
        #expect(object["k51"] == .int(51))
        #expect(!object.contains("k50"))
    }
}
