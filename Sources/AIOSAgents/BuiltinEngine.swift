import AIOSJSON

/// The built-in agent engine: offline, deterministic, milliseconds. It analyses the brief and
/// derives every phase's artifact from that analysis.
///
/// A phase whose parent artifact is not given derives it from the same brief; because the engine
/// is deterministic, that equals what the pipeline's parent phase produced, which keeps `ux` and
/// `architecture` coherent although they run in parallel.
///
/// An engine keeps the analyses of the last few briefs (copies of it share them): the four
/// phases of a pipeline arrive as separate calls carrying the same brief.
///
/// Internal to AIOSAgents: above it the engine is an `any AgentEngine`, made by
/// ``AgentEngines/builtin()`` (the compiler keeps the concrete type here; unit tests reach it
/// with `@testable import AIOSAgents`).
struct BuiltinEngine: AgentEngine {
    private let analyses = BriefAnalysisCache()

    init() {}

    var name: String { "builtin" }

    /// Runs one phase (see ``AgentEngine``). The work is a few milliseconds of computation with
    /// no suspension point, so cancellation is checked before and after it, and the only
    /// progress worth reporting is the start and the end, which the callers report.
    func run(_ phase: Phase, input: JSONObject, progress: AgentProgress) async throws -> JSONObject {
        try Task.checkCancellation()
        let output = try run(phase, input: input)
        try Task.checkCancellation()
        return output
    }

    /// Runs one phase, synchronously.
    ///
    /// - Parameters:
    ///   - phase: The phase to run.
    ///   - input: The tool's arguments object, already validated against
    ///     `AgentSchemas.inputSchema(for:)`.
    /// - Returns: The tool's `structuredContent`, shaped as `AgentSchemas.outputSchema(for:)`.
    /// - Throws: `AIOSError(.invalidInput)` when the brief has no usable content, a parent artifact
    ///   is malformed (the message names its path), or `target_files` is unsafe or matches nothing.
    func run(_ phase: Phase, input: JSONObject) throws(AIOSError) -> JSONObject {
        if let content = try StrategyContent.given(in: input) {
            return try render(phase, input: input, content: content)
        }
        let analysis = try analysis(of: input)
        let reader = ArtifactReader(object: input, path: "")
        return try run(phase, input: input, analysis: analysis, reader: reader, authored: nil)
    }

    /// Renders a phase from strategy content a model wrote (``StrategyContent``, already
    /// checked) instead of the builtin analysis: the same writers, so the same gates hold. The
    /// strategy artifact carries the content as `analysis`, so later phases render from it too.
    package func render(_ phase: Phase, input: JSONObject, content: StrategyContent) throws(AIOSError) -> JSONObject {
        let brief = try Brief(input: input)
        guard brief.spec.contains(where: { !$0.isWhitespace }) else {
            throw AIOSError(.invalidInput, "spec is empty: describe the product, who uses it and what they do", details: ["path": "spec"])
        }
        let reader = ArtifactReader(object: input, path: "")
        var output = try run(phase, input: input, analysis: content.analysis(of: brief), reader: reader, authored: content.authored)
        if phase == .strategy { output["analysis"] = content.json }
        return output
    }

    /// Refuses, at once, a brief the engine cannot read (empty, too long, not English, no actor
    /// or action): the same `AIOSError(.invalidInput)` a phase would throw, before a pipeline
    /// job is queued for it.
    func check(_ input: JSONObject) throws(AIOSError) {
        if try StrategyContent.given(in: input) != nil {
            let brief = try Brief(input: input)
            guard brief.spec.contains(where: { !$0.isWhitespace }) else {
                throw AIOSError(.invalidInput, "spec is empty: describe the product, who uses it and what they do", details: ["path": "spec"])
            }
            try checkUXContent(input)
            return
        }
        _ = try analysis(of: input)
        try checkUXContent(input)
    }

    /// Refuses a `ux_content` that fails its checks, when the requirements and data model it is
    /// checked against can be known without a model (the builtin analysis or given strategy
    /// content); otherwise the UX phase checks it.
    package func checkUXContent(_ input: JSONObject) throws(AIOSError) {
        _ = try UXContent.given(in: input) { () throws(AIOSError) in try uxContext(input, content: try StrategyContent.given(in: input)) }
    }

    private func analysis(of input: JSONObject) throws(AIOSError) -> BriefAnalysis {
        let brief = try Brief(input: input)
        guard brief.spec.contains(where: { !$0.isWhitespace }) else {
            throw AIOSError(.invalidInput, "spec is empty: describe the product, who uses it and what they do", details: ["path": "spec"])
        }
        // Counting Characters walks the whole text; it has no more Characters than UTF-8 bytes.
        guard brief.spec.utf8.count <= 200_000 || brief.spec.count <= 200_000 else {
            throw AIOSError(.invalidInput, "spec is longer than 200000 characters", details: ["path": "spec", "maximum": 200_000])
        }
        return try analyses.analysis(of: brief) { brief throws(AIOSError) in try BriefAnalyzer().analyze(brief) }
    }

    private func run(_ phase: Phase, input: JSONObject, analysis: BriefAnalysis, reader: ArtifactReader, authored: AuthoredStrategy?) throws(AIOSError) -> JSONObject {
        switch phase.pipelinePhase {
        case .strategy:
            return StrategyAgent(analysis: analysis, authored: authored).run()
        case .architecture:
            let requirements = try self.requirements(input, analysis, authored)
            return ArchitectAgent(analysis: analysis, requirements: requirements, stackPreference: try reader.optionalString("stack_preference")).run()
        case .ux:
            let requirements = try self.requirements(input, analysis, authored)
            let architecture = try self.architecture(input, analysis, requirements, preference: nil)
            let style = try self.style(reader, analysis)
            let content = try UXContent.given(in: input) { () throws(AIOSError) in UXContent.Context(requirements: requirements, architecture: architecture) }
            return UXAgent(analysis: analysis, requirements: requirements, architecture: architecture, style: style, content: content).run()
        case .code:
            let strategyJSON = input["requirements"].flatMap { $0.isNull ? nil : $0 } ?? .object(StrategyAgent(analysis: analysis, authored: authored).run())
            let requirements = try RequirementSet(json: strategyJSON, path: "requirements")
            let frameworkName = try reader.optionalString("framework")
            var framework: StackPreset? = nil
            if let frameworkName {
                guard let known = StackPreset(rawValue: frameworkName) else {
                    throw AIOSError(.invalidInput, "framework must be one of \(AgentSchemas.frameworks.joined(separator: ", "))",
                                    details: ["path": "framework", "found": .string(frameworkName), "allowed": .strings(AgentSchemas.frameworks)])
                }
                framework = known
            }
            let architectureJSON: JSONValue
            if let given = input["architecture"], !given.isNull {
                architectureJSON = given
            } else {
                architectureJSON = .object(ArchitectAgent(analysis: analysis, requirements: requirements, stackPreference: framework?.rawValue).run())
            }
            let architecture = try ArchitectureModel(json: architectureJSON, path: "architecture")
            let uxJSON: JSONValue
            if let given = input["ux_spec"], !given.isNull {
                uxJSON = given
            } else {
                uxJSON = .object(UXAgent(analysis: analysis, requirements: requirements, architecture: architecture,
                                         style: StylePreference(text: nil, defaultPreset: defaultStyle(analysis))).run())
            }
            let ux = try UXModel(json: uxJSON, path: "ux_spec", model: architecture.dataModel)
            let targets = try reader.strings("target_files")
            return try DevAgent(analysis: analysis, requirements: requirements, architecture: architecture, ux: ux,
                                framework: framework ?? architecture.preset, targetFiles: targets,
                                review: (strategyJSON.objectValue ?? [:], architectureJSON.objectValue ?? [:], uxJSON.objectValue ?? [:])).run()
        }
    }

    /// What the UX phase's content is checked against (``UXContent/Context``): the requirements
    /// and architecture the phase renders from, given or derived like ``run(_:input:)`` does.
    package func uxContext(_ input: JSONObject, content: StrategyContent?) throws(AIOSError) -> UXContent.Context {
        let analysis: BriefAnalysis
        if let content {
            analysis = content.analysis(of: try Brief(input: input))
        } else {
            analysis = try self.analysis(of: input)
        }
        let requirements = try self.requirements(input, analysis, content?.authored)
        let architecture = try self.architecture(input, analysis, requirements, preference: nil)
        return UXContent.Context(requirements: requirements, architecture: architecture)
    }

    private func requirements(_ input: JSONObject, _ analysis: BriefAnalysis, _ authored: AuthoredStrategy?) throws(AIOSError) -> RequirementSet {
        if let given = input["requirements"], !given.isNull {
            return try RequirementSet(json: given, path: "requirements")
        }
        return try RequirementSet(json: .object(StrategyAgent(analysis: analysis, authored: authored).run()), path: "requirements")
    }

    private func architecture(_ input: JSONObject, _ analysis: BriefAnalysis, _ requirements: RequirementSet, preference: String?) throws(AIOSError) -> ArchitectureModel {
        if let given = input["architecture"], !given.isNull {
            return try ArchitectureModel(json: given, path: "architecture")
        }
        let derived = ArchitectAgent(analysis: analysis, requirements: requirements, stackPreference: preference).run()
        return try ArchitectureModel(json: .object(derived), path: "architecture")
    }

    /// The style asked for: free text, presets recognised in it (see ``StylePreference``).
    private func style(_ reader: ArtifactReader, _ analysis: BriefAnalysis) throws(AIOSError) -> StylePreference {
        let text = try reader.optionalString("style_preference")
        if let text, text.count > 200 {
            throw AIOSError(.invalidInput, "style_preference is longer than 200 characters",
                            details: ["path": "style_preference", "maximum": 200])
        }
        return StylePreference(text: text, defaultPreset: defaultStyle(analysis))
    }

    private func defaultStyle(_ analysis: BriefAnalysis) -> StylePreset {
        analysis.budgetTier == "enterprise" ? .corporate : .minimal
    }
}
