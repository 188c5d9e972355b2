import Synchronization

/// A one-way flag that tells a request's work it was cancelled.
///
/// `notifications/cancelled` sets it. The server also waits on it (``wait()``) next to the
/// handler, so that setting it cancels the handler's task: cancellation reaches any `await`
/// that honours task cancellation (the job store, clocks, `Task.checkCancellation()`), not only
/// code that polls ``isCancelled``.
public final class CancellationFlag: Sendable {
    private struct State {
        var cancelled = false
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Sets the flag and wakes every ``wait()``; later calls do nothing.
    public func cancel() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.cancelled else { return [] }
            state.cancelled = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Whether the flag is set.
    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Returns once the flag is set, or as soon as the calling task is cancelled.
    public func wait() async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.cancelled || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
