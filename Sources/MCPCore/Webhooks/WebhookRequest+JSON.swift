/// The wire form between `SubprocessWebhookTransport` and the `aios-webhook` helper: one JSON
/// object on the helper's stdin.
///
///     {"url": "http://example.com/hook", "addresses": ["93.184.216.34"],
///      "headers": [["Content-Type", "application/json"], …], "body": "<base64>", "timeout_ms": 10000}
extension WebhookRequest {
    /// The request as the helper reads it; the headers keep their order.
    public var json: JSONValue {
        [
            "url": .string(target.url.description),
            "addresses": .strings(target.addresses.map(\.description)),
            "headers": .array(headers.map { [.string($0.name), .string($0.value)] }),
            "body": .string(Base64.encode(body)),
            "timeout_ms": .int(timeout.wholeMilliseconds),
        ]
    }

    /// Reads the wire form written by ``json``.
    ///
    /// The URL is parsed again (strictly, as at submission) but not checked again: the sender
    /// checked it and lists the addresses it checked, which the request connects to.
    /// - Parameter json: The object.
    /// - Throws: `AIOSError` `INVALID_INPUT` naming the member that is missing or malformed.
    public init(json: JSONValue) throws(AIOSError) {
        func invalid(_ member: String, _ expected: String) -> AIOSError {
            AIOSError(.invalidInput, "'\(member)' must be \(expected)")
        }
        guard case .object = json else { throw AIOSError(.invalidInput, "the request must be a JSON object") }
        guard let text = json["url"]?.stringValue else { throw invalid("url", "a string") }
        let url = try WebhookURL(parsing: text)
        guard let list = json["addresses"]?.arrayValue, !list.isEmpty else {
            throw invalid("addresses", "a non-empty array of IP addresses")
        }
        var addresses: [IPAddress] = []
        for item in list {
            guard let address = item.stringValue.flatMap(IPAddress.init(parsing:)) else {
                throw invalid("addresses", "a non-empty array of IP addresses")
            }
            addresses.append(address)
        }
        guard let pairs = json["headers"]?.arrayValue else { throw invalid("headers", "an array of [name, value] pairs") }
        var headers: [(name: String, value: String)] = []
        for pair in pairs {
            guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue, let value = items[1].stringValue,
                !name.isEmpty, !(name + value).utf8.contains(where: { $0 == 0x0d || $0 == 0x0a })
            else { throw invalid("headers", "an array of [name, value] pairs without line breaks") }
            headers.append((name, value))
        }
        guard let body = json["body"]?.stringValue.flatMap({ Base64.decode($0) }) else { throw invalid("body", "Base64 text") }
        guard let milliseconds = json["timeout_ms"]?.intValue, milliseconds > 0 else {
            throw invalid("timeout_ms", "a positive integer")
        }
        self.init(
            target: WebhookURLGuard.Target(url: url, addresses: addresses), headers: headers, body: body,
            timeout: .milliseconds(milliseconds))
    }
}
