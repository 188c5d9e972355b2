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
        public var logger: Logger

        public init(
            name: String = "aios", title: String = "aios", version: String, instructions: String? = nil,
            maxJSONDepth: Int = 256, shutdownGrace: Duration = .seconds(3), logger: Logger = .disabled
        ) {
            self.name = name
            self.title = title
            self.version = version
            self.instructions = instructions
            self.maxJSONDepth = maxJSONDepth
            self.shutdownGrace = shutdownGrace
            self.logger = logger
        }
    }

    private let configuration: Configuration
    private let methods: [String: MCPMethod]
    private let capabilities: JSONObject
    private let lifecycle = Mutex(SessionLifecycle())
    private let inFlight = Mutex<[JSONRPCID: CancellationFlag]>([:])

    /// - Parameters:
    ///   - configuration: Identity, limits and logger.
    ///   - capabilities: The server capabilities announced by `initialize` and `server/discover`.
    ///   - methods: The feature methods (tools, resources, …); the lifecycle methods
    ///     (`initialize`, `ping`, `server/discover`) are built in.
    public init(configuration: Configuration, capabilities: JSONObject, methods: [MCPMethod]) {
        self.configuration = configuration
        self.capabilities = capabilities
        var table: [String: MCPMethod] = [:]
        for method in Self.lifecycleMethods(configuration: configuration, capabilities: capabilities) + methods {
            precondition(table[method.name] == nil, "duplicate method \(method.name)")
            table[method.name] = method
        }
        self.methods = table
    }

    /// A server exposing `tools`.
    public convenience init(configuration: Configuration, tools: ToolRegistry) {
        self.init(
            configuration: configuration, capabilities: ["tools": ["listChanged": false]], methods: tools.methods)
    }

    /// The server's identity as `initialize` and the 2026-07-28 `serverInfo` stamp give it.
    public var serverInfo: JSONObject {
        ["name": .string(configuration.name), "title": .string(configuration.title), "version": .string(configuration.version)]
    }

    /// Serves `transport` until its input ends, then lets in-flight requests finish (up to the
    /// shutdown grace, after which they are cancelled) and flushes the output.
    public func run(on transport: some Transport) async {
        let (endOfInput, signalEndOfInput) = AsyncStream.makeStream(of: Void.self)
        await withTaskGroup(of: Void.self) { outer in
            outer.addTask {
                await withDiscardingTaskGroup { requests in
                    for await frame in transport.frames() {
                        self.receive(frame, transport: transport, requests: &requests)
                    }
                    signalEndOfInput.finish()
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
        await transport.flush()
    }

    // MARK: - Receiving

    private func receive(_ frame: TransportFrame, transport: some Transport, requests: inout DiscardingTaskGroup) {
        let send: @Sendable (JSONRPCMessage) -> Void = { transport.send($0.json.serialized()) }
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
                send(.errorResponse(id: nil, error: .parseError(
                    "Parse error: \(error)", data: ["offset": .integer(error.offset), "path": .string(error.path)])))
                return
            }
            if case .array(let elements) = value {
                receiveBatch(
                    elements, send: send, sendBatch: { transport.send($0.serialized()) }, requests: &requests)
            } else {
                switch admit(value, send: send) {
                case .none: break
                case .immediate(let message): send(message)
                case .dispatch(let work):
                    requests.addTask { if let response = await self.perform(work) { send(response) } }
                }
            }
        }
    }

    private func receiveBatch(
        _ elements: [JSONValue], send: @escaping @Sendable (JSONRPCMessage) -> Void,
        sendBatch: @escaping @Sendable (JSONValue) -> Void, requests: inout DiscardingTaskGroup
    ) {
        guard lifecycle.withLock({ $0.acceptsBatches }) else {
            send(.errorResponse(id: nil, error: .invalidRequest(
                "JSON-RPC batches are not supported by the negotiated protocol version (only 2025-03-26 has them)")))
            return
        }
        guard !elements.isEmpty else {
            send(.errorResponse(id: nil, error: .invalidRequest("An empty batch is not a valid request")))
            return
        }
        var immediate: [JSONRPCMessage] = []
        var dispatched: [Dispatch] = []
        for element in elements {
            switch admit(element, send: send) {
            case .none: break
            case .immediate(let message): immediate.append(message)
            case .dispatch(let work): dispatched.append(work)
            }
        }
        requests.addTask {
            var responses = immediate
            await withTaskGroup(of: JSONRPCMessage?.self) { group in
                for work in dispatched { group.addTask { await self.perform(work) } }
                for await response in group { if let response { responses.append(response) } }
            }
            if !responses.isEmpty { sendBatch(.array(responses.map(\.json))) }
        }
    }

    private struct Dispatch: Sendable {
        var id: JSONRPCID
        var method: MCPMethod
        var params: JSONObject
        var era: ProtocolEra
        var cancellation: CancellationFlag
        var send: @Sendable (JSONRPCMessage) -> Void
    }

    private enum Admission {
        case none
        case immediate(JSONRPCMessage)
        case dispatch(Dispatch)
    }

    /// Classifies one message and decides, in arrival order, what to do with it.
    private func admit(_ value: JSONValue, send: @escaping @Sendable (JSONRPCMessage) -> Void) -> Admission {
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage.classify(value)
        } catch {
            return .immediate(.errorResponse(id: error.id, error: error.error))
        }
        switch message {
        case .notification(let method, let params):
            receiveNotification(method, params ?? [:])
            return .none
        case .response, .errorResponse:
            configuration.logger.debug("ignored a response: this server sends no requests")
            return .none
        case .request(let id, let method, let params):
            switch lifecycle.withLock({ $0.admit(method: method, params: params) }) {
            case .reject(let error):
                return .immediate(.errorResponse(id: id, error: error))
            case .initialize(let version):
                configuration.logger.info("session initialized", [
                    "protocol.version": .string(version),
                    "client": params?["clientInfo"]?["name"] ?? .null,
                ])
                var result: JSONObject = [
                    "protocolVersion": .string(version),
                    "capabilities": .object(capabilities),
                    "serverInfo": .object(serverInfo),
                ]
                if let instructions = configuration.instructions { result["instructions"] = .string(instructions) }
                return .immediate(.response(id: id, result: .object(result)))
            case .serve(let era):
                guard let handler = methods[method], handler.isAvailable(in: era) else {
                    return .immediate(.errorResponse(id: id, error: .methodNotFound(method)))
                }
                let flag = CancellationFlag()
                let duplicate = inFlight.withLock { table in
                    if table[id] != nil { return true }
                    table[id] = flag
                    return false
                }
                if duplicate {
                    return .immediate(.errorResponse(id: id, error: .invalidRequest(
                        "Request id \(id) is already used by a request in flight")))
                }
                return .dispatch(Dispatch(id: id, method: handler, params: params ?? [:], era: era, cancellation: flag, send: send))
            }
        }
    }

    private func receiveNotification(_ method: String, _ params: JSONObject) {
        switch method {
        case "notifications/initialized":
            lifecycle.withLock { $0.clientInitialized() }
        case "notifications/cancelled":
            guard let id = params["requestId"].flatMap(JSONRPCID.init) else { return }
            let flag = inFlight.withLock { $0[id] }
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
    private func perform(_ work: Dispatch) async -> JSONRPCMessage? {
        defer { inFlight.withLock { _ = $0.removeValue(forKey: work.id) } }
        let requestID = Self.makeRequestID()
        let logger = configuration.logger.with("request.id", .string(requestID))
        let context = RequestContext(
            id: work.id, method: work.method.name, era: work.era, requestID: requestID,
            meta: work.params["_meta"]?.objectValue ?? [:], logger: logger, cancellation: work.cancellation,
            outbound: work.send)
        do {
            var result = try await work.method.handler(context, work.params)
            if work.cancellation.isCancelled { return nil }
            if case .modern = work.era { decorateModern(&result, cacheable: work.method.cacheable) }
            return .response(id: work.id, result: .object(result))
        } catch {
            if work.cancellation.isCancelled { return nil }
            let rpcError: JSONRPCError
            if let error = error as? JSONRPCError {
                rpcError = error
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

    private static func makeRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return "req_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: - Lifecycle methods

    private static func lifecycleMethods(configuration: Configuration, capabilities: JSONObject) -> [MCPMethod] {
        let serverInfo: JSONObject = [
            "name": .string(configuration.name), "title": .string(configuration.title),
            "version": .string(configuration.version),
        ]
        return [
            // 2026-07-28 removed ping; the handshake era keeps it.
            MCPMethod("ping", availability: .legacyOnly) { _, _ in [:] },
            MCPMethod("server/discover", availability: .modernOnly, cacheable: true) { _, _ in
                var result: JSONObject = [
                    "supportedVersions": .strings(ProtocolRevisions.modern),
                    "capabilities": .object(capabilities),
                ]
                if let instructions = configuration.instructions { result["instructions"] = .string(instructions) }
                result["_meta"] = [EnvelopeKey.serverInfo: .object(serverInfo)]
                return result
            },
        ]
    }
}
