/// Sends each webhook through a child process: the `aios-webhook` helper installed next to the
/// running executable, which holds the HTTP client (`URLSessionWebhookTransport`,
/// FoundationNetworking).
///
/// Loading FoundationNetworking costs a process about 12 ms and 40 shared libraries at start-up;
/// with this transport neither `aios-mcp` nor `aiosctl` pays that, only the deliveries do (one
/// helper start per attempt). See docs/architecture.md, "Start-up cost".
///
/// The request goes to the helper's stdin as one JSON object (`WebhookRequest.json`) and the
/// answer comes back as one JSON line (`WebhookResponse.json`). A helper that cannot be
/// started, dies, or answers something else becomes a response with an error, recorded like
/// any network failure. When the calling task is cancelled, or the helper still runs after the
/// request's timeout plus `grace`, it is killed.
public struct SubprocessWebhookTransport: WebhookTransport {
    /// The helper's file name.
    public static let helperName = "aios-webhook"

    /// The helper's path.
    public let executable: String
    /// Its arguments.
    public let arguments: [String]
    /// How long past the request's timeout a helper may run before it is killed.
    public let grace: Duration

    /// The `aios-webhook` next to the running executable.
    ///
    /// When it is missing, each attempt fails with an error naming the path it was looked for.
    public init() {
        self.init(executable: Subprocess.siblingPath(Self.helperName) ?? Self.helperName)
    }

    /// A given helper program.
    ///
    /// - Parameters:
    ///   - executable: Its path.
    ///   - arguments: Its arguments.
    ///   - grace: How long past the request's timeout it may run before it is killed.
    public init(executable: String, arguments: [String] = [], grace: Duration = .seconds(5)) {
        self.executable = executable
        self.arguments = arguments
        self.grace = grace
    }

    public func send(_ request: WebhookRequest) async -> WebhookResponse {
        let process = Subprocess()
        let input = request.json.serialized() + [0x0a]
        let (executable, arguments, limit) = (executable, arguments, request.timeout + grace)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Subprocess.Outcome, Never>) in
                detachThread { continuation.resume(returning: process.run(executable, arguments, input: input, limit: limit)) }
            }
        } onCancel: {
            process.stop()
        }
        return response(to: outcome, timeout: request.timeout)
    }

    /// What an attempt got, judged from how the helper ended.
    func response(to outcome: Subprocess.Outcome, timeout: Duration) -> WebhookResponse {
        if outcome.stopped { return WebhookResponse(error: "cancelled") }
        if outcome.timedOut {
            return WebhookResponse(error: "timed out after \(timeout.components.seconds) s (the webhook client \(executable) did not finish and was stopped)")
        }
        switch outcome.termination {
        case .notStarted(let reason):
            return WebhookResponse(error: "the webhook client could not be started: \(reason) (\(Self.helperName) belongs in the directory of aiosctl)")
        case .signalled(let signal):
            return WebhookResponse(error: "the webhook client \(executable) was killed by signal \(signal)")
        case .exited(let status) where status != 0:
            let said = Self.lastLine(outcome.stderr)
            return WebhookResponse(error: "the webhook client \(executable) failed with exit status \(status)" + (said.isEmpty ? "" : ": \(said)"))
        case .exited:
            let line = outcome.stdout.split(separator: 0x0a, omittingEmptySubsequences: true)
            guard line.count == 1, let json = try? JSONValue.parse(Array(line[0])), let response = WebhookResponse(json: json) else {
                let shown = String(decoding: outcome.stdout.prefix(120).map { $0 < 0x20 ? 0x20 : $0 }, as: UTF8.self).trimmingSpaces()
                return WebhookResponse(error: "the webhook client \(executable) gave an unreadable answer: '\(shown)'")
            }
            return response
        }
    }

    /// The last non-empty line of `bytes`, at most 300 characters.
    private static func lastLine(_ bytes: [UInt8]) -> String {
        let lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: true)
        return String(String(decoding: lines.last ?? [], as: UTF8.self).trimmingSpaces().prefix(300))
    }
}
