import Synchronization
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

    // MARK: - The express lane

    /// The frames an express lane was offered, in order.
    private final class Offered: Sendable {
        let frames = Mutex<[TransportFrame]>([])
        func record(_ frame: TransportFrame) { frames.withLock { $0.append(frame) } }
        var all: [TransportFrame] { frames.withLock { $0 } }
    }

    private static func waitForConsumer(_ inbox: FrameInbox) async {
        while !inbox.consumerIsWaiting { await Task.yield() }
    }

    @Test func aLoneFrameForAWaitingConsumerIsOfferedToTheExpressLane() async {
        let inbox = FrameInbox()
        let offered = Offered()
        inbox.setExpress { frame in
            offered.record(frame)
            return frame != Self.frame("declined")
        }
        let consumer = Task { await inbox.next() }
        await Self.waitForConsumer(inbox)
        inbox.push(Self.frame("taken"))
        inbox.push(Self.frame("declined"))
        #expect(await consumer.value == [Self.frame("declined")], "only what the lane declines reaches the consumer")
        #expect(offered.all == [Self.frame("taken"), Self.frame("declined")])
    }

    @Test func framesPushedDuringAnExpressCallQueueBehindTheDeclinedOne() async {
        let inbox = FrameInbox()
        inbox.setExpress { frame in
            if frame == Self.frame("first") { inbox.push(Self.frame("second")) }
            return false
        }
        let consumer = Task { await inbox.next() }
        await Self.waitForConsumer(inbox)
        inbox.push(Self.frame("first"))
        #expect(await consumer.value == [Self.frame("first"), Self.frame("second")])
    }

    @Test func batchesAndFramesForABusyConsumerSkipTheExpressLane() async {
        let inbox = FrameInbox()
        let offered = Offered()
        inbox.setExpress { frame in
            offered.record(frame)
            return true
        }
        inbox.push(Self.frame("nobody waits"))
        #expect(await inbox.next() == [Self.frame("nobody waits")])
        let consumer = Task { await inbox.next() }
        await Self.waitForConsumer(inbox)
        inbox.push(contentsOf: [Self.frame("a"), Self.frame("b")])
        #expect(await consumer.value == [Self.frame("a"), Self.frame("b")])
        #expect(offered.all.isEmpty)
    }

    @Test func theInputEndingDuringAnExpressCallEndsTheWaitAfterIt() async {
        let inbox = FrameInbox()
        inbox.setExpress { _ in
            inbox.finish()
            return true
        }
        let consumer = Task { await inbox.next() }
        await Self.waitForConsumer(inbox)
        inbox.push(Self.frame("last"))
        #expect(await consumer.value == nil)
    }
}
