import Foundation
import Testing

/// A model phase's progress and a model's failure, in a job, through the real `aiosctl` and the
/// scripted provider (issue 17): the streamed answer moves the job's progress_percent during
/// the strategy phase, and answers that never pass the checks end the job failed with the
/// problems and the engine's accounting in `error.details`.
@Suite(.serialized) struct JobProgressProcessTests {
    private static let key = "sk-progress-5d1c9a7e3b2f4a6c8e0d"

    private static func environment(home: String, server: FakeProvider) -> [String: String] {
        ["AIOS_HOME": home, "NO_COLOR": "1", "AIOS_ENGINE": "openai", "AIOS_LLM_BASE_URL": server.baseURL,
         "AIOS_LLM_MODEL": "fake-model", "OPENAI_API_KEY": key]
    }

    private static func lines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func aStreamedStrategyAnswerMovesTheJobsProgressDuringThePhase() async throws {
        let server = try await FakeProvider("openai", key: Self.key)
        let analyses = Products.root.appendingPathComponent("examples/analyses")
        let analysis = try String(contentsOf: analyses.appendingPathComponent("schulweg.json"), encoding: .utf8)
        // About three seconds of stream: 100 characters every 30 ms.
        try await server.script([["answer": analysis, "chunk": 100, "delay": 0.03]])
        let home = try CLITests.makeHome()
        let environment = Self.environment(home: home, server: server)
        let result = try await onThreadOfItsOwn {
            try runProcess(
                Products.aiosctl, ["run", analyses.appendingPathComponent("schulweg.md").path, "--phases", "strategy", "--engine", "openai", "--no-cache", "--json", "--no-input"],
                environment: environment, timeout: 300)
        }
        #expect(result.status == 0, "\(result.stdoutText)\n\(result.stderrText.suffix(3000))")
        let events = Self.lines(result.stdoutText)
        let running = try #require(events.firstIndex { $0["event"] as? String == "phase.running" && $0["phase"] as? String == "strategy" })
        let completed = try #require(events.firstIndex { $0["event"] as? String == "phase.completed" && $0["phase"] as? String == "strategy" })
        let progress = events[running..<completed].filter { $0["event"] as? String == "phase.progress" }
        #expect(!progress.isEmpty, "no phase.progress event between the phase's start and end: \(result.stdoutText)")
        let startPercent = events[running]["progress_percent"] as? Int ?? -1
        let percents = progress.compactMap { $0["progress_percent"] as? Int }
        #expect((percents.max() ?? 0) > startPercent, "progress_percent rose during the strategy phase: \(startPercent) then \(percents)")
        #expect(percents == percents.sorted(), "never backwards: \(percents)")
        // The stream's reports name the model; the engine's last one ("strategy: content checked")
        // is usually dropped by the store's once-a-second throttle, but on a loaded machine the
        // checks take longer than that and it is written too.
        let messages = progress.compactMap { $0["message"] as? String }
        #expect(messages.count == progress.count && messages.allSatisfy { $0.hasPrefix("strategy: ") }, "\(progress)")
        #expect(messages.contains { $0.hasPrefix("strategy: asking fake-model") }, "\(progress)")

        // The journal holds the throttled records the worker wrote.
        let journal = try Data(contentsOf: URL(fileURLWithPath: home + "/journal-0.log"))
        let records = journal.split(separator: UInt8(ascii: "{"), omittingEmptySubsequences: true)
            .filter { String(decoding: $0, as: UTF8.self).hasPrefix(#""type":"phase.progress""#) }
        #expect(!records.isEmpty)
        #expect(records.count < 40, "throttled: \(records.count) progress records for one streamed answer")
        print("job progress during a streamed strategy phase: started at \(startPercent)%, then \(percents); \(records.count) phase.progress records")
    }

    @Test func answersThatNeverPassTheChecksFailTheJobWithTheProblemsInItsDetails() async throws {
        let server = try await FakeProvider("openai", key: Self.key)
        try await server.answers(["strategy_analysis": #"{"personas": []}"#])
        let home = try CLITests.makeHome()
        let environment = Self.environment(home: home, server: server)
        let ran = try await onThreadOfItsOwn {
            try runProcess(
                Products.aiosctl, ["run", "--spec", "A habit tracker for small teams who check in daily", "--product-name", "Habits", "--phases", "strategy",
                                  "--engine", "openai", "--no-cache", "--json", "--no-input"],
                environment: environment, timeout: 300)
        }
        #expect(ran.status == 1, "\(ran.stdoutText)\n\(ran.stderrText.suffix(3000))")
        let ended = try #require(Self.lines(ran.stdoutText).last { $0["event"] as? String == "job.failed" }, "\(ran.stdoutText)")
        let id = try #require(ended["job_id"] as? String)

        let json = try await onThreadOfItsOwn { try runProcess(Products.aiosctl, ["status", id, "--json"], environment: environment) }
        #expect(json.status == 0, "\(json.stderrText)")
        let status = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let error = try #require(status["error"] as? [String: Any], "\(json.stdoutText)")
        #expect(error["code"] as? String == "AGENT_FAILURE")
        let details = try #require(error["details"] as? [String: Any], "\(json.stdoutText)")
        let problems = try #require(details["problems"] as? [[String: Any]], "\(json.stdoutText)")
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0["path"] is String && $0["message"] is String })
        let run = try #require(details["engine_run"] as? [String: Any])
        #expect(run["outcome"] as? String == "invalid_content")
        #expect((run["calls"] as? Int ?? 0) >= 2, "the repairs are counted: \(run)")
        let phase = try #require((status["phases"] as? [String: Any])?["strategy"] as? [String: Any])
        #expect(((phase["error"] as? [String: Any])?["details"] as? [String: Any])?["problems"] != nil)

        let text = try await onThreadOfItsOwn { try runProcess(Products.aiosctl, ["status", id], environment: environment) }
        print(text.stdoutText)
        #expect(text.stdoutText.contains("problems ("), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("engine run: openai fake-model"), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("outcome invalid_content"), "\(text.stdoutText)")
    }
}
