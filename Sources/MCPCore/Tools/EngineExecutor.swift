/// Runs pipeline phases with an agent engine.
public enum EngineExecutor {
    /// A phase executor for ``WorkerPool`` backed by `engine`: every job the pool runs uses it.
    public static func make(engine: any AgentEngine = BuiltinEngine()) -> PhaseExecutor {
        { phase, input in
            try Task.checkCancellation()
            // Answers to the product manager's questions join the brief for every phase; the
            // strategy artifact records them and the assumptions made instead.
            if phase == .strategy { return try await AgentTools.run(engine: engine, input: input) }
            return try await engine.run(phase, input: try ClarifyingQuestions.engineInput(input), progress: .ignored)
        }
    }
}
