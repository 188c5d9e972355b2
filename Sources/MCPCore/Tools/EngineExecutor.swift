/// Runs pipeline phases with the builtin engine, off the caller's task's cancellation path.
public enum EngineExecutor {
    /// A phase executor for ``WorkerPool`` backed by `engine`.
    public static func make(engine: BuiltinEngine = BuiltinEngine()) -> PhaseExecutor {
        { phase, input in
            try Task.checkCancellation()
            return try engine.run(phase, input: input)
        }
    }
}
