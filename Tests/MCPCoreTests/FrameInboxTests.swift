import Testing
@testable import MCPCore

@Suite struct FrameInboxTests {
    private static func frame(_ text: String) -> TransportFrame { .message(Array(text.utf8)) }

    @Test func framesQueuedBeforeTheConsumerAsksComeTogetherInOrder() async {
        let inbox = FrameInbox()
        inbox.push(Self.frame("a"))
        inbox.push(contentsOf: [Self.frame("b"), .oversized(byteCount: 99)])
        #expect(await inbox.next() == [Self.frame("a"), Self.frame("b"), .oversized(byteCount: 99)])
    }

    @Test func aWaitingConsumerGetsTheNextBatch() async {
        let inbox = FrameInbox()
        async let batch = inbox.next()
        // Whether the push lands before or after the consumer waits, the batch arrives whole.
        inbox.push(contentsOf: [Self.frame("x"), Self.frame("y")])
        #expect(await batch == [Self.frame("x"), Self.frame("y")])
    }

    @Test func finishingDeliversWhatIsQueuedThenEnds() async {
        let inbox = FrameInbox()
        inbox.push(Self.frame("last"))
        inbox.finish()
        inbox.push(Self.frame("after the end"))
        #expect(await inbox.next() == [Self.frame("last")])
        #expect(await inbox.next() == nil)
        #expect(await inbox.next() == nil)
    }

    @Test func cancellingTheConsumerEndsItsWait() async {
        let inbox = FrameInbox()
        let consumer = Task { await inbox.next() }
        consumer.cancel()
        #expect(await consumer.value == nil)
        inbox.push(Self.frame("still queued"))
        #expect(await inbox.next() == [Self.frame("still queued")], "a cancelled wait loses nothing")
    }
}
