import Synchronization

/// The inbound side of a transport: frames queued by the transport's reader, taken by one
/// consumer (the server) a batch at a time.
///
/// A reader that frames several messages from one read hands them over together, and the
/// consumer takes everything queued in one step, so a burst of pipelined requests costs one
/// wake-up rather than one per message (an `AsyncStream` also pays generic-metadata lookups on
/// every element).
public final class FrameInbox: Sendable {
    private struct State {
        var queued: [TransportFrame] = []
        var finished = false
        var waiter: UnsafeContinuation<[TransportFrame]?, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Queues frames, in order; ignored after ``finish()``.
    public func push(contentsOf frames: [TransportFrame]) {
        guard !frames.isEmpty else { return }
        let waiter = state.withLock { state -> UnsafeContinuation<[TransportFrame]?, Never>? in
            guard !state.finished else { return nil }
            // A waiting consumer means nothing is queued: hand the frames straight over.
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.queued.append(contentsOf: frames)
            return nil
        }
        waiter?.resume(returning: frames)
    }

    /// Queues one frame; ignored after ``finish()``.
    public func push(_ frame: TransportFrame) { push(contentsOf: [frame]) }

    /// Ends the input: frames already queued are still delivered, then ``next()`` returns `nil`.
    public func finish() {
        let waiter = state.withLock { state -> UnsafeContinuation<[TransportFrame]?, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Every frame queued so far, in order, waiting for at least one; `nil` once the input has
    /// ended and everything was taken, or when the calling task is cancelled.
    ///
    /// One consumer at a time.
    public func next() async -> [TransportFrame]? {
        await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<[TransportFrame]?, Never>) in
                let ready = state.withLock { state -> [TransportFrame]?? in
                    if !state.queued.isEmpty {
                        var taken: [TransportFrame] = []
                        swap(&taken, &state.queued)
                        return .some(taken)
                    }
                    if state.finished || Task.isCancelled { return .some(nil) }
                    precondition(state.waiter == nil, "FrameInbox has one consumer")
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> UnsafeContinuation<[TransportFrame]?, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
