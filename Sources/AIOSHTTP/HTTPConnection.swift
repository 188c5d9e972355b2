import AIOSSystem
import Synchronization

/// One accepted connection. The loop thread alone reads, parses and writes; responders queue
/// output under `shared`'s lock from any thread.
final class HTTPConnection: @unchecked Sendable {
    #if canImport(Darwin)
    static let noSignal: Int32 = 0
    #else
    static let noSignal = Int32(MSG_NOSIGNAL)
    #endif

    struct Shared {
        var queued: [UInt8] = []
        /// The current request's response is complete.
        var responseDone = false
        /// Close once the queued output is written.
        var closeAfterOutput = false
        /// Close now (queued output over the bound).
        var dropNow = false
        var closed = false
        var onClose: [@Sendable () -> Void] = []
        /// Called once when the current response is complete or the connection closes.
        var onEnd: [@Sendable () -> Void] = []
    }

    let fd: Int32
    unowned let server: HTTPServer
    let shared = Mutex(Shared())

    // Loop-thread state.
    private var parser: HTTPRequestParser
    private var busy = false
    private var requestStarted: Duration?
    private var lastActivity: Duration
    private var writing: [UInt8] = []
    private var written = 0
    private var lastWriteProgress: Duration
    private(set) var isClosed = false

    init(fd: Int32, server: HTTPServer, now: Duration) {
        self.fd = fd
        self.server = server
        parser = HTTPRequestParser(limits: server.configuration.limits)
        lastActivity = now
        lastWriteProgress = now
    }

    /// Input is read while the parser holds little; a request in progress keeps it watched so
    /// a client that goes away is noticed.
    var wantsRead: Bool { !isClosed && parser.bufferedBytes < 64 << 10 }

    var hasOutput: Bool { written < writing.count || shared.withLock { !$0.queued.isEmpty } }

    // MARK: - Loop side

    func readAvailable(into buffer: inout [UInt8], now: Duration) {
        guard !isClosed else { return }
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            close()
            return
        }
        guard n > 0 else { return }
        if !parser.isMidRequest && !busy { requestStarted = now }
        parser.append(buffer[0..<n])
        lastActivity = now
    }

    func flush(now: Duration) {
        guard !isClosed else { return }
        while true {
            if written == writing.count {
                writing.removeAll(keepingCapacity: writing.capacity <= 256 << 10)
                written = 0
                let drop = shared.withLock { shared -> Bool in
                    swap(&writing, &shared.queued)
                    return shared.dropNow
                }
                if drop {
                    close()
                    return
                }
                if writing.isEmpty {
                    if shared.withLock({ $0.closeAfterOutput && $0.queued.isEmpty }) { close() }
                    return
                }
            }
            let n = writing.withUnsafeBytes { bytes in
                send(fd, bytes.baseAddress! + written, bytes.count - written, Self.noSignal)
            }
            if n > 0 {
                written += n
                lastWriteProgress = now
                lastActivity = now
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                close()
                return
            }
        }
    }

    func checkTimers(now: Duration) {
        guard !isClosed else { return }
        let configuration = server.configuration
        if written < writing.count, now - lastWriteProgress > configuration.writeTimeout {
            close()
            return
        }
        guard !busy else { return }
        if parser.isMidRequest, let started = requestStarted {
            let limit = parser.isInHead ? configuration.headerTimeout : configuration.requestTimeout
            if now - started > limit {
                refuse(status: 408, message: "the request did not arrive in time")
                requestStarted = nil
            }
        } else if !parser.isMidRequest, !hasOutput, now - lastActivity > configuration.idleTimeout {
            close()
        }
    }

    /// Hands the next complete request to the handler, or refuses a malformed one.
    func advance(now: Duration) {
        guard !isClosed else { return }
        if busy {
            let done = shared.withLock { $0.responseDone }
            guard done else { return }
            busy = false
            lastActivity = now
            if shared.withLock({ $0.closeAfterOutput }) { return }
        }
        if shared.withLock({ $0.closeAfterOutput }) { return }
        let request: HTTPRequest?
        do {
            request = try parser.next()
        } catch {
            refuse(status: error.status, message: error.message)
            return
        }
        guard let request else { return }
        busy = true
        requestStarted = parser.isMidRequest ? now : nil
        shared.withLock { $0.responseDone = false }
        server.handler(request, HTTPResponder(connection: self, keepAlive: request.keepAlive, headOnly: request.method == "HEAD"))
        flush(now: now)
    }

    private func refuse(status: Int, message: String) {
        busy = true
        _ = enqueue(HTTPResponse.refusal(status: status, message: message), finish: true, close: true)
        flush(now: HTTPServer.now())
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        let (closes, ends) = shared.withLock { shared -> ([@Sendable () -> Void], [@Sendable () -> Void]) in
            shared.closed = true
            shared.queued = []
            defer {
                shared.onClose = []
                shared.onEnd = []
            }
            return (shared.responseDone ? [] : shared.onClose, shared.onEnd)
        }
        shutdown(fd, Int32(SHUT_RDWR))
        AIOSSystem.close(fd)
        writing = []
        for close in closes { close() }
        for end in ends { end() }
    }

    // MARK: - Any thread

    /// Queues output; `false` when the connection is gone or the bytes would pass the bound
    /// (then the connection is dropped).
    func enqueue(_ bytes: [UInt8], finish: Bool, close: Bool) -> Bool {
        let (accepted, ends) = shared.withLock { shared -> (Bool, [@Sendable () -> Void]) in
            guard !shared.closed, !shared.dropNow else { return (false, []) }
            if shared.queued.count + bytes.count > server.configuration.maxQueuedOutputBytes {
                shared.dropNow = true
                shared.queued = []
                return (false, [])
            }
            shared.queued += bytes
            var ends: [@Sendable () -> Void] = []
            if finish {
                shared.responseDone = true
                swap(&ends, &shared.onEnd)
                shared.onClose = []
            }
            if close { shared.closeAfterOutput = true }
            return (true, ends)
        }
        server.dirty.withLock { $0.append(self) }
        server.wake()
        for end in ends { end() }
        return accepted
    }

    func addOnEnd(_ callback: @escaping @Sendable () -> Void) {
        let endedAlready = shared.withLock { shared -> Bool in
            if shared.closed || shared.dropNow || shared.responseDone { return true }
            shared.onEnd.append(callback)
            return false
        }
        if endedAlready { callback() }
    }

    func setOnClose(_ callback: @escaping @Sendable () -> Void) {
        let closedAlready = shared.withLock { shared -> Bool in
            if shared.closed || shared.dropNow { return true }
            // A response already complete is not interrupted by a later close.
            if !shared.responseDone { shared.onClose.append(callback) }
            return false
        }
        if closedAlready { callback() }
    }
}

/// Answers one request: a whole response, or a chunked stream (SSE) written piece by piece,
/// from any thread.
public final class HTTPResponder: Sendable {
    private let connection: HTTPConnection
    private let keepAlive: Bool
    private let headOnly: Bool
    private let started = Atomic<Bool>(false)

    init(connection: HTTPConnection, keepAlive: Bool, headOnly: Bool) {
        self.connection = connection
        self.keepAlive = keepAlive
        self.headOnly = headOnly
    }

    /// Whether the client is still connected.
    public var isConnected: Bool { connection.shared.withLock { !$0.closed && !$0.dropNow } }

    /// Sends a whole response with `Content-Length`.
    ///
    /// - Parameter close: Close the connection after it, whatever the request asked.
    @discardableResult
    public func respond(status: Int, headers: [(String, String)] = [], body: [UInt8] = [], close: Bool = false) -> Bool {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return false }
        let keep = keepAlive && !close
        var bytes = HTTPResponse.head(status: status, headers: headers, contentLength: body.count, keepAlive: keep)
        if !headOnly { bytes += body }
        return connection.enqueue(bytes, finish: true, close: !keep)
    }

    /// Sends the head of a chunked response; follow with ``write(_:)`` and ``finish()``.
    @discardableResult
    public func startStream(status: Int = 200, headers: [(String, String)]) -> Bool {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return false }
        return connection.enqueue(
            HTTPResponse.head(status: status, headers: headers, contentLength: nil, keepAlive: keepAlive), finish: false, close: false)
    }

    /// Sends one chunk of a stream; `false` when the client is gone or reads too slowly (the
    /// connection is then dropped).
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return isConnected }
        return connection.enqueue(HTTPResponse.chunk(bytes), finish: false, close: false)
    }

    /// Ends a stream.
    public func finish() {
        _ = connection.enqueue(HTTPResponse.lastChunk, finish: true, close: !keepAlive)
    }

    /// Ends a stream and closes the connection (an SSE stream the server hangs up on, to be resumed).
    public func abort() {
        _ = connection.enqueue([], finish: true, close: true)
    }

    /// Calls `callback` once when the response is complete or the connection closes, whichever
    /// comes first (at once if either has happened).
    public func onEnd(_ callback: @escaping @Sendable () -> Void) {
        connection.addOnEnd(callback)
    }

    /// Calls `callback` once if the connection closes before the response is complete (at once
    /// if it already has).
    public func onClose(_ callback: @escaping @Sendable () -> Void) {
        connection.setOnClose(callback)
    }
}
