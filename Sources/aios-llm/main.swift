import AIOSCrypto
import AIOSJSON
import AIOSSystem

// aios-llm: the HTTP client of the model-backed engines (OpenAI Chat Completions, Anthropic
// Messages), in a process of its own so that aios-mcp and aiosctl never load
// FoundationNetworking (docs/architecture.md, "Start-up cost"). An internal helper:
// MCPCore's `ProviderHelper` starts one per HTTP attempt. Everything that knows a provider's
// format (request bodies, SSE, retries, error wording) lives in MCPCore, where it is tested
// without the network; this program only moves bytes.

let usage = """
    usage: aios-llm < REQUEST

    Internal helper of aios-mcp and aiosctl (started once per model call attempt; there is no
    need to run it by hand). Reads one request as one JSON line on stdin:
      {"url": "https://...", "headers": [["name", "value"], ...], "body": "<text>"}
    The API key travels in those headers, on stdin, never on the command line. The helper
    POSTs the request and writes JSON lines to stdout as the answer arrives:
      {"event": "response", "status": 200, "headers": {"retry-after": "1", ...}}
      {"event": "data", "bytes": "<base64>"}            (as many as arrive)
      {"event": "end"}                                  (the body is complete)
      {"event": "error", "kind": "connect|reset|tls|other", "message": "..."}
    It exits when the answer is complete, and at once when its stdin reaches end of file (the
    parent closed it or died), which closes the connection. Exit status 2 on an invalid request.

    """

let program = HelperProgram(name: "aios-llm", usage: usage)
func refuse(_ message: String) -> Never { program.refuse(message) }

/// The first line on stdin (without its newline), at most `limit` bytes.
func readRequestLine(limit: Int) -> [UInt8]? {
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while true {
        let n = read(0, &byte, 1)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return line.isEmpty ? nil : line }
        if byte == 0x0a { return line }
        line.append(byte)
        if line.count > limit { return nil }
    }
}

guard let line = readRequestLine(limit: 64 << 20) else { refuse("cannot read the request line on stdin (or it is larger than 64 MB)") }
let json: JSONValue
do { json = try JSONValue.parse(line) } catch { refuse("the request is not valid JSON: \(error)") }
guard let url = json["url"]?.stringValue, url.hasPrefix("http://") || url.hasPrefix("https://") else {
    refuse("the request needs an http or https \"url\"")
}
var headers: [(String, String)] = []
for pair in json["headers"]?.arrayValue ?? [] {
    guard let name = pair[0]?.stringValue, let value = pair[1]?.stringValue else { refuse("each header is [name, value]") }
    headers.append((name, value))
}
let body = Array((json["body"]?.stringValue ?? "").utf8)

// The parent keeps our stdin open for the whole call; end of file means it closed it (cancel)
// or died. Either way the call is over: exiting closes the connection.
detachThread {
    var byte: UInt8 = 0
    while true {
        let n = read(0, &byte, 1)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { exit(0) }
    }
}

/// Writes one event line; a parent that stopped reading ends the call.
func emit(_ event: JSONValue) {
    if !POSIXIO.writeAll(1, event.serialized() + [0x0a]) { exit(0) }
}

StreamingHTTPClient.post(url: url, headers: headers, body: body, emit: emit)
