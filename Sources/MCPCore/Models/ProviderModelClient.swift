import AIOSAgents
import AIOSJSON
import AIOSLogging
import AIOSSystem
import Synchronization

/// Something that happened during a call that a job or a log may want to show.
public enum ProviderCallEvent: Sendable, Equatable {
    /// Attempt `attempt` failed with `reason`; the next starts after `delay`.
    case retrying(attempt: Int, reason: String, delay: Duration)
    /// The server lacked a feature; the request is sent again without it.
    case fallback(reason: String)
}

/// A ``ModelClient`` over a provider's HTTP API: the request in the provider's format
/// (``ProviderWire``), sent through the `aios-llm` helper (``ProviderExchange``), the answer read
/// as it streams, transient faults retried (``ProviderRetryPolicy``), each attempt limited by
/// ``ProviderTimeouts``. Every message it throws has the API key masked.
public final class ProviderModelClient: ModelClient, Sendable {
    public let wire: any ProviderWire
    public let stream: Bool
    public let timeouts: ProviderTimeouts
    public let policy: ProviderRetryPolicy
    public let helper: String
    private let apiKey: String?
    private let observer: (@Sendable (ProviderCallEvent) -> Void)?
    /// Request variations learned from this process's earlier refusals (JSON mode, …).
    private let learned = Mutex(ProviderWireOptions())

    public var provider: String { wire.provider }

    public init(
        wire: any ProviderWire, apiKey: String?, stream: Bool = true, timeouts: ProviderTimeouts = ProviderTimeouts(),
        policy: ProviderRetryPolicy = ProviderRetryPolicy(), helper: String = ProviderExchange.defaultHelper(),
        observer: (@Sendable (ProviderCallEvent) -> Void)? = nil
    ) {
        self.wire = wire
        self.apiKey = apiKey
        self.stream = stream
        self.timeouts = timeouts
        self.policy = policy
        self.helper = helper
        self.observer = observer
        if let apiKey { SecretRedactor.register(secret: apiKey) }
    }

    /// The same client reporting its retries and fallbacks to `observer`.
    public func observed(by observer: @escaping @Sendable (ProviderCallEvent) -> Void) -> ProviderModelClient {
        ProviderModelClient(wire: wire, apiKey: apiKey, stream: stream, timeouts: timeouts, policy: policy, helper: helper, observer: observer)
    }

    public func complete(_ request: ModelRequest, onProgress: @escaping @Sendable (Int) -> Void) async throws -> ModelResponse {
        let start = ContinuousClock.now
        var options = learned.withLock { $0 }
        var attempts = 0
        var retries = 0
        var fallbacks = 0
        var random = SystemRandomNumberGenerator()
        while true {
            try Task.checkCancellation()
            attempts += 1
            do {
                let answer = try await attempt(request, options: options, onProgress: onProgress)
                let elapsed = ContinuousClock.now - start
                return ModelResponse(
                    text: answer.text, model: answer.model ?? request.model, usage: answer.usage,
                    latencyMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
                    attempts: attempts)
            } catch let fault as ProviderFault {
                switch fault {
                case .fatal(let error):
                    throw masked(error)
                case .fallback(let next, let reason):
                    fallbacks += 1
                    guard fallbacks <= 3 else { throw masked(ModelError(.refused, "\(provider) refused the request: \(reason)")) }
                    options = next
                    learned.withLock { $0 = next }
                    observer?(.fallback(reason: masked(reason)))
                case .retryable(let reason, let status, let retryAfter):
                    let plural = attempts == 1 ? "attempt" : "attempts"
                    guard retries < policy.maxRetries else {
                        throw masked(ModelError(.unavailable, "\(provider) did not answer after \(attempts) \(plural): \(reason)", status: status))
                    }
                    if let retryAfter, retryAfter > policy.longestWait {
                        throw masked(
                            ModelError(
                                .unavailable,
                                "\(provider) asked to wait \(retryAfter.components.seconds) s before trying again (after \(attempts) \(plural)): \(reason)",
                                status: status))
                    }
                    let delay = policy.delay(retry: retries, retryAfter: retryAfter, using: &random)
                    retries += 1
                    observer?(.retrying(attempt: attempts, reason: masked(reason), delay: delay))
                    try await Task.sleep(for: delay)
                }
            }
        }
    }

    /// One HTTP attempt.
    private func attempt(_ request: ModelRequest, options: ProviderWireOptions, onProgress: @escaping @Sendable (Int) -> Void) async throws -> ProviderAnswer {
        let exchange = ProviderExchange(executable: helper)
        let events = exchange.start(wire.request(request, stream: stream, options: options), timeouts: timeouts)
        var status: Int?
        var headers: [String: String] = [:]
        var body: [UInt8] = []
        var parser = ServerSentEventParser()
        var reader = wire.streamReader(maxOutputTokens: request.maxOutputTokens)
        var received = 0
        var streaming = false
        for await event in events {
            switch event {
            case .response(let code, let fields):
                status = code
                headers = fields
                streaming = stream && (200..<300).contains(code) && (fields["content-type"] ?? "").lowercased().contains("text/event-stream")
                if (200..<300).contains(code) && !stream { exchange.markFirstToken() }
            case .data(let bytes):
                guard streaming else {
                    if body.count < 64 << 20 { body.append(contentsOf: bytes) }
                    continue
                }
                for sse in parser.feed(bytes) {
                    let added = try reader.take(sse)
                    if added > 0 {
                        if received == 0 { exchange.markFirstToken() }
                        received += added
                        onProgress(received)
                    }
                }
            case .end:
                guard let status else { throw ProviderFault.retryable("no response", status: nil, retryAfter: nil) }
                guard (200..<300).contains(status) else {
                    throw wire.fault(status: status, headers: headers, body: body, request: request, options: options)
                }
                if streaming {
                    for sse in parser.finish() { _ = try reader.take(sse) }
                    return try reader.finish()
                }
                let answer = try wire.answer(body: body, maxOutputTokens: request.maxOutputTokens)
                onProgress(answer.text.count)
                return answer
            case .failure(let kind, let message):
                if kind == "connect" || kind == "reset" {
                    throw ProviderFault.retryable("\(message)", status: nil, retryAfter: nil)
                }
                throw ProviderFault.fatal(ModelError(.unavailable, "the call to \(provider) failed: \(message)"))
            case .timedOut(let which, let limit):
                throw ProviderFault.fatal(ModelError(.timedOut, "\(provider) exceeded the \(which) timeout of \(limit.components.seconds) s (model '\(request.model)')"))
            }
        }
        // The stream ended without a final event: this task was cancelled (the helper is killed).
        try Task.checkCancellation()
        throw ProviderFault.retryable("the model client ended without an answer", status: nil, retryAfter: nil)
    }

    private func masked(_ error: ModelError) -> ModelError {
        ModelError(error.kind, masked(error.message), status: error.status)
    }

    /// `text` with the key (whatever its shape) and anything that looks like a credential masked.
    private func masked(_ text: String) -> String {
        var text = text
        if let apiKey, apiKey.count >= 4 { text = text.replacing(apiKey, with: SecretRedactor.mask) }
        return SecretRedactor.redact(text)
    }
}
