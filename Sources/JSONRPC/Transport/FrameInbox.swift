import Synchronization

/// The inbound side of a transport: frames queued by the transport's reader, taken by one
/// consumer (the server) a batch at a time.
///
/// A reader that frames several messages from one read hands them over together, and the
/// consumer takes everything queued in one step, so a burst of pipelined requests costs one
/// wake-up rather than one per message (an `AsyncStream` also pays generic-metadata lookups on
/// every element).
///
/// The consumer may also set an express lane (``setExpress(_:)``): a frame that arrives alone
/// while the consumer waits with nothing queued is offered to it on the pushing thread, so the
/// consumer's task need not be woken on another thread for it (on an idle VM a wake-up costs
/// tens of µs, more than a cheap request's work).
public final class FrameInbox: Sendable {
    /// Handles one frame on the pushing thread; returns `false`, having done nothing, to have
    /// it delivered through ``next()`` instead.
    public typealias Express = @Sendable (TransportFrame) -> Bool

    private struct State {
        var queued: [TransportFrame] = []
        var finished = false
        var waiter: UnsafeContinuation<[TransportFrame]?, Never>?
        var express: Express?
        /// An express call is running: other frames queue behind it, and the waiting consumer
        /// stays waiting until it is done, so frames are still taken in order.
        var expressRunning = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Sets the express lane; the consumer calls this before it first waits.
    public func setExpress(_ express: @escaping Express) {
        state.withLock { $0.express = express }
    }

    /// Queues frames, in order; ignored after ``finish()``.
    public func push(contentsOf frames: [TransportFrame]) {
        guard !frames.isEmpty else { return }
        enum Action {
            case nothing
            case resume(UnsafeContinuation<[TransportFrame]?, Never>, [TransportFrame]?)
            case express(Express, TransportFrame)
        }
        let action = state.withLock { state -> Action in
            guard !state.finished else { return .nothing }
            if state.waiter != nil, !state.expressRunning, frames.count == 1, let express = state.express {
                state.expressRunning = true
                return .express(express, frames[0])
            }
            // A waiting consumer means nothing is queued: hand the frames straight over.
            if !state.expressRunning, let waiter = state.waiter {
                state.waiter = nil
                return .resume(waiter, frames)
            }
            state.queued.append(contentsOf: frames)
            return .nothing
        }
        switch action {
        case .nothing:
            return
        case .resume(let waiter, let frames):
            waiter.resume(returning: frames)
        case .express(let express, let frame):
            let handled = express(frame)
            let after = state.withLock { state -> Action in
                state.expressRunning = false
                if !handled { state.queued.insert(frame, at: 0) }
                guard let waiter = state.waiter else { return .nothing }
                if !state.queued.isEmpty {
                    state.waiter = nil
                    var taken: [TransportFrame] = []
                    swap(&taken, &state.queued)
                    return .resume(waiter, taken)
                }
                if state.finished {
                    state.waiter = nil
                    return .resume(waiter, nil)
                }
                return .nothing
            }
            if case .resume(let waiter, let frames) = after { waiter.resume(returning: frames) }
        }
    }

    /// Whether the consumer is waiting in ``next()`` (for tests).
    package var consumerIsWaiting: Bool { state.withLock { $0.waiter != nil } }

    /// Queues one frame; ignored after ``finish()``.
    public func push(_ frame: TransportFrame) { push(contentsOf: [frame]) }

    /// Ends the input: frames already queued are still delivered, then ``next()`` returns `nil`.
    public func finish() {
        let waiter = state.withLock { state -> UnsafeContinuation<[TransportFrame]?, Never>? in
            state.finished = true
            // No frame can come any more: drop the lane, which holds the consumer (and, through
            // it, usually the transport that holds this inbox) alive.
            state.express = nil
            // A running express call delivers what is left when it is done.
            guard !state.expressRunning else { return nil }
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
