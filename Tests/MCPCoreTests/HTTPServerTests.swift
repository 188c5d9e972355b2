import AIOSHTTP
import AIOSSystem
import Testing

/// The HTTP server over real loopback sockets, a blocking client on the test's side.
@Suite struct HTTPServerTests {
    /// A blocking TCP client.
    final class Client {
        let fd: Int32
        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            try #require(result == 0)
        }
        deinit { close(fd) }
        func send(_ text: String) { _ = POSIXIO.writeAll(fd, Array(text.utf8)) }
        /// Everything until the server closes the connection.
        func readToEnd() -> String {
            var out: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { break }
                out += buffer[0..<n]
            }
            return String(decoding: out, as: UTF8.self)
        }
        /// Reads until `marker` has been seen `count` times.
        func read(until marker: String, count: Int = 1) -> String {
            var out: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while String(decoding: out, as: UTF8.self).components(marker) < count {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { break }
                out += buffer[0..<n]
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private func server(_ configure: (inout HTTPServer.Configuration) -> Void = { _ in }) throws -> HTTPServer {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        let server = try HTTPServer(configuration: configuration) { request, responder in
            if request.path == "/stream" {
                responder.startStream(headers: [("Content-Type", "text/event-stream")])
                responder.write(Array("data: one\n\n".utf8))
                responder.write(Array("data: two\n\n".utf8))
                responder.finish()
            } else if request.path == "/hold" {
                // Never answered: the connection stays busy.
            } else {
                responder.respond(status: 200, headers: [("Content-Type", "text/plain")], body: Array("echo \(request.body.count)".utf8))
            }
        }
        server.start()
        return server
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try server()
        defer { server.stop() }
        let client = try Client(port: server.port)
        client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        let both = client.read(until: "echo ", count: 2)
        #expect(both.contains("echo 3"))
        #expect(both.contains("echo 0"))
        client.send("GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let last = client.readToEnd()
        #expect(last.hasPrefix("HTTP/1.1 200 OK"))
        #expect(last.contains("Connection: close"))
    }

    @Test func chunkedStreamResponse() throws {
        let server = try server()
        defer { server.stop() }
        let client = try Client(port: server.port)
        client.send("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let text = client.readToEnd()
        #expect(text.contains("Transfer-Encoding: chunked"))
        #expect(text.contains("b\r\ndata: one\n\n\r\n"))
        #expect(text.hasSuffix("0\r\n\r\n"))
    }

    @Test func malformedRequestIsAnsweredAndClosed() throws {
        let server = try server()
        defer { server.stop() }
        let client = try Client(port: server.port)
        client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
        #expect(client.readToEnd().hasPrefix("HTTP/1.1 400 "))
        let big = try Client(port: server.port)
        big.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n")
        #expect(big.readToEnd().hasPrefix("HTTP/1.1 413 "))
    }

    @Test func slowHeadersAreCutOff() throws {
        let server = try server { $0.headerTimeout = .milliseconds(100) }
        defer { server.stop() }
        let client = try Client(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        // The headers never end: the server answers 408 and closes, whatever the client does.
        #expect(client.readToEnd().hasPrefix("HTTP/1.1 408 "))
    }

    @Test func connectionsOverTheBoundGet503() throws {
        let server = try server { $0.maxConnections = 2 }
        defer { server.stop() }
        let first = try Client(port: server.port)
        let second = try Client(port: server.port)
        first.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n")
        second.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n")
        let third = try Client(port: server.port)
        let refused = third.readToEnd()
        #expect(refused.hasPrefix("HTTP/1.1 503 "))
        #expect(refused.contains("Retry-After: 1"))
        #expect(server.connectionCounts.refused >= 1)
    }
}

extension String {
    fileprivate func components(_ marker: String) -> Int {
        guard !marker.isEmpty else { return 0 }
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: marker) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
