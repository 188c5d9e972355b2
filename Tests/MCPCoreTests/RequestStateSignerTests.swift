import Synchronization
import Testing
@testable import MCPCore

/// The sealed `requestState` of the 2026-07-28 input-required flow: what comes back altered,
/// foreign or late is refused with `-32602` and a reason.
@Suite struct RequestStateSignerTests {
    final class Clock: Sendable {
        let now = Atomic<Int64>(1_000_000)
    }

    static func reason(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as JSONRPCError {
            #expect(error.code == -32602)
            return error.data?["reason"]?.stringValue
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func aSealedStateOpensUntilItExpires() throws {
        let clock = Clock()
        let signer = RequestStateSigner(key: Array(repeating: 7, count: 32), lifetime: .seconds(600), now: { clock.now.load(ordering: .relaxed) })
        let state = signer.seal(["key": "brief_questions", "binding": "abc"])
        let payload = try signer.open(state)
        #expect(payload["key"] == "brief_questions" && payload["binding"] == "abc")
        #expect(payload["exp"]?.intValue == Int64(1_600_000))
        clock.now.store(1_000_000 + 600_000, ordering: .relaxed)
        #expect(throws: Never.self) { _ = try signer.open(state) }
        clock.now.store(1_000_000 + 600_001, ordering: .relaxed)
        #expect(Self.reason { _ = try signer.open(state) } == "expired")
    }

    @Test func alteredMalformedOrForeignStatesAreRefused() {
        let signer = RequestStateSigner(key: Array(repeating: 7, count: 32))
        let state = signer.seal(["key": "brief_questions", "binding": "abc"])
        let parts = state.split(separator: ".").map(String.init)
        // A payload byte changed, the MAC kept.
        var payload = Array(parts[1])
        payload[3] = payload[3] == "A" ? "B" : "A"
        #expect(Self.reason { _ = try signer.open("v1.\(String(payload)).\(parts[2])") } == "tampered")
        // Sealed by another process (another secret).
        let other = RequestStateSigner(key: Array(repeating: 8, count: 32))
        #expect(Self.reason { _ = try other.open(state) } == "tampered")
        for malformed in ["", "v1", "v2.\(parts[1]).\(parts[2])", "v1.\(parts[1])", "v1.\(parts[1]).!!", "v1.a.b.c"] {
            #expect(Self.reason { _ = try signer.open(malformed) } != nil, "\(malformed)")
        }
        // A validly signed body that is not a JSON object is malformed, not accepted.
        #expect(Self.reason { _ = try signer.open(state) } == nil)
    }

    @Test func elicitationResultsAreReadStrictly() throws {
        #expect(try ElicitationOutcome.parse(["action": "accept", "content": ["users": "teachers"]]) == .accepted(["users": "teachers"]))
        #expect(try ElicitationOutcome.parse(["action": "decline"]) == .declined)
        #expect(try ElicitationOutcome.parse(["action": "cancel"]) == .cancelled)
        #expect(throws: JSONRPCError.self) { try ElicitationOutcome.parse(["action": "maybe"]) }
        #expect(throws: JSONRPCError.self) { try ElicitationOutcome.parse(["action": "accept", "content": "x"]) }
        #expect(throws: JSONRPCError.self) { try ElicitationOutcome.parse("accept") }
    }
}
