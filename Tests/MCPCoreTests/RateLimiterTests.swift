import Dispatch
import Synchronization
import Testing
@testable import AIOSStore
@testable import MCPCore

/// Sliding-window limits, exact at the boundary (injected clock), shared by separate limiter
/// instances as by separate processes.
@Suite struct RateLimiterTests {
    @Test func theMinuteWindowIsExactAtItsBoundary() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let limiter = RateLimiter(directory: directory.store, clock: clock)
        let limits = RateLimits(perMinute: 5, perDay: 1000)
        for expected in (0..<5).reversed() {
            let decision = try limiter.admit(keyID: "key_a", limits: limits)
            #expect(decision.admitted)
            #expect(decision.windows[0].remaining == expected)
            #expect(decision.windows[0].resetSeconds == 60)
        }
        let refused = try limiter.admit(keyID: "key_a", limits: limits)
        #expect(!refused.admitted)
        #expect(refused.retryAfterMilliseconds == 60_000)
        #expect(refused.retryAfterSeconds == 60)
        clock.advance(by: .milliseconds(59_999))
        let stillRefused = try limiter.admit(keyID: "key_a", limits: limits)
        #expect(!stillRefused.admitted)
        #expect(stillRefused.retryAfterMilliseconds == 1)
        #expect(stillRefused.retryAfterSeconds == 1)
        clock.advance(by: .milliseconds(1))
        // All five calls leave the window together, exactly one minute after they were made.
        for _ in 0..<5 { #expect(try limiter.admit(keyID: "key_a", limits: limits).admitted) }
        #expect(try !limiter.admit(keyID: "key_a", limits: limits).admitted)
        // Refused calls never counted: the day window holds exactly the ten admitted.
        #expect(try limiter.admit(keyID: "key_a", limits: limits).windows[1].remaining == 990)
    }

    @Test func theWindowSlidesCallByCall() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let limiter = RateLimiter(directory: directory.store, clock: clock)
        let limits = RateLimits(perMinute: 3, perDay: 1000)
        for _ in 0..<3 {
            #expect(try limiter.admit(keyID: "key_s", limits: limits).admitted)
            clock.advance(by: .seconds(20))
        }
        // At 60 s the call made at 0 s has just left the window; the one at 20 s has not.
        let fourth = try limiter.admit(keyID: "key_s", limits: limits)
        #expect(fourth.admitted)
        #expect(fourth.windows[0].remaining == 0)
        #expect(fourth.windows[0].resetMilliseconds == 20_000)
        clock.advance(by: .seconds(10))
        let refused = try limiter.admit(keyID: "key_s", limits: limits)
        #expect(!refused.admitted)
        #expect(refused.retryAfterMilliseconds == 10_000)
        clock.advance(by: .seconds(10))
        #expect(try limiter.admit(keyID: "key_s", limits: limits).admitted)
    }

    @Test func theDayWindowIsExactAtItsBoundary() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let limiter = RateLimiter(directory: directory.store, clock: clock)
        let limits = RateLimits(perMinute: 100, perDay: 3)
        for _ in 0..<3 {
            #expect(try limiter.admit(keyID: "key_d", limits: limits).admitted)
            clock.advance(by: .seconds(3600))
        }
        let refused = try limiter.admit(keyID: "key_d", limits: limits)
        #expect(!refused.admitted)
        #expect(refused.retryAfterMilliseconds == 21 * 3_600_000)
        #expect(refused.tightest?.name == "day")
        let quota = try #require(refused.quotaJSON.objectValue)
        #expect(quota["window"] == "day")
        #expect(quota["limit"] == 3)
        #expect(quota["remaining"] == 0)
        #expect(quota["reset"] == .int(21 * 3600))
        #expect(quota["windows"]?["minute"]?["remaining"] == 100)
        clock.advance(by: .milliseconds(21 * 3_600_000 - 1))
        #expect(try !limiter.admit(keyID: "key_d", limits: limits).admitted)
        clock.advance(by: .milliseconds(1))
        #expect(try limiter.admit(keyID: "key_d", limits: limits).admitted)
        #expect(try !limiter.admit(keyID: "key_d", limits: limits).admitted)
    }

    @Test func keysAreLimitedSeparately() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let limiter = RateLimiter(directory: directory.store, clock: ManualJobClock())
        let limits = RateLimits(perMinute: 2, perDay: 10)
        for key in ["key_1", "key_2"] {
            #expect(try limiter.admit(keyID: key, limits: limits).admitted)
            #expect(try limiter.admit(keyID: key, limits: limits).admitted)
            #expect(try !limiter.admit(keyID: key, limits: limits).admitted)
        }
        #expect(StoreFixtures.mode(directory.store + "/ratelimits") == 0o700)
        #expect(StoreFixtures.mode(directory.store + "/ratelimits/key_1-2-10") == 0o600)
    }

    @Test func aClockThatStepsBackDoesNotReopenTheWindow() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let later = ManualJobClock(milliseconds: 1_800_000_000_000)
        let earlier = ManualJobClock(milliseconds: 1_800_000_000_000 - 30_000)
        let limits = RateLimits(perMinute: 2, perDay: 10)
        let ahead = RateLimiter(directory: directory.store, clock: later)
        let behind = RateLimiter(directory: directory.store, clock: earlier)
        #expect(try ahead.admit(keyID: "key_c", limits: limits).admitted)
        #expect(try behind.admit(keyID: "key_c", limits: limits).admitted)
        #expect(try !behind.admit(keyID: "key_c", limits: limits).admitted)
        #expect(try !ahead.admit(keyID: "key_c", limits: limits).admitted)
    }

    /// Many threads on two limiter instances (separate descriptors, locks and mappings, as two
    /// processes have) hammer one key: exactly its limit is admitted in total.
    @Test(arguments: [(7, 1000), (50, 1000), (1000, 40)])
    func concurrentInstancesNeverExceedTheLimit(_ perMinute: Int, _ perDay: Int) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let limiters = [RateLimiter(directory: directory.store, clock: clock), RateLimiter(directory: directory.store, clock: clock)]
        let limits = RateLimits(perMinute: perMinute, perDay: perDay)
        let admitted = Atomic<Int>(0)
        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for _ in 0..<40 {
                do {
                    if try limiters[worker % 2].admit(keyID: "key_h", limits: limits).admitted {
                        admitted.add(1, ordering: .relaxed)
                    }
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(admitted.load(ordering: .relaxed) == min(perMinute, perDay, 320))
    }

    @Test func lastUseIsReadWithoutCounting() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let limiter = RateLimiter(directory: directory.store, clock: clock)
        let limits = RateLimits(perMinute: 2, perDay: 10)
        #expect(try RateLimiter.lastUsed(directory: directory.store, keyID: "key_u", limits: limits) == nil)
        _ = try limiter.admit(keyID: "key_u", limits: limits)
        let at = clock.nowMilliseconds()
        clock.advance(by: .seconds(5))
        for _ in 0..<3 { #expect(try RateLimiter.lastUsed(directory: directory.store, keyID: "key_u", limits: limits) == at) }
        #expect(try limiter.admit(keyID: "key_u", limits: limits).windows[0].remaining == 0)
    }
}
