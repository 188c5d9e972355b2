import Synchronization

/// A clock that only moves when told to, for tests of leases, backoff and timeouts.
///
/// Sleepers wake when `advance(by:)` moves time past their deadline, or with
/// `CancellationError` when their task is cancelled. `waitForSleepers(_:)` lets a test wait
/// until the code under test is parked on the clock, instead of sleeping for real.
public final class ManualJobClock: JobClock {
    private struct Sleeper {
        var id: UInt64
        var deadline: Int64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Int64
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var cancelledBeforeRegistration: Set<UInt64> = []
        var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Mutex<State>

    /// Creates a clock standing at `milliseconds` (Unix time).
    ///
    /// - Parameter milliseconds: The starting time; defaults to 2025-01-01T00:00:00Z.
    public init(milliseconds: Int64 = 1_735_689_600_000) {
        state = Mutex(State(now: milliseconds))
    }

    public func nowMilliseconds() -> Int64 { state.withLock { $0.now } }

    /// How many tasks are currently parked in `sleep(for:)`.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Moves time forward and wakes every sleeper whose deadline has come.
    ///
    /// - Parameter duration: How far to move; negative durations are ignored.
    public func advance(by duration: Duration) {
        let woken: [CheckedContinuation<Void, any Error>] = state.withLock { state in
            state.now += max(0, duration.wholeMilliseconds)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Moves time forward to the earliest sleeper's deadline (if any) and wakes it.
    ///
    /// - Returns: Whether a sleeper was woken.
    @discardableResult
    public func advanceToNextDeadline() -> Bool {
        let step: Int64? = state.withLock { state in
            state.sleepers.map(\.deadline).min().map { max(0, $0 - state.now) }
        }
        guard let step else { return false }
        advance(by: .milliseconds(step))
        return true
    }

    /// Returns once at least `count` tasks are parked in `sleep(for:)`.
    ///
    /// - Parameter count: The number of sleepers to wait for.
    public func waitForSleepers(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.sleepers.count >= count { return true }
                state.watchers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    public func sleep(untilMilliseconds deadline: Int64) async throws {
        try Task.checkCancellation()
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: (resumeNow: Result<Void, any Error>?, watchers: [CheckedContinuation<Void, Never>]) =
                    state.withLock { state in
                        if state.cancelledBeforeRegistration.remove(id) != nil {
                            return (.failure(CancellationError()), [])
                        }
                        if deadline <= state.now { return (.success(()), []) }
                        state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                        let count = state.sleepers.count
                        let ready = state.watchers.filter { $0.count <= count }.map(\.continuation)
                        state.watchers.removeAll { $0.count <= count }
                        return (nil, ready)
                    }
                if let resumeNow = outcome.resumeNow { continuation.resume(with: resumeNow) }
                for watcher in outcome.watchers { watcher.resume() }
            }
        } onCancel: {
            let sleeper: Sleeper? = state.withLock { state in
                if let index = state.sleepers.firstIndex(where: { $0.id == id }) {
                    return state.sleepers.remove(at: index)
                }
                state.cancelledBeforeRegistration.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }
}
