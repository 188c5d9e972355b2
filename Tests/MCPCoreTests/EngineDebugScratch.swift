import Testing
import Foundation
@testable import MCPCore

@Suite struct EngineDebugScratch {
    @Test func dump() throws {
        let dir = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/"))
        for name in ["invoicing", "clinic-booking", "quiz-app", "habit-tracker"] {
            let text = try String(contentsOfFile: "/" + dir + "/examples/\(name).md", encoding: .utf8)
            let engine = BuiltinEngine()
            let start = Date()
            let s = try engine.run(.strategy, input: ["spec": .string(text)])
            let a = try engine.run(.architecture, input: ["spec": .string(text), "requirements": .object(s)])
            let u = try engine.run(.ux, input: ["spec": .string(text), "requirements": .object(s), "architecture": .object(a)])
            let c = try engine.run(.code, input: ["spec": .string(text), "architecture": .object(a), "ux_spec": .object(u)])
            let c2 = try engine.run(.code, input: ["spec": .string(text), "framework": "vite-react-supabase"])
            print("== \(name) \(Date().timeIntervalSince(start))s files=\(c["files"]?.arrayValue?.count ?? 0) vite=\(c2["files"]?.arrayValue?.count ?? 0)")
            for (k, v) in [("s", s), ("a", a), ("u", u), ("c", c), ("v", c2)] {
                try SourceText.prettyJSON(.object(v)).write(toFile: "/tmp/eng-\(name)-\(k).json", atomically: true, encoding: .utf8)
            }
            try (a["sql_migration"]?.stringValue ?? "").write(toFile: "/tmp/eng-\(name).sql", atomically: true, encoding: .utf8)
            try SourceText.prettyJSON(a["openapi"] ?? .null).write(toFile: "/tmp/eng-\(name)-openapi.json", atomically: true, encoding: .utf8)
            for t in c["traceability"]?.arrayValue ?? [] {
                let files = t["files"]?.arrayValue?.count ?? 0
                let eps = t["endpoints"]?.arrayValue?.count ?? 0
                let pages = t["pages"]?.arrayValue?.count ?? 0
                print("  \(t["requirement_id"]?.stringValue ?? "") eps=\(eps) pages=\(pages) files=\(files) :: \(t["description"]?.stringValue ?? "")")
            }
        }
    }
}
