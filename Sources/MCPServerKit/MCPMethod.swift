import AIOSJSON

/// One JSON-RPC method the server answers: a name, where it is available, and its handler.
///
/// Methods are values collected in a table; the server never switches on method names.
public struct MCPMethod: Sendable {
    public enum Availability: Sendable {
        case everyEra, legacyOnly, modernOnly
        /// Where the predicate holds (e.g. one handshake revision plus the stateless era).
        case when(@Sendable (ProtocolEra) -> Bool)
    }

    public typealias Handler = @Sendable (RequestContext, JSONObject) async throws -> JSONObject

    public let name: String
    public let availability: Availability
    /// Whether 2026-07-28 results carry the cache hints `ttlMs` and `cacheScope`.
    public let cacheable: Bool
    /// Whether a request with these params may start on the thread that read it (see
    /// ``MCPMethod/init(_:availability:cacheable:startsInline:handler:)``).
    public let startsInline: @Sendable (_ params: JSONObject) -> Bool
    public let handler: Handler
    /// For a method whose result depends only on the era and the params this key is computed
    /// from (a fixed list and its cursor): the key under which the server keeps the serialized
    /// result, so that later requests get the same bytes without running the handler; `nil`
    /// from the closure (or no closure) means the result is computed each time.
    public let cacheKey: (@Sendable (_ era: ProtocolEra, _ params: JSONObject) -> String?)?

    /// - Parameters:
    ///   - name: The JSON-RPC method name.
    ///   - availability: The protocol eras in which the method exists.
    ///   - cacheable: Whether 2026-07-28 results are cacheable (list methods and `server/discover`).
    ///   - startsInline: Whether the handler does little work before it first suspends (or
    ///     returns), so that a request arriving on its own may run on the server's reading task
    ///     up to that point, with no hand-off to another thread. Say so only of handlers that
    ///     answer from memory or await something at once: until the handler suspends, the
    ///     server reads no further messages (not even a `ping` or a cancellation).
    ///   - cacheKey: See ``cacheKey``; the server caches a successful result per method, era and key.
    ///   - handler: Produces the result object; throw ``JSONRPCError`` for a protocol error.
    public init(
        _ name: String, availability: Availability = .everyEra, cacheable: Bool = false,
        startsInline: @escaping @Sendable (_ params: JSONObject) -> Bool = { _ in false },
        cacheKey: (@Sendable (_ era: ProtocolEra, _ params: JSONObject) -> String?)? = nil, handler: @escaping Handler
    ) {
        self.cacheKey = cacheKey
        self.name = name
        self.availability = availability
        self.cacheable = cacheable
        self.startsInline = startsInline
        self.handler = handler
    }

    public func isAvailable(in era: ProtocolEra) -> Bool {
        switch availability {
        case .everyEra: true
        case .legacyOnly: !era.isModern
        case .modernOnly: era.isModern
        case .when(let predicate): predicate(era)
        }
    }
}

extension MCPMethod {
    /// The cache key of a fixed list's page: its cursor (absent, or a string the handler
    /// validates; anything else is not cached and gets the handler's error).
    public static let cursorCacheKey: @Sendable (ProtocolEra, JSONObject) -> String? = { _, params in
        switch params["cursor"] {
        case nil, .null?: ""
        case .string(let cursor)?: cursor
        default: nil
        }
    }
}
