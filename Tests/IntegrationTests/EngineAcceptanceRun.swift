import Foundation
import Testing

/// One run of Tests/Acceptance/engine_acceptance.py over every example brief, shared by the cases
/// of `EngineAcceptanceTests`: one PostgreSQL server and one pass over the briefs per test run.
struct EngineAcceptanceRun: Sendable {
    /// One example's verdict: whether every check passed, and the script's lines about it.
    struct Entry: Decodable, Sendable {
        var ok: Bool
        var lines: [String]
    }

    var results: [String: Entry]
    /// Everything the script printed, for failures that have no per-example entry.
    var output: String

    /// The example briefs, by file name.
    static let exampleNames = briefs(in: Products.examples)

    /// Harder briefs kept with the acceptance script (SQL keywords, non-English, one line, noise).
    static let extraBriefs = Products.root.appendingPathComponent("Tests/Acceptance/briefs").path
    static let extraBriefNames = briefs(in: extraBriefs)

    /// The engine-quality briefs (Tests/Quality/briefs, every part: `tuning` and any held-out
    /// part): judged by the same checks.
    static let qualityBriefs: [String] = {
        let folder = Products.root.appendingPathComponent("Tests/Quality/briefs")
        let parts = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return parts.map { folder.appendingPathComponent($0).path }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }()
    static let qualityBriefNames = qualityBriefs.flatMap { briefs(in: $0) }

    private static func briefs(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }

    /// Briefs the engine accepts (not refused for lack of content): each has generated code to
    /// type-check and render.
    static let checkedNames = (exampleNames + extraBriefNames + qualityBriefNames)
        .filter { !["empty-brief.md", "noise-only.md", "german.md"].contains($0) }

    /// Where the run keeps its artifacts (screenshots of the rendered apps).
    static let artifacts = Products.root.appendingPathComponent(".build/acceptance-artifacts").path

    /// The script's name for its check that deliberately broken artifacts are rejected.
    static let selfTest = "self-test"

    /// Why the script could not be run at all.
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// The run, started by the first case that asks for it. It waits on a thread of its own,
    /// so the other suites keep running meanwhile.
    static let shared = Task<EngineAcceptanceRun, any Error> { try await onThreadOfItsOwn { try run() } }

    private static func run() throws -> EngineAcceptanceRun {
        let python = Products.python
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw SetupError(
                description: "no Python with jsonschema and openapi-spec-validator at \(python): run scripts/test.sh, which installs it")
        }
        let script = Products.root.appendingPathComponent("Tests/Acceptance/engine_acceptance.py").path
        let report = FileManager.default.temporaryDirectory
            .appendingPathComponent("aios-acceptance-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: report) }
        let result = try runProcess(
            python,
            [script, "--aiosctl", Products.aiosctl, "--server", Products.aiosMCP, "--examples", Products.examples,
             "--examples", extraBriefs] + qualityBriefs.flatMap { ["--examples", $0] } + ["--report", report.path, "--artifacts", artifacts]
                + exampleNames + extraBriefNames + qualityBriefNames + [selfTest],
            // A cap against a hang, not a speed check: 45 briefs through four judges take a few
            // minutes on a quiet machine and several times that on a loaded one.
            timeout: 1800)
        let output = result.stdoutText + (result.stderrText.isEmpty ? "" : "\nstderr:\n" + String(result.stderrText.suffix(6000)))
        let results = (try? JSONDecoder().decode([String: Entry].self, from: Data(contentsOf: report))) ?? [:]
        return EngineAcceptanceRun(results: results, output: output)
    }
}
