import AIOSJSON
import AIOSLogging
import JSONRPC

/// What a method handler knows about the request it serves.
public struct RequestContext: Sendable {
    /// The JSON-RPC id.
    public let id: JSONRPCID
    public let method: String
    public let era: ProtocolEra
    /// Our id for this request, in logs and in tool error results.
    public let requestID: String
    /// `params._meta`, or empty.
    public let meta: JSONObject
    /// A logger carrying `request.id`; when the client asked for log messages, records at its
    /// level and above also reach it as `notifications/message`.
    public let logger: Logger
    /// Set when the client cancels the request.
    public let cancellation: CancellationFlag
    /// Who is calling; set by the tool-call gate, ``Caller/local`` without one.
    public var caller: Caller
    /// The bound on a tool result's text, set by the tool registry for its handlers.
    public var resultTextLimit: ResultTextLimit?
    /// The connection the request came on; `nil` outside a server (the CLI).
    public let session: ServerSession?
    /// Progress notifications for this request (a no-op without a `progressToken`).
    public let progress: ProgressReporter
    /// The request's notifications, closed before its response.
    package let notifier: RequestNotifier
    /// A 2026-07-28 retry's `inputResponses` and `requestState` (set by the tool registry).
    public var inputRound = InputRound()

    /// - Parameters:
    ///   - outbound: Queues a notification on the transport; the context stops using it once
    ///     the server closes ``notifier`` before responding.
    ///   - session: The connection, for features that outlive the request (subscriptions).
    ///   - progressInterval: The shortest gap between two progress notifications.
    public init(
        id: JSONRPCID, method: String, era: ProtocolEra, requestID: String, meta: JSONObject,
        logger: Logger, cancellation: CancellationFlag = CancellationFlag(), caller: Caller = .local,
        outbound: @escaping @Sendable (JSONRPCMessage) -> Void = { _ in }, session: ServerSession? = nil,
        progressInterval: Duration = .milliseconds(100)
    ) {
        self.init(
            id: id, method: method, era: era, requestID: requestID, meta: meta, logger: logger,
            cancellation: cancellation, caller: caller, notifier: RequestNotifier(outbound: outbound),
            session: session, progressInterval: progressInterval)
    }

    package init(
        id: JSONRPCID, method: String, era: ProtocolEra, requestID: String, meta: JSONObject,
        logger: Logger, cancellation: CancellationFlag, caller: Caller, notifier: RequestNotifier,
        session: ServerSession?, progressInterval: Duration
    ) {
        self.id = id
        self.method = method
        self.era = era
        self.requestID = requestID
        self.meta = meta
        self.logger = logger
        self.cancellation = cancellation
        self.caller = caller
        self.notifier = notifier
        self.session = session
        self.progress = ProgressReporter(token: meta["progressToken"], minimumInterval: progressInterval, notifier: notifier)
    }

    /// The client's progress token, when it asked for progress.
    public var progressToken: JSONValue? { progress.token }

    /// Whether the client cancelled this request.
    public var isCancelled: Bool { cancellation.isCancelled || Task.isCancelled }

    /// Sends a notification to the client, unless the request has already been answered.
    public func notify(_ method: String, _ params: JSONObject) {
        notifier.notify(method, params)
    }

    /// The capabilities the client declared for this request: the 2026-07-28 envelope's, or
    /// those it sent with `initialize`.
    public var clientCapabilities: JSONObject {
        if era.isModern { return meta[EnvelopeKey.clientCapabilities]?.objectValue ?? [:] }
        return session?.clientCapabilities ?? [:]
    }

    /// Sends a request to the client on this request's connection and waits for the answer
    /// (see ``ServerSession/request(_:params:timeout:)``); cancelling this request cancels it.
    ///
    /// - Throws: ``ClientRequestError``; `.sessionClosed` outside a server (the CLI).
    public func requestClient(_ method: String, params: JSONObject? = nil, timeout: Duration) async throws(ClientRequestError) -> JSONValue {
        guard let session else { throw ClientRequestError(.sessionClosed, "There is no client connection to ask") }
        return try await session.request(method, params: params, timeout: timeout)
    }

    /// Whether the client declared the extension `id` (2026-07-28 `capabilities.extensions`).
    public func clientDeclaresExtension(_ id: String) -> Bool {
        clientCapabilities["extensions"]?.objectValue?.contains(id) ?? false
    }
}
