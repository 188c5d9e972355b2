import Testing
@testable import MCPCore

@Suite struct LineFramerTests {
    static let stream: [UInt8] = Array(
        "{\"a\":1}\n\n{\"b\":\"two\"}\r\n   \n{\"c\":[1,2,3]}\n{\"tail\":true}".utf8)
    static let expected: [LineFramer.Frame] = [
        .line(Array("{\"a\":1}".utf8)), .line(Array("{\"b\":\"two\"}".utf8)),
        .line(Array("{\"c\":[1,2,3]}".utf8)), .line(Array("{\"tail\":true}".utf8)),
    ]

    @Test("the same stream in every chunk size yields the same frames", arguments: 1...Self.stream.count)
    func everyChunkSize(chunk: Int) {
        var framer = LineFramer()
        var frames: [LineFramer.Frame] = []
        var start = 0
        while start < Self.stream.count {
            let end = min(start + chunk, Self.stream.count)
            framer.append(Array(Self.stream[start..<end])) { frames.append($0) }
            start = end
        }
        framer.finish { frames.append($0) }
        #expect(frames == Self.expected)
    }

    @Test("an oversize line is refused and the next line is served", arguments: [1, 3, 7, 64, 4096])
    func oversizeThenResync(chunk: Int) {
        var framer = LineFramer(maxLineBytes: 16)
        let input = Array("{\"ok\":1}\n".utf8) + [UInt8](repeating: 0x61, count: 1000) + Array("\n{\"next\":2}\n".utf8)
        var frames: [LineFramer.Frame] = []
        var start = 0
        while start < input.count {
            let end = min(start + chunk, input.count)
            framer.append(Array(input[start..<end])) { frames.append($0) }
            start = end
        }
        framer.finish { frames.append($0) }
        #expect(frames.count == 3)
        #expect(frames.first == .line(Array("{\"ok\":1}".utf8)))
        if case .oversized(let count) = frames[1] { #expect(count > 16 && count <= 16 + chunk) } else {
            Issue.record("expected an oversized frame, got \(frames[1])")
        }
        #expect(frames.last == .line(Array("{\"next\":2}".utf8)))
    }

    @Test func lineExactlyAtTheLimitIsAccepted() {
        var framer = LineFramer(maxLineBytes: 8)
        var frames: [LineFramer.Frame] = []
        framer.append(Array("12345678\n123456789\nok\n".utf8)) { frames.append($0) }
        #expect(frames == [.line(Array("12345678".utf8)), .oversized(byteCount: 9), .line(Array("ok".utf8))])
    }

    @Test func oversizedFinalLineWithoutNewlineIsNotDelivered() {
        var framer = LineFramer(maxLineBytes: 4)
        var frames: [LineFramer.Frame] = []
        framer.append(Array("abcdefgh".utf8)) { frames.append($0) }
        framer.finish { frames.append($0) }
        #expect(frames == [.oversized(byteCount: 8)])
    }
}
