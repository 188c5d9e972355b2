/// The state of each phase of a job, in graph order: held inline in its `JobRecord` rather than
/// in an array, so that a record of the store's hundred thousand jobs is one value to decode,
/// copy and change, not a record plus a separately allocated (and copied-on-write) array.
struct PhaseStates: Sendable, Hashable, RandomAccessCollection, MutableCollection {
    private var strategy = PhaseState()
    private var architecture = PhaseState()
    private var ux = PhaseState()
    private var code = PhaseState()

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { 4 }

    /// The state of the phase whose `Phase.index` is `position`.
    subscript(position: Int) -> PhaseState {
        get {
            switch position {
            case 0: strategy
            case 1: architecture
            case 2: ux
            default: code
            }
        }
        set {
            switch position {
            case 0: strategy = newValue
            case 1: architecture = newValue
            case 2: ux = newValue
            default: code = newValue
            }
        }
    }
}
