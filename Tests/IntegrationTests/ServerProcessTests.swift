import Foundation
import Testing

/// `aios-mcp` as a process: how it ends, and what it never does to stdout.
@Suite struct ServerProcessTests {
    @Test func aVanishedClientDoesNotKillTheServer() throws {
        let home = try CLITests.makeHome()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Products.aiosMCP)
        process.environment = ProcessInfo.processInfo.environment.merging(["AIOS_HOME": home, "AIOS_LOG_LEVEL": "error"]) { $1 }
        let input = ChildPipe(), output = ChildPipe()
        process.standardError = FileHandle.nullDevice
        try process.run(stdin: input, stdout: output)
        try output.fileHandleForReading.close()  // the client is gone: every write gets EPIPE
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"ping"}"#,
        ]
        try input.fileHandleForWriting.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        #expect(process.waitForTermination() == Termination(status: 0, bySignal: false), "killed by a signal (SIGPIPE?)")
    }

    @Test func sigtermShutsDownCleanly() throws {
        let home = try CLITests.makeHome()
        let server = try MCPProcess(environment: ["AIOS_HOME": home])
        let response = try server.request(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)
        #expect(response["id"] as? Int == 1)
        server.process.terminate()
        #expect(server.process.waitForTermination() == Termination(status: 0, bySignal: false))
    }

    @Test func aBadEnvironmentSettingIsAClearErrorOnStderr() throws {
        let result = try runProcess(Products.aiosMCP, [], stdin: Data(), environment: ["AIOS_WORKERS": "many"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "nothing but protocol frames on stdout")
        #expect(result.stderrText.contains("AIOS_WORKERS"))
    }
}
