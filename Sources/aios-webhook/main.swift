import MCPCore
import AIOSSystem

// aios-webhook: the HTTP client of webhook delivery, in a process of its own so that aiosctl and
// aios-mcp never load FoundationNetworking (docs/architecture.md, "Start-up cost"). An internal
// helper: SubprocessWebhookTransport starts one per attempt.

let usage = """
    usage: aios-webhook < REQUEST

    Internal helper of aiosctl and aios-mcp (it is started once per webhook attempt; there is no
    need to run it by hand). Reads one request as a JSON object on stdin:
      {"url": "...", "addresses": ["checked IP", ...], "headers": [["name", "value"], ...],
       "body": "<base64>", "timeout_ms": 10000}
    sends it (no redirects followed; plain http goes to the first checked address with the
    URL's Host header) and writes one JSON line to stdout:
      {"status_code": 204, "retry_after": null, "error": null}
    Exit status 0 when the attempt was made (whatever its outcome), 2 when the request is invalid.

    """

let program = HelperProgram(name: "aios-webhook", usage: usage)
func refuse(_ message: String) -> Never { program.refuse(message) }

/// Everything on stdin, at most `limit` bytes; `nil` when there is more or a read fails.
func readStandardInput(limit: Int) -> [UInt8]? {
    var input: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { return nil }
        if n == 0 { return input }
        input.append(contentsOf: chunk[0..<n])
        if input.count > limit { return nil }
    }
}

guard let input = readStandardInput(limit: 16 << 20) else {
    refuse("cannot read the request on stdin (or it is larger than 16 MB)")
}
let json: JSONValue
do { json = try JSONValue.parse(input) } catch { refuse("the request is not valid JSON: \(error)") }
let request: WebhookRequest
do { request = try WebhookRequest(json: json) } catch { refuse("invalid request: \(error.message)") }
let response = await URLSessionWebhookTransport().send(request)
guard POSIXIO.writeAll(1, response.json.serialized() + [0x0a]) else { exit(1) }
exit(0)
