/// One HTTP/1.1 request as the parser read it: the request line, the header fields (names in
/// lower case, in arrival order) and the whole body (de-chunked).
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target as sent (`/mcp?x=1`).
    public var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    /// Header fields, names lower-cased, values trimmed, in arrival order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, target: String, version: String = "HTTP/1.1", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.target == b.target && a.version == b.version && a.body == b.body
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    /// The target without its query.
    public var path: String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    /// The first value of the field `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// How many times the field `name` appears.
    public func headerCount(_ name: String) -> Int {
        let lower = name.lowercased()
        return headers.count { $0.name == lower }
    }

    /// Whether the connection stays open after the response (HTTP/1.1 unless `Connection: close`;
    /// HTTP/1.0 only with `Connection: keep-alive`).
    public var keepAlive: Bool {
        let tokens = (header("connection") ?? "").lowercased().split(separator: ",").map { $0.trimmingSpaces }
        if version == "HTTP/1.0" { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }
}

extension Substring {
    var trimmingSpaces: String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

/// The bounds a request must keep.
public struct HTTPLimits: Sendable {
    /// The request line and header fields together, in bytes.
    public var maxHeaderBytes: Int
    /// Header fields per request.
    public var maxHeaderCount: Int
    /// The body, in bytes (after de-chunking).
    public var maxBodyBytes: Int

    public init(maxHeaderBytes: Int = 16 << 10, maxHeaderCount: Int = 100, maxBodyBytes: Int = 4 << 20) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}

/// Why a request was refused before it was complete; each maps to the status it is answered with.
public enum HTTPParseError: Error, Sendable, Equatable {
    case badRequest(String)
    case headersTooLarge
    case bodyTooLarge(Int)
    case notImplemented(String)
    case versionNotSupported

    public var status: Int {
        switch self {
        case .badRequest: 400
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .notImplemented: 501
        case .versionNotSupported: 505
        }
    }

    public var message: String {
        switch self {
        case .badRequest(let why): "bad request: \(why)"
        case .headersTooLarge: "the request line and headers are over the limit"
        case .bodyTooLarge(let limit): "the request body is over the limit of \(limit) bytes"
        case .notImplemented(let what): "not implemented: \(what)"
        case .versionNotSupported: "only HTTP/1.1 and HTTP/1.0 are served"
        }
    }
}
