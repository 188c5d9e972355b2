import AIOSSystem
import Synchronization

/// A one-way flag that tells a request's work it was cancelled.
///
/// `notifications/cancelled` sets it. The server runs each request's handler inside
/// ``run(_:)``, so that setting the flag also cancels the handler's task: cancellation reaches
/// any `await` that honours task cancellation (the job store, clocks, `Task.checkCancellation()`),
/// not only code that polls ``isCancelled``. ``wait()`` suspends until the flag is set.
public final class CancellationFlag: Sendable {
    /// The task running inside ``run(_:)``. `UnsafeCurrentTask` must not outlive its task: it is
    /// only held while `run` is on the stack, and `run` does not return while ``cancel()`` is
    /// using it (`cancelling`).
    private struct RunningTask: @unchecked Sendable {
        let task: UnsafeCurrentTask
    }

    private struct State {
        var cancelled = false
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var running: RunningTask?
        var cancelling = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Sets the flag, cancels the task inside ``run(_:)`` if any, and wakes every ``wait()``;
    /// later calls do nothing.
    public func cancel() {
        let (waiters, running) = state.withLock { state -> ([CheckedContinuation<Void, Never>], RunningTask?) in
            guard !state.cancelled else { return ([], nil) }
            state.cancelled = true
            state.cancelling = state.running != nil
            defer { state.waiters = [:] }
            return (Array(state.waiters.values), state.running)
        }
        // Outside the lock: cancelling runs the task's cancellation handlers right here, and they
        // may look at this flag.
        if let running {
            running.task.cancel()
            state.withLock { $0.cancelling = false }
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Whether the flag is set.
    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Runs `operation` in the calling task (no child task), which ``cancel()`` cancels while it
    /// runs; a flag already set cancels it at once.
    ///
    /// - Parameter operation: The work; it should honour task cancellation.
    /// - Returns: What `operation` returns.
    public func run<Result: Sendable>(_ operation: () async -> Result) async -> Result {
        let alreadyCancelled = withUnsafeCurrentTask { task -> Bool in
            guard let task else { return false }
            return state.withLock { state in
                if state.cancelled { return true }
                state.running = RunningTask(task: task)
                return false
            }
        }
        if alreadyCancelled { withUnsafeCurrentTask { $0?.cancel() } }
        defer {
            while state.withLock({ state -> Bool in
                if state.cancelling { return true }
                state.running = nil
                return false
            }) {
                sched_yield()
            }
        }
        return await operation()
    }

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
