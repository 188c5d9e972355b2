/// One step of the product pipeline, and the agent that performs it.
///
/// The phases form a graph, not a line: `strategy` feeds `architecture` and `ux`, which may run
/// at the same time, and both feed `code`.
public enum Phase: String, CaseIterable, Sendable, Hashable, Comparable {
    case strategy, architecture, ux, code

    /// The phases whose artifacts this phase consumes.
    public var parents: [Phase] {
        switch self {
        case .strategy: []
        case .architecture, .ux: [.strategy]
        case .code: [.architecture, .ux]
        }
    }

    /// The agent's handle, as users know it.
    public var agent: String {
        switch self {
        case .strategy: "@pm"
        case .architecture: "@architect"
        case .ux: "@ux-design-expert"
        case .code: "@dev"
        }
    }

    /// The MCP tool that runs this phase on its own.
    public var toolName: String {
        switch self {
        case .strategy: "aios_strategize"
        case .architecture: "aios_design_architecture"
        case .ux: "aios_design_ux"
        case .code: "aios_generate_code"
        }
    }

    /// Graph order: a phase sorts after all of its parents.
    public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.index < rhs.index }

    /// The phase at a position in graph order.
    package init(index: Int) {
        switch index {
        case 0: self = .strategy
        case 1: self = .architecture
        case 2: self = .ux
        default: self = .code
        }
    }

    /// The position in graph order, 0 for `strategy`.
    package var index: Int {
        switch self {
        case .strategy: 0
        case .architecture: 1
        case .ux: 2
        case .code: 3
        }
    }
}
