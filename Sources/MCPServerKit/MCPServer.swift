import AIOSJSON
import AIOSLogging
import JSONRPC
import Synchronization

/// An MCP server: reads framed JSON-RPC from a transport, admits each request through the
/// session lifecycle, and dispatches it through the method table.
///
/// Requests run concurrently (a slow tool never delays `ping`); responses are sent as they
/// finish, possibly out of order. Every request gets an answer or, if the client cancelled
/// it, deliberately none. Bad input of any kind gets a JSON-RPC error and the server keeps
/// serving.
public final class MCPServer: Sendable {
    /// Identity and limits of the server.
    public struct Configuration: Sendable {
        public var name: String
        public var title: String
        public var version: String
        public var instructions: String?
        /// How deeply request JSON may nest.
        public var maxJSONDepth: Int
        /// How long in-flight requests may run after the client closed its input.
        public var shutdownGrace: Duration
        /// The shortest gap between two progress notifications of one request.
        public var progressInterval: Duration
        /// The most messages one batch (2025-03-26) may hold; a larger batch is refused whole.
        public var maxBatchRequests: Int
        /// The most bytes of results one batch's response may carry: past it, each further
        /// response is replaced by a small error, so the answer to a batch stays bounded
        /// whatever it asks for.
        public var maxBatchResponseBytes: Int
        public var logger: Logger

        public init(
            name: String = "aios", title: String = "aios", version: String, instructions: String? = nil,
            maxJSONDepth: Int = 256, shutdownGrace: Duration = .seconds(3), progressInterval: Duration = .milliseconds(100),
            maxBatchRequests: Int = 1024, maxBatchResponseBytes: Int = 16 << 20, logger: Logger = .disabled
        ) {
            self.maxBatchRequests = maxBatchRequests
            self.maxBatchResponseBytes = maxBatchResponseBytes
            self.name = name
            self.title = title
            self.version = version
            self.instructions = instructions
            self.maxJSONDepth = maxJSONDepth
            self.shutdownGrace = shutdownGrace
            self.progressInterval = progressInterval
            self.logger = logger
        }
    }

    private let configuration: Configuration
    private let methods: [String: MCPMethod]
    private let capabilities: @Sendable (ProtocolEra) -> JSONObject
    private let services: [any ServerService]
    /// Serialized results of methods with a ``MCPMethod/cacheKey``, by method, era and key.
    private let resultCache = Mutex<[String: JSONRPCMessage.SerializedResult]>([:])
    /// Entries the result cache holds at most (the cached lists have a page or two per era).
    package static let resultCacheLimit = 256

    /// - Parameters:
    ///   - configuration: Identity, limits and logger.
    ///   - capabilities: The server capabilities `initialize` and `server/discover` announce in each era.
    ///   - methods: The feature methods (tools, resources, …); the lifecycle methods
    ///     (`initialize`, `ping`, `server/discover`) are built in.
    ///   - services: Background work for the connection's lifetime.
    public init(
        configuration: Configuration, capabilities: @escaping @Sendable (ProtocolEra) -> JSONObject, methods: [MCPMethod],
        services: [any ServerService] = []
    ) {
        self.configuration = configuration
        self.capabilities = capabilities
        self.services = services
        var table: [String: MCPMethod] = [:]
        for method in Self.lifecycleMethods(configuration: configuration, capabilities: capabilities) + methods {
            precondition(table[method.name] == nil, "duplicate method \(method.name)")
            table[method.name] = method
        }
        self.methods = table
    }

    /// A server announcing the same capabilities in every era.
    public convenience init(configuration: Configuration, capabilities: JSONObject, methods: [MCPMethod]) {
        self.init(configuration: configuration, capabilities: { _ in capabilities }, methods: methods)
    }

    /// A server offering `features`: its methods, per-era capabilities and services.
    public convenience init(configuration: Configuration, features: ServerFeatures) {
        self.init(
            configuration: configuration, capabilities: features.capabilities(in:), methods: features.methods,
            services: features.services)
    }

    /// A server exposing `tools` only (with logging).
    public convenience init(configuration: Configuration, tools: ToolRegistry) {
        self.init(configuration: configuration, features: ServerFeatures(tools: tools))
    }

    /// The server's identity as `initialize` and the 2026-07-28 `serverInfo` stamp give it.
    public var serverInfo: JSONObject {
        ["name": .string(configuration.name), "title": .string(configuration.title), "version": .string(configuration.version)]
    }

    /// Serves `transport` until its input ends, then lets in-flight requests finish (up to the
    /// shutdown grace, after which they are cancelled) and flushes the output.
    ///
    /// Services run alongside and are cancelled when serving ends; open `subscriptions/listen`
    /// streams end as soon as the input does (they would otherwise hold the grace period).
    public func run(on transport: some Transport) async {
        await run(on: transport, credential: nil)
    }

    /// Serves `transport` as ``run(on:)`` does, its requests made with `credential` (an HTTP
    /// session's bearer token, which gates read through ``RequestScope/credential``).
    ///
    /// - Parameter withServices: `false` for a connection that cannot be owed notifications
    ///   (a 2026-07-28 HTTP request other than `subscriptions/listen`): the services are not
    ///   prepared or run for it.
    public func run(on transport: some Transport, credential: PeerCredential?, withServices: Bool = true) async {
        let send: @Sendable (JSONRPCMessage) -> Void = { transport.send($0.serialized()) }
        let session = ServerSession(outbound: send, credential: credential)
        let services = withServices ? self.services : []
        let (endOfInput, signalEndOfInput) = AsyncStream.makeStream(of: Void.self)
        for service in services { await service.prepare() }
        await withTaskGroup(of: Void.self) { background in
            for service in services { background.addTask { await service.run(session: session) } }
            await withTaskGroup(of: Void.self) { outer in
                outer.addTask {
                    await withDiscardingTaskGroup { requests in
                        let inbox = transport.frames()
                        let express = ExpressRequests()
                        // A message that arrives while this task waits is admitted on the
                        // transport's thread: no wake-up of a pool thread (see `express`).
                        inbox.setExpress { frame in
                            self.express(frame, send: send, session: session, requests: express)
                        }
                        while let frames = await inbox.next() {
                            // A request that arrived on its own may start right here (see
                            // `MCPMethod.startsInline`); several are spread over the pool.
                            let alone = frames.count == 1
                            for frame in frames {
                                self.receive(
                                    frame, alone: alone, transport: transport, send: send, session: session,
                                    requests: &requests)
                            }
                        }
                        session.shutdown()
                        signalEndOfInput.finish()
                        await express.drained()
                    }
                }
                outer.addTask { [grace = configuration.shutdownGrace] in
                    for await _ in endOfInput {}
                    guard !Task.isCancelled else { return }
                    try? await Task.sleep(for: grace)
                }
                await outer.next()
                outer.cancelAll()
            }
            session.shutdown()
            background.cancelAll()
        }
        await transport.flush()
    }

    // MARK: - Receiving

    private func receive(
        _ frame: TransportFrame, alone: Bool, transport: some Transport, send: @escaping @Sendable (JSONRPCMessage) -> Void,
        session: ServerSession, requests: inout DiscardingTaskGroup
    ) {
        switch frame {
        case .oversized(let byteCount):
            configuration.logger.warning("refused oversized message", ["bytes": .integer(byteCount)])
            send(.errorResponse(id: nil, error: .invalidRequest(
                "Message exceeds the size limit (at least \(byteCount) bytes); it was skipped up to the next newline",
                data: ["received_bytes": .integer(byteCount)])))
        case .message(let bytes):
            let value: JSONValue
            do {
                value = try JSONValue.parse(bytes, limits: JSONLimits(maxDepth: configuration.maxJSONDepth))
            } catch {
                // Well-formed JSON the parser refused (a number or escape it cannot represent,
                // nesting past the limit) is still answered with its id when that is readable.
                let id = JSONRPCID.recoverableParseErrors.contains(error.code) ? JSONRPCID(recoveringFrom: bytes) : nil
                send(.errorResponse(id: id, error: .parseError(
                    "Parse error: \(error)", data: ["offset": .integer(error.offset), "path": .string(error.path)])))
                return
            }
            if case .array(let elements) = value {
                receiveBatch(elements, send: send, sendBatch: { transport.send($0) }, session: session, requests: &requests)
            } else if let work = admitAndAnswer(value, send: send, session: session) {
                if alone && work.method.startsInline(work.params) {
                    // Runs on this thread until it first suspends: a cheap request is answered
                    // with no thread hand-off (on an idle VM each costs tens of µs).
                    requests.addImmediateTask { if let response = await self.perform(work) { send(response) } }
                } else {
                    requests.addTask { if let response = await self.perform(work) { send(response) } }
                }
            }
        }
    }

    /// The inbox's express lane: a message that arrived while the server waited for input,
    /// admitted on the transport's thread. A request for a method that starts inline runs right
    /// here until it first suspends, so a cheap call is answered by the thread that read it;
    /// any other starts on the pool. Oversized frames, unparsable ones and batches are left to
    /// the server's task (`false`), before anything is done with them.
    private func express(
        _ frame: TransportFrame, send: @escaping @Sendable (JSONRPCMessage) -> Void, session: ServerSession,
        requests: ExpressRequests
    ) -> Bool {
        guard case .message(let bytes) = frame,
            let value = try? JSONValue.parse(bytes, limits: JSONLimits(maxDepth: configuration.maxJSONDepth))
        else { return false }
        if case .array = value { return false }
        if let work = admitAndAnswer(value, send: send, session: session) {
            requests.start(immediately: work.method.startsInline(work.params)) {
                if let response = await self.perform(work) { send(response) }
            }
        }
        return true
    }

    /// Admits one message, sending what is answered at once; returns the request to perform.
    private func admitAndAnswer(
        _ value: JSONValue, send: @escaping @Sendable (JSONRPCMessage) -> Void, session: ServerSession
    ) -> Dispatch? {
        switch admit(value, send: send, session: session) {
        case .none: return nil
        case .immediate(let message):
            send(message)
            return nil
        case .dispatch(let work): return work
        }
    }

    private func receiveBatch(
        _ elements: [JSONValue], send: @escaping @Sendable (JSONRPCMessage) -> Void,
        sendBatch: @escaping @Sendable ([UInt8]) -> Void, session: ServerSession, requests: inout DiscardingTaskGroup
    ) {
        guard session.lifecycle.withLock({ $0.acceptsBatches }) else {
            send(.errorResponse(id: nil, error: .invalidRequest(
                "JSON-RPC batches are not supported by the negotiated protocol version (only 2025-03-26 has them)")))
            return
        }
        guard !elements.isEmpty else {
            send(.errorResponse(id: nil, error: .invalidRequest("An empty batch is not a valid request")))
            return
        }
        guard elements.count <= configuration.maxBatchRequests else {
            send(.errorResponse(id: nil, error: .invalidRequest(
                "A batch of \(elements.count) messages is over the limit of \(configuration.maxBatchRequests); send fewer at a time",
                data: ["limit": .integer(configuration.maxBatchRequests), "received": .integer(elements.count)])))
            return
        }
        var immediate: [JSONRPCMessage] = []
        var dispatched: [Dispatch] = []
        for element in elements {
            switch admit(element, send: send, session: session) {
            case .none: break
            case .immediate(let message): immediate.append(message)
            case .dispatch(let work): dispatched.append(work)
            }
        }
        let limit = configuration.maxBatchResponseBytes
        requests.addTask {
            // Each response is serialized as it comes, so no batch holds more than its bytes.
            var budget = BatchBudget(limit: limit)
            var parts = immediate.map { budget.admit($0) }
            await withTaskGroup(of: JSONRPCMessage?.self) { group in
                for work in dispatched { group.addTask { await self.perform(work) } }
                for await response in group { if let response { parts.append(budget.admit(response)) } }
            }
            guard !parts.isEmpty else { return }
            var line: [UInt8] = [UInt8(ascii: "[")]
            line.reserveCapacity(parts.reduce(2) { $0 + $1.count + 1 })
            for (index, part) in parts.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                line.append(contentsOf: part)
            }
            line.append(UInt8(ascii: "]"))
            sendBatch(line)
        }
    }

    /// The bytes a batch's results may take: within them a response goes out as it is; past
    /// them it is replaced by an error naming the limit (a few hundred bytes), so that every
    /// request still has its one response.
    private struct BatchBudget {
        let limit: Int
        var used = 0

        mutating func admit(_ response: JSONRPCMessage) -> [UInt8] {
            let bytes = response.serialized()
            // A result, whether built as a value or served from bytes kept (tools/list), counts.
            let id: JSONRPCID?
            switch response {
            case .response(let responseID, _), .serializedResponse(let responseID, _): id = responseID
            default: id = nil
            }
            guard used + bytes.count > limit, let id else {
                used += bytes.count
                return bytes
            }
            return JSONRPCMessage.errorResponse(id: id, error: .internalError(
                "The response to this request was dropped: the batch's responses passed their limit of \(limit) bytes; send it on its own or in a smaller batch",
                data: ["limit_bytes": .integer(limit), "response_bytes": .integer(bytes.count)])).serialized()
        }
    }

    private struct Dispatch: Sendable {
        var id: JSONRPCID
        var method: MCPMethod
        var params: JSONObject
        var era: ProtocolEra
        var cancellation: CancellationFlag
        var send: @Sendable (JSONRPCMessage) -> Void
        var session: ServerSession
        /// The level at which this request's log records reach the client, if any.
        var clientLogLevel: Logger.Level?
    }

    private enum Admission {
        case none
        case immediate(JSONRPCMessage)
        case dispatch(Dispatch)
    }

    /// Classifies one message and decides, in arrival order, what to do with it.
    private func admit(_ value: JSONValue, send: @escaping @Sendable (JSONRPCMessage) -> Void, session: ServerSession) -> Admission {
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage.classify(value)
        } catch {
            return .immediate(.errorResponse(id: error.id, error: error.error))
        }
        switch message {
        case .notification(let method, let params):
            receiveNotification(method, params ?? [:], session: session)
            return .none
        case .response(let id, let result):
            receiveResponse(id, .success(result), session: session)
            return .none
        case .errorResponse(let id?, let error):
            receiveResponse(id, .failure(error), session: session)
            return .none
        case .errorResponse(nil, let error):
            configuration.logger.debug("ignored an error response for no request", [
                "code": .integer(error.code), "message": .string(error.message),
            ])
            return .none
        case .serializedResponse:
            configuration.logger.debug("ignored a pre-serialized response")
            return .none
        case .request(let id, let method, let params):
            switch session.lifecycle.withLock({ $0.admit(method: method, params: params) }) {
            case .reject(let error):
                return .immediate(.errorResponse(id: id, error: error))
            case .initialize(let version):
                configuration.logger.info("session initialized", [
                    "protocol.version": .string(version),
                    "client": params?["clientInfo"]?["name"] ?? .null,
                ])
                let era = ProtocolEra.legacy(version: version)
                session.enter(era, clientCapabilities: params?["capabilities"]?.objectValue ?? [:])
                var result: JSONObject = [
                    "protocolVersion": .string(version),
                    "capabilities": .object(capabilities(era)),
                    "serverInfo": .object(serverInfo),
                ]
                if let instructions = configuration.instructions { result["instructions"] = .string(instructions) }
                return .immediate(.response(id: id, result: .object(result)))
            case .serve(let era):
                guard let handler = methods[method], handler.isAvailable(in: era) else {
                    return .immediate(.errorResponse(id: id, error: .methodNotFound(method)))
                }
                var clientLogLevel: Logger.Level?
                if era.isModern {
                    session.enter(era)
                    // 2026-07-28: log messages only for requests that ask, at the level they ask.
                    if let requested = params?["_meta"]?[EnvelopeKey.logLevel] {
                        do {
                            clientLogLevel = try LoggingMethods.level(requested, name: EnvelopeKey.logLevel)
                        } catch {
                            return .immediate(.errorResponse(id: id, error: error))
                        }
                    }
                } else {
                    clientLogLevel = session.logLevel
                }
                let flag = CancellationFlag()
                let duplicate = session.inFlight.withLock { table in
                    if table[id] != nil { return true }
                    table[id] = flag
                    return false
                }
                if duplicate {
                    return .immediate(.errorResponse(id: id, error: .invalidRequest(
                        "Request id \(id) is already used by a request in flight")))
                }
                return .dispatch(Dispatch(
                    id: id, method: handler, params: params ?? [:], era: era, cancellation: flag, send: send,
                    session: session, clientLogLevel: clientLogLevel))
            }
        }
    }

    /// Routes the client's answer to a request the session sent it.
    private func receiveResponse(_ id: JSONRPCID, _ result: Result<JSONValue, JSONRPCError>, session: ServerSession) {
        if !session.clientRequests.resolve(id, with: result) {
            configuration.logger.debug("ignored a response to no pending request", ["request": .string(id.description)])
        }
    }

    private func receiveNotification(_ method: String, _ params: JSONObject, session: ServerSession) {
        switch method {
        case "notifications/initialized":
            session.lifecycle.withLock { $0.clientInitialized() }
        case "notifications/cancelled":
            guard let id = params["requestId"].flatMap(JSONRPCID.init) else { return }
            let flag = session.inFlight.withLock { $0[id] }
            flag?.cancel()
            configuration.logger.debug("request cancelled by client", [
                "request": .string(id.description), "known": .bool(flag != nil),
            ])
        default:
            configuration.logger.debug("ignored notification", ["method": .string(method)])
        }
    }

    // MARK: - Performing

    /// Runs one admitted request; `nil` when the client cancelled it (no response is sent).
    ///
    /// The handler runs in the request's own task, bound to the request's cancellation flag:
    /// when the client cancels, that task is cancelled (so the work stops at its next suspension
    /// point) and its outcome is dropped. The request's notifications are closed before the
    /// response is returned for sending, so none can follow it.
    private func perform(_ work: Dispatch) async -> JSONRPCMessage? {
        defer { work.session.inFlight.withLock { _ = $0.removeValue(forKey: work.id) } }
        let cacheKey = work.method.cacheKey?(work.era, work.params).map { key in
            "\(work.method.name)\u{0}\(work.era.isModern ? "modern" : "legacy")\u{0}\(work.era.version)\u{0}\(key)"
        }
        if let cacheKey, let cached = resultCache.withLock({ $0[cacheKey] }) {
            return .serializedResponse(id: work.id, result: cached)
        }
        let requestID = Self.makeRequestID()
        let notifier = RequestNotifier(outbound: work.send)
        let logger = ClientLogHandler.logger(
            configuration.logger.with("request.id", .string(requestID)), clientLevel: work.clientLogLevel, notifier: notifier)
        let context = RequestContext(
            id: work.id, method: work.method.name, era: work.era, requestID: requestID,
            meta: work.params["_meta"]?.objectValue ?? [:], logger: logger, cancellation: work.cancellation, caller: .local,
            notifier: notifier, session: work.session, progressInterval: configuration.progressInterval)
        let outcome = await RequestScope.$requestID.withValue(work.id) {
            await RequestScope.$credential.withValue(work.session.credential) {
                await work.cancellation.run { () async -> Result<JSONObject, any Error> in
                    do { return .success(try await work.method.handler(context, work.params)) } catch { return .failure(error) }
                }
            }
        }
        notifier.close()
        guard !work.cancellation.isCancelled else {
            logger.debug("request cancelled; no response sent", ["method": .string(work.method.name)])
            return nil
        }
        switch outcome {
        case .success(var result):
            if case .modern = work.era { decorateModern(&result, cacheable: work.method.cacheable) }
            if let cacheKey {
                let serialized = JSONRPCMessage.SerializedResult(.object(result))
                resultCache.withLock { cache in
                    if cache.count < Self.resultCacheLimit { cache[cacheKey] = serialized }
                }
                return .serializedResponse(id: work.id, result: serialized)
            }
            return .response(id: work.id, result: .object(result))
        case .failure(let error):
            let rpcError: JSONRPCError
            if let error = error as? JSONRPCError {
                rpcError = error
            } else if let error = error as? ToolError {
                rpcError = JSONRPCError(error)
            } else if error is CancellationError {
                rpcError = .internalError("The request was interrupted because the server is shutting down")
            } else {
                logger.error("method failed", ["method": .string(work.method.name), "error": .string(String(describing: error))])
                rpcError = .internalError("Internal error while handling \(work.method.name) (request \(requestID))")
            }
            return .errorResponse(id: work.id, error: rpcError)
        }
    }

    /// 2026-07-28 results carry `resultType`, cache hints on cacheable methods, and our identity.
    private func decorateModern(_ result: inout JSONObject, cacheable: Bool) {
        if result["resultType"] == nil { result["resultType"] = "complete" }
        if cacheable {
            if result["ttlMs"] == nil { result["ttlMs"] = 0 }
            if result["cacheScope"] == nil { result["cacheScope"] = "private" }
        }
        var meta = result["_meta"]?.objectValue ?? [:]
        if meta[EnvelopeKey.serverInfo] == nil { meta[EnvelopeKey.serverInfo] = .object(serverInfo) }
        result["_meta"] = .object(meta)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Request ids: one random key per process, then SplitMix64 of a counter (a bijection, so
    /// ids never repeat within a process, and they look random without a `getrandom` per call).
    private static let requestIDKey: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    private static let requestCounter = Atomic<UInt64>(0)

    private static func makeRequestID() -> String {
        var value = requestIDKey &+ requestCounter.wrappingAdd(1, ordering: .relaxed).newValue &* 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return String(unsafeUninitializedCapacity: 20) { text in
            for (i, byte) in "req_".utf8.enumerated() { text[i] = byte }
            for i in 0..<16 { text[4 + i] = hexDigits[Int((value >> UInt64(60 - 4 * i)) & 0xF)] }
            return 20
        }
    }

    // MARK: - Lifecycle methods

    private static func lifecycleMethods(
        configuration: Configuration, capabilities: @escaping @Sendable (ProtocolEra) -> JSONObject
    ) -> [MCPMethod] {
        let serverInfo: JSONObject = [
            "name": .string(configuration.name), "title": .string(configuration.title),
            "version": .string(configuration.version),
        ]
        return [
            // 2026-07-28 removed ping; the handshake era keeps it.
            MCPMethod("ping", availability: .legacyOnly, startsInline: { _ in true }) { _, _ in [:] },
            MCPMethod("server/discover", availability: .modernOnly, cacheable: true) { context, _ in
                var result: JSONObject = [
                    "supportedVersions": .strings(ProtocolRevisions.modern),
                    "capabilities": .object(capabilities(context.era)),
                ]
                if let instructions = configuration.instructions { result["instructions"] = .string(instructions) }
                result["_meta"] = [EnvelopeKey.serverInfo: .object(serverInfo)]
                return result
            },
        ]
    }
}
