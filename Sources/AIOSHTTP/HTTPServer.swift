import AIOSSystem
import Synchronization

/// A small HTTP/1.1 server: one thread runs a `poll(2)` loop over non-blocking sockets (the
/// listener and every connection), so no socket call ever runs on Swift's cooperative pool.
///
/// Each complete request is handed to the handler on the loop thread with an
/// ``HTTPResponder``; the handler must return at once (start a task for real work). A
/// connection serves one request at a time (keep-alive, pipelined requests in order); while a
/// request is being answered, input is still watched so that a client going away is noticed
/// (``HTTPResponder/onClose(_:)``).
///
/// Bounds, each answered without growing memory: request line and headers
/// (``HTTPLimits/maxHeaderBytes``, 431), body (413), time to receive the headers (408) and the
/// whole request (408), idle keep-alive time (closed), concurrent connections (503 with
/// `Retry-After`, then closed), and output queued for a client that does not read (the
/// connection is dropped).
public final class HTTPServer: Sendable {
    public struct Configuration: Sendable {
        /// Numeric address or name to bind (`127.0.0.1`, `::1`, `0.0.0.0`, `localhost`).
        public var host: String
        /// 0 picks a free port (see ``HTTPServer/port``).
        public var port: Int
        public var limits: HTTPLimits
        public var maxConnections: Int
        /// From a request's first byte to the end of its headers.
        public var headerTimeout: Duration
        /// From a request's first byte to the end of its body.
        public var requestTimeout: Duration
        /// A kept-alive connection with no request in progress is closed after this.
        public var idleTimeout: Duration
        /// A response whose output makes no progress for this long is dropped with its connection.
        public var writeTimeout: Duration
        /// The most output queued for one connection; past it the connection is dropped.
        public var maxQueuedOutputBytes: Int
        /// `Retry-After` (seconds) on 503 when connections are exhausted.
        public var retryAfterSeconds: Int

        public init(
            host: String = "127.0.0.1", port: Int = 0, limits: HTTPLimits = HTTPLimits(), maxConnections: Int = 1024,
            headerTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60),
            writeTimeout: Duration = .seconds(30), maxQueuedOutputBytes: Int = 8 << 20, retryAfterSeconds: Int = 1
        ) {
            self.host = host
            self.port = port
            self.limits = limits
            self.maxConnections = maxConnections
            self.headerTimeout = headerTimeout
            self.requestTimeout = requestTimeout
            self.idleTimeout = idleTimeout
            self.writeTimeout = writeTimeout
            self.maxQueuedOutputBytes = maxQueuedOutputBytes
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    public typealias Handler = @Sendable (HTTPRequest, HTTPResponder) -> Void

    public enum StartError: Error, CustomStringConvertible {
        case resolve(String, String)
        case socket(String, Int32)

        public var description: String {
            switch self {
            case .resolve(let host, let why): "cannot resolve \(host): \(why)"
            case .socket(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    let configuration: Configuration
    let handler: Handler
    private let listener: Int32
    /// The port bound.
    public let port: Int
    private let wakeRead: Int32
    let wakeWrite: Int32
    let wakePending = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)
    /// Connections with output queued since the loop last looked.
    let dirty = Mutex<[HTTPConnection]>([])
    private let counts = Mutex(Counts())

    struct Counts {
        var open = 0
        var refused = 0
    }

    /// Open connections now, and connections refused for being over the bound (for tests).
    public var connectionCounts: (open: Int, refused: Int) { counts.withLock { ($0.open, $0.refused) } }

    /// Binds and listens; call ``start()`` to serve.
    public init(configuration: Configuration, handler: @escaping Handler) throws(StartError) {
        self.configuration = configuration
        self.handler = handler
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        hints.ai_flags = AI_PASSIVE
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(configuration.host, String(configuration.port), &hints, &result)
        guard status == 0, let info = result else {
            throw .resolve(configuration.host, String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, 0)
        guard fd >= 0 else { throw .socket("socket", errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let code = errno
            close(fd)
            throw .socket("bind", code)
        }
        guard listen(fd, 1024) == 0 else {
            let code = errno
            close(fd)
            throw .socket("listen", code)
        }
        Self.setNonBlocking(fd)
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let family = Int32(storage.ss_family)
        let boundPort: UInt16 = withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
        }
        listener = fd
        port = Int(boundPort)
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw .socket("pipe", errno) }
        wakeRead = pipeFDs[0]
        wakeWrite = pipeFDs[1]
        Self.setNonBlocking(wakeRead)
        Self.setNonBlocking(wakeWrite)
    }

    /// Starts the loop on its own thread.
    public func start() {
        detachThread { self.loop() }
    }

    /// Stops accepting and closes every connection (handlers see ``HTTPResponder/onClose(_:)``).
    public func stop() {
        stopping.store(true, ordering: .releasing)
        wake()
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    func wake() {
        guard !wakePending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    public static func now() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    // MARK: - The loop

    private func loop() {
        var connections: [Int32: HTTPConnection] = [:]
        var fds: [pollfd] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while !stopping.load(ordering: .acquiring) {
            fds.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            fds.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0))
            for (fd, connection) in connections {
                var events: Int16 = 0
                if connection.wantsRead { events |= Int16(POLLIN) }
                if connection.hasOutput { events |= Int16(POLLOUT) }
                fds.append(pollfd(fd: fd, events: events, revents: 0))
            }
            let ready = poll(&fds, nfds_t(fds.count), 250)
            if ready < 0 && errno != EINTR { break }
            let now = Self.now()
            if fds[0].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 256)
                while read(wakeRead, &sink, sink.count) > 0 {}
                wakePending.store(false, ordering: .releasing)
                let touched = dirty.withLock { list -> [HTTPConnection] in
                    defer { list.removeAll() }
                    return list
                }
                for connection in touched where connections[connection.fd] === connection {
                    connection.flush(now: now)
                }
            }
            if fds[1].revents != 0 { accept(into: &connections, now: now) }
            for entry in fds.dropFirst(2) where entry.revents != 0 {
                guard let connection = connections[entry.fd] else { continue }
                if entry.revents & Int16(POLLOUT) != 0 { connection.flush(now: now) }
                if entry.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                    connection.readAvailable(into: &buffer, now: now)
                }
            }
            for (fd, connection) in connections {
                connection.checkTimers(now: now)
                connection.advance(now: now)
                if connection.isClosed {
                    connections.removeValue(forKey: fd)
                    counts.withLock { $0.open -= 1 }
                }
            }
        }
        for connection in connections.values { connection.close() }
        close(listener)
    }

    private func accept(into connections: inout [Int32: HTTPConnection], now: Duration) {
        while true {
            let fd = AIOSSystem.accept(listener, nil, nil)
            if fd < 0 { return }
            Self.setNonBlocking(fd)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let admitted = counts.withLock { counts -> Bool in
                guard counts.open < configuration.maxConnections else {
                    counts.refused += 1
                    return false
                }
                counts.open += 1
                return true
            }
            guard admitted else {
                // Over the bound: a canned 503, best effort, and closed at once.
                let refusal = HTTPResponse.refusal(
                    status: 503, message: "too many connections; retry later",
                    headers: [("Retry-After", String(configuration.retryAfterSeconds))])
                refusal.withUnsafeBytes { _ = send(fd, $0.baseAddress, $0.count, HTTPConnection.noSignal) }
                close(fd)
                continue
            }
            connections[fd] = HTTPConnection(fd: fd, server: self, now: now)
        }
    }
}
