import Testing
import Foundation
@testable import MCPCore

@Suite struct EngineDebugScratch {
    @Test func dump() throws {
        let dir = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/"))
        for name in ["invoicing", "clinic-booking", "quiz-app", "habit-tracker"] {
            let text = try String(contentsOfFile: "/" + dir + "/examples/\(name).md", encoding: .utf8)
            let a = try BriefAnalyzer().analyze(Brief(input: ["spec": .string(text)]))
            let strategy = StrategyAgent(analysis: a).run()
            let req = try RequirementSet(json: .object(strategy), path: "requirements")
            let arch = ArchitectAgent(analysis: a, requirements: req, stackPreference: nil).run()
            try (arch["sql_migration"]?.stringValue ?? "").write(toFile: "/tmp/eng-\(name).sql", atomically: true, encoding: .utf8)
            try (strategy["prd_markdown"]?.stringValue ?? "").write(toFile: "/tmp/eng-\(name)-prd.md", atomically: true, encoding: .utf8)
            try (arch["architecture_markdown"]?.stringValue ?? "").write(toFile: "/tmp/eng-\(name)-arch.md", atomically: true, encoding: .utf8)
        }
    }
}
