import AIOSJSON
import AIOSLogging
import JSONRPC
import Synchronization

/// What one connection has asked the server for, beyond single requests: the handshake-era log
/// level, resource subscriptions and task status notifications, and the 2026-07-28
/// `subscriptions/listen` streams. ``publish(_:)`` turns a ``ServerEvent`` into the
/// notifications each of these is owed.
///
/// Notifications are queued on the transport under the session's lock, so a stream's
/// acknowledgement always precedes its events and unsubscribing stops them at once.
public final class ServerSession: Sendable {
    private struct Listen {
        var filter: SubscriptionFilter
        var flag: CancellationFlag
    }

    private struct State {
        var era: ProtocolEra?
        var clientCapabilities: JSONObject = [:]
        var logLevel: Logger.Level?
        var resourceSubscriptions: Set<String> = []
        var taskIDs: Set<String> = []
        var listens: [JSONRPCID: Listen] = [:]
        var closed = false
    }

    /// The key under which 2026-07-28 listen-stream notifications name their stream.
    public static let subscriptionIDKey = "io.modelcontextprotocol/subscriptionId"

    private let outbound: @Sendable (JSONRPCMessage) -> Void
    private let state = Mutex(State())
    /// The handshake (or the era decided by the first request) of this connection.
    package let lifecycle = Mutex(SessionLifecycle())
    /// The client's requests being served, by id, for `notifications/cancelled`.
    package let inFlight = Mutex<[JSONRPCID: CancellationFlag]>([:])
    /// The requests this session sent to the client, awaiting answers.
    package let clientRequests: OutboundRequests

    /// - Parameter outbound: Queues a message on the connection's transport: the session's
    ///   reply handle, which every response, notification and request to the client goes through.
    /// What the transport presented with this session's requests (`nil` on stdio).
    public let credential: PeerCredential?

    public init(outbound: @escaping @Sendable (JSONRPCMessage) -> Void, credential: PeerCredential? = nil) {
        self.outbound = outbound
        self.credential = credential
        self.clientRequests = OutboundRequests(outbound: outbound)
    }

    // MARK: - Requests to the client

    /// Sends a request to the client (`roots/list`, `sampling/createMessage`,
    /// `elicitation/create`, …) and waits for its answer, at most `timeout`.
    ///
    /// The caller checks first that the client declared the capability the method needs. On a
    /// timeout, or when the calling task is cancelled, the client gets `notifications/cancelled`
    /// for the request and a late answer is dropped.
    ///
    /// - Returns: The response's `result`.
    /// - Throws: ``ClientRequestError``: the client's error, a timeout, a cancellation, or the
    ///   end of the connection.
    public func request(_ method: String, params: JSONObject? = nil, timeout: Duration) async throws(ClientRequestError) -> JSONValue {
        try await clientRequests.send(method, params: params, timeout: timeout).get()
    }

    /// The connection's era, once its first request decided it.
    public var era: ProtocolEra? { state.withLock { $0.era } }

    /// The capabilities the client sent with `initialize` (handshake era).
    public var clientCapabilities: JSONObject { state.withLock { $0.clientCapabilities } }

    package func enter(_ era: ProtocolEra, clientCapabilities: JSONObject = [:]) {
        state.withLock { state in
            guard state.era == nil else { return }
            state.era = era
            state.clientCapabilities = clientCapabilities
        }
    }

    // MARK: - Handshake-era logging

    /// The level `logging/setLevel` asked for; `nil` until then (no log notifications).
    public var logLevel: Logger.Level? { state.withLock { $0.logLevel } }

    /// Records `logging/setLevel`.
    public func setLogLevel(_ level: Logger.Level) { state.withLock { $0.logLevel = level } }

    // MARK: - Handshake-era subscriptions

    /// Records `resources/subscribe`.
    ///
    /// - Returns: Whether the URI was not subscribed before.
    @discardableResult
    public func subscribe(_ uri: String) -> Bool { state.withLock { $0.resourceSubscriptions.insert(uri).inserted } }

    /// Records `resources/unsubscribe`.
    ///
    /// - Returns: Whether the URI was subscribed.
    @discardableResult
    public func unsubscribe(_ uri: String) -> Bool { state.withLock { $0.resourceSubscriptions.remove(uri) != nil } }

    /// The URIs subscribed with `resources/subscribe`.
    public var resourceSubscriptions: Set<String> { state.withLock { $0.resourceSubscriptions } }

    /// Sends `notifications/tasks/status` for this task from now on (2025-11-25 tasks created
    /// on this connection).
    public func followTask(_ id: String) { state.withLock { _ = $0.taskIDs.insert(id) } }

    // MARK: - 2026-07-28 listen streams

    /// Opens a listen stream: sends its acknowledgement, then delivers matching events until
    /// ``closeListen(_:)``.
    ///
    /// - Returns: `false` when the session is shutting down (the stream is not opened).
    package func openListen(_ id: JSONRPCID, honored: SubscriptionFilter, flag: CancellationFlag) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.listens[id] = Listen(filter: honored, flag: flag)
            outbound(.notification(method: "notifications/subscriptions/acknowledged", params: [
                "_meta": [Self.subscriptionIDKey: id.json], "notifications": .object(honored.json),
            ]))
            return true
        }
    }

    package func closeListen(_ id: JSONRPCID) { state.withLock { _ = $0.listens.removeValue(forKey: id) } }

    /// Ends every listen stream, as a server tearing down does on stdio: a
    /// `notifications/cancelled` naming the stream, and no response.
    package func shutdown() {
        clientRequests.close()
        let flags = state.withLock { state -> [CancellationFlag] in
            state.closed = true
            for id in state.listens.keys {
                outbound(.notification(method: "notifications/cancelled", params: [
                    "requestId": id.json, "reason": "The server is shutting down",
                ]))
            }
            defer { state.listens = [:] }
            return state.listens.values.map(\.flag)
        }
        for flag in flags { flag.cancel() }
    }

    // MARK: - Publishing

    /// Sends the notifications `event` is owed by this connection.
    public func publish(_ event: ServerEvent) {
        state.withLock { state in
            guard let era = state.era, !state.closed else { return }
            if era.isModern {
                for (id, listen) in state.listens {
                    guard let (method, params) = Self.listenNotification(event, filter: listen.filter) else { continue }
                    var stamped = params
                    var meta = stamped["_meta"]?.objectValue ?? [:]
                    meta[Self.subscriptionIDKey] = id.json
                    stamped["_meta"] = .object(meta)
                    outbound(.notification(method: method, params: stamped))
                }
                return
            }
            switch event {
            case .resourceUpdated(let uri):
                if state.resourceSubscriptions.contains(uri) {
                    outbound(.notification(method: "notifications/resources/updated", params: ["uri": .string(uri)]))
                }
            case .resourceListChanged:
                outbound(.notification(method: "notifications/resources/list_changed", params: [:]))
            case .taskStatus(let task):
                if state.taskIDs.contains(task.id), era.version == ProtocolRevisions.tasks {
                    outbound(.notification(method: "notifications/tasks/status", params: task.json(in: era)))
                }
            }
        }
    }

    private static func listenNotification(_ event: ServerEvent, filter: SubscriptionFilter) -> (String, JSONObject)? {
        switch event {
        case .resourceUpdated(let uri):
            filter.resourceSubscriptions.contains(uri) ? ("notifications/resources/updated", ["uri": .string(uri)]) : nil
        case .resourceListChanged:
            filter.resourcesListChanged ? ("notifications/resources/list_changed", [:]) : nil
        case .taskStatus(let task):
            filter.taskIDs.contains(task.id) ? ("notifications/tasks", task.detailedJSON) : nil
        }
    }
}
