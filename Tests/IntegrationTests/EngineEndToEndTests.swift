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

    /// The acceptance checks the builtin engine passes (OpenAPI validator, SQL applied to a real
    /// PostgreSQL with RLS, WCAG contrast, traceability, TypeScript, Chromium) on artifacts the
    /// model path rendered: a German brief the builtin engine refuses, read by the "model", whose
    /// pages, copy and flows the "model" wrote too.
    @Test func theModelPathPassesTheAcceptanceChecks() async throws {
        let key = "sk-acceptance-7c1e5a9b3d2f4e6a8b0c"
        let server = try await FakeProvider("openai", key: key)
        let analyses = Products.root.appendingPathComponent("examples/analyses")
        let analysis = try String(contentsOf: analyses.appendingPathComponent("schulweg.json"), encoding: .utf8)
        let uxContent = try String(contentsOf: analyses.appendingPathComponent("schulweg.ux.json"), encoding: .utf8)
        try await server.answers(["strategy_analysis": analysis, "ux_content": uxContent])
        let script = Products.root.appendingPathComponent("Tests/Acceptance/engine_acceptance.py").path
        let arguments = [script, "--aiosctl", Products.aiosctl, "--server", Products.aiosMCP, "--examples", analyses.path, "schulweg.md"]
        let environment = ["AIOS_ENGINE": "openai", "AIOS_LLM_BASE_URL": server.baseURL, "AIOS_LLM_MODEL": "fake-model", "OPENAI_API_KEY": key]
        let result = try await onThreadOfItsOwn { try runProcess(Products.python, arguments, environment: environment, timeout: 900) }
        #expect(result.status == 0, "\(result.stdoutText)\n\(result.stderrText.suffix(3000))")
        #expect(result.stdoutText.contains("4 of 4 verdicts ok"), "\(result.stdoutText)")
        let log = try await server.log()
        #expect(log.count >= 2, "the strategy and UX content came from the provider")
        #expect(log.contains { "\($0["body"] ?? "")".contains("ux_content") }, "the UX phase asked the provider")
    }
}
