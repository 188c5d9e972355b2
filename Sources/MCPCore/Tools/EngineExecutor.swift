/// Runs pipeline phases with an agent engine.
public enum EngineExecutor {
    /// A phase executor for ``WorkerPool`` backed by `engine`: every job the pool runs uses it.
    public static func make(engine: any AgentEngine = AgentEngines.builtin()) -> PhaseExecutor {
        { phase, input in
            try Task.checkCancellation()
            // Answers to the product manager's questions join the brief for every phase; the
            // strategy artifact records them and the assumptions made instead.
            // Inside a job, the runner records what the engine reports as the phase's progress.
            let progress = PhaseProgressWriter.current ?? .ignored
            if phase == .strategy { return try await AgentTools.run(engine: engine, input: input, progress: progress) }
            return try await engine.run(phase, input: try ClarifyingQuestions.engineInput(input), progress: progress)
        }
    }
}
