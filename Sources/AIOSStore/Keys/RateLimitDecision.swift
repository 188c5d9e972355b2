/// The rate limiter's answer for one call: admitted or not, and the quota left in each window.
public struct RateLimitDecision: Sendable, Hashable {
    /// One sliding window's figures after the decision.
    public struct Window: Sendable, Hashable {
        /// `minute` or `day`.
        public var name: String
        public var limit: Int
        /// Calls still allowed in the window now.
        public var remaining: Int
        /// Milliseconds until the oldest call counted in the window leaves it, so that
        /// `remaining` grows by one; 0 when the window holds no call.
        public var resetMilliseconds: Int64

        public init(name: String, limit: Int, remaining: Int, resetMilliseconds: Int64) {
            self.name = name
            self.limit = limit
            self.remaining = remaining
            self.resetMilliseconds = resetMilliseconds
        }

        /// `reset` in whole seconds, rounded up.
        public var resetSeconds: Int64 { Self.seconds(resetMilliseconds) }

        static func seconds(_ milliseconds: Int64) -> Int64 { (max(0, milliseconds) + 999) / 1000 }

        var json: JSONValue {
            ["limit": .integer(limit), "remaining": .integer(remaining), "reset": .int(resetSeconds)]
        }
    }

    public var admitted: Bool
    /// The minute window, then the day window.
    public var windows: [Window]
    /// When refused: milliseconds until a call would be admitted; 0 when admitted.
    public var retryAfterMilliseconds: Int64

    public init(admitted: Bool, windows: [Window], retryAfterMilliseconds: Int64) {
        self.admitted = admitted
        self.windows = windows
        self.retryAfterMilliseconds = retryAfterMilliseconds
    }

    /// `retry_after_seconds` of a `RATE_LIMITED` error: whole seconds, rounded up, at least 1.
    public var retryAfterSeconds: Int64 { max(1, Window.seconds(retryAfterMilliseconds)) }

    /// The window closest to exhaustion (fewest calls left; the later reset on a tie): the one
    /// a client should pace itself by.
    public var tightest: Window? {
        windows.min { a, b in a.remaining != b.remaining ? a.remaining < b.remaining : a.resetMilliseconds > b.resetMilliseconds }
    }

    /// The quota as a tool result's `_meta["aios/quota"]` carries it, shaped like the HTTP
    /// `RateLimit` header fields: `limit`, `remaining` and `reset` (seconds) of the tightest
    /// window, its name, and every window.
    public var quotaJSON: JSONValue {
        var object: JSONObject = [:]
        if let tightest {
            object["limit"] = .integer(tightest.limit)
            object["remaining"] = .integer(tightest.remaining)
            object["reset"] = .int(tightest.resetSeconds)
            object["window"] = .string(tightest.name)
        }
        object["windows"] = .object(JSONObject(windows.map { ($0.name, $0.json) }))
        return .object(object)
    }
}
