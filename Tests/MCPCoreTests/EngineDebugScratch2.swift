import Testing
import Foundation
@testable import MCPCore

@Suite struct EngineDebugScratch2 {
    @Test func analyses() throws {
        let dir = "/" + String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/")) + "/examples"
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
            let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            do {
                let a = try BriefAnalyzer().analyze(Brief(input: ["spec": .string(text)]))
                print("=== \(file): \(a.productName) tier=\(a.budgetTier) tenant=\(a.tenant?.snake ?? "-")")
                print("actors:", a.actors.map { "\($0.term.snake)\($0.isRole ? "(role)" : "")\($0.isEntity ? "(E)" : "")" })
                print("entities:", a.entities.map { "\($0.term.snake)<\($0.parents.map(\.snake).joined(separator: ","))>" })
                for f in a.features { print("  [\(f.kind) \(f.priority)] \(f.actor.snake) \(f.verbs) \(f.objects.map(\.snake)) :: \(f.statement)") }
                print("integrations:", a.integrations.map(\.kind), "qualities:", a.qualities.map { $0.kind + $0.level }, "scale:", a.scale, "constraints:", a.constraints.count)
            } catch {
                print("=== \(file): ERROR \(error)")
            }
        }
    }
}
