import Foundation
@testable import MCPCore
@testable import AIOSAgents

/// The example briefs shipped in `examples/` and the artifacts the engine makes from them,
/// computed once per test run.
enum EngineFixtures {
    static let examplesDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("examples").path
    }()

    /// Example names (file names without `.md`), sorted; the empty brief excluded.
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0 != "empty-brief.md" }.map { String($0.dropLast(3)) }.sorted()
    }()

    static func brief(_ name: String) throws -> String {
        try String(contentsOfFile: examplesDirectory + "/" + name + ".md", encoding: .utf8)
    }

    /// The four artifacts as the pipeline makes them: strategy first, then architecture and ux
    /// from the strategy only (they run in parallel), then code from both.
    struct Pipeline: Sendable {
        var strategy: JSONObject
        var architecture: JSONObject
        var ux: JSONObject
        var code: JSONObject
    }

    static func runPipeline(_ spec: String) throws -> Pipeline {
        let engine = BuiltinEngine()
        let brief: JSONObject = ["spec": .string(spec)]
        let strategy = try engine.run(.strategy, input: brief)
        var withStrategy = brief
        withStrategy["requirements"] = .object(strategy)
        let architecture = try engine.run(.architecture, input: withStrategy)
        let ux = try engine.run(.ux, input: withStrategy)
        var codeInput = brief
        codeInput["architecture"] = .object(architecture)
        codeInput["ux_spec"] = .object(ux)
        let code = try engine.run(.code, input: codeInput)
        return Pipeline(strategy: strategy, architecture: architecture, ux: ux, code: code)
    }

    private static let cache: [String: Pipeline] = {
        var result: [String: Pipeline] = [:]
        for name in names {
            if let spec = try? brief(name), let pipeline = try? runPipeline(spec) { result[name] = pipeline }
        }
        return result
    }()

    static func pipeline(_ name: String) throws -> Pipeline {
        if let cached = cache[name] { return cached }
        return try runPipeline(brief(name))
    }
}

extension JSONValue {
    /// Member lookup through a path of keys, for terse assertions.
    func at(_ keys: String...) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current
    }

    var strings: [String] { arrayValue?.compactMap(\.stringValue) ?? [] }
}
