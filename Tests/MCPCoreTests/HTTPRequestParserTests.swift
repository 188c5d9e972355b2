import AIOSHTTP
import Testing

@Suite struct HTTPRequestParserTests {
    private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) throws(HTTPParseError) -> [HTTPRequest] {
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array(text.utf8))
        var out: [HTTPRequest] = []
        while let request = try parser.next() { out.append(request) }
        return out
    }

    private func refusal(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseError? {
        do {
            _ = try parse(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func contentLengthBodyAndPipelining() throws {
        let requests = try parse(
            "POST /mcp HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nX-Y:  v \r\n\r\nhelloGET /health?x=1 HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(requests.count == 2)
        #expect(requests[0].method == "POST")
        #expect(requests[0].body == Array("hello".utf8))
        #expect(requests[0].header("x-y") == "v")
        #expect(requests[1].path == "/health")
        #expect(requests[1].keepAlive)
    }

    @Test func bytesArrivingOneAtATime() throws {
        let text = "POST /mcp HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
        var parser = HTTPRequestParser()
        var got: HTTPRequest?
        for byte in text.utf8 {
            #expect(got == nil)
            parser.append([byte])
            got = try parser.next()
        }
        #expect(got?.body == Array("abcde".utf8))
        #expect(parser.bufferedBytes == 0)
    }

    @Test func connectionClose() throws {
        #expect(try parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")[0].keepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\n\r\n")[0].keepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")[0].keepAlive)
    }

    @Test("malformed input is refused with its status", arguments: [
        ("GET /\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.1 extra\r\nHost: a\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET nopath HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTX/1.1\r\nHost: a\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX : y\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: y\r\n z\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nnocolon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{01}b\r\n\r\n", 400),
        ("GET / HTTP/1.1\nHost: a\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n", 400),
    ])
    func malformed(_ text: String, status: Int) {
        #expect(refusal(text)?.status == status, "\(text.debugDescription)")
    }

    @Test func boundsOnHeadersAndBody() {
        let limits = HTTPLimits(maxHeaderBytes: 256, maxHeaderCount: 4, maxBodyBytes: 10)
        let longHeader = "GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "v", count: 400))\r\n\r\n"
        #expect(refusal(longHeader, limits: limits) == .headersTooLarge)
        // Refused before the end of the headers arrives: the buffer never outgrows the bound.
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "v", count: 400))", limits: limits) == .headersTooLarge)
        let many = "GET / HTTP/1.1\r\nHost: a\r\n" + (1...5).map { "X\($0): v\r\n" }.joined() + "\r\n"
        #expect(refusal(many, limits: limits) == .headersTooLarge)
        #expect(refusal("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits) == .bodyTooLarge(10))
        #expect(refusal("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\n", limits: limits) == .bodyTooLarge(10))
        let trailers = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: \(String(repeating: "t", count: 400))"
        #expect(refusal(trailers, limits: limits) == .headersTooLarge)
    }

    @Test func afterAnErrorTheParserStaysFailed() {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        #expect(throws: HTTPParseError.self) { try parser.next() }
    }

    @Test func seededGarbageNeverCrashesAndNeverOverflowsTheBound() {
        var random = SeededRandom(seed: 23)
        let limits = HTTPLimits(maxHeaderBytes: 512, maxHeaderCount: 8, maxBodyBytes: 256)
        let alphabet = Array("GETPOST /HTTP1.0\r\n:;-chunkedContent-LengthTransfer-Encoding0123456789abcdef\u{01}".utf8)
        for _ in 0..<300 {
            var parser = HTTPRequestParser(limits: limits)
            for _ in 0..<20 {
                let count = Int(random.next() % 64)
                parser.append((0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
                do {
                    while let request = try parser.next() { #expect(request.body.count <= limits.maxBodyBytes) }
                } catch {
                    #expect([400, 413, 431, 501, 505].contains(error.status))
                    break
                }
                #expect(parser.bufferedBytes <= limits.maxHeaderBytes + 64 + 1024)
            }
        }
    }
}
