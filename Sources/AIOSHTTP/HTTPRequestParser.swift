/// Reads HTTP/1.1 requests from the bytes of one connection, incrementally, within
/// ``HTTPLimits``: `Content-Length` and `chunked` bodies, pipelined requests in order.
///
/// Refuses, rather than guesses: obsolete line folding, whitespace before a field's colon,
/// control characters in values, both `Content-Length` and `Transfer-Encoding` (the request
/// smuggling pattern), differing `Content-Length`s, and any transfer coding but `chunked`.
/// After an error the connection must be closed: the parser does not resynchronise.
public struct HTTPRequestParser: Sendable {
    private enum Stage: Sendable {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytes: Int)
    }

    public let limits: HTTPLimits
    private var buffer: [UInt8] = []
    private var start = 0
    private var stage = Stage.head
    private var pending: HTTPRequest?
    private var failed: HTTPParseError?

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Bytes received and not yet part of a returned request.
    public var bufferedBytes: Int { buffer.count - start }

    /// Whether a request has begun arriving and is not complete (for the header and body timers).
    public var isMidRequest: Bool {
        if case .head = stage { return bufferedBytes > 0 }
        return true
    }

    /// Whether the request line and headers of a request are still arriving.
    public var isInHead: Bool {
        if case .head = stage { return true }
        return false
    }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 << 10)
            start = 0
        } else if start > 32 << 10 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete request, `nil` when more bytes are needed.
    public mutating func next() throws(HTTPParseError) -> HTTPRequest? {
        if let failed { throw failed }
        do {
            return try step()
        } catch {
            failed = error
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> HTTPRequest? {
        while true {
            switch stage {
            case .head:
                // Empty lines before a request line are ignored (RFC 9112 §2.2).
                while bufferedBytes >= 2, buffer[start] == 0x0D, buffer[start + 1] == 0x0A { start += 2 }
                guard let end = find(crlfcrlf, from: start) else {
                    if bufferedBytes > limits.maxHeaderBytes { throw .headersTooLarge }
                    return nil
                }
                if end - start > limits.maxHeaderBytes { throw .headersTooLarge }
                let head = Array(buffer[start..<end])
                start = end + 4
                var request = try Self.parseHead(head, limits: limits)
                let lengths = request.headers.filter { $0.name == "content-length" }.map(\.value)
                let codings = request.headers.filter { $0.name == "transfer-encoding" }.map(\.value)
                if !codings.isEmpty {
                    guard lengths.isEmpty else { throw .badRequest("both Content-Length and Transfer-Encoding") }
                    guard codings.count == 1, codings[0].lowercased() == "chunked" else {
                        throw .notImplemented("transfer coding \(codings.joined(separator: ", "))")
                    }
                    request.body = []
                    pending = request
                    stage = .chunkSize
                } else if let first = lengths.first {
                    guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 18,
                        first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(first)
                    else { throw .badRequest("invalid Content-Length") }
                    guard length <= limits.maxBodyBytes else { throw .bodyTooLarge(limits.maxBodyBytes) }
                    if length == 0 { return request }
                    pending = request
                    stage = .fixedBody(remaining: length)
                } else {
                    return request
                }
            case .fixedBody(let remaining):
                let take = min(remaining, bufferedBytes)
                pending!.body.append(contentsOf: buffer[start..<start + take])
                start += take
                if take < remaining {
                    stage = .fixedBody(remaining: remaining - take)
                    return nil
                }
                stage = .head
                defer { pending = nil }
                return pending
            case .chunkSize:
                guard let end = find(crlf, from: start) else {
                    if bufferedBytes > 1024 { throw .badRequest("chunk size line too long") }
                    return nil
                }
                let line = buffer[start..<end]
                start = end + 2
                let digits = line.prefix { $0 != UInt8(ascii: ";") }
                guard !digits.isEmpty, digits.count <= 15 else { throw .badRequest("invalid chunk size") }
                var size = 0
                for digit in digits {
                    guard let value = Self.hexValue(digit) else { throw .badRequest("invalid chunk size") }
                    size = size * 16 + value
                }
                if size == 0 {
                    stage = .trailers(bytes: 0)
                } else {
                    guard pending!.body.count + size <= limits.maxBodyBytes else { throw .bodyTooLarge(limits.maxBodyBytes) }
                    stage = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, bufferedBytes)
                pending!.body.append(contentsOf: buffer[start..<start + take])
                start += take
                if take < remaining {
                    stage = .chunkData(remaining: remaining - take)
                    return nil
                }
                stage = .chunkDataEnd
            case .chunkDataEnd:
                guard bufferedBytes >= 2 else { return nil }
                guard buffer[start] == 0x0D, buffer[start + 1] == 0x0A else { throw .badRequest("chunk not followed by CRLF") }
                start += 2
                stage = .chunkSize
            case .trailers(let bytes):
                guard let end = find(crlf, from: start) else {
                    if bytes + bufferedBytes > limits.maxHeaderBytes { throw .headersTooLarge }
                    return nil
                }
                let length = end - start
                start = end + 2
                if length == 0 {
                    stage = .head
                    defer { pending = nil }
                    return pending
                }
                // Trailer fields are read and dropped.
                guard bytes + length <= limits.maxHeaderBytes else { throw .headersTooLarge }
                stage = .trailers(bytes: bytes + length + 2)
            }
        }
    }

    private let crlf: [UInt8] = [0x0D, 0x0A]
    private let crlfcrlf: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard buffer.count - from >= needle.count else { return nil }
        var i = from
        let last = buffer.count - needle.count
        while i <= last {
            if buffer[i] == needle[0] {
                var match = true
                for j in 1..<needle.count where buffer[i + j] != needle[j] {
                    match = false
                    break
                }
                if match { return i }
            }
            i += 1
        }
        return nil
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }

    static func parseHead(_ head: [UInt8], limits: HTTPLimits) throws(HTTPParseError) -> HTTPRequest {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        var i = 0
        while i < head.count {
            if head[i] == 0x0D {
                guard i + 1 < head.count, head[i + 1] == 0x0A else { throw .badRequest("bare CR") }
                lines.append(head[lineStart..<i])
                i += 2
                lineStart = i
            } else if head[i] == 0x0A {
                throw .badRequest("bare LF")
            } else {
                i += 1
            }
        }
        lines.append(head[lineStart..<head.count])
        let requestLine = lines[0]
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw .badRequest("malformed request line") }
        guard parts[0].allSatisfy(isTokenChar) else { throw .badRequest("invalid method") }
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .badRequest("invalid request target") }
        let version = String(decoding: parts[2], as: UTF8.self)
        switch version {
        case "HTTP/1.1", "HTTP/1.0": break
        case let v where v.hasPrefix("HTTP/") && v.utf8.count == 8: throw .versionNotSupported
        default: throw .badRequest("invalid HTTP version")
        }
        let target = String(decoding: parts[1], as: UTF8.self)
        guard target.hasPrefix("/") || target == "*" || target.hasPrefix("http://") || target.hasPrefix("https://") else {
            throw .badRequest("invalid request target")
        }
        var request = HTTPRequest(method: String(decoding: parts[0], as: UTF8.self), target: target, version: version)
        guard lines.count - 1 <= limits.maxHeaderCount else { throw .headersTooLarge }
        for line in lines.dropFirst() {
            guard let first = line.first else { throw .badRequest("empty header line") }
            if first == 0x20 || first == 0x09 { throw .badRequest("obsolete line folding") }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .badRequest("header line without a colon") }
            let name = line[line.startIndex..<colon]
            guard !name.isEmpty, name.allSatisfy(isTokenChar) else { throw .badRequest("invalid header name") }
            let value = line[(colon + 1)...]
            guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
                throw .badRequest("control character in a header value")
            }
            request.headers.append((
                name: String(decoding: name, as: UTF8.self).lowercased(),
                value: String(decoding: value, as: UTF8.self)[...].trimmingSpaces))
        }
        if version == "HTTP/1.1", request.headerCount("host") != 1 { throw .badRequest("HTTP/1.1 needs exactly one Host header") }
        return request
    }
}
