/// Runs one phase: given the job's request plus its ancestors' artifacts, returns the phase's
/// artifact. Must return promptly when its task is cancelled (timeouts and cancel rely on it).
///
/// The input is the job's request object plus, for each finished ancestor, its artifact under
/// `requirements` (the strategy output), `architecture` (the architecture output) and `ux_spec`
/// (the ux output's `ux_spec` member).
public typealias PhaseExecutor = @Sendable (_ phase: Phase, _ input: JSONObject) async throws -> JSONObject
