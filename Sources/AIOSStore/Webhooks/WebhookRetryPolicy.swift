import AIOSSystem

/// How webhook deliveries are attempted: 3 attempts, 10 s each, exponential backoff with
/// jitter between them, `Retry-After` honoured, 410 Gone final. Defaults follow SPEC §6.
public struct WebhookRetryPolicy: Sendable, Hashable {
    /// Attempts per delivery, the first included.
    public var maxAttempts: Int = 3
    /// Time allowed for one request, connection to response.
    public var timeout: Duration = .seconds(10)
    /// The wait after the first failed attempt is between half of this and all of it; each
    /// later wait doubles (`AIOS_WEBHOOK_BACKOFF`, default 5 s).
    public var backoffBase: Duration = .seconds(5)
    /// The longest backoff wait.
    public var backoffCap: Duration = .seconds(600)
    /// The longest wait a receiver's `Retry-After` may ask for.
    public var retryAfterCap: Duration = .seconds(3600)

    public init() {}

    /// How long a worker holds a delivery for one attempt: name resolution (at most 5 s), the
    /// request's timeout, and a margin for recording the outcome. Another worker takes over a
    /// delivery whose lease lapsed.
    public var leaseDuration: Duration { timeout + .seconds(20) }

    /// The wait before attempt `attempt + 1`: uniformly random between half and all of
    /// `min(cap, base · 2^(attempt-1))` — jittered so receivers recovering from an outage are
    /// not hit by every delivery at once, but never so short that the retry is immediate.
    ///
    /// - Parameters:
    ///   - attempt: The number of the attempt that failed (1 for the first).
    ///   - fraction: A random number in 0...1.
    /// - Returns: Milliseconds.
    public func backoffMilliseconds(afterAttempt attempt: Int, fraction: Double) -> Int64 {
        let base = Double(backoffBase.wholeMilliseconds)
        let ceiling = min(Double(backoffCap.wholeMilliseconds), base * Double(1 << min(max(attempt - 1, 0), 30)))
        return Int64((ceiling / 2 + ceiling / 2 * min(max(fraction, 0), 1)).rounded())
    }

    /// When to try again after a failed attempt, or `nil` to give up.
    ///
    /// - Parameters:
    ///   - attempt: The number of the attempt that failed.
    ///   - now: Unix milliseconds.
    ///   - retryAfterMilliseconds: The wait the receiver asked for with `Retry-After`, if any;
    ///     it replaces a shorter backoff, up to `retryAfterCap`.
    ///   - fraction: A random number in 0...1 for the jitter.
    /// - Returns: Unix milliseconds of the next attempt; `nil` when attempts are exhausted.
    public func nextAttemptAt(afterAttempt attempt: Int, now: Int64, retryAfterMilliseconds: Int64?, fraction: Double) -> Int64? {
        guard attempt < maxAttempts else { return nil }
        var wait = backoffMilliseconds(afterAttempt: attempt, fraction: fraction)
        if let retryAfterMilliseconds { wait = max(wait, min(retryAfterMilliseconds, retryAfterCap.wholeMilliseconds)) }
        return now + wait
    }

    /// Parses a `Retry-After` header: delay-seconds, or an HTTP date (IMF-fixdate, e.g.
    /// `Wed, 21 Oct 2015 07:28:00 GMT`).
    ///
    /// - Parameters:
    ///   - value: The header value.
    ///   - now: Unix milliseconds, to turn a date into a wait.
    /// - Returns: The wait in milliseconds (0 for a date in the past); `nil` when unparseable.
    public static func retryAfterMilliseconds(_ value: String, now: Int64) -> Int64? {
        let text = value.trimmingSpaces()
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let seconds = Int64(text.prefix(12)) else { return nil }
            return seconds * 1000
        }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int32(parts[1]), let month = months.firstIndex(of: String(parts[2])), let year = Int32(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int32(clock[0]), let minute = Int32(clock[1]), let second = Int32(clock[2]) else {
            return nil
        }
        var fields = tm()
        fields.tm_year = year - 1900
        fields.tm_mon = Int32(month)
        fields.tm_mday = day
        fields.tm_hour = hour
        fields.tm_min = minute
        fields.tm_sec = second
        let seconds = timegm(&fields)
        guard seconds != -1 else { return nil }
        return max(0, Int64(seconds) * 1000 - now)
    }
}
