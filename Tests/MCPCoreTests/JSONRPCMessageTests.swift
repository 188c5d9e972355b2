import Testing
@testable import MCPCore

@Suite struct JSONRPCMessageTests {
    private func classify(_ text: String) throws -> JSONRPCMessage {
        try JSONRPCMessage.classify(try JSONValue.parse(text))
    }

    private func invalid(_ text: String) throws -> JSONRPCMessage.Invalid? {
        do {
            _ = try JSONRPCMessage.classify(try JSONValue.parse(text))
            return nil
        } catch let error as JSONRPCMessage.Invalid {
            return error
        }
    }

    @Test func requestNotificationAndResponses() throws {
        #expect(try classify(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#) == .request(id: .int(1), method: "ping", params: nil))
        #expect(try classify(#"{"jsonrpc":"2.0","id":"a","method":"x","params":{"k":1}}"#)
            == .request(id: .string("a"), method: "x", params: ["k": 1]))
        #expect(try classify(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            == .notification(method: "notifications/initialized", params: nil))
        #expect(try classify(#"{"jsonrpc":"2.0","id":7,"result":{}}"#) == .response(id: .int(7), result: [:]))
        #expect(try classify(#"{"jsonrpc":"2.0","id":7,"error":{"code":-1,"message":"m"}}"#)
            == .errorResponse(id: .int(7), error: JSONRPCError(code: -1, message: "m")))
    }

    @Test("invalid messages name the id when there is one", arguments: [
        (#"[]"#, nil as JSONRPCID?, -32600),
        (#"1"#, nil, -32600),
        (#"{"id":1,"method":"ping"}"#, .int(1), -32600),
        (#"{"jsonrpc":"1.0","id":"x","method":"ping"}"#, .string("x"), -32600),
        (#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, nil, -32600),
        (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, nil, -32600),
        (#"{"jsonrpc":"2.0","id":2,"method":5}"#, .int(2), -32600),
        (#"{"jsonrpc":"2.0","id":3,"method":"x","params":[1]}"#, .int(3), -32602),
        (#"{"jsonrpc":"2.0","id":4}"#, .int(4), -32600),
        (#"{"jsonrpc":"2.0","id":5,"result":1,"error":{"code":1,"message":"m"}}"#, .int(5), -32600),
    ])
    func invalidMessages(text: String, id: JSONRPCID?, code: Int) throws {
        let error = try #require(try invalid(text))
        #expect(error.id == id)
        #expect(error.error.code == code)
    }

    @Test func errorResponseWithoutIdSerializesNullId() {
        let line = JSONRPCMessage.errorResponse(id: nil, error: .parseError("bad")).json.jsonText
        #expect(line == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#)
    }

    @Test("the direct writer gives the same text as the envelope object", arguments: [
        JSONRPCMessage.request(id: .int(1), method: "tools/call", params: ["name": "x", "arguments": ["a": [1, 2.5, nil]]]),
        .notification(method: "notifications/progress", params: ["progressToken": "t", "progress": 0.5]),
        .notification(method: "notifications/initialized", params: nil),
        .response(id: .int(-7), result: ["content": [["type": "text", "text": "line\n\"quoted\" \u{2028}"]], "isError": false]),
        .response(id: .string("id \"with\" quotes"), result: [:]),
        .errorResponse(id: .string("r"), error: .invalidParams("bad", data: ["path": "/a"])),
        .errorResponse(id: nil, error: .parseError("bad")),
    ])
    func directWriterMatchesEnvelope(message: JSONRPCMessage) throws {
        #expect(message.serialized() == message.json.serialized())
        #expect(try JSONRPCMessage.classify(try JSONValue.parse(message.serialized())) == message)
    }
}
