import AIOSJSON

/// One MCP tool: its metadata, its schemas and its handler, as a value.
///
/// `tools/list` is generated from these values; arguments are validated against
/// `inputSchema` before the handler ever sees them. The schema is compiled on the tool's first
/// call; a schema that does not compile fails that call (and every later one) with
/// `INTERNAL_ERROR` naming the offending keyword, so each tool's schema needs a test that calls
/// it or compiles it.
public struct Tool: Sendable {
    /// Behaviour hints for clients (MCP `ToolAnnotations`).
    public struct Annotations: Sendable, Equatable {
        public var readOnly: Bool
        public var destructive: Bool
        public var idempotent: Bool
        public var openWorld: Bool

        public init(readOnly: Bool, destructive: Bool = false, idempotent: Bool, openWorld: Bool = false) {
            self.readOnly = readOnly
            self.destructive = destructive
            self.idempotent = idempotent
            self.openWorld = openWorld
        }
    }

    /// Produces the tool's `structuredContent`; throw ``ToolError`` for a tool error.
    public typealias Handler = @Sendable (_ arguments: JSONObject, _ context: RequestContext) async throws -> JSONObject

    /// What a handler that shapes its own presentation returns.
    public struct Response: Sendable {
        public var structured: JSONObject
        public var presentation: ToolPresentation

        public init(structured: JSONObject, presentation: ToolPresentation) {
            self.structured = structured
            self.presentation = presentation
        }
    }

    /// Produces the structured content and its presentation; throw ``ToolError`` for a tool error.
    public typealias Responder = @Sendable (_ arguments: JSONObject, _ context: RequestContext) async throws -> Response

    public let name: String
    public let title: String
    public let description: String
    public let inputSchema: JSONValue
    public let outputSchema: JSONValue?
    public let annotations: Annotations
    /// The structured content alone (what task backends need).
    public let handler: Handler
    /// The structured content with its text block and `resource_link`s.
    public let respond: Responder
    /// Extra members of the tool's `tools/list` entry's `_meta` (e.g. the MCP Apps `ui` link).
    public let meta: JSONObject
    /// Whether a call may start on the server's reading task (see `init`).
    public let startsInline: Bool
    package let inputValidator: LazyJSONSchemaValidator

    /// - Parameters:
    ///   - present: The text block (a markdown summary; the compact JSON of the output by
    ///     default) and the `resource_link` blocks after it, for a successful result.
    ///   - meta: Members of the definition's `_meta`.
    ///   - startsInline: Whether the handler answers from memory or awaits other work at once
    ///     (the job store, a queue of its own), so that a call arriving on its own may run on
    ///     the server's reading task, with no thread hand-off, until it first suspends. Leave it
    ///     `false` for a handler that computes for long before awaiting anything (the agents):
    ///     the server reads nothing else until it suspends.
    /// - Precondition: `name` matches `^[A-Za-z0-9_.-]{1,128}$`.
    public init(
        name: String, title: String, description: String, inputSchema: JSONValue, outputSchema: JSONValue?,
        annotations: Annotations,
        present: @escaping @Sendable (JSONObject, RequestContext) -> ToolPresentation = { output, _ in .json(output) },
        meta: JSONObject = [:], startsInline: Bool = false, handler: @escaping Handler
    ) {
        self.init(
            name: name, title: title, description: description, inputSchema: inputSchema, outputSchema: outputSchema,
            annotations: annotations, meta: meta, startsInline: startsInline, handler: handler,
            respond: { arguments, context in
                let structured = try await handler(arguments, context)
                return Response(structured: structured, presentation: present(structured, context))
            })
    }

    /// A tool whose handler shapes its own presentation (a summary that depends on the arguments).
    public init(
        name: String, title: String, description: String, inputSchema: JSONValue, outputSchema: JSONValue?,
        annotations: Annotations, meta: JSONObject = [:], startsInline: Bool = false, responder: @escaping Responder
    ) {
        self.init(
            name: name, title: title, description: description, inputSchema: inputSchema, outputSchema: outputSchema,
            annotations: annotations, meta: meta, startsInline: startsInline,
            handler: { arguments, context in try await responder(arguments, context).structured }, respond: responder)
    }

    /// Both public initialisers end here. `handler` stays the bare structured content (task
    /// backends call it) so that a presentation's side effects (keeping a result) happen only
    /// for a `tools/call` answer.
    private init(
        name: String, title: String, description: String, inputSchema: JSONValue, outputSchema: JSONValue?,
        annotations: Annotations, meta: JSONObject, startsInline: Bool, handler: @escaping Handler, respond: @escaping Responder
    ) {
        precondition(Self.isValidName(name), "invalid tool name \(name)")
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.handler = handler
        self.respond = respond
        self.meta = meta
        self.startsInline = startsInline
        self.inputValidator = LazyJSONSchemaValidator(schema: inputSchema)
    }

    /// Whether `name` is a valid MCP tool name.
    public static func isValidName(_ name: String) -> Bool {
        let utf8 = name.utf8
        return (1...128).contains(utf8.count) && utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2E || byte == 0x2D
        }
    }

    /// A `resource_link` content block.
    public static func resourceLink(uri: String, name: String, title: String? = nil, description: String? = nil, mimeType: String? = nil)
        -> JSONObject
    {
        var link: JSONObject = ["type": "resource_link", "uri": .string(uri), "name": .string(name)]
        if let title { link["title"] = .string(title) }
        if let description { link["description"] = .string(description) }
        if let mimeType { link["mimeType"] = .string(mimeType) }
        return link
    }

    /// The tool as `tools/list` describes it.
    public var definition: JSONObject {
        var object: JSONObject = [
            "name": .string(name),
            "title": .string(title),
            "description": .string(description),
            "inputSchema": inputSchema,
        ]
        if let outputSchema { object["outputSchema"] = outputSchema }
        object["annotations"] = [
            "title": .string(title),
            "readOnlyHint": .bool(annotations.readOnly),
            "destructiveHint": .bool(annotations.destructive),
            "idempotentHint": .bool(annotations.idempotent),
            "openWorldHint": .bool(annotations.openWorld),
        ]
        if !meta.isEmpty { object["_meta"] = .object(meta) }
        return object
    }
}
