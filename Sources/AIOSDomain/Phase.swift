/// One phase of a ``PhaseGraph``: its position in graph order, nothing more.
///
/// What a phase is called, what it consumes and which agent performs it belong to the graph
/// and to the pipeline that defines it (AIOSAgents names the product's four phases as
/// `Phase.strategy` … `Phase.code` and supplies ``PhaseGraph/pipeline``). The store keeps
/// phases as these positions and reads their names and parents off the graph it was given.
public struct Phase: Sendable, Hashable, Comparable {
    private let position: UInt8

    /// The phase at `index` in graph order.
    ///
    /// - Precondition: `index` is below ``PhaseGraph/maxCount``.
    public init(index: Int) {
        precondition(index >= 0 && index < PhaseGraph.maxCount, "a phase index is 0..<\(PhaseGraph.maxCount), not \(index)")
        position = UInt8(truncatingIfNeeded: index)
    }

    /// The position in graph order, 0 for the first phase.
    public var index: Int { Int(position) }

    /// Graph order: a phase sorts after all of its parents.
    public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.position < rhs.position }
}
