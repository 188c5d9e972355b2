/// The product pipeline's phases, and the agent that performs each.
///
/// The phases form a graph, not a line: `strategy` feeds `architecture` and `ux`, which may run
/// at the same time, and both feed `code`. ``PhaseGraph/pipeline`` is that graph as data, which
/// the product gives the store when it opens one; the store knows phases only as positions in it.
extension PhaseGraph {
    /// The product's four phases in graph order, each with its parents.
    public static let pipeline = PhaseGraph([
        (name: "strategy", parents: []),
        (name: "architecture", parents: [0]),
        (name: "ux", parents: [0]),
        (name: "code", parents: [1, 2]),
    ])
}

extension Phase: CustomStringConvertible {
    public static let strategy = Phase(index: 0)
    public static let architecture = Phase(index: 1)
    public static let ux = Phase(index: 2)
    public static let code = Phase(index: 3)

    /// The pipeline's phases in graph order.
    public static let allCases: [Phase] = PhaseGraph.pipeline.phases

    /// The pipeline's phase called `rawValue`, or `nil`.
    public init?(rawValue: String) {
        guard let phase = PhaseGraph.pipeline.phase(named: rawValue) else { return nil }
        self = phase
    }

    /// The phase's name in the pipeline (`strategy`).
    public var rawValue: String { PhaseGraph.pipeline.name(of: self) }

    public var description: String { rawValue }

    /// The phases whose artifacts this phase consumes.
    public var parents: [Phase] { PhaseGraph.pipeline.parents(of: self) }

    /// The agent's handle, as users know it.
    public var agent: String {
        switch self {
        case .strategy: "@pm"
        case .architecture: "@architect"
        case .ux: "@ux-design-expert"
        default: "@dev"
        }
    }

    /// The MCP tool that runs this phase on its own.
    public var toolName: String {
        switch self {
        case .strategy: "aios_strategize"
        case .architecture: "aios_design_architecture"
        case .ux: "aios_design_ux"
        default: "aios_generate_code"
        }
    }
}
