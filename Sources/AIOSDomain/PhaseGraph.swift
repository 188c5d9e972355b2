/// The phases of a pipeline as data: their names in graph order, each with its parents.
///
/// The pipeline owns its graph (AIOSAgents defines the product's as ``PhaseGraph/pipeline``)
/// and gives it to the store when it opens one; the store keeps phases by position in it
/// (a set of phases is one byte, so a graph has at most ``maxCount`` phases) and names them
/// from it in the journal, snapshots, status and webhook payloads.
public struct PhaseGraph: Sendable, Hashable {
    /// The most phases a graph holds: a set of them is a `UInt8` bit mask.
    public static let maxCount = 8

    /// The phases' names in graph order.
    public let names: [String]
    /// Per phase, its parents as a bit mask over positions.
    private let parentMasks: [UInt8]
    /// The names as UTF-8, for decoders that compare bytes.
    public let nameBytes: [[UInt8]]

    /// A graph from its phases in graph order.
    ///
    /// - Parameter phases: Each phase's name and the positions of its parents; a parent comes
    ///   before its child.
    /// - Precondition: 1 to ``maxCount`` phases, names unique and non-empty, parents earlier.
    public init(_ phases: [(name: String, parents: [Int])]) {
        precondition(!phases.isEmpty && phases.count <= Self.maxCount, "a phase graph has 1 to \(Self.maxCount) phases")
        precondition(Set(phases.map(\.name)).count == phases.count, "phase names are unique")
        var masks: [UInt8] = []
        for (index, phase) in phases.enumerated() {
            precondition(!phase.name.isEmpty, "a phase has a name")
            var mask: UInt8 = 0
            for parent in phase.parents {
                precondition(parent >= 0 && parent < index, "phase \(phase.name)'s parents come before it")
                mask |= 1 << UInt8(parent)
            }
            masks.append(mask)
        }
        names = phases.map(\.name)
        parentMasks = masks
        nameBytes = names.map { Array($0.utf8) }
    }

    /// How many phases the graph has.
    public var count: Int { names.count }

    /// Every phase, in graph order.
    public var phases: [Phase] { (0..<count).map(Phase.init(index:)) }

    /// Whether `phase` is one of this graph's.
    public func contains(_ phase: Phase) -> Bool { phase.index < count }

    /// The phase's name (`strategy`); `phase<index>` for a phase the graph does not have, so
    /// that a message about a stray phase can still name it.
    public func name(of phase: Phase) -> String { contains(phase) ? names[phase.index] : "phase\(phase.index)" }

    /// The phase called `name`, or `nil` when the graph has none.
    public func phase(named name: String) -> Phase? { names.firstIndex(of: name).map(Phase.init(index:)) }

    /// The phases whose artifacts `phase` consumes, in graph order.
    public func parents(of phase: Phase) -> [Phase] {
        (0..<count).filter { parentMask(of: phase) & (1 << UInt8($0)) != 0 }.map(Phase.init(index:))
    }

    /// The parents of `phase` as a bit mask over positions.
    public func parentMask(of phase: Phase) -> UInt8 { parentMasks[phase.index] }

    /// Every phase as a bit mask over positions.
    public var allMask: UInt8 { UInt8(truncatingIfNeeded: (1 << count) - 1) }

    public static func == (lhs: PhaseGraph, rhs: PhaseGraph) -> Bool {
        lhs.names == rhs.names && lhs.parentMasks == rhs.parentMasks
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(names)
        hasher.combine(parentMasks)
    }
}
