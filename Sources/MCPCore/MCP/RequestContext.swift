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
    /// A logger carrying `request.id`.
    public let logger: Logger
    /// Set when the client cancels the request.
    public let cancellation: CancellationFlag
    /// Who is calling; set by the tool-call gate, ``Caller/local`` without one.
    public var caller: Caller
    let outbound: @Sendable (JSONRPCMessage) -> Void

    public init(
        id: JSONRPCID, method: String, era: ProtocolEra, requestID: String, meta: JSONObject,
        logger: Logger, cancellation: CancellationFlag = CancellationFlag(), caller: Caller = .local,
        outbound: @escaping @Sendable (JSONRPCMessage) -> Void = { _ in }
    ) {
        self.id = id
        self.method = method
        self.era = era
        self.requestID = requestID
        self.meta = meta
        self.logger = logger
        self.cancellation = cancellation
        self.caller = caller
        self.outbound = outbound
    }

    /// The client's progress token, when it asked for progress.
    public var progressToken: JSONValue? { meta["progressToken"] }

    /// Whether the client cancelled this request.
    public var isCancelled: Bool { cancellation.isCancelled }

    /// Sends a notification to the client.
    public func notify(_ method: String, _ params: JSONObject) {
        outbound(.notification(method: method, params: params))
    }
}
