/// The state of each phase of a job, in graph order: one per phase of the store's
/// ``PhaseGraph``.
///
/// Most jobs a store holds at once are queued, every phase pending with nothing recorded: for
/// them nothing is allocated and the record stays small (a store keeps a hundred thousand
/// records in one table). The first change allocates the states, changed in place after.
struct PhaseStates: Sendable, Hashable, RandomAccessCollection, MutableCollection {
    /// `nil` while every phase is `PhaseState()`.
    private var states: [PhaseState]?
    private let phaseCount: UInt8

    /// Every phase of a graph of `count` phases pending.
    init(count: Int) { phaseCount = UInt8(truncatingIfNeeded: count) }

    var startIndex: Int { 0 }
    var endIndex: Int { Int(phaseCount) }

    /// The state of the phase whose `Phase.index` is `position`.
    subscript(position: Int) -> PhaseState {
        get { states?[position] ?? PhaseState() }
        set {
            if states == nil {
                if newValue == PhaseState() { return }
                states = Array(repeating: PhaseState(), count: endIndex)
            }
            states?[position] = newValue
        }
    }

    /// Whether every phase is `PhaseState()` because none was ever changed (a queued job's):
    /// `false` does not mean some phase differs.
    var untouched: Bool { states == nil }

    static func == (lhs: PhaseStates, rhs: PhaseStates) -> Bool { lhs.elementsEqual(rhs) }

    func hash(into hasher: inout Hasher) {
        for state in self { hasher.combine(state) }
    }
}
