import Testing
import Foundation
@testable import MCPCore

@Suite struct EngineDebugScratch {
    @Test func dump() throws {
        let dir = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/"))
        for name in ["invoicing", "clinic-booking", "quiz-app", "habit-tracker"] {
            let text = try String(contentsOfFile: "/" + dir + "/examples/\(name).md", encoding: .utf8)
            let a = try BriefAnalyzer().analyze(Brief(input: ["spec": .string(text)]))
            print("=== \(name): \(a.productName) tier=\(a.budgetTier)")
            print("actors:", a.actors.map { "\($0.term.snake)\($0.isRole ? "(role)" : "")\($0.isEntity ? "(E)" : "")" })
            for e in a.entities { print("  entity \(e.term.snake) parents=\(e.parents.map(\.snake)) fields=\(e.fields) search=\(e.searchable)") }
            for f in a.features { print("  [\(f.kind) \(f.priority)] \(f.actor.snake) \(f.verbs) \(f.objects.map(\.snake)) '\(f.objectPhrase)' :: \(f.statement)") }
            print("integrations:", a.integrations.map { "\($0.kind):\($0.provider)\($0.named)" })
            print("qualities:", a.qualities.map { "\($0.kind)\($0.level)" }, "scale:", a.scale, "constraints:", a.constraints)
        }
    }
}
