import AIOSJSON

/// A JSON-RPC error object, exactly as it travels: `{code, message, data?}`.
public struct JSONRPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    // JSON-RPC 2.0
    public static func parseError(_ message: String, data: JSONValue? = nil) -> JSONRPCError {
        JSONRPCError(code: -32700, message: message, data: data)
    }
    public static func invalidRequest(_ message: String, data: JSONValue? = nil) -> JSONRPCError {
        JSONRPCError(code: -32600, message: message, data: data)
    }
    public static func methodNotFound(_ method: String) -> JSONRPCError {
        JSONRPCError(code: -32601, message: "Method not found: \(method)", data: ["method": .string(method)])
    }
    public static func invalidParams(_ message: String, data: JSONValue? = nil) -> JSONRPCError {
        JSONRPCError(code: -32602, message: message, data: data)
    }
    public static func internalError(_ message: String, data: JSONValue? = nil) -> JSONRPCError {
        JSONRPCError(code: -32603, message: message, data: data)
    }

    // MCP 2026-07-28
    /// The request's protocol version is not one this server speaks; `data` names the supported ones.
    public static func unsupportedProtocolVersion(requested: JSONValue, supported: [String]) -> JSONRPCError {
        JSONRPCError(
            code: -32022, message: "Unsupported protocol version",
            data: ["supported": .strings(supported), "requested": requested])
    }
    /// The request needs a client capability the client did not declare.
    public static func missingRequiredClientCapability(_ message: String, data: JSONValue? = nil) -> JSONRPCError {
        JSONRPCError(code: -32021, message: message, data: data)
    }

    public var json: JSONValue {
        var object: JSONObject = ["code": .integer(code), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }

    public var description: String { "JSON-RPC error \(code): \(message)" }
}
