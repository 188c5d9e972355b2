import AIOSJSON
import JSONRPC

/// A parameterised family of resources, as `resources/templates/list` describes it.
public struct ResourceTemplate: Sendable, Equatable {
    /// An RFC 6570 URI template, e.g. `aios://jobs/{job_id}`.
    public var uriTemplate: String
    public var name: String
    public var title: String
    public var description: String
    public var mimeType: String

    public init(uriTemplate: String, name: String, title: String, description: String, mimeType: String) {
        self.uriTemplate = uriTemplate
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
    }

    public var json: JSONObject {
        [
            "uriTemplate": .string(uriTemplate), "name": .string(name), "title": .string(title),
            "description": .string(description), "mimeType": .string(mimeType),
        ]
    }
}

/// The text contents of a resource, as `resources/read` returns them.
public struct ResourceContents: Sendable, Equatable {
    public var uri: String
    public var mimeType: String
    public var text: String
    /// The contents' `_meta` (e.g. the MCP Apps `ui` settings of a `ui://` page).
    public var meta: JSONObject?

    public init(uri: String, mimeType: String, text: String, meta: JSONObject? = nil) {
        self.uri = uri
        self.mimeType = mimeType
        self.text = text
        self.meta = meta
    }

    public var json: JSONObject {
        var object: JSONObject = ["uri": .string(uri), "mimeType": .string(mimeType), "text": .string(text)]
        if let meta { object["_meta"] = .object(meta) }
        return object
    }
}

/// One page of `resources/list`.
public struct ResourcePage: Sendable {
    /// `Resource` objects (`uri`, `name`, `title`, `mimeType`, …).
    public var resources: [JSONObject]
    public var nextCursor: String?

    public init(resources: [JSONObject], nextCursor: String?) {
        self.resources = resources
        self.nextCursor = nextCursor
    }
}

/// A resource that does not exist (or not yet): `-32002` in the handshake era, `-32602` in
/// 2026-07-28, which retired `-32002`.
public struct ResourceNotFound: Error, Sendable, Equatable {
    public var uri: String
    /// Why, for people: e.g. "the ux artifact is not ready (phase running)".
    public var reason: String

    public init(uri: String, reason: String) {
        self.uri = uri
        self.reason = reason
    }

    package func rpcError(in era: ProtocolEra) -> JSONRPCError {
        JSONRPCError(
            code: era.isModern ? -32602 : -32002, message: "Resource not found: \(reason)",
            data: ["uri": .string(uri)])
    }
}

/// The resources a server exposes: listing, templates, reading, completion of template
/// arguments, and change reporting for subscribed URIs.
public protocol ResourceProvider: Sendable {
    /// The templates, in listing order.
    var templates: [ResourceTemplate] { get }

    /// One page of concrete resources.
    ///
    /// - Throws: `-32602` (``JSONRPCError``) for a cursor it did not issue.
    func list(cursor: JSONValue?, context: RequestContext) async throws -> ResourcePage

    /// The contents of `uri`.
    ///
    /// - Throws: ``ResourceNotFound`` when there is no such resource.
    func read(_ uri: String, context: RequestContext) async throws -> [ResourceContents]

    /// Whether `uri` names one of this provider's resources (it may not exist yet).
    func owns(_ uri: String) -> Bool

    /// Values for a template argument starting with `value`, best first.
    ///
    /// - Parameters:
    ///   - template: The template's `uriTemplate`.
    ///   - argument: The argument's name.
    ///   - value: What the user typed so far.
    ///   - arguments: Arguments already resolved (`context.arguments`).
    func complete(template: String, argument: String, value: String, arguments: [String: String], context: RequestContext)
        async throws -> [String]

    /// Starts reporting changes of `uri` as ``ServerEvent/resourceUpdated(uri:)``; calls are counted.
    func watch(_ uri: String) async
    /// Balances one ``watch(_:)``.
    func unwatch(_ uri: String)
}
