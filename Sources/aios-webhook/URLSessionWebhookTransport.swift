import Foundation
import MCPCore
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends webhooks with the toolchain's HTTP client (`URLSession`, libcurl on Linux).
///
/// It lives in the `aios-webhook` helper only: loading FoundationNetworking costs a process about
/// 12 ms and 40 shared libraries at start-up, which `aiosctl` and `aios-mcp` do not pay (they
/// send through `SubprocessWebhookTransport`, one helper per attempt; see docs/architecture.md).
///
/// - Redirects are never followed: a 3xx is the answer (a redirect could lead past the guard).
/// - Plain `http` connects to the address the guard checked, with the original `Host` header,
///   so a DNS answer that changes between the check and the connection (rebinding) cannot
///   redirect it. `https` connects by name, since TLS verifies the certificate for that name;
///   the remaining window is described in docs/webhooks.md.
public final class URLSessionWebhookTransport: WebhookTransport {
    private let session: URLSession

    /// Creates a transport with its own ephemeral session (no cookies, no cache, no redirects).
    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: WebhookRequest) async -> WebhookResponse {
        let url = request.target.url
        var text = url.description
        var pinned = false
        if url.scheme == "http", url.address == nil, let address = request.target.addresses.first {
            text = url.url(host: address.uriHost)
            pinned = true
        }
        guard let endpoint = URL(string: text) else { return WebhookResponse(error: "the URL \(url.host) cannot be requested") }
        var urlRequest = URLRequest(url: endpoint)
        urlRequest.httpMethod = "POST"
        urlRequest.httpBody = Data(request.body)
        urlRequest.timeoutInterval = Double(request.timeout.components.seconds) + Double(request.timeout.components.attoseconds) / 1e18
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        if pinned { urlRequest.setValue(url.hostHeader, forHTTPHeaderField: "Host") }

        let holder = TaskHolder()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WebhookResponse, Never>) in
                let task = session.dataTask(with: urlRequest) { _, response, error in
                    if let error {
                        continuation.resume(returning: WebhookResponse(error: Self.describe(error, timeout: request.timeout)))
                    } else if let http = response as? HTTPURLResponse {
                        continuation.resume(
                            returning: WebhookResponse(
                                statusCode: http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After")))
                    } else {
                        continuation.resume(returning: WebhookResponse(error: "no HTTP response"))
                    }
                }
                holder.start(task)
            }
        } onCancel: {
            holder.cancel()
        }
    }

    /// What went wrong, in words: the error's own cause where the client gives one. On Linux
    /// many failures (TLS among them: "SSL certificate problem: self-signed certificate") come
    /// as `URLError(.unknown)` with libcurl's message in `NSLocalizedDescription`, which
    /// `localizedDescription` does not return there; it is read from `userInfo`.
    static func describe(_ error: any Error, timeout: Duration) -> String {
        guard let urlError = error as? URLError else { return String(describing: error) }
        let cause = Self.cause(of: urlError)
        switch urlError.code {
        case .timedOut: return "timed out after \(timeout.components.seconds) s"
        case .cancelled: return "cancelled"
        case .cannotConnectToHost: return "connection refused"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .networkConnectionLost: return "connection lost"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "TLS failure: " + (cause ?? "URLError \(urlError.code.rawValue)")
        default:
            guard let cause else { return "request failed (URLError \(urlError.code.rawValue))" }
            let tls = ["SSL", "TLS", "certificate"].contains { cause.localizedCaseInsensitiveContains($0) }
            return (tls ? "TLS failure: " : "request failed: ") + cause
        }
    }

    /// The message the client attached to `error` or to the error under it, if any.
    private static func cause(of error: URLError) -> String? {
        var current: NSError? = error as NSError
        while let nsError = current {
            if let text = nsError.userInfo[NSLocalizedDescriptionKey] as? String, !text.isEmpty { return text }
            current = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        return nil
    }
}

/// Holds a data task so a cancellation arriving before, during or after its start cancels it.
private final class TaskHolder: Sendable {
    private let state = Mutex<(task: URLSessionDataTask?, cancelled: Bool)>((nil, false))

    func start(_ task: URLSessionDataTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        task.resume()
        if cancelled { task.cancel() }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}

/// Answers every redirect with "do not follow": the 3xx response is what the caller sees.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
