import Synchronization

/// Requests the server started from its inbox's express lane (on the transport's reader
/// thread), outside its task group: counted so that the end of input waits for them as for the
/// group's requests, and cancelled like them when the shutdown grace runs out.
package final class ExpressRequests: Sendable {
    private struct State {
        var nextID = 0
        /// Running requests; the task is known once `start` has it (an immediate task may
        /// finish before that).
        var running: [Int: Task<Void, Never>?] = [:]
        var cancelled = false
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Starts `operation`: at once on this thread until it first suspends when `immediately`,
    /// else on the global pool.
    package func start(immediately: Bool, _ operation: @escaping @Sendable () async -> Void) {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            state.running[state.nextID] = .some(nil)
            return state.nextID
        }
        let body: @Sendable () async -> Void = { [self] in
            await operation()
            finished(id)
        }
        let task = immediately ? Task.immediate(operation: body) : Task(operation: body)
        let cancelNow = state.withLock { state -> Bool in
            guard state.running[id] != nil else { return false }
            state.running[id] = task
            return state.cancelled
        }
        if cancelNow { task.cancel() }
    }

    private func finished(_ id: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running[id] = nil
            guard state.running.isEmpty else { return [] }
            defer { state.drainWaiters = [] }
            return state.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no request is running; cancelling the caller cancels them all (as the task
    /// group's requests are cancelled), and it still waits for them to end.
    package func drained() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let done = state.withLock { state -> Bool in
                    if state.running.isEmpty { return true }
                    state.drainWaiters.append(continuation)
                    return false
                }
                if done { continuation.resume() }
            }
        } onCancel: {
            let tasks = state.withLock { state -> [Task<Void, Never>] in
                state.cancelled = true
                return state.running.values.compactMap { $0 }
            }
            for task in tasks { task.cancel() }
        }
    }
}
