import AIOSJSON
import JSONRPC

/// `resources/list`, `resources/templates/list`, `resources/read`, and the handshake-era
/// `resources/subscribe` / `resources/unsubscribe`, over a ``ResourceProvider``.
///
/// In 2026-07-28 subscriptions go through `subscriptions/listen` (``SubscriptionMethods``).
public enum ResourceMethods {
    /// The methods.
    public static func make(_ provider: any ResourceProvider) -> [MCPMethod] {
        [
            MCPMethod("resources/list", cacheable: true) { context, params in
                let page = try await provider.list(cursor: params["cursor"], context: context)
                var result: JSONObject = ["resources": .array(page.resources.map(JSONValue.object))]
                if let next = page.nextCursor { result["nextCursor"] = .string(next) }
                return result
            },
            MCPMethod("resources/templates/list", cacheable: true, cacheKey: MCPMethod.cursorCacheKey) { _, params in
                let page = try Pagination.page(provider.templates, cursor: params["cursor"])
                var result: JSONObject = ["resourceTemplates": .array(page.items.map { .object($0.json) })]
                if let next = page.next { result["nextCursor"] = .string(next) }
                return result
            },
            MCPMethod("resources/read", cacheable: true) { context, params in
                let uri = try uriParameter(params, method: "resources/read")
                do {
                    let contents = try await provider.read(uri, context: context)
                    return ["contents": .array(contents.map { .object($0.json) })]
                } catch let error as ResourceNotFound {
                    throw error.rpcError(in: context.era)
                }
            },
            MCPMethod("resources/subscribe", availability: .legacyOnly) { context, params in
                let uri = try uriParameter(params, method: "resources/subscribe")
                guard provider.owns(uri) else {
                    throw JSONRPCError.invalidParams("No resource of this server has the URI \(uri)", data: ["uri": .string(uri)])
                }
                guard let session = context.session else { return [:] }
                if !session.resourceSubscriptions.contains(uri) {
                    // Watch first: a change between the two steps is then reported, not lost.
                    await provider.watch(uri)
                    if !session.subscribe(uri) { provider.unwatch(uri) }
                }
                return [:]
            },
            MCPMethod("resources/unsubscribe", availability: .legacyOnly) { context, params in
                let uri = try uriParameter(params, method: "resources/unsubscribe")
                if context.session?.unsubscribe(uri) == true { provider.unwatch(uri) }
                return [:]
            },
        ]
    }

    package static func uriParameter(_ params: JSONObject, method: String) throws(JSONRPCError) -> String {
        guard let uri = params["uri"]?.stringValue, !uri.isEmpty else {
            throw .invalidParams("\(method) needs a string \"uri\"")
        }
        return uri
    }
}
