import AIOSJSON

/// How a tool's result is shown besides its `structuredContent`: the text block a model reads
/// (bounded by ``ResultTextLimit``) and the `resource_link` blocks after it.
public struct ToolPresentation: Sendable {
    /// Markdown for the model: ids, counts, key decisions, and how to get more.
    public var text: String
    /// `resource_link` content blocks (see ``Tool/resourceLink(uri:name:title:description:mimeType:)``).
    public var links: [JSONObject]
    /// Members added to the result's `_meta`.
    public var meta: JSONObject

    public init(text: String, links: [JSONObject] = [], meta: JSONObject = [:]) {
        self.text = text
        self.links = links
        self.meta = meta
    }

    /// The compact JSON of the structured content, for tools whose output is small.
    public static func json(_ structured: JSONObject) -> ToolPresentation {
        ToolPresentation(text: JSONValue.object(structured).jsonText)
    }
}
