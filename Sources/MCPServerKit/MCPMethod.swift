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

    /// - Parameters:
    ///   - name: The JSON-RPC method name.
    ///   - availability: The protocol eras in which the method exists.
    ///   - cacheable: Whether 2026-07-28 results are cacheable (list methods and `server/discover`).
    ///   - startsInline: Whether the handler does little work before it first suspends (or
    ///     returns), so that a request arriving on its own may run on the server's reading task
    ///     up to that point, with no hand-off to another thread. Say so only of handlers that
    ///     answer from memory or await something at once: until the handler suspends, the
    ///     server reads no further messages (not even a `ping` or a cancellation).
    ///   - handler: Produces the result object; throw ``JSONRPCError`` for a protocol error.
    public init(
        _ name: String, availability: Availability = .everyEra, cacheable: Bool = false,
        startsInline: @escaping @Sendable (_ params: JSONObject) -> Bool = { _ in false }, handler: @escaping Handler
    ) {
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
