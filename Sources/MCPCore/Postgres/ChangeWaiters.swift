import Synchronization

/// Tasks waiting for a `NOTIFY`: each waits for the notification count to pass the value it
/// read before looking at the database, so a notification that arrives in between is not missed.
final class ChangeWaiters: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiting: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextTicket: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Notifications seen so far.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Wakes every waiter.
    func notifyAll() {
        let woken = state.withLock { state in
            state.generation &+= 1
            let all = Array(state.waiting.values)
            state.waiting.removeAll()
            return all
        }
        for waiter in woken { waiter.resume() }
    }

    /// A ticket for ``wait(ticket:after:)`` and ``cancel(ticket:)``.
    func ticket() -> UInt64 { state.withLock { state in state.nextTicket &+= 1; return state.nextTicket } }

    /// Returns after a notification newer than `generation`, or at `deadline` on `clock`
    /// (the polling fallback), whichever comes first.
    func wait(after generation: UInt64, until deadline: Int64, clock: any JobClock) async {
        let ticket = ticket()
        let timer = Mutex<Task<Void, Never>?>(nil)
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.generation != generation { return true }
                state.waiting[ticket] = continuation
                return false
            }
            if now { return continuation.resume() }
            // Started only once the wait is registered, so its cancel always finds it (or finds
            // it already woken by a notification).
            let task = Task { [self] in
                try? await clock.sleep(untilMilliseconds: deadline)
                cancel(ticket: ticket)
            }
            timer.withLock { $0 = task }
        }
        timer.withLock { $0 }?.cancel()
    }

    /// Ends the wait of `ticket`, if it is still waiting.
    func cancel(ticket: UInt64) {
        state.withLock { $0.waiting.removeValue(forKey: ticket) }?.resume()
    }
}
