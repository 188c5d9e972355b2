import AIOSSystem

/// When a failed attempt is tried again, and after how long.
///
/// Retried: HTTP 408, 409, 429, 500, 502, 503, 504 and 529 (Anthropic's "overloaded"), a
/// connection refused or reset, a stream that ends before the answer is complete, and an
/// error event in the stream that says the provider is overloaded. Never retried: 400, 401,
/// 403, 404 and the other answers that say what the provider refused. The wait is exponential
/// backoff with full jitter (a uniformly random wait between zero and `base · 2^retry`, capped)
/// unless the provider said how long to wait (`retry-after-ms`, `Retry-After` in seconds or as
/// an HTTP date), which is honoured; a provider asking for more than `longestWait` ends the call.
public struct ProviderRetryPolicy: Sendable, Equatable {
    /// Attempts after the first.
    public var maxRetries: Int
    public var base: Duration
    public var cap: Duration
    public var longestWait: Duration

    public init(maxRetries: Int = 4, base: Duration = .milliseconds(500), cap: Duration = .seconds(30), longestWait: Duration = .seconds(120)) {
        self.maxRetries = maxRetries
        self.base = base
        self.cap = cap
        self.longestWait = longestWait
    }

    public static let retryableStatuses: Set<Int> = [408, 409, 429, 500, 502, 503, 504, 529]

    /// The wait before retry number `retry` (0 for the first retry): the provider's own
    /// `retryAfter` when it gave one, else a random wait in [0, min(cap, base · 2^retry)].
    public func delay(retry: Int, retryAfter: Duration?, using random: inout some RandomNumberGenerator) -> Duration {
        if let retryAfter { return max(retryAfter, .zero) }
        let ceiling = min(cap, base * (1 << min(retry, 30)))
        let milliseconds = max(ceiling.wholeMilliseconds, 0)
        return .milliseconds(Int64.random(in: 0...milliseconds, using: &random))
    }

    /// The wait a response asks for: `retry-after-ms` (milliseconds, OpenAI and Anthropic),
    /// else `retry-after` in seconds or as an HTTP date. Header names are lower case.
    public static func retryAfter(_ headers: [String: String], now: Int64 = Timestamp.nowMilliseconds()) -> Duration? {
        if let text = headers["retry-after-ms"]?.trimmingSpaces(), let value = Double(text), value >= 0, value.isFinite {
            return .milliseconds(Int64(value.rounded(.up)))
        }
        guard let text = headers["retry-after"]?.trimmingSpaces(), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds >= 0, seconds.isFinite { return .milliseconds(Int64((seconds * 1000).rounded(.up))) }
        guard let date = httpDateMilliseconds(text) else { return nil }
        return .milliseconds(max(date - now, 0))
    }

    /// An IMF-fixdate (`Sun, 06 Dec 2026 21:00:00 GMT`) in milliseconds since 1970.
    static func httpDateMilliseconds(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]) else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let month = months.firstIndex(of: String(parts[2])) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        // Days from civil (Howard Hinnant's algorithm), UTC.
        let y = month < 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 10) % 12  // month is 0-based here
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let seconds = days * 86400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
        return Int64(seconds) * 1000
    }
}
