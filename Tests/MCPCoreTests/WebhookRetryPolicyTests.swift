import Testing
@testable import MCPCore

/// Backoff, attempt limits and Retry-After for webhook deliveries.
@Suite struct WebhookRetryPolicyTests {
    @Test(arguments: [(1, 2_500, 5_000), (2, 5_000, 10_000), (3, 10_000, 20_000), (12, 300_000, 600_000)])
    func backoffDoublesWithJitterBetweenHalfAndAllOfTheCeiling(attempt: Int, low: Int64, high: Int64) {
        let policy = WebhookRetryPolicy()
        #expect(policy.backoffMilliseconds(afterAttempt: attempt, fraction: 0) == low)
        #expect(policy.backoffMilliseconds(afterAttempt: attempt, fraction: 1) == high)
        let middle = policy.backoffMilliseconds(afterAttempt: attempt, fraction: 0.5)
        #expect(middle > low && middle < high)
    }

    @Test func defaultsFollowTheSpecification() {
        let policy = WebhookRetryPolicy()
        #expect(policy.maxAttempts == 3)
        #expect(policy.timeout == .seconds(10))
        #expect(policy.leaseDuration > policy.timeout + .seconds(5), "a lease must outlast name resolution and the request")
    }

    @Test func noRetryAfterTheLastAttempt() {
        let policy = WebhookRetryPolicy()
        #expect(policy.nextAttemptAt(afterAttempt: 1, now: 1_000, retryAfterMilliseconds: nil, fraction: 0) == 3_500)
        #expect(policy.nextAttemptAt(afterAttempt: 2, now: 1_000, retryAfterMilliseconds: nil, fraction: 0) == 6_000)
        #expect(policy.nextAttemptAt(afterAttempt: 3, now: 1_000, retryAfterMilliseconds: nil, fraction: 0) == nil)
    }

    @Test func retryAfterReplacesAShorterBackoffUpToItsCap() {
        let policy = WebhookRetryPolicy()
        #expect(policy.nextAttemptAt(afterAttempt: 1, now: 0, retryAfterMilliseconds: 120_000, fraction: 0) == 120_000)
        #expect(policy.nextAttemptAt(afterAttempt: 1, now: 0, retryAfterMilliseconds: 1_000, fraction: 0) == 2_500)
        #expect(policy.nextAttemptAt(afterAttempt: 1, now: 0, retryAfterMilliseconds: 86_400_000, fraction: 0) == 3_600_000)
    }

    @Test(arguments: [
        ("120", Int64(120_000)), (" 5 ", 5_000), ("0", 0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 60_000), ("Wed, 21 Oct 2015 07:26:00 GMT", 0),
    ] as [(String, Int64)])
    func retryAfterHeadersParse(header: String, expected: Int64) {
        // 2015-10-21T07:27:00Z
        let now: Int64 = 1_445_412_420_000
        #expect(WebhookRetryPolicy.retryAfterMilliseconds(header, now: now) == expected)
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "Wed, 21 Oct 2015 07:28:00 PST", "Wed, 32 Foo 2015 07:28:00 GMT"])
    func malformedRetryAfterIsIgnored(header: String) {
        #expect(WebhookRetryPolicy.retryAfterMilliseconds(header, now: 0) == nil)
    }
}
