import AIOSJSON
import Synchronization

/// Sends `notifications/progress` for one request, following the rules of the protocol.
///
/// Reports are dropped unless the client gave a `progressToken`; a report whose `progress` is
/// not greater than the last one sent is dropped (progress strictly increases); reports closer
/// together than the minimum interval are dropped, except the one that reaches `total`, which is
/// always sent; and nothing is sent once the request's response is on its way (the notifier is
/// closed first).
public final class ProgressReporter: Sendable {
    private struct State {
        var lastProgress: Double?
        var lastSent: ContinuousClock.Instant?
    }

    /// The client's token, or `nil` when it asked for no progress.
    public let token: JSONValue?
    private let minimumInterval: Duration
    private let notifier: RequestNotifier
    private let state = Mutex(State())

    /// - Parameters:
    ///   - token: The request's `_meta.progressToken`; `nil` makes every report a no-op.
    ///   - minimumInterval: The shortest gap between two notifications (the final one excepted).
    ///   - notifier: The request's notification channel.
    public init(token: JSONValue?, minimumInterval: Duration, notifier: RequestNotifier) {
        switch token {
        case .string?, .int?: self.token = token
        default: self.token = nil
        }
        self.minimumInterval = minimumInterval
        self.notifier = notifier
    }

    /// Whether the client asked for progress.
    public var isEnabled: Bool { token != nil }

    /// Reports progress.
    ///
    /// - Parameters:
    ///   - progress: Work done so far; must exceed the last reported value to be sent.
    ///   - total: The total, when known.
    ///   - message: A sentence for people about the current step.
    /// - Returns: Whether a notification was queued.
    @discardableResult
    public func report(_ progress: Double, total: Double? = nil, message: String? = nil) -> Bool {
        guard let token else { return false }
        let now = ContinuousClock.now
        let isFinal = total.map { progress >= $0 } ?? false
        return state.withLock { state -> Bool in
            if let last = state.lastProgress, progress <= last { return false }
            if !isFinal, let lastSent = state.lastSent, now - lastSent < minimumInterval { return false }
            var params: JSONObject = ["progressToken": token, "progress": Self.number(progress)]
            if let total { params["total"] = Self.number(total) }
            if let message { params["message"] = .string(message) }
            // Queued under our lock, so two reports can never overtake each other on the wire.
            guard notifier.notify("notifications/progress", params) else { return false }
            state.lastProgress = progress
            state.lastSent = now
            return true
        }
    }

    private static func number(_ value: Double) -> JSONValue {
        if value == value.rounded(), abs(value) < 9e15 { return .int(Int64(value)) }
        return .double(value)
    }
}
