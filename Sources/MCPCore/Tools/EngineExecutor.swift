/// Runs pipeline phases with an agent engine.
public enum EngineExecutor {
    /// A phase executor for ``WorkerPool`` backed by `engine`: every job the pool runs uses it.
    public static func make(engine: any AgentEngine = BuiltinEngine()) -> PhaseExecutor {
        { phase, input in
            try Task.checkCancellation()
            return try await engine.run(phase, input: input, progress: .ignored)
        }
    }
}
