import AIOSJSON

/// Builds `tools/call` results: the structured content plus its JSON text mirror.
public enum ToolResult {
    /// A successful result whose `structuredContent` is `content`.
    ///
    /// - Parameter links: Content blocks (e.g. `resource_link`) after the text block.
    public static func success(_ content: JSONObject, links: [JSONObject] = []) -> JSONObject {
        let value = JSONValue.object(content)
        let blocks: [JSONValue] = [["type": "text", "text": .string(value.jsonText)]] + links.map(JSONValue.object)
        return [
            "content": .array(blocks),
            "structuredContent": value,
            "isError": false,
        ]
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
            "content": [["type": "text", "text": .string(body.jsonText)]],
            "structuredContent": body,
            "isError": true,
        ]
    }
}
