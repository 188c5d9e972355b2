/// A webhook destination: an absolute `http` or `https` URL, parsed strictly enough that the
/// host checked by the guard is the host the request goes to.
public struct WebhookURL: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// The host name (lower case, no trailing dot), or an IP address literal.
    public var host: String
    /// The IP address when the URL names one (`http://192.0.2.1/`, `http://[2001:db8::1]/`).
    public var address: IPAddress?
    /// The explicit port, if any.
    public var port: Int?
    /// Path and query, at least `/`; the fragment is dropped (it is never sent).
    public var target: String

    /// The port requests go to: the explicit one, else 80 or 443.
    public var effectivePort: Int { port ?? (scheme == "https" ? 443 : 80) }

    /// The URL as it is requested.
    public var description: String { url(host: address?.uriHost ?? host) }

    /// The same URL with `host` put in its authority (used to connect to a checked address).
    ///
    /// - Parameter host: A host name, or an IP literal (IPv6 in brackets).
    /// - Returns: The absolute URL text.
    public func url(host: String) -> String {
        "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")\(target)"
    }

    /// The `Host` header value for this URL.
    public var hostHeader: String {
        let name = address?.uriHost ?? host
        return port.map { "\(name):\($0)" } ?? name
    }

    /// Parses `text`.
    ///
    /// - Parameter text: The URL as given by a client.
    /// - Throws: `AIOSError` `INVALID_INPUT` naming the problem: not http(s), credentials in the
    ///   URL, no host, a bad port, spaces or control characters, a non-ASCII host.
    public init(parsing text: String) throws(AIOSError) {
        func invalid(_ reason: String) -> AIOSError {
            AIOSError(.invalidInput, "webhook_url \(reason)", details: ["field": "webhook_url"])
        }
        guard text.utf8.count <= 2048 else { throw invalid("is longer than 2048 bytes") }
        guard !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7f }) else {
            throw invalid("contains spaces or control characters")
        }
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else {
            throw invalid("must be an absolute http:// or https:// URL")
        }
        let scheme = text[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw invalid("must use http or https, not '\(scheme.prefix(20))'")
        }
        let rest = text[colon...].dropFirst(3)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if let fragment = target.firstIndex(of: "#") { target = String(target[..<fragment]) }
        if target.isEmpty || target.first == "?" { target = "/" + target }
        guard !authority.contains("@") else { throw invalid("must not carry credentials (user@host)") }

        var hostText: Substring
        var portText: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("has an unterminated IPv6 literal") }
            hostText = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { throw invalid("has text after the IPv6 literal") }
                portText = after.dropFirst()
            }
            guard let address = IPAddress(parsing: String(hostText)), !address.isIPv4 else {
                throw invalid("has an invalid IPv6 literal")
            }
            self.address = address
        } else {
            if let colon = authority.lastIndex(of: ":") {
                hostText = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                hostText = authority
            }
            if hostText.last == "." { hostText = hostText.dropLast() }
            address = IPAddress(parsing: String(hostText)).flatMap { $0.isIPv4 ? $0 : nil }
        }
        guard !hostText.isEmpty else { throw invalid("has no host") }
        if address == nil {
            let allowed = hostText.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2d || byte == 0x2e || byte == 0x5f
            }
            guard allowed, hostText.utf8.count <= 253 else {
                throw invalid("has an invalid host name (use punycode for international names)")
            }
        }
        if let portText {
            guard portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let port = Int(portText), (1...65535).contains(port) else {
                throw invalid("has an invalid port '\(portText.prefix(10))'")
            }
            self.port = port
        }
        self.scheme = scheme
        self.host = address?.description ?? hostText.lowercased()
        self.target = target
    }
}
