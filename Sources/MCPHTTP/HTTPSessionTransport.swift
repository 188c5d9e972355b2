import AIOSHTTP
import AIOSJSON
import JSONRPC
import MCPServerKit
import Synchronization

/// Where one request's answer goes: a POST's response, first undecided (a JSON body if the
/// answer comes before any notification), then an SSE stream; or the session's GET stream.
final class StreamSink: Sendable {
    enum Mode: Sendable { case undecided, sse, done }

    /// The stream's number within the session (0 is the GET stream); event ids are `number-seq`.
    let number: Int
    let allowSSE: Bool
    private struct State {
        var responder: HTTPResponder?
        var mode: Mode
    }
    private let state: Mutex<State>
    /// Called once with the HTTP status and headers of a JSON answer (lets the caller add
    /// rate-limit headers), `nil` for the default.
    let decorate: @Sendable ([UInt8]) -> (status: Int, headers: [(String, String)])

    init(number: Int, responder: HTTPResponder, sse: Bool, allowSSE: Bool, decorate: @escaping @Sendable ([UInt8]) -> (status: Int, headers: [(String, String)])) {
        self.number = number
        self.allowSSE = allowSSE
        self.decorate = decorate
        state = Mutex(State(responder: responder, mode: .undecided))
        if sse { _ = commitSSE() }
    }

    static let sseHeaders: [(String, String)] = [
        ("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache, no-transform"), ("X-Accel-Buffering", "no"),
    ]

    /// Switches to SSE; `false` when there is no client to stream to.
    @discardableResult
    func commitSSE() -> Bool {
        state.withLock { state in
            guard let responder = state.responder else { return false }
            if state.mode == .undecided {
                state.mode = .sse
                return responder.startStream(headers: Self.sseHeaders)
            }
            return state.mode == .sse
        }
    }

    /// Sends one event (committing to SSE); `false` if it could not be (no client attached).
    func event(id: String, data: [UInt8], last: Bool) -> Bool {
        state.withLock { state in
            guard let responder = state.responder else { return false }
            if state.mode == .undecided {
                // A client that accepts JSON only gets the answer, not the notifications.
                if !last && !allowSSE { return false }
                if last {
                    // The answer came first: a plain JSON body.
                    let (status, headers) = decorate(data)
                    responder.respond(status: status, headers: [("Content-Type", "application/json")] + headers, body: data)
                    state.mode = .done
                    state.responder = nil
                    return true
                }
                state.mode = .sse
                responder.startStream(headers: Self.sseHeaders)
            }
            var frame = Array("id: \(id)\nevent: message\ndata: ".utf8)
            frame += data
            frame += [0x0A, 0x0A]
            let ok = responder.write(frame)
            if last {
                responder.finish()
                state.mode = .done
                state.responder = nil
            }
            return ok
        }
    }

    /// A comment line, keeping proxies from timing the stream out.
    func ping() {
        state.withLock { state in
            if state.mode == .sse, let responder = state.responder { responder.write(Array(": ping\n\n".utf8)) }
        }
    }

    /// Replaces the client (a resumed stream): events from now on go to `responder`, as SSE.
    func attach(_ responder: HTTPResponder) {
        state.withLock { state in
            state.responder = responder
            state.mode = .sse
        }
    }

    /// The client went away: events are kept in the session's log for a resumption.
    func detach(_ responder: HTTPResponder) {
        state.withLock { state in
            if state.responder === responder { state.responder = nil }
        }
    }

    /// Ends the stream (the session is closing).
    func end() {
        state.withLock { state in
            guard let responder = state.responder else { return }
            // A stream with no answer to give: an empty event stream, ended.
            if state.mode == .undecided { responder.startStream(headers: Self.sseHeaders) }
            responder.finish()
            state.responder = nil
            state.mode = .done
        }
    }

    var isAttached: Bool { state.withLock { $0.responder != nil } }
}

/// One MCP session over HTTP, as a ``Transport`` to ``MCPServer``: requests POSTed to it are
/// its input; what the server sends is routed to the stream it belongs to — a response to
/// its request's POST, a notification sent while a request was served (``RequestScope``) to
/// that request's stream, a 2026-07-28 listen notification to its listen stream, and anything
/// else to the GET stream. Every event is kept in a bounded log, so a dropped stream can be
/// resumed with `Last-Event-ID`.
final class HTTPSessionTransport: Transport {
    let id: String
    /// Who the session belongs to (a key id, or `local`).
    let principal: String
    let credential: PeerCredential
    private let inbox = FrameInbox()
    private let eventLogLimit: Int

    private struct LoggedEvent {
        var stream: Int
        var seq: Int
        var data: [UInt8]
    }

    private struct State {
        var byRequest: [JSONRPCID: StreamSink] = [:]
        var byNumber: [Int: StreamSink] = [:]
        var standalone: StreamSink?
        var nextStream = 1
        var nextSeq = 1
        var log: [LoggedEvent] = []
        var logBytes = 0
        var lastActivity: Duration
        var closed = false
    }
    private let state: Mutex<State>
    /// Called once every stream of a one-request (2026-07-28) session has its answer.
    private let onAnswered: (@Sendable () -> Void)?
    private let answeredStream: AsyncStream<Void>
    private let answeredContinuation: AsyncStream<Void>.Continuation

    /// Returns once every request submitted has its answer (or the session closed).
    func answered() async { for await _ in answeredStream {} }

    init(id: String, principal: String, credential: PeerCredential, eventLogLimit: Int, now: Duration, onAnswered: (@Sendable () -> Void)? = nil) {
        self.id = id
        self.principal = principal
        self.credential = credential
        self.eventLogLimit = eventLogLimit
        self.onAnswered = onAnswered
        state = Mutex(State(lastActivity: now))
        (answeredStream, answeredContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    func frames() -> FrameInbox { inbox }

    func flush() async {}

    var lastActivity: Duration { state.withLock { $0.lastActivity } }
    var hasStandalone: Bool { state.withLock { $0.standalone?.isAttached ?? false } }

    /// Registers the stream that will carry request `id`'s answer, then hands the request to
    /// the server.
    func submit(request id: JSONRPCID, bytes: [UInt8], responder: HTTPResponder, allowSSE: Bool, now: Duration,
                decorate: @escaping @Sendable ([UInt8]) -> (status: Int, headers: [(String, String)])) -> Bool {
        let sink = state.withLock { state -> StreamSink? in
            guard !state.closed, state.byRequest[id] == nil else { return nil }
            let sink = StreamSink(number: state.nextStream, responder: responder, sse: false, allowSSE: allowSSE, decorate: decorate)
            state.nextStream += 1
            state.byRequest[id] = sink
            state.byNumber[sink.number] = sink
            state.lastActivity = now
            return sink
        }
        guard let sink else { return false }
        responder.onClose { [weak sink] in if let sink { sink.detach(responder) } }
        inbox.push(.message(bytes))
        return true
    }

    /// Hands messages that need no stream (notifications, responses) to the server. A
    /// `notifications/cancelled` also ends the cancelled request's stream: no answer will come.
    func submit(_ bytes: [UInt8], now: Duration) {
        var cancelled: StreamSink?
        if let value = try? JSONValue.parse(bytes), value["method"]?.stringValue == "notifications/cancelled",
            let id = value["params"]?["requestId"].flatMap(JSONRPCID.init)
        {
            cancelled = state.withLock { state in
                let sink = state.byRequest.removeValue(forKey: id)
                if let sink { state.byNumber[sink.number] = nil }
                return sink
            }
        }
        state.withLock { $0.lastActivity = now }
        inbox.push(.message(bytes))
        cancelled?.end()
    }

    /// Opens the GET stream, or resumes stream `resume` after event `after`: replays what the
    /// log holds, then keeps streaming if the stream is still live.
    ///
    /// - Returns: `false` when a GET stream is already open (409).
    func openStream(responder: HTTPResponder, resume: (stream: Int, after: Int)?, now: Duration) -> Bool {
        let (sink, replay, live) = state.withLock { state -> (StreamSink?, [LoggedEvent], Bool) in
            state.lastActivity = now
            if let resume {
                let replay = state.log.filter { $0.stream == resume.stream && $0.seq > resume.after }
                if resume.stream == 0 {
                    if let standalone = state.standalone, standalone.isAttached { return (nil, [], false) }
                    let sink = StreamSink(number: 0, responder: responder, sse: true, allowSSE: true, decorate: { _ in (200, []) })
                    state.standalone = sink
                    return (sink, replay, true)
                }
                if let sink = state.byNumber[resume.stream] {
                    sink.attach(responder)
                    responder.startStream(headers: StreamSink.sseHeaders)
                    return (sink, replay, true)
                }
                responder.startStream(headers: StreamSink.sseHeaders)
                return (nil, replay, false)
            }
            if let standalone = state.standalone, standalone.isAttached { return (nil, [], false) }
            let sink = StreamSink(number: 0, responder: responder, sse: true, allowSSE: true, decorate: { _ in (200, []) })
            state.standalone = sink
            return (sink, [], true)
        }
        if resume == nil && sink == nil { return false }
        if resume?.stream == 0 && sink == nil { return false }
        for event in replay {
            var frame = Array("id: \(event.stream)-\(event.seq)\nevent: message\ndata: ".utf8)
            frame += event.data
            frame += [0x0A, 0x0A]
            responder.write(frame)
        }
        if let sink, live {
            responder.onClose { [weak sink] in sink?.detach(responder) }
        } else {
            responder.finish()
        }
        return true
    }

    func pingStreams() {
        let sinks = state.withLock { state in Array(state.byNumber.values) + (state.standalone.map { [$0] } ?? []) }
        for sink in sinks { sink.ping() }
    }

    /// Ends the session: the server's input ends, open streams are closed.
    func close() {
        let sinks = state.withLock { state -> [StreamSink] in
            state.closed = true
            defer { state.byNumber = [:]; state.byRequest = [:]; state.standalone = nil }
            return Array(state.byNumber.values) + (state.standalone.map { [$0] } ?? [])
        }
        inbox.finish()
        answeredContinuation.finish()
        for sink in sinks { sink.end() }
    }

    /// A 2026-07-28 request whose client went away: cancelled, as closing its stream means.
    func cancel(_ id: JSONRPCID) {
        let note = JSONRPCMessage.notification(method: "notifications/cancelled", params: ["requestId": id.json, "reason": "the HTTP client closed the stream"])
        inbox.push(.message(note.serialized()))
        inbox.finish()
    }

    // MARK: - Outbound

    func send(_ message: [UInt8]) {
        guard let value = try? JSONValue.parse(message) else { return }
        let id = value["id"].flatMap(JSONRPCID.init)
        let isResponse = value["method"] == nil && id != nil
        let origin: JSONRPCID? = isResponse ? id : (RequestScope.requestID ?? Self.listenStream(of: value))
        let (sink, stream, seq, done) = state.withLock { state -> (StreamSink?, Int, Int, Bool) in
            var sink = origin.flatMap { state.byRequest[$0] }
            if sink == nil && !isResponse { sink = state.standalone }
            let stream = sink?.number ?? (isResponse ? -1 : 0)
            let seq = state.nextSeq
            state.nextSeq += 1
            if stream >= 0 {
                state.log.append(LoggedEvent(stream: stream, seq: seq, data: message))
                state.logBytes += message.count
                while state.log.count > eventLogLimit || state.logBytes > 1 << 20 {
                    state.logBytes -= state.log.removeFirst().data.count
                }
            }
            var done = false
            if isResponse, let id, let answered = state.byRequest.removeValue(forKey: id) {
                // Kept by number a little longer only through the log; a resumption after the
                // answer replays it and ends.
                state.byNumber[answered.number] = nil
                done = state.byRequest.isEmpty
            }
            return (sink, stream, seq, done)
        }
        if let sink { _ = sink.event(id: "\(stream)-\(seq)", data: message, last: isResponse) }
        if done {
            answeredContinuation.finish()
            onAnswered?()
        }
    }

    private static func listenStream(of value: JSONValue) -> JSONRPCID? {
        value["params"]?["_meta"]?[ServerSession.subscriptionIDKey].flatMap(JSONRPCID.init)
    }
}
