import AIOSCrypto
import AIOSJSON
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One POST with the toolchain's HTTP client (`URLSession`, libcurl on Linux), its answer
/// passed on as it arrives. Redirects are not followed (a provider API does not redirect a POST;
/// following one would send the key elsewhere).
enum StreamingHTTPClient {
    /// Sends the request and calls `emit` with each event (see the usage text); returns when
    /// the answer is complete or failed. Never returns before the end event or an error event.
    static func post(url: String, headers: [(String, String)], body: [UInt8], emit: @escaping @Sendable (JSONValue) -> Void) {
        guard let endpoint = URL(string: url) else {
            emit(["event": "error", "kind": "other", "message": .string("the URL cannot be requested")])
            return
        }
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        // The parent enforces the connect, first-token and whole-call limits (it kills this
        // process); the client's own idle limit is only a backstop.
        request.timeoutInterval = 3600
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }

        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 3600
        configuration.timeoutIntervalForResource = 24 * 3600
        let done = DispatchSemaphore(value: 0)
        let delegate = StreamDelegate(emit: emit, done: done)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
        session.dataTask(with: request).resume()
        done.wait()
    }
}

/// Passes the response head, each piece of the body and the end (or the error) on, in order.
private final class StreamDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private let emit: @Sendable (JSONValue) -> Void
    private let done: DispatchSemaphore

    init(emit: @escaping @Sendable (JSONValue) -> Void, done: DispatchSemaphore) {
        self.emit = emit
        self.done = done
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse {
            var headers = JSONObject()
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = .string(value) }
            }
            emit(["event": "response", "status": .integer(http.statusCode), "headers": .object(headers)])
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        emit(["event": "data", "bytes": .string(Base64.encode(Array(data)))])
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            let (kind, message) = Self.describe(error)
            emit(["event": "error", "kind": .string(kind), "message": .string(message)])
        } else {
            emit(["event": "end"])
        }
        done.signal()
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    /// The failure's kind (connect, reset, tls, other) and a plain message. On Linux libcurl's
    /// own message travels in `userInfo` rather than `localizedDescription`.
    static func describe(_ error: any Error) -> (String, String) {
        guard let urlError = error as? URLError else { return ("other", String(describing: error)) }
        var cause: String?
        var current: NSError? = urlError as NSError
        while let nsError = current, cause == nil {
            if let text = nsError.userInfo[NSLocalizedDescriptionKey] as? String, !text.isEmpty { cause = text }
            current = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        let said = cause.map { ": \($0)" } ?? " (URLError \(urlError.code.rawValue))"
        switch urlError.code {
        case .cannotConnectToHost: return ("connect", "connection refused" + said)
        case .cannotFindHost, .dnsLookupFailed: return ("connect", "host not found" + said)
        case .timedOut: return ("connect", "timed out" + said)
        case .networkConnectionLost, .notConnectedToInternet: return ("reset", "connection lost" + said)
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return ("tls", "TLS failure" + said)
        default:
            let text = cause ?? ""
            if ["SSL", "TLS", "certificate"].contains(where: { text.localizedCaseInsensitiveContains($0) }) { return ("tls", "TLS failure" + said) }
            if ["reset", "closed", "partial", "outstanding", "recv failure", "empty reply"].contains(where: { text.localizedCaseInsensitiveContains($0) }) {
                return ("reset", "connection lost" + said)
            }
            return ("other", "request failed" + said)
        }
    }
}
