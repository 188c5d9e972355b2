/// Builds `tools/call` results: the structured content plus its JSON text mirror.
public enum ToolResult {
    /// A successful result whose `structuredContent` is `content`.
    public static func success(_ content: JSONObject) -> JSONObject {
        let value = JSONValue.object(content)
        return [
            "content": [["type": "text", "text": .string(value.jsonText)]],
            "structuredContent": value,
            "isError": false,
        ]
    }

    /// A tool error (`isError: true`) with `structuredContent.error` = {code, message, details, request_id}.
    public static func failure(_ error: AIOSError, requestID: String) -> JSONObject {
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
