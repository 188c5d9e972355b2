#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import MCPCore

/// The transport that sends webhooks through a helper process: the wire form it writes and
/// reads, and what an attempt reports when the helper is missing, dies, hangs, answers garbage
/// or is cancelled. The helper here is a shell script playing each part; the real `aios-webhook`
/// against a real receiver is exercised in IntegrationTests.
@Suite struct SubprocessWebhookTransportTests {
    static func request(body: [UInt8] = Array(#"{"event":"webhook.test"}"#.utf8), timeout: Duration = .seconds(10)) throws -> WebhookRequest {
        let url = try WebhookURL(parsing: "http://hooks.example.com:8080/in?x=1")
        let addresses = ["192.0.2.10", "2001:db8::7"].compactMap(IPAddress.init(parsing:))
        return WebhookRequest(
            target: WebhookURLGuard.Target(url: url, addresses: addresses),
            headers: [("Content-Type", "application/json"), ("webhook-id", "msg_1"), ("X-AIOS-Signature", "sha256=ab")],
            body: body, timeout: timeout)
    }

    /// A transport whose helper is `sh -c script`, with `directory` as `$1`.
    static func shell(_ script: String, _ directory: TemporaryDirectory, grace: Duration = .seconds(5)) -> SubprocessWebhookTransport {
        SubprocessWebhookTransport(executable: "/bin/sh", arguments: ["-c", script, "helper", directory.path], grace: grace)
    }

    /// Whether a process with this pid exists (a reaped child does not).
    static func exists(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 || errno != ESRCH }

    /// The pid a script wrote to `$1/pid`, waiting for it up to 30 s.
    static func pid(in directory: TemporaryDirectory) async throws -> pid_t? {
        let deadline = ContinuousClock.now + .seconds(120)  // a bound for a failed run; a loaded CI host has taken over 30 s
        while ContinuousClock.now < deadline {
            let text = String(decoding: StoreFixtures.readFile(directory.path + "/pid"), as: UTF8.self)
            if text.hasSuffix("\n"), let pid = pid_t(text.dropLast()) { return pid }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    @Test func theRequestSurvivesTheWireFormWithHeaderOrderAndBinaryBody() throws {
        let original = try Self.request(body: (0...255).map { UInt8($0) } + Array("end".utf8), timeout: .milliseconds(2500))
        let decoded = try WebhookRequest(json: try JSONValue.parse(original.json.serialized()))
        #expect(decoded.target == original.target)
        #expect(decoded.headers.map(\.name) == ["Content-Type", "webhook-id", "X-AIOS-Signature"])
        #expect(decoded.headers.map(\.value) == ["application/json", "msg_1", "sha256=ab"])
        #expect(decoded.body == original.body)
        #expect(decoded.timeout == .milliseconds(2500))
    }

    @Test(arguments: [
        (#"[]"#, "JSON object"),
        (#"{"addresses":["192.0.2.1"],"headers":[],"body":"","timeout_ms":1}"#, "'url'"),
        (#"{"url":"ftp://x/","addresses":["192.0.2.1"],"headers":[],"body":"","timeout_ms":1}"#, "http"),
        (#"{"url":"http://x/","addresses":[],"headers":[],"body":"","timeout_ms":1}"#, "'addresses'"),
        (#"{"url":"http://x/","addresses":["nope"],"headers":[],"body":"","timeout_ms":1}"#, "'addresses'"),
        (#"{"url":"http://x/","addresses":["192.0.2.1"],"headers":[["a"]],"body":"","timeout_ms":1}"#, "'headers'"),
        (#"{"url":"http://x/","addresses":["192.0.2.1"],"headers":[["a","b\r\nEvil: 1"]],"body":"","timeout_ms":1}"#, "'headers'"),
        (#"{"url":"http://x/","addresses":["192.0.2.1"],"headers":[],"body":"***","timeout_ms":1}"#, "'body'"),
        (#"{"url":"http://x/","addresses":["192.0.2.1"],"headers":[],"body":"","timeout_ms":0}"#, "'timeout_ms'"),
    ])
    func aMalformedRequestIsRefusedNamingTheMember(text: String, named: String) throws {
        let json = try JSONValue.parse(text)
        #expect(throws: AIOSError.self) { try WebhookRequest(json: json) }
        do { _ = try WebhookRequest(json: json) } catch {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains(named), "\(error.message)")
        }
    }

    @Test(arguments: [
        WebhookResponse(statusCode: 204), WebhookResponse(statusCode: 429, retryAfter: "120"),
        WebhookResponse(error: "connection refused"),
    ])
    func theResponseSurvivesTheWireForm(response: WebhookResponse) throws {
        #expect(WebhookResponse(json: try JSONValue.parse(response.json.serialized())) == response)
    }

    @Test func theHelperReadsTheWholeRequestAndItsAnswerIsTheResponse() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // 300 KB: more than a pipe holds, so the request is written while the helper reads it.
        let request = try Self.request(body: Array(repeating: UInt8(ascii: "x"), count: 300_000))
        let transport = Self.shell(
            #"cat > "$1/request"; printf '{"status_code":429,"retry_after":"120","error":null}\n'"#, directory)
        let response = await transport.send(request)
        #expect(response == WebhookResponse(statusCode: 429, retryAfter: "120"))
        let received = try WebhookRequest(json: try JSONValue.parse(StoreFixtures.readFile(directory.path + "/request")))
        #expect(received.body == request.body)
        #expect(received.target == request.target)
    }

    @Test func aMissingHelperIsAnErrorNamingIt() async throws {
        let transport = SubprocessWebhookTransport(executable: "/nonexistent/aios-webhook")
        let response = await transport.send(try Self.request())
        #expect(response.statusCode == nil)
        let error = try #require(response.error)
        #expect(error.contains("could not be started"), "\(error)")
        #expect(error.contains("/nonexistent/aios-webhook: No such file or directory"), "\(error)")
    }

    @Test(arguments: [
        (#"cat >/dev/null; kill -KILL $$"#, "was killed by signal 9"),
        (#"cat >/dev/null; echo 'this is not JSON'"#, "gave an unreadable answer: 'this is not JSON'"),
        (#"cat >/dev/null; printf '{"status_code":null,"retry_after":null,"error":null}\n'"#, "gave an unreadable answer"),
        (#"cat >/dev/null; echo 'first'; echo 'curl exploded' >&2; exit 3"#, "failed with exit status 3: curl exploded"),
        (#"exit 0"#, "gave an unreadable answer: ''"),
    ])
    func aHelperThatDiesOrAnswersGarbageIsAnError(script: String, message: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let response = await Self.shell(script, directory).send(try Self.request())
        #expect(response.statusCode == nil)
        #expect(response.error?.contains(message) == true, "\(response.error ?? "no error")")
    }

    @Test(arguments: [
        #"echo $$ > "$1/pid"; exec sleep 60"#,
        // Closes its output first: the transport must not wait for the exit forever either.
        #"echo $$ > "$1/pid"; exec sleep 60 >&- 2>&-"#,
    ])
    func aHungHelperIsKilledAfterTheTimeoutAndGrace(script: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let transport = Self.shell(script, directory, grace: .milliseconds(200))
        let response = await transport.send(try Self.request(timeout: .milliseconds(300)))
        #expect(response.statusCode == nil)
        #expect(response.error?.hasPrefix("timed out after") == true, "\(response.error ?? "no error")")
        #expect(response.error?.contains("was stopped") == true)
        let pid = try #require(try await Self.pid(in: directory))
        #expect(!Self.exists(pid), "the helper still runs")
    }

    @Test func cancellationKillsTheHelper() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let transport = Self.shell(#"echo $$ > "$1/pid"; exec sleep 60"#, directory)
        let request = try Self.request(timeout: .seconds(120))  // cancelled long before
        let sending = Task { await transport.send(request) }
        let pid = try #require(try await Self.pid(in: directory))
        sending.cancel()
        let response = await sending.value
        #expect(response == WebhookResponse(error: "cancelled"))
        #expect(!Self.exists(pid), "the helper still runs after cancellation")
    }

    @Test func aCancelledTaskStartsNoHelper() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let transport = Self.shell(#"echo $$ > "$1/pid""#, directory)
        let request = try Self.request()
        let sending = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await transport.send(request)
        }
        #expect(await sending.value == WebhookResponse(error: "cancelled"))
        #expect(StoreFixtures.readFile(directory.path + "/pid").isEmpty)
    }
}
