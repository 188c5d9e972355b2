import AIOSSystem
import Synchronization

/// `LISTEN` on one channel over a connection of its own, on a thread of its own that waits in
/// `poll(2)` on libpq's socket; every notification (and every reconnection, after which
/// notifications may have been missed) bumps ``generation`` and calls `onChange`.
///
/// Polling stays the fallback: a waiter re-reads the database on its own interval whatever the
/// listener does, so a lost notification delays a wake-up but never loses it.
public final class PostgresListener: Sendable {
    private let state: Mutex<State>
    private let pq: LibPQ
    private let conninfo: String
    private let channel: String
    private let onChange: @Sendable () -> Void

    private struct State {
        var stopped = false
        var generation: UInt64 = 0
        var connected = false
    }

    /// Starts listening.
    ///
    /// - Parameters:
    ///   - channel: A lower-case identifier (not quoted).
    ///   - onChange: Called on the listener's thread after each notification or reconnection.
    /// - Throws: ``PostgresError`` `.libraryMissing`.
    public init(conninfo: String, channel: String, onChange: @escaping @Sendable () -> Void) throws(PostgresError) {
        precondition(channel.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }, "channel must be [a-z_]+")
        pq = try LibPQ.shared()
        self.conninfo = conninfo
        self.channel = channel
        self.onChange = onChange
        state = Mutex(State())
        detachThread { [self] in loop() }
    }

    /// Notifications and reconnections seen so far.
    public var generation: UInt64 { state.withLock { $0.generation } }
    /// Whether the listening connection is up.
    public var isConnected: Bool { state.withLock { $0.connected } }

    /// Stops the thread within about a second.
    public func stop() { state.withLock { $0.stopped = true } }

    private var stopped: Bool { state.withLock { $0.stopped } }

    private func changed(connected: Bool? = nil) {
        state.withLock {
            $0.generation &+= 1
            if let connected { $0.connected = connected }
        }
        onChange()
    }

    private func loop() {
        var backoffMilliseconds: Int32 = 100
        while !stopped {
            guard let conn = pq.connect(conninfo) else { return }
            defer { pq.finish(conn) }
            guard pq.status(conn) == LibPQ.connectionOK,
                let listen = "LISTEN \(channel)".withCString({ pq.execParams(conn, $0, 0, nil, nil, nil, nil, 0) })
            else {
                waitQuietly(milliseconds: backoffMilliseconds)
                backoffMilliseconds = min(backoffMilliseconds * 2, 2_000)
                continue
            }
            let ok = pq.resultStatus(listen) == LibPQ.commandOK
            pq.clear(listen)
            guard ok else {
                waitQuietly(milliseconds: backoffMilliseconds)
                continue
            }
            backoffMilliseconds = 100
            // Anything may have changed while no one listened.
            changed(connected: true)
            let socket = pq.socket(conn)
            while !stopped {
                var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, 1_000)
                if ready < 0, errno == EINTR { continue }
                if ready == 0 { continue }
                guard pq.consumeInput(conn) == 1 else { break }
                var notified = false
                while let raw = pq.notifies(conn) {
                    notified = true
                    pq.freemem(raw)
                }
                if notified { changed() }
                if pq.status(conn) != LibPQ.connectionOK { break }
            }
            state.withLock { $0.connected = false }
        }
    }

    private func waitQuietly(milliseconds: Int32) {
        var none = pollfd(fd: -1, events: 0, revents: 0)
        _ = poll(&none, 0, milliseconds)
    }
}
