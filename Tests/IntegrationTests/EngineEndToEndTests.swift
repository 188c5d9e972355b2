import Foundation
import Testing

/// The model-backed engines through the real `aios-mcp`, driven by the official MCP Python SDK,
/// against the scripted provider servers (Tests/Interop/engine_e2e.py says what is checked:
/// pipeline, retries and repair in the job, cache, a wrong key, a worker killed mid-call, no key
/// in any file or log).
@Suite(.serialized) struct EngineEndToEndTests {
    @Test(arguments: ["openai", "anthropic"])
    func thePipelineRunsOnTheModelPath(api: String) async throws {
        let script = Products.root.appendingPathComponent("Tests/Interop/engine_e2e.py").path
        let arguments = [
            script, "--server", Products.aiosMCP, "--aiosctl", Products.aiosctl, "--api", api,
            "--analyses", Products.root.appendingPathComponent("examples/analyses").path,
        ]
        let result = try await onThreadOfItsOwn { try runProcess(Products.python, arguments, timeout: 600) }
        #expect(result.status == 0, "\(result.stdoutText)\n\(result.stderrText.suffix(3000))")
        #expect(result.stdoutText.contains("all \(api) checks passed"), "\(result.stdoutText)")
    }
}
