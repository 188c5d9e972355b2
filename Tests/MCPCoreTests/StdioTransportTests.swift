#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Testing
@testable import MCPCore

@Suite struct StdioTransportTests {
    /// Reads everything from `fd` until EOF.
    private static func readAll(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { result += buffer[0..<n] } else if n < 0 && errno == EINTR { continue } else { break }
        }
        return result
    }

    /// A reader that is far behind (the pipe is full) must neither block the senders nor lose or
    /// reorder a line: small lines are written by the sender only when the pipe can take them.
    @Test func sendersNeverBlockOnAFullPipeAndLinesArriveWholeAndInOrder() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd) }
        let transport = StdioTransport(input: -1, output: writeEnd)
        let count = 400
        let padding = String(repeating: "x", count: 1000)
        // 400 lines of about 1 KB: several times what the pipe holds, sent with nobody reading.
        for i in 0..<count {
            transport.send(Array("{\"n\":\(i),\"pad\":\"\(padding)\"}".utf8))
        }
        // A large line goes through the writer too, after the small ones.
        transport.send(Array("{\"n\":\(count),\"pad\":\"\(String(repeating: "y", count: 100_000))\"}".utf8))
        let reader = Task.detached { Self.readAll(readEnd) }
        await transport.flush()
        close(writeEnd)
        let lines = await reader.value.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.count == count + 2, "every line ends with a newline")
        for (i, line) in lines.dropLast().enumerated() {
            let value = try JSONValue.parse(Array(line))
            #expect(value["n"] == .integer(i))
        }
        #expect(lines.last?.isEmpty == true)
    }

    @Test func aVanishedReaderClosesTheOutputWithoutKillingTheProcess() async {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        let transport = StdioTransport(input: -1, output: fds[1])
        defer { close(fds[1]) }
        transport.send(Array("{\"a\":1}".utf8))
        transport.send(Array("{\"a\":2}".utf8))
        await transport.flush()
        // Still alive, and later sends are dropped quietly.
        transport.send(Array("{\"a\":3}".utf8))
        await transport.flush()
    }

    /// Issue 22 finding 7: a client that writes requests but never reads the answers grew the
    /// process without bound. While more output than the bound waits, input is not read: the
    /// client's own writes stop, and what is queued stays within the bound (plus the answers to
    /// one read of input).
    @Test func inputIsHeldWhileTheOutputIsNotRead() async throws {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        #expect(pipe(&input) == 0 && pipe(&output) == 0)
        defer { close(output[0]) }
        let bound = 256 << 10
        let answer = [UInt8](repeating: UInt8(ascii: "a"), count: 32 << 10)
        let transport = StdioTransport(input: input[0], output: output[1], maxQueuedOutputBytes: bound)
        let inbox = transport.frames()
        let answered = Atomic<Int>(0)
        let consumer = Task {
            while let frames = await inbox.next() {
                for _ in frames {
                    transport.send(answer)
                    answered.add(1, ordering: .sequentiallyConsistent)
                }
            }
        }
        // One request at a time, each answered before the next is written; never more than
        // 400 (12.5 MiB of answers, 50 times the bound) if input were never held.
        var written = 0
        var held = false
        while written < 400 {
            #expect(write(input[1], "r\n", 2) == 2)
            written += 1
            while answered.load(ordering: .sequentiallyConsistent) < written && !transport.isHoldingInput { await Task.yield() }
            if transport.isHoldingInput {
                held = true
                break
            }
        }
        #expect(held, "input was read on although \(transport.queuedOutputBytes) bytes of output waited")
        // Within the bound, plus the answer that crossed it and the answer to the one read the
        // reader may already have been waiting in when it was crossed (one request each here).
        #expect(transport.queuedOutputBytes <= bound + 2 * (answer.count + 1))
        #expect(written < 400)

        // Reading the output lets input flow again: every request is answered, none lost.
        let outputEnd = output[0]
        let reader = Task.detached { Self.readAll(outputEnd).count }
        close(input[1])
        await consumer.value
        await transport.flush()
        close(output[1])
        #expect(await reader.value == written * (answer.count + 1))
        #expect(answered.load(ordering: .sequentiallyConsistent) == written)
    }
}
