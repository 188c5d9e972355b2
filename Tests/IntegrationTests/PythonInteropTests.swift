import Foundation
import Testing

/// The official MCP Python SDK driving the real `aios-mcp` (Tests/Interop/mcp_interop.py).
@Suite(.serialized) struct PythonInteropTests {
    @Test("interop scenario", arguments: [
        "connect", "agents", "concurrent", "raw", "pipeline", "progress", "logging", "resources", "prompts", "completion",
        "tasks", "tasks_restart", "cancel", "auth", "host_analysis", "elicitation", "elicitation_state",
    ])
    func scenario(_ name: String) async throws {
        try await Self.run("mcp_interop.py", name)
    }

    /// The same SDK scenarios through `aios-mcp --http` (Streamable HTTP, both eras).
    @Test("interop scenario over Streamable HTTP", arguments: [
        "connect", "agents", "concurrent", "pipeline", "progress", "logging", "resources", "prompts", "completion",
        "elicitation_answered",
    ])
    func httpScenario(_ name: String) async throws {
        try await Self.run("mcp_interop.py", name, "--http")
    }

    /// The HTTP-only scenarios (Tests/Interop/http_interop.py).
    @Test("Streamable HTTP scenario", arguments: [
        "tasks", "cancel", "resume", "sessions", "keys", "origin", "abuse", "modern", "fanout", "nginx",
    ])
    func httpOnly(_ name: String) async throws {
        try await Self.run("http_interop.py", name)
    }

    /// Runs scenario `name` of `Tests/Interop/<script>` against the built `aios-mcp`; it passes
    /// when the script exits 0 having printed `ok <name>`.
    static func run(_ script: String, _ name: String, _ options: String...) async throws {
        let python = Products.python
        try #require(
            FileManager.default.isExecutableFile(atPath: python),
            "no Python with the MCP SDK at \(python): run scripts/test.sh, which installs it")
        let path = Products.root.appendingPathComponent("Tests/Interop/" + script).path
        let arguments = [path, name] + options + ["--server", Products.aiosMCP, "--examples", Products.examples]
        let result = try await onThreadOfItsOwn { try runProcess(python, arguments) }
        let label = ([name] + options).joined(separator: " ")
        #expect(result.status == 0, "\(label) failed:\n\(result.stdoutText)\n\(result.stderrText.suffix(4000))")
        #expect(result.stdoutText.contains("ok \(name)"))
    }
}
