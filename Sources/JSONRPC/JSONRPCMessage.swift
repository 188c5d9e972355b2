import AIOSJSON

/// A JSON-RPC 2.0 message, classified in one pass over its members.
public enum JSONRPCMessage: Sendable, Equatable {
    case request(id: JSONRPCID, method: String, params: JSONObject?)
    case notification(method: String, params: JSONObject?)
    case response(id: JSONRPCID, result: JSONValue)
    case errorResponse(id: JSONRPCID?, error: JSONRPCError)
    /// A response whose result was serialized once and is sent as those bytes (a cached
    /// `tools/list` page, see ``MCPMethod/cacheKey``); it never comes out of ``classify(_:)``.
    case serializedResponse(id: JSONRPCID, result: SerializedResult)

    /// A result value together with its compact JSON text.
    public struct SerializedResult: Sendable, Equatable {
        public let value: JSONValue
        public let bytes: [UInt8]

        public init(_ value: JSONValue) {
            self.value = value
            var bytes: [UInt8] = []
            value.serialize(into: &bytes)
            self.bytes = bytes
        }

        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.bytes == rhs.bytes }
    }

    /// Why a value is not a valid message, and the id to answer with (`nil` → `"id": null`).
    public struct Invalid: Error, Sendable, Equatable {
        public var id: JSONRPCID?
        public var error: JSONRPCError
    }

    /// Classifies a parsed value as a request, notification or response.
    ///
    /// - Throws: ``Invalid`` carrying the id to answer with (when the message had a usable
    ///   one) and a `-32600` error, or `-32602` when `params` is present but not an object.
    public static func classify(_ value: JSONValue) throws(Invalid) -> JSONRPCMessage {
        guard case .object(let object) = value else {
            throw Invalid(id: nil, error: .invalidRequest("A JSON-RPC message must be an object"))
        }
        var version: JSONValue?, idValue: JSONValue?, method: JSONValue?, params: JSONValue?
        var result: JSONValue?, error: JSONValue?
        for (key, member) in object {
            switch key {
            case "jsonrpc": version = member
            case "id": idValue = member
            case "method": method = member
            case "params": params = member
            case "result": result = member
            case "error": error = member
            default: continue
            }
        }
        let id = idValue.flatMap(JSONRPCID.init)
        guard version == .string("2.0") else {
            throw Invalid(id: id, error: .invalidRequest("The \"jsonrpc\" member must be exactly \"2.0\""))
        }
        if let method {
            guard case .string(let name) = method, !name.isEmpty else {
                throw Invalid(id: id, error: .invalidRequest("The \"method\" member must be a non-empty string"))
            }
            if let idValue, id == nil {
                throw Invalid(id: nil, error: .invalidRequest(
                    "The request id must be a string or an integer, not \(idValue.typeName)"))
            }
            var paramsObject: JSONObject?
            if let params {
                guard case .object(let object) = params else {
                    throw Invalid(id: id, error: .invalidParams(
                        "\"params\" must be an object, not \(params.typeName)"))
                }
                paramsObject = object
            }
            if let id { return .request(id: id, method: name, params: paramsObject) }
            return .notification(method: name, params: paramsObject)
        }
        if result != nil || error != nil {
            guard (result == nil) != (error == nil) else {
                throw Invalid(id: id, error: .invalidRequest("A response has exactly one of \"result\" and \"error\""))
            }
            if let result {
                guard let id else { throw Invalid(id: nil, error: .invalidRequest("A result response needs an id")) }
                return .response(id: id, result: result)
            }
            guard case .object(let e) = error, let code = e["code"]?.intValue, let message = e["message"]?.stringValue
            else { throw Invalid(id: id, error: .invalidRequest("A response error needs an integer code and a message")) }
            return .errorResponse(id: id, error: JSONRPCError(code: Int(code), message: message, data: e["data"]))
        }
        throw Invalid(id: id, error: .invalidRequest("A message needs a \"method\" (request or notification) or a \"result\"/\"error\" (response)"))
    }

    /// The message's compact JSON text, as `json.serialized()` gives it, written straight into one
    /// buffer sized for the common case instead of through an envelope object.
    ///
    /// - Returns: The UTF-8 bytes, without a newline.
    public func serialized() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        switch self {
        case .response(let id, let result):
            Self.appendEnvelope(id: id, to: &buffer)
            Self.appendLiteral(",\"result\":", to: &buffer)
            result.serialize(into: &buffer)
            buffer.append(UInt8(ascii: "}"))
        case .serializedResponse(let id, let result):
            buffer.reserveCapacity(result.bytes.count + 64)
            Self.appendEnvelope(id: id, to: &buffer)
            Self.appendLiteral(",\"result\":", to: &buffer)
            buffer.append(contentsOf: result.bytes)
            buffer.append(UInt8(ascii: "}"))
        case .errorResponse(let id, let error):
            Self.appendEnvelope(id: id, to: &buffer)
            Self.appendLiteral(",\"error\":", to: &buffer)
            error.json.serialize(into: &buffer)
            buffer.append(UInt8(ascii: "}"))
        case .request, .notification:
            json.serialize(into: &buffer)
        }
        return buffer
    }

    private static func appendEnvelope(id: JSONRPCID?, to buffer: inout [UInt8]) {
        appendLiteral("{\"jsonrpc\":\"2.0\",\"id\":", to: &buffer)
        (id?.json ?? .null).serialize(into: &buffer)
    }

    private static func appendLiteral(_ literal: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// The message as a JSON object, members in the conventional order.
    public var json: JSONValue {
        switch self {
        case .request(let id, let method, let params):
            var object: JSONObject = ["jsonrpc": "2.0", "id": id.json, "method": .string(method)]
            if let params { object["params"] = .object(params) }
            return .object(object)
        case .notification(let method, let params):
            var object: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
            if let params { object["params"] = .object(params) }
            return .object(object)
        case .response(let id, let result):
            return ["jsonrpc": "2.0", "id": id.json, "result": result]
        case .serializedResponse(let id, let result):
            return ["jsonrpc": "2.0", "id": id.json, "result": result.value]
        case .errorResponse(let id, let error):
            return ["jsonrpc": "2.0", "id": id?.json ?? .null, "error": error.json]
        }
    }
}
