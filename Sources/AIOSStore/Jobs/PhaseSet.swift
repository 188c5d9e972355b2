/// A set of phases as a bit mask over their positions in a ``PhaseGraph``, small enough to keep
/// per job for 100 000 jobs.
package struct PhaseSet: Sendable, Hashable, Sequence {
    var rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    package init<S: Sequence>(_ phases: S) where S.Element == Phase {
        rawValue = 0
        for phase in phases { insert(phase) }
    }

    static func bit(_ phase: Phase) -> UInt8 { 1 << UInt8(truncatingIfNeeded: phase.index) }

    func contains(_ phase: Phase) -> Bool { rawValue & Self.bit(phase) != 0 }
    mutating func insert(_ phase: Phase) { rawValue |= Self.bit(phase) }
    var isEmpty: Bool { rawValue == 0 }
    var count: Int { rawValue.nonzeroBitCount }

    /// The set plus every ancestor of its members in `graph`: a phase cannot run without its
    /// parents' artifacts.
    func closedUnderAncestors(in graph: PhaseGraph) -> PhaseSet {
        var result = self
        for index in (0..<graph.count).reversed() where result.contains(Phase(index: index)) {
            result.rawValue |= graph.parentMask(of: Phase(index: index))
        }
        return result
    }

    package func makeIterator() -> Iterator { Iterator(remaining: rawValue) }

    /// The members in graph order, read off the bits (no array is built).
    package struct Iterator: IteratorProtocol {
        var remaining: UInt8

        package mutating func next() -> Phase? {
            guard remaining != 0 else { return nil }
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return Phase(index: index)
        }
    }
}

extension PhaseGraph {
    /// Every phase of the graph.
    var all: PhaseSet { PhaseSet(rawValue: allMask) }

    /// The members of a set read from a file that belong to this graph (other bits are dropped).
    func phases(rawValue: UInt8) -> PhaseSet { PhaseSet(rawValue: rawValue & allMask) }

    /// Whether every parent of `phase` is in `set`.
    func parents(of phase: Phase, allIn set: PhaseSet) -> Bool {
        let parents = parentMask(of: phase)
        return set.rawValue & parents == parents
    }
}
