import Testing
@testable import AIOSStore
@testable import MCPCore

/// The journal record decoder reads records straight from their bytes, but must accept and
/// refuse exactly what the JSON parser does, and mean the same whatever the spelling.
@Suite struct JournalRecordDecoderTests {
    static let id = "job_01jd3k8x2m00000000000000000000"

    /// A submission record around `request`, spelled as given.
    static func submitted(_ request: String) -> [UInt8] {
        Array(#"{"type":"job.submitted","job_id":"\#(id)","at":5,"phases":["strategy"],"request":\#(request)}"#.utf8)
    }

    static let requests: [String] = [
        // Accepted by the parser.
        #"{}"#, #"{"spec":"x"}"#, #"{ "spec" : "x" , "n" : 1 }"#, #"{"a":{"b":[1,2,{"c":null}]},"d":true,"e":false}"#,
        #"{"spec":"é 😀 \u00e9 \ud83d\ude00 \"q\" \\ \/ \n"}"#, #"{"n":-0,"m":1e5,"k":123456789012345678,"f":-1.5E-3}"#,
        #"{"sp\u0065c":"x","spec2":"y"}"#, #"{"é":1,"e\u0301":2}"#, #"{"k":[],"o":{},"s":""}"#,
        String(repeating: #"{"a":"#, count: 250) + "1" + String(repeating: "}", count: 250),
        // Refused by the parser.
        #"{"a":1,"a":2}"#, #"{"a":{"b":1,"b":2}}"#, #"{"a":1,}"#, #"{"a":[1,]}"#, #"{"a":01}"#, "{\"a\":\"\u{01}\"}",
        #"{"a":1e999}"#, #"{"a":99999999999999999999}"#, #"{"a":"\ud800"}"#, #"{"a" 1}"#, #"{"a":tru}"#, #"{"a":"x}"#,
        #"{"a":"\x"}"#, #"{"a":1"#, #"{"a":1}}"#, #"{"a":-}"#, #"{"a":.5}"#, #"{"a":NaN}"#,
        String(repeating: #"{"a":"#, count: 300) + "1" + String(repeating: "}", count: 300),
        #"[1]"#, #""text""#,
    ]

    @Test(arguments: requests)
    func requestsAreAcceptedAndRefusedExactlyAsTheParserDoes(request: String) throws {
        let payload = Self.submitted(request)
        let parsed = try? JSONValue.parse(payload)
        let decoded = try? JobEvent(payload: payload)
        guard let parsed, parsed.objectValue?["request"]?.objectValue != nil else {
            #expect(decoded == nil, "the parser refuses this record, or its request is not an object")
            return
        }
        guard case .submitted(_, _, let bytes, _, _, _, _) = try #require(decoded) else {
            Issue.record("not a submission")
            return
        }
        #expect(try JSONValue.parse(bytes) == parsed.objectValue?["request"])
    }

    /// Records spelled unlike the writer spells them: members reordered, whitespace, escaped
    /// keys and values, unknown members, and mistakes the parser would refuse.
    static let spellings: [String] = [
        #"{"job_id":"\#(id)","type":"job.claimed","at":1,"worker":"w","lease_expires_at":9,"stall_count":0}"#,
        #" { "type" : "job.claimed" , "job_id" : "\#(id)" , "at" : 1 , "worker" : "w" , "lease_expires_at" : 9 , "stall_count" : 0 } "#,
        #"{"typ\u0065":"job.claimed","job_id":"\#(id)","at":1,"worker":"w\u00e9","lease_expires_at":9,"stall_count":0}"#,
        #"{"type":"job\u002eclaimed","job_id":"job_01JD3K8X2M00000000000000000000","at":1,"worker":"w","lease_expires_at":9,"stall_count":0,"extra":[1,{"x":2}]}"#,
        #"{"type":"phase.failed","job_id":"\#(id)","phase":"ux","at":2,"attempt":1,"error":{"code":"C","message":"m"},"retry_at":null}"#,
        #"{"type":"job.submitted","job_id":"\#(id)","at":5,"phases":[ "ux" , "strategy" ],"idempotency_key":"k","webhook_url":null,"owner":"o","request":{}}"#,
        #"{"type":"job.submitted","job_id":"\#(id)","at":5,"phases":["str\u0061tegy"],"request":{}}"#,
        #"{"type":"webhook.attempted","job_id":"\#(id)","delivery_id":"d","at":3,"attempt":1,"status_code":503,"latency_ms":12,"error":"HTTP 503","delivered":false,"next_attempt_at":99}"#,
        #"{"type":"store.sealed","next_generation":4}"#,
    ]

    /// Records refused by the parser, or by a record's rules.
    static let refused: [String] = [
        #"{"type":"job.claimed","type":"job.claimed","job_id":"\#(id)","at":1,"worker":"w","lease_expires_at":9,"stall_count":0}"#,
        #"{"type":"job.claimed","job_id":"\#(id)","at":1,"worker":"w","lease_expires_at":9,"stall_count":0,"x":1,"x":2}"#,
        #"{"type":"job.claimed","job_id":"\#(id)","at":-0,"worker":"w","lease_expires_at":9,"stall_count":0}"#,
        #"{"type":"job.claimed","job_id":"\#(id)","at":1.0,"worker":"w","lease_expires_at":9,"stall_count":0}"#,
        #"{"type":"job.claimed","job_id":"\#(id)","at":1,"worker":7,"lease_expires_at":9,"stall_count":0}"#,
        #"{"type":"job.claimed","job_id":"job_x","at":1,"worker":"w","lease_expires_at":9,"stall_count":0}"#,
        #"{"type":"job.submitted","job_id":"\#(id)","at":5,"phases":["strategy","deploy"],"request":{}}"#,
        #"{"type":"job.submitted","job_id":"\#(id)","at":5,"phases":["strategy"]}"#,
        #"{"type":"job.submitted","job_id":"\#(id)","at":5,"phases":["strategy"],"request":[]}"#,
        #"{"type":"webhook.attempted","job_id":"\#(id)","delivery_id":"d","at":3,"attempt":1,"delivered":"no"}"#,
        #"{"type":"job.claimed","job_id":"\#(id)","at":1,"worker":"w","lease_expires_at":9,"stall_count":0}x"#,
        #"{"type":"job.unknown","job_id":"\#(id)","at":1}"#,
    ]

    @Test(arguments: spellings)
    func aRecordMeansTheSameHoweverItIsSpelled(text: String) throws {
        let payload = Array(text.utf8)
        let decoded = try JobEvent(payload: payload)
        // The writer's spelling of the same object decodes to the same event.
        let canonical = try JobEvent(payload: try JSONValue.parse(payload).serialized())
        switch (decoded, canonical) {
        case (.submitted(let id, let at, let request, let phases, let key, let url, let owner),
            .submitted(let id2, let at2, let request2, let phases2, let key2, let url2, let owner2)):
            #expect(id == id2 && at == at2 && phases == phases2 && key == key2 && url == url2 && owner == owner2)
            #expect(try JSONValue.parse(request) == JSONValue.parse(request2))
        default:
            #expect(decoded == canonical)
        }
    }

    @Test(arguments: refused)
    func recordsTheParserOrTheRecordRulesRefuseAreRefused(text: String) {
        #expect(throws: EventDecodingError.self) { try JobEvent(payload: Array(text.utf8)) }
    }

    @Test func oneDecoderReadsManyRecordsAsFreshOnesDo() throws {
        var decoder = JournalRecordDecoder()
        for text in Self.spellings + Self.refused + Self.requests.map({ String(decoding: Self.submitted($0), as: UTF8.self) }) {
            let payload = Array(text.utf8)
            let reused = payload.withUnsafeBytes { bytes in Result { () throws(EventDecodingError) in try decoder.decode(bytes) } }
            #expect((try? reused.get()) == (try? JobEvent(payload: payload)), "\(text)")
        }
    }
}
