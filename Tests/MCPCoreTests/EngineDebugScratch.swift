import Testing
import Foundation
@testable import MCPCore

@Suite struct EngineDebugScratch {
    @Test func dump() throws {
        for phase in Phase.allCases {
            try SourceText.prettyJSON(AgentSchemas.outputSchema(for: phase)).write(toFile: "/tmp/eng-schema-out-\(phase.rawValue).json", atomically: true, encoding: .utf8)
            try SourceText.prettyJSON(AgentSchemas.inputSchema(for: phase)).write(toFile: "/tmp/eng-schema-in-\(phase.rawValue).json", atomically: true, encoding: .utf8)
        }
        let dir = "/" + String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/")) + "/examples"
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where file != "empty-brief.md" {
            let name = String(file.dropLast(3))
            let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            let engine = BuiltinEngine()
            let s = try engine.run(.strategy, input: ["spec": .string(text)])
            let a = try engine.run(.architecture, input: ["spec": .string(text), "requirements": .object(s)])
            let u = try engine.run(.ux, input: ["spec": .string(text), "requirements": .object(s), "architecture": .object(a)])
            let c = try engine.run(.code, input: ["spec": .string(text), "architecture": .object(a), "ux_spec": .object(u)])
            let c2 = try engine.run(.code, input: ["spec": .string(text), "framework": "vite-react-supabase"])
            for (k, v) in [("s", s), ("a", a), ("u", u), ("c", c), ("v", c2)] {
                try SourceText.prettyJSON(.object(v)).write(toFile: "/tmp/eng-\(name)-\(k).json", atomically: true, encoding: .utf8)
            }
            try (a["sql_migration"]?.stringValue ?? "").write(toFile: "/tmp/eng-\(name).sql", atomically: true, encoding: .utf8)
            try SourceText.prettyJSON(a["openapi"] ?? .null).write(toFile: "/tmp/eng-\(name)-openapi.json", atomically: true, encoding: .utf8)
            for t in c["traceability"]?.arrayValue ?? [] where (t["files"]?.arrayValue ?? []).isEmpty || ((t["endpoints"]?.arrayValue ?? []).isEmpty && (t["pages"]?.arrayValue ?? []).isEmpty) {
                print("UNTRACED \(name) \(t["requirement_id"]?.stringValue ?? "")")
            }
        }
    }
}
