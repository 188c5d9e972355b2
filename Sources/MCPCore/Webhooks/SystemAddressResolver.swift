import Dispatch
import AIOSSystem

/// The system resolver (`getaddrinfo`: /etc/hosts, DNS, as configured), called on a thread of
/// its own because it blocks, and abandoned after `timeout`.
public struct SystemAddressResolver: WebhookAddressResolver {
    /// How long a lookup may take before it counts as a temporary failure.
    public var timeout: Duration

    /// - Parameter timeout: The longest lookup (default 5 s).
    public init(timeout: Duration = .seconds(5)) { self.timeout = timeout }

    public func resolve(_ host: String) async throws(WebhookResolutionError) -> [IPAddress] {
        // getaddrinfo cannot be interrupted: whichever comes first, its answer or the timeout,
        // resumes the caller, and a late answer is dropped.
        let once = ResumeOnce<Result<[IPAddress], WebhookResolutionError>>()
        let timeoutMilliseconds = Int(timeout.wholeMilliseconds)
        let outcome = await withCheckedContinuation { continuation in
            once.set(continuation)
            DispatchQueue.global().async { once.resume(Self.lookUp(host)) }
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(timeoutMilliseconds)) {
                once.resume(.failure(WebhookResolutionError(isPermanent: false, message: "resolving \(host) timed out")))
            }
        }
        return try outcome.get()
    }

    static func lookUp(_ host: String) -> Result<[IPAddress], WebhookResolutionError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = SystemCalls.streamSocketType
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else {
            let reason = String(cString: gai_strerror(status))
            // EAI_NODATA (-5, "no address for this name") is a GNU extension Swift does not import.
            let permanent = status == EAI_NONAME || status == -5
            return .failure(WebhookResolutionError(isPermanent: permanent, message: "\(host) does not resolve: \(reason)"))
        }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var cursor = list
        while let entry = cursor {
            if let socketAddress = entry.pointee.ai_addr {
                let address: IPAddress?
                switch entry.pointee.ai_family {
                case AF_INET:
                    address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                        var raw = pointer.pointee.sin_addr
                        return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
                    }
                case AF_INET6:
                    address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        var raw = pointer.pointee.sin6_addr
                        return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
                    }
                default:
                    address = nil
                }
                if let address, !addresses.contains(address) { addresses.append(address) }
            }
            cursor = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else {
            return .failure(WebhookResolutionError(isPermanent: true, message: "\(host) has no addresses"))
        }
        return .success(addresses)
    }
}
