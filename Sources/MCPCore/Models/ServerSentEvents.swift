/// One server-sent event: its `event:` name (Anthropic names them; OpenAI does not) and its
/// `data:` lines joined by newlines.
public struct ServerSentEvent: Sendable, Equatable {
    public var event: String?
    public var data: String

    public init(event: String?, data: String) {
        self.event = event
        self.data = data
    }
}

/// Reads a `text/event-stream` body fed in pieces of any size.
///
/// Lines are split on bytes and decoded only when whole, so a UTF-8 character split across two
/// pieces arrives intact. Comment lines (`: keep-alive`) and fields other than `event` and
/// `data` are skipped; a blank line ends an event; CR LF and LF both end a line.
public struct ServerSentEventParser: Sendable {
    private var pending: [UInt8] = []
    private var event: String?
    private var data: [String] = []

    public init() {}

    /// The events completed by `bytes`.
    public mutating func feed(_ bytes: [UInt8]) -> [ServerSentEvent] {
        pending.append(contentsOf: bytes)
        var events: [ServerSentEvent] = []
        var start = 0
        while let newline = pending[start...].firstIndex(of: 0x0a) {
            var line = pending[start..<newline]
            if line.last == 0x0d { line = line.dropLast() }
            start = newline + 1
            if let completed = take(Array(line)) { events.append(completed) }
        }
        pending.removeFirst(start)
        return events
    }

    /// At the end of the body: an event whose blank line never came, if any.
    public mutating func finish() -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        if !pending.isEmpty, let completed = take(pending) { events.append(completed) }
        pending = []
        if let completed = take([]) { events.append(completed) }
        return events
    }

    private mutating func take(_ line: [UInt8]) -> ServerSentEvent? {
        if line.isEmpty {
            defer { (event, data) = (nil, []) }
            guard !data.isEmpty else { return nil }
            return ServerSentEvent(event: event, data: data.joined(separator: "\n"))
        }
        if line.first == UInt8(ascii: ":") { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.count
        let field = String(decoding: line[..<colon], as: UTF8.self)
        var value = colon < line.count ? line[(colon + 1)...] : []
        if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        switch field {
        case "event": event = String(decoding: value, as: UTF8.self)
        case "data": data.append(String(decoding: value, as: UTF8.self))
        default: break
        }
        return nil
    }
}
