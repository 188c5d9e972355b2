import Foundation
import Testing

/// Choosing the engine per job from the command line, and what a server without a provider says.
@Suite struct EngineCLITests {
    @Test func aJobNamesItsEngineAndAnUnconfiguredOneIsRefused() throws {
        let home = try CLITests.makeHome()
        let refused = try CLITests.aiosctl(["submit", "--spec", "Teachers create quizzes.", "--engine", "openai", "--json"], home: home)
        #expect(refused.status == 2, "\(refused.stdoutText) \(refused.stderrText)")
        #expect(refused.stdoutText.contains("engine \\\"openai\\\" is not configured on this server"), "\(refused.stdoutText)")

        let ran = try CLITests.aiosctl(["run", Products.examples + "/quiz-app.md", "--engine", "builtin", "--no-cache"], home: home)
        #expect(ran.status == 0, "\(ran.stderrText)")
        let jobs = try CLITests.aiosctl(["jobs", "--json"], home: home)
        let list = try JSONSerialization.jsonObject(with: jobs.stdout) as? [[String: Any]] ?? []
        let id = try #require(list.first?["job_id"] as? String ?? list.first?["id"] as? String, "\(jobs.stdoutText)")
        let status = try CLITests.aiosctl(["status", id], home: home)
        #expect(status.stdoutText.contains("engine       builtin"), "\(status.stdoutText)")
    }

    /// The host's analysis through `aiosctl call`: the German brief the builtin analyser refuses
    /// renders from it.
    @Test func aHostAnalysisRendersThroughTheCLI() throws {
        let home = try CLITests.makeHome()
        let directory = Products.examples + "/analyses"
        let spec = try String(contentsOfFile: directory + "/schulweg.md", encoding: .utf8)
        let analysis = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/schulweg.json")))
        let input = String(decoding: try JSONSerialization.data(withJSONObject: ["spec": spec, "analysis": analysis]), as: UTF8.self)
        let result = try CLITests.aiosctl(["call", "aios_design_architecture", "--input", input, "--json"], home: home)
        #expect(result.status == 0, "\(result.stderrText)")
        let object = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        let sql = object?["sql_migration"] as? String ?? ""
        #expect(sql.contains("create table public.bookings") || sql.contains("bookings"), "\(sql.prefix(400))")
    }

    @Test func aWorkerRefusesAnEngineItCannotServe() throws {
        let home = try CLITests.makeHome()
        let result = try runProcess(Products.aiosctl, ["worker"], environment: ["AIOS_HOME": home, "AIOS_ENGINE": "openai"])
        #expect(result.status != 0)
        #expect(result.stderrText.contains("AIOS_LLM_MODEL"), "\(result.stderrText)")
    }
}
