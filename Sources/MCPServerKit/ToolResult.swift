import AIOSJSON

/// Builds `tools/call` results: the complete structured content, a bounded text block for the
/// model, and `resource_link`s to what the text leaves out.
public enum ToolResult {
    /// A successful result whose `structuredContent` is `content` and whose text is the
    /// presentation's, cut to `limit`.
    public static func success(_ content: JSONObject, presentation: ToolPresentation, limit: ResultTextLimit = .default) -> JSONObject {
        let blocks: [JSONValue] = [["type": "text", "text": .string(limit.bounded(presentation.text))]]
            + presentation.links.map(JSONValue.object)
        var result: JSONObject = [
            "content": .array(blocks),
            "structuredContent": .object(content),
            "isError": false,
        ]
        if !presentation.meta.isEmpty { result["_meta"] = .object(presentation.meta) }
        return result
    }

    /// A successful result whose text is the compact JSON of `content` (small outputs), cut to `limit`.
    public static func success(_ content: JSONObject, links: [JSONObject] = [], limit: ResultTextLimit = .default) -> JSONObject {
        var presentation = ToolPresentation.json(content)
        presentation.links = links
        return success(content, presentation: presentation, limit: limit)
    }

    /// A tool error (`isError: true`) with `structuredContent.error` = {code, message, details, request_id}.
    public static func failure(_ error: ToolError, requestID: String) -> JSONObject {
        let body: JSONValue = [
            "error": [
                "code": .string(error.code.rawValue),
                "message": .string(error.message),
                "details": error.details,
                "request_id": .string(requestID),
            ]
        ]
        return [
            "content": [["type": "text", "text": .string(ResultTextLimit.default.bounded(body.jsonText))]],
            "structuredContent": body,
            "isError": true,
        ]
    }
}
