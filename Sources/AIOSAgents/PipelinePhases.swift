/// The product pipeline's phases, and the agent that performs each.
///
/// The phases form a graph, not a line: `strategy` feeds `architecture` and `ux`, which may run
/// at the same time, and both feed `code`. ``PhaseGraph/pipeline`` is that graph as data, which
/// the product gives the store when it opens one; the store knows phases only as positions in it.
extension PhaseGraph {
    /// The product's four phases in graph order, each with its parents (``PipelinePhase``).
    public static let pipeline = PhaseGraph(
        PipelinePhase.allCases.map { (name: $0.name, parents: $0.parents.map(\.rawValue)) })
}

/// The pipeline's phases as an enum, so that a `switch` over them is exhaustive: the compiler
/// names every switch a fifth phase would have to be added to. ``Phase`` is the store's view (a
/// position in whatever graph it was opened with); the pipeline converts at that seam with
/// ``Phase/pipelinePhase`` and ``phase``. The raw values are the positions in
/// ``PhaseGraph/pipeline``.
public enum PipelinePhase: Int, CaseIterable, Sendable, Hashable {
    case strategy, architecture, ux, code

    /// The phase's position in ``PhaseGraph/pipeline``.
    public var phase: Phase { Phase(index: rawValue) }

    /// The pipeline's phase at `phase`'s position, or `nil` for a position the pipeline lacks.
    public init?(_ phase: Phase) { self.init(rawValue: phase.index) }

    /// The phase's name: in the journal, the tools' arguments and results, artifact URIs.
    var name: String {
        switch self {
        case .strategy: "strategy"
        case .architecture: "architecture"
        case .ux: "ux"
        case .code: "code"
        }
    }

    /// The phases whose artifacts this phase consumes, which come before it.
    var parents: [PipelinePhase] {
        switch self {
        case .strategy: []
        case .architecture, .ux: [.strategy]
        case .code: [.architecture, .ux]
        }
    }
}

extension Phase: CustomStringConvertible {
    public static let strategy = PipelinePhase.strategy.phase
    public static let architecture = PipelinePhase.architecture.phase
    public static let ux = PipelinePhase.ux.phase
    public static let code = PipelinePhase.code.phase

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

    /// The pipeline's phase at this position, for an exhaustive `switch`.
    ///
    /// - Precondition: The phase is one of ``PhaseGraph/pipeline``'s (every phase the product
    ///   handles is: it names them by that graph, and opens its stores with it).
    public var pipelinePhase: PipelinePhase {
        guard let phase = PipelinePhase(self) else { preconditionFailure("phase \(index) is not one of the pipeline's") }
        return phase
    }

    /// The agent's handle, as users know it.
    public var agent: String {
        switch pipelinePhase {
        case .strategy: "@pm"
        case .architecture: "@architect"
        case .ux: "@ux-design-expert"
        case .code: "@dev"
        }
    }

    /// The MCP tool that runs this phase on its own.
    public var toolName: String {
        switch pipelinePhase {
        case .strategy: "aios_strategize"
        case .architecture: "aios_design_architecture"
        case .ux: "aios_design_ux"
        case .code: "aios_generate_code"
        }
    }
}
