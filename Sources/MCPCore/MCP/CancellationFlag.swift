import Synchronization

/// A one-way flag that a request's work polls to learn it was cancelled.
///
/// `notifications/cancelled` sets it; handlers and engines check it between steps.
public final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)
    public init() {}
    public func cancel() { cancelled.store(true, ordering: .releasing) }
    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }
}
