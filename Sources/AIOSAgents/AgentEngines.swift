/// The engines AIOSAgents makes. Their concrete types are internal: everything above this
/// target holds an `any AgentEngine` (docs/architecture.md, "Seams"), which the compiler enforces.
public enum AgentEngines {
    /// The built-in engine: offline, deterministic, milliseconds (a fresh one, with its own cache
    /// of brief analyses; `aios-mcp` shares one between its agent tools and workers through
    /// `EngineSetup`).
    public static func builtin() -> any AgentEngine { BuiltinEngine() }
}
