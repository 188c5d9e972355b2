import Testing
@testable import MCPCore

/// Which webhook URLs and addresses are refused, at submission and before each delivery.
@Suite struct WebhookURLGuardTests {
    /// Answers from a fixed table: the guard's decisions on names with chosen addresses (the
    /// system resolver itself is exercised with `localhost` below).
    struct TableResolver: WebhookAddressResolver {
        var table: [String: [String]]
        func resolve(_ host: String) async throws(WebhookResolutionError) -> [IPAddress] {
            guard let texts = table[host] else { throw WebhookResolutionError(isPermanent: true, message: "\(host) not found") }
            return texts.compactMap(IPAddress.init(parsing:))
        }
    }

    @Test(arguments: [
        ("https://Hooks.Example.COM/a/b?x=1#frag", "https", "hooks.example.com", nil, "/a/b?x=1"),
        ("http://example.com", "http", "example.com", nil, "/"),
        ("HTTP://example.com.:8080?q", "http", "example.com", 8080, "/?q"),
        ("http://[2001:db8::1]:9000/x", "http", "2001:db8::1", 9000, "/x"),
        ("http://192.0.2.7/", "http", "192.0.2.7", nil, "/"),
    ] as [(String, String, String, Int?, String)])
    func urlsParse(text: String, scheme: String, host: String, port: Int?, target: String) throws {
        let url = try WebhookURL(parsing: text)
        #expect(url.scheme == scheme)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.target == target)
    }

    @Test(arguments: [
        "ftp://example.com/", "example.com/hook", "http://", "http:///path", "http://user:pass@example.com/",
        "http://example.com:0/", "http://example.com:99999/", "http://example.com:+80/", "http://exa mple.com/",
        "javascript:alert(1)", "http://[::1/", "http://bücher.example/", "http://example.com/\u{7f}", "file:///etc/passwd",
    ])
    func malformedURLsAreInvalidInput(text: String) {
        #expect(throws: AIOSError.self) { try WebhookURL(parsing: text) }
        do { _ = try WebhookURL(parsing: text) } catch { #expect(error.code == .invalidInput) }
    }

    @Test(arguments: [
        ("127.0.0.1", IPAddress.Restriction.loopback), ("127.255.0.9", .loopback), ("10.1.2.3", .privateNetwork),
        ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork), ("192.168.1.1", .privateNetwork),
        ("169.254.169.254", .cloudMetadata), ("169.254.10.1", .linkLocal), ("100.64.0.1", .sharedAddressSpace),
        ("100.127.255.254", .sharedAddressSpace), ("0.0.0.0", .unspecified), ("224.0.0.1", .multicast),
        ("255.255.255.255", .reserved), ("::1", .loopback), ("::", .unspecified), ("fd00:ec2::254", .cloudMetadata),
        ("fc00::1", .privateNetwork), ("fd12:3456::1", .privateNetwork), ("fe80::1", .linkLocal), ("ff02::1", .multicast),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:169.254.169.254", .cloudMetadata), ("64:ff9b::a00:1", .privateNetwork),
        ("2002:7f00:1::", .loopback), ("2001:db8::1", .reserved),
    ] as [(String, IPAddress.Restriction)])
    func restrictedAddressesAreClassified(text: String, restriction: IPAddress.Restriction) throws {
        let address = try #require(IPAddress(parsing: text))
        #expect(address.restriction == restriction)
    }

    /// Issue 22 finding 10: the local-use NAT64 prefix (RFC 8215, 64:ff9b:1::/48) and SIIT's
    /// IPv4-translated form (::ffff:0:a.b.c.d) both carry an IPv4 address; judge it, and treat a
    /// local-use NAT64 address of a public IPv4 address as private (the prefix is never routed).
    @Test(arguments: [
        ("64:ff9b:1::7f00:1", IPAddress.Restriction.loopback), ("64:ff9b:1::a9fe:a9fe", .cloudMetadata),
        ("64:ff9b:1::808:808", .privateNetwork), ("64:ff9b:1:ffff::808:808", .privateNetwork),
        ("::ffff:0:7f00:1", .loopback), ("::ffff:0:a00:1", .privateNetwork), ("::ffff:0:a9fe:a9fe", .cloudMetadata),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", .loopback),
    ] as [(String, IPAddress.Restriction)])
    func translatedIPv4FormsAreJudgedByTheirIPv4Address(text: String, restriction: IPAddress.Restriction) throws {
        let address = try #require(IPAddress(parsing: text))
        #expect(address.restriction == restriction)
    }

    @Test func localUseNAT64AndSIITLoopbackAreRefusedAtSubmission() async {
        let strict = WebhookURLGuard(allowPrivate: false)
        for url in ["http://[64:ff9b:1::7f00:1]/hook", "http://[::ffff:0:7f00:1]/hook"] {
            await #expect(throws: AIOSError.self, "\(url)") { try await strict.checkSubmission(url) }
        }
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "100.128.0.1", "93.184.215.14", "2606:4700:4700::1111", "::ffff:8.8.8.8", "169.255.0.1", "::ffff:0:808:808", "64:ff9b::808:808"])
    func publicAddressesAreNotRestricted(text: String) throws {
        #expect(try #require(IPAddress(parsing: text)).restriction == nil)
    }

    @Test func loopbackIsRefusedByDefaultAndAllowedWhenOptedIn() async throws {
        let strict = WebhookURLGuard(allowPrivate: false)
        await #expect(throws: WebhookRefusal.self) { try await strict.check("http://127.0.0.1:8080/hook") }
        // localhost goes through the system resolver (/etc/hosts).
        do {
            _ = try await strict.check("http://localhost:8080/hook")
            Issue.record("localhost was allowed")
        } catch {
            #expect(error.isPermanent)
            #expect(error.message.contains("loopback"))
            #expect(error.message.contains("AIOS_WEBHOOK_ALLOW_PRIVATE"))
        }
        let open = WebhookURLGuard(allowPrivate: true)
        let target = try await open.check("http://localhost:8080/hook")
        #expect(target.addresses.contains { $0.restriction == .loopback })
        #expect(try await open.check("http://127.0.0.1:8080/").addresses.map(\.description) == ["127.0.0.1"])
    }

    @Test func metadataEndpointsStayRefusedEvenWhenPrivateAddressesAreAllowed() async {
        let open = WebhookURLGuard(allowPrivate: true)
        for url in ["http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://[::ffff:169.254.169.254]/"] {
            await #expect(throws: WebhookRefusal.self, "\(url)") { try await open.check(url) }
        }
    }

    @Test func everyResolvedAddressIsCheckedNotJustTheFirst() async throws {
        let resolver = TableResolver(table: [
            "mixed.example": ["93.184.215.14", "10.0.0.5"], "public.example": ["93.184.215.14", "2606:4700:4700::1111"],
        ])
        let strict = WebhookURLGuard(allowPrivate: false, resolver: resolver)
        do {
            _ = try await strict.check("https://mixed.example/hook")
            Issue.record("a name with a private address was allowed")
        } catch {
            #expect(error == .forbidden("mixed.example resolves to 10.0.0.5, a private address (set AIOS_WEBHOOK_ALLOW_PRIVATE=1 to allow)"))
        }
        let target = try await strict.check("https://public.example/hook")
        #expect(target.addresses.count == 2)
    }

    @Test func submissionRefusesPrivateAndUnknownHostsAsInvalidInput() async throws {
        let strict = WebhookURLGuard(allowPrivate: false)
        for url in ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://nonexistent.invalid/hook", "gopher://example.com/"] {
            do {
                try await strict.checkSubmission(url)
                Issue.record("\(url) was accepted")
            } catch {
                #expect(error.code == .invalidInput, "\(url)")
                #expect(error.details["field"] == "webhook_url")
            }
        }
        try await strict.checkSubmission("https://93.184.215.14/hook")
    }

    @Test func settingsComeFromTheEnvironment() throws {
        #expect(try WebhookSettings.fromEnvironment([:]).allowPrivate == false)
        #expect(try WebhookSettings.fromEnvironment(["AIOS_WEBHOOK_ALLOW_PRIVATE": "1"]).allowPrivate)
        #expect(try WebhookSettings.fromEnvironment(["AIOS_WEBHOOK_BACKOFF": "250ms"]).policy.backoffBase == .milliseconds(250))
        #expect(try WebhookSettings.fromEnvironment(["AIOS_WEBHOOK_BACKOFF": "2s"]).policy.backoffBase == .seconds(2))
        #expect(throws: ConfigurationError.self) { try WebhookSettings.fromEnvironment(["AIOS_WEBHOOK_ALLOW_PRIVATE": "maybe"]) }
        #expect(throws: ConfigurationError.self) { try WebhookSettings.fromEnvironment(["AIOS_WEBHOOK_BACKOFF": "soon"]) }
    }
}
