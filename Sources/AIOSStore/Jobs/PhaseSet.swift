/// A set of phases as a bit mask, small enough to keep per job for 100 000 jobs.
package struct PhaseSet: Sendable, Hashable, Sequence {
    var rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue & Self.mask }

    private static let mask = UInt8(1 << Phase.allCases.count) - 1

    package init<S: Sequence>(_ phases: S) where S.Element == Phase {
        rawValue = 0
        for phase in phases { insert(phase) }
    }

    static let all = PhaseSet(rawValue: mask)

    static func bit(_ phase: Phase) -> UInt8 { 1 << UInt8(phase.index) }

    func contains(_ phase: Phase) -> Bool { rawValue & Self.bit(phase) != 0 }
    mutating func insert(_ phase: Phase) { rawValue |= Self.bit(phase) }
    var isEmpty: Bool { rawValue == 0 }
    var count: Int { rawValue.nonzeroBitCount }

    /// The set plus every ancestor of its members: a phase cannot run without its parents' artifacts.
    var closedUnderAncestors: PhaseSet {
        var result = self
        for phase in Phase.allCases.reversed() where result.contains(phase) {
            for parent in phase.parents { result.insert(parent) }
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

extension Phase {
    /// Every phase that consumes this phase's artifact, directly or through others.
    var descendants: PhaseSet {
        var result = PhaseSet(rawValue: 0)
        for phase in Phase.allCases where phase.parents.contains(self) {
            result.insert(phase)
            result.rawValue |= phase.descendants.rawValue
        }
        return result
    }
}
