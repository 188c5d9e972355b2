import AIOSHTTP
import AIOSJSON
import AIOSLogging
import AIOSSystem
import JSONRPC
import MCPServerKit
import Synchronization

/// Who an HTTP request is, from its bearer token.
public enum HTTPAuthentication: Sendable {
    /// Admitted; `principal` names the key (or `local` when no key is needed).
    case allowed(principal: String)
    /// 401: no key where one is needed, or a wrong one.
    case refused(message: String)
    /// 500: the key records cannot be read.
    case failed(message: String)
}

/// The Streamable HTTP mapping of MCP at `/mcp`, in both eras, over an ``HTTPServer``:
///
/// - handshake era (2025-11-25 and earlier): `initialize` POSTed without `Mcp-Session-Id`
///   opens a session (one ``MCPServer`` session, its id in the response header); later POSTs
///   carry the id; each request's answer is a JSON body, or an SSE stream when notifications
///   come first; GET opens the session's stream; `Last-Event-ID` resumes a dropped stream;
///   DELETE ends the session.
/// - 2026-07-28: every POST is self-contained (`MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`
///   headers checked against the body's envelope); no session; closing the response stream
///   cancels the request; notifications are acknowledged with 202.
///
/// Every request passes the Origin check (403) and authentication (401 with
/// `WWW-Authenticate`); `/health` and `/ready` need neither.
public final class MCPHTTPService: Sendable {
    public struct Configuration: Sendable {
        /// Origins allowed besides loopback ones (`http://localhost:*`, `127.0.0.1`, `[::1]`).
        public var allowedOrigins: Set<String>
        public var maxSessions: Int
        /// A handshake session with no request and no open stream for this long is ended.
        public var sessionIdleTimeout: Duration
        /// Requests and streams one key (or the keyless owner) may have open at once.
        public var maxStreamsPerPrincipal: Int
        /// Events kept per session for `Last-Event-ID`.
        public var eventLogLimit: Int
        /// Gap between SSE keep-alive comments.
        public var keepAliveInterval: Duration

        public init(
            allowedOrigins: Set<String> = [], maxSessions: Int = 4096, sessionIdleTimeout: Duration = .seconds(600),
            maxStreamsPerPrincipal: Int = 1024, eventLogLimit: Int = 1024, keepAliveInterval: Duration = .seconds(15)
        ) {
            self.allowedOrigins = allowedOrigins
            self.maxSessions = maxSessions
            self.sessionIdleTimeout = sessionIdleTimeout
            self.maxStreamsPerPrincipal = maxStreamsPerPrincipal
            self.eventLogLimit = eventLogLimit
            self.keepAliveInterval = keepAliveInterval
        }
    }

    private let server: MCPServer
    private let configuration: Configuration
    private let authenticate: @Sendable (String?) async -> HTTPAuthentication
    private let ready: @Sendable () async -> Bool
    private let logger: Logger
    private let sessions = Mutex<[String: HTTPSessionTransport]>([:])
    private let streams = Mutex<[String: Int]>([:])

    public init(
        server: MCPServer, configuration: Configuration = Configuration(), logger: Logger = .disabled,
        authenticate: @escaping @Sendable (String?) async -> HTTPAuthentication,
        ready: @escaping @Sendable () async -> Bool = { true }
    ) {
        self.server = server
        self.configuration = configuration
        self.logger = logger
        self.authenticate = authenticate
        self.ready = ready
    }

    /// Sessions open now (for tests and the benchmark).
    public var sessionCount: Int { sessions.withLock { $0.count } }

    /// The ``HTTPServer`` handler: starts a task per request.
    public var handler: HTTPServer.Handler {
        { request, responder in Task { await self.handle(request, responder) } }
    }

    /// Housekeeping until cancelled: SSE keep-alive comments and idle sessions ended.
    public func maintain() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.keepAliveInterval)
            let now = HTTPServer.now()
            let all = sessions.withLock { Array($0.values) }
            for session in all {
                session.pingStreams()
                if !session.hasStandalone, now - session.lastActivity > configuration.sessionIdleTimeout {
                    end(session)
                    logger.info("HTTP session ended after idling", ["session": .string(session.id)])
                }
            }
        }
        let all = sessions.withLock { Array($0.values) }
        for session in all { end(session) }
    }

    private func end(_ session: HTTPSessionTransport) {
        _ = sessions.withLock { $0.removeValue(forKey: session.id) }
        session.close()
    }

    // MARK: - Requests

    private static func json(_ value: JSONValue) -> [UInt8] { value.serialized() + [0x0A] }

    private static func rpcError(_ code: Int, _ message: String, id: JSONValue = .null) -> [UInt8] {
        json(["jsonrpc": "2.0", "id": id, "error": ["code": .integer(code), "message": .string(message)]])
    }

    private func refuse(_ responder: HTTPResponder, _ status: Int, _ message: String, headers: [(String, String)] = []) {
        responder.respond(
            status: status, headers: [("Content-Type", "application/json")] + headers,
            body: Self.rpcError(-32600, message))
    }

    func handle(_ request: HTTPRequest, _ responder: HTTPResponder) async {
        switch request.path {
        case "/health", "/healthz":
            responder.respond(status: 200, headers: [("Content-Type", "application/json")], body: Self.json(["status": "ok"]))
            return
        case "/ready", "/readyz", "/health/ready":
            let ok = await ready()
            responder.respond(
                status: ok ? 200 : 503, headers: [("Content-Type", "application/json")] + (ok ? [] : [("Retry-After", "5")]),
                body: Self.json(["status": ok ? "ready" : "unavailable"]))
            return
        case "/mcp":
            break
        default:
            refuse(responder, 404, "Not found: MCP is served at /mcp")
            return
        }
        if let origin = request.header("origin"), !originAllowed(origin) {
            logger.warning("refused a request from a foreign origin", ["origin": .string(origin)])
            refuse(responder, 403, "Forbidden: origin \(origin) is not allowed")
            return
        }
        guard ["POST", "GET", "DELETE"].contains(request.method) else {
            refuse(responder, 405, "Method not allowed", headers: [("Allow", "GET, POST, DELETE")])
            return
        }
        // Authentication, every request.
        var bearer: String?
        if let authorization = request.header("authorization") {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                refuse(responder, 401, "Unauthorized: use Authorization: Bearer <aios API key>",
                       headers: [("WWW-Authenticate", "Bearer realm=\"aios\", error=\"invalid_request\"")])
                return
            }
            bearer = String(parts[1])
        }
        let principal: String
        switch await authenticate(bearer) {
        case .allowed(let who): principal = who
        case .refused(let message):
            let error = bearer == nil ? "" : ", error=\"invalid_token\""
            responder.respond(
                status: 401, headers: [("Content-Type", "application/json"), ("WWW-Authenticate", "Bearer realm=\"aios\"\(error)")],
                body: Self.rpcError(-32001, "Unauthorized: \(message)"))
            return
        case .failed(let message):
            refuse(responder, 500, message)
            return
        }
        // Concurrent requests and streams per key.
        let admitted = streams.withLock { counts -> Bool in
            let count = counts[principal, default: 0]
            guard count < configuration.maxStreamsPerPrincipal else { return false }
            counts[principal] = count + 1
            return true
        }
        guard admitted else {
            refuse(responder, 429, "Too many concurrent requests and streams for this key (limit \(configuration.maxStreamsPerPrincipal))",
                   headers: [("Retry-After", "1")])
            return
        }
        let released = OnceFlag()
        let release: @Sendable () -> Void = { [self] in
            guard released.set() else { return }
            streams.withLock { counts in
                let left = counts[principal, default: 1] - 1
                counts[principal] = left > 0 ? left : nil
            }
        }
        responder.onEnd(release)
        let credential: PeerCredential = bearer.map(PeerCredential.bearer) ?? .none
        switch request.method {
        case "POST": post(request, responder, principal: principal, credential: credential, release: release)
        case "GET": get(request, responder, principal: principal, release: release)
        default:
            delete(request, responder, principal: principal)
            release()
        }
    }

    private func originAllowed(_ origin: String) -> Bool {
        if configuration.allowedOrigins.contains(origin) || configuration.allowedOrigins.contains("*") { return true }
        for scheme in ["http://", "https://"] where origin.hasPrefix(scheme) {
            var host = origin.dropFirst(scheme.count)
            if host.hasPrefix("[::1]") { return host == "[::1]" || host.hasPrefix("[::1]:") }
            if let colon = host.firstIndex(of: ":") {
                guard host[host.index(after: colon)...].allSatisfy(\.isNumber) else { return false }
                host = host[..<colon]
            }
            if host == "localhost" || host == "127.0.0.1" { return true }
        }
        return false
    }

    private func session(for request: HTTPRequest, principal: String, responder: HTTPResponder) -> HTTPSessionTransport? {
        guard let id = request.header("mcp-session-id") else {
            refuse(responder, 400, "Bad Request: Mcp-Session-Id header is required")
            return nil
        }
        // Another key's session is as good as missing.
        guard let session = sessions.withLock({ $0[id] }), session.principal == principal else {
            refuse(responder, 404, "Session not found")
            return nil
        }
        return session
    }

    private func accepts(_ request: HTTPRequest) -> (json: Bool, sse: Bool) {
        guard let accept = request.header("accept"), !accept.isEmpty else { return (true, true) }
        let types = accept.lowercased().split(separator: ",").map { $0.split(separator: ";")[0].trimmingCharacters }
        let any = types.contains("*/*")
        return (any || types.contains("application/json") || types.contains("application/*"),
                any || types.contains("text/event-stream") || types.contains("text/*"))
    }

    private func post(_ request: HTTPRequest, _ responder: HTTPResponder, principal: String, credential: PeerCredential, release: @escaping @Sendable () -> Void) {
        if let type = request.header("content-type"), !type.lowercased().hasPrefix("application/json") {
            release()
            refuse(responder, 415, "Unsupported Media Type: POST application/json")
            return
        }
        let (acceptsJSON, acceptsSSE) = accepts(request)
        guard acceptsJSON else {
            release()
            refuse(responder, 406, "Not Acceptable: the client must accept application/json (and text/event-stream for streams)")
            return
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(request.body, limits: JSONLimits(maxDepth: 256))
        } catch {
            release()
            responder.respond(status: 400, headers: [("Content-Type", "application/json")], body: Self.rpcError(-32700, "Parse error: \(error)"))
            return
        }
        guard case .object(let object) = value else {
            release()
            refuse(responder, 400, "Body must be a single JSON-RPC message (batches are not served over HTTP)")
            return
        }
        let method = object["method"]?.stringValue
        let id = object["id"].flatMap(JSONRPCID.init)
        let versionHeader = request.header("mcp-protocol-version")
        let envelopeVersion = object["params"]?["_meta"]?[EnvelopeKey.protocolVersion]?.stringValue
        let modern = (versionHeader.map(ProtocolRevisions.modern.contains) ?? false)
            || (request.header("mcp-session-id") == nil && envelopeVersion.map(ProtocolRevisions.modern.contains) == true)
        if modern {
            postModern(request, responder, object: object, method: method, id: id, principal: principal, credential: credential,
                       acceptsSSE: acceptsSSE, release: release)
            return
        }
        let now = HTTPServer.now()
        let session: HTTPSessionTransport
        if method == "initialize", request.header("mcp-session-id") == nil {
            guard let id else {
                release()
                refuse(responder, 400, "initialize must be a request")
                return
            }
            guard let opened = openSession(principal: principal, credential: credential, now: now) else {
                release()
                refuse(responder, 503, "Too many sessions; retry later", headers: [("Retry-After", "5")])
                return
            }
            session = opened
            submit(id: id, bytes: request.body, to: session, responder: responder, acceptsSSE: acceptsSSE, now: now, release: release)
            return
        }
        guard let found = self.session(for: request, principal: principal, responder: responder) else {
            release()
            return
        }
        session = found
        if let method, let id {
            _ = method
            submit(id: id, bytes: request.body, to: session, responder: responder, acceptsSSE: acceptsSSE, now: now, release: release)
        } else {
            session.submit(request.body, now: now)
            release()
            responder.respond(status: 202)
        }
    }

    private func submit(id: JSONRPCID, bytes: [UInt8], to session: HTTPSessionTransport, responder: HTTPResponder, acceptsSSE: Bool, now: Duration, release: @escaping @Sendable () -> Void) {
        let sessionID = session.id
        let accepted = session.submit(
            request: id, bytes: bytes, responder: responder, allowSSE: acceptsSSE, now: now,
            decorate: { body in (Self.rateLimited(body) != nil ? 429 : 200, Self.quotaHeaders(body) + [("Mcp-Session-Id", sessionID)]) })
        responder.onClose(release)
        guard accepted else {
            release()
            responder.respond(status: 409, headers: [("Content-Type", "application/json")], body: Self.rpcError(-32600, "Request id \(id) is already in flight on this session", id: id.json))
            return
        }
    }

    private func openSession(principal: String, credential: PeerCredential, now: Duration) -> HTTPSessionTransport? {
        var random = SystemRandomNumberGenerator()
        let id = (0..<2).map { _ in
            let value: UInt64 = random.next()
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        let session = HTTPSessionTransport(
            id: id, principal: principal, credential: credential, eventLogLimit: configuration.eventLogLimit, now: now)
        let admitted = sessions.withLock { table -> Bool in
            guard table.count < configuration.maxSessions else { return false }
            table[id] = session
            return true
        }
        guard admitted else { return nil }
        logger.info("HTTP session opened", ["session": .string(id), "principal": .string(principal)])
        Task {
            await server.run(on: session, credential: credential)
            _ = sessions.withLock { $0.removeValue(forKey: id) }
        }
        return session
    }

    private func get(_ request: HTTPRequest, _ responder: HTTPResponder, principal: String, release: @escaping @Sendable () -> Void) {
        if let version = request.header("mcp-protocol-version"), ProtocolRevisions.modern.contains(version) {
            release()
            refuse(responder, 405, "2026-07-28 has no GET stream; use subscriptions/listen", headers: [("Allow", "POST")])
            return
        }
        guard accepts(request).sse, request.header("accept") != nil else {
            release()
            refuse(responder, 406, "Not Acceptable: GET needs Accept: text/event-stream")
            return
        }
        guard let session = session(for: request, principal: principal, responder: responder) else {
            release()
            return
        }
        var resume: (stream: Int, after: Int)?
        if let last = request.header("last-event-id") {
            let parts = last.split(separator: "-")
            guard parts.count == 2, let stream = Int(parts[0]), let seq = Int(parts[1]) else {
                release()
                refuse(responder, 400, "Last-Event-ID is not one of this server's event ids")
                return
            }
            resume = (stream, seq)
        }
        responder.onClose(release)
        if !session.openStream(responder: responder, resume: resume, now: HTTPServer.now()) {
            release()
            refuse(responder, 409, "Conflict: this session's GET stream is already open")
        } else if resume != nil && resume?.stream != 0 {
            // A resumed request stream that ended with its replay frees its slot.
            if !responder.isConnected { release() }
        }
    }

    private func delete(_ request: HTTPRequest, _ responder: HTTPResponder, principal: String) {
        guard let session = session(for: request, principal: principal, responder: responder) else { return }
        end(session)
        logger.info("HTTP session ended by the client", ["session": .string(session.id)])
        responder.respond(status: 204)
    }

    // MARK: - 2026-07-28

    private static let nameBearing = ["tools/call": "name", "prompts/get": "name", "resources/read": "uri"]

    private func postModern(
        _ request: HTTPRequest, _ responder: HTTPResponder, object: JSONObject, method: String?, id: JSONRPCID?,
        principal: String, credential: PeerCredential, acceptsSSE: Bool, release: @escaping @Sendable () -> Void
    ) {
        guard let method else {
            release()
            refuse(responder, 400, "Body must be a single JSON-RPC request or notification object")
            return
        }
        guard let id else {
            // No client-to-server notification means anything on this wire: acknowledged, dropped.
            release()
            responder.respond(status: 202)
            return
        }
        let mismatch: String? = {
            for name in ["mcp-protocol-version", "mcp-method", "mcp-name"] where request.headerCount(name) > 1 {
                return "\(name) header appears more than once"
            }
            let envelope = object["params"]?["_meta"]?[EnvelopeKey.protocolVersion]?.stringValue
            if let envelope, request.header("mcp-protocol-version") != envelope {
                return "mcp-protocol-version header does not match the request envelope's protocol version"
            }
            if request.header("mcp-method") != method { return "mcp-method header does not match the request body's method" }
            if let key = Self.nameBearing[method], let value = object["params"]?[key]?.stringValue,
                Self.decodeHeader(request.header("mcp-name")) != value
            {
                return "mcp-name header does not match the request body's '\(key)' parameter"
            }
            return nil
        }()
        if let mismatch {
            release()
            responder.respond(status: 400, headers: [("Content-Type", "application/json")], body: Self.rpcError(-32020, mismatch, id: id.json))
            return
        }
        if method == "subscriptions/listen" && !acceptsSSE {
            release()
            refuse(responder, 406, "Not Acceptable: subscriptions/listen answers with text/event-stream")
            return
        }
        let session = HTTPSessionTransport(
            id: "", principal: principal, credential: credential, eventLogLimit: 64, now: HTTPServer.now(),
            onAnswered: nil)
        let accepted = session.submit(
            request: id, bytes: request.body, responder: responder, allowSSE: acceptsSSE, now: HTTPServer.now(),
            decorate: { body in (Self.status(ofModernAnswer: body), Self.quotaHeaders(body)) })
        guard accepted else {
            release()
            return
        }
        responder.onClose {
            // Closing the response stream cancels the request (2026-07-28).
            session.cancel(id)
            release()
        }
        Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await self.server.run(on: session, credential: credential, withServices: method == "subscriptions/listen")
                }
                group.addTask {
                    // The input ends once the answer is out: the one request is all there is.
                    await session.answered()
                }
                await group.next()
                session.close()
                await group.waitForAll()
            }
            release()
        }
    }

    /// `=?base64?…?=` header values (non-ASCII names) decoded; others as they are.
    private static func decodeHeader(_ value: String?) -> String? {
        guard let value else { return nil }
        return value
    }

    /// HTTP status of a 2026-07-28 JSON answer: by its JSON-RPC error code, as the SDKs map it.
    static func status(ofModernAnswer body: [UInt8]) -> Int {
        guard let value = try? JSONValue.parse(body), let code = value["error"]?["code"]?.intValue else {
            return rateLimited(body) != nil ? 429 : 200
        }
        switch code {
        case -32700, -32600, -32602, -32020, -32021, -32022: return 400
        case -32601: return 404
        default: return 200
        }
    }

    /// `retry_after_seconds` of a tool result refused for its rate limit, if it is one.
    static func rateLimited(_ body: [UInt8]) -> Int64? {
        guard let value = try? JSONValue.parse(body) else { return nil }
        if let data = value["error"]?["data"], data["code"]?.stringValue == "RATE_LIMITED" {
            return data["details"]?["retry_after_seconds"]?.intValue ?? 1
        }
        guard let result = value["result"], result["isError"] == .bool(true),
            let error = result["structuredContent"]?["error"], error["code"]?.stringValue == "RATE_LIMITED"
        else { return nil }
        return error["details"]?["retry_after_seconds"]?.intValue ?? 1
    }

    /// `RateLimit-*` headers from a result's quota (`_meta["aios/quota"]`), and `Retry-After`
    /// on a rate-limited call.
    static func quotaHeaders(_ body: [UInt8]) -> [(String, String)] {
        guard let value = try? JSONValue.parse(body), let result = value["result"] else { return [] }
        var headers: [(String, String)] = []
        let quota = result["_meta"]?["aios/quota"] ?? result["structuredContent"]?["error"]?["details"]?["quota"]
        if let quota, let limit = quota["limit"]?.intValue, let remaining = quota["remaining"]?.intValue, let reset = quota["reset"]?.intValue {
            headers += [("RateLimit-Limit", String(limit)), ("RateLimit-Remaining", String(remaining)), ("RateLimit-Reset", String(reset))]
        }
        if let retry = rateLimited(body) { headers.append(("Retry-After", String(retry))) }
        return headers
    }
}

extension Substring {
    fileprivate var trimmingCharacters: String {
        var s = self[...]
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// True the first time only.
final class OnceFlag: Sendable {
    private let flag = Mutex(false)
    func set() -> Bool { flag.withLock { was in defer { was = true }; return !was } }
}
