import Testing
@testable import MCPCore

@Suite struct CLIParserTests {
    static let root = CommandSpec(
        name: "tool", abstract: "A tool.",
        subcommands: [
            CommandSpec(
                name: "wait", abstract: "Wait.",
                options: [OptionSpec("timeout", value: "duration", help: "How long."), OptionSpec("json", help: "JSON.")],
                arguments: [ArgumentSpec("job", help: "A job.")], run: { _ in .success }),
            CommandSpec(name: "keys", abstract: "Keys.", subcommands: [
                CommandSpec(name: "list", abstract: "List.", run: { _ in .success })
            ]),
        ])

    private func parsed(_ arguments: [String]) -> ParsedCommand? {
        if case .run(_, let parsed) = CommandLineParser.parse(arguments, root: Self.root) { return parsed }
        return nil
    }

    private func usage(_ arguments: [String]) -> UsageError? {
        if case .usageError(let error) = CommandLineParser.parse(arguments, root: Self.root) { return error }
        return nil
    }

    @Test func optionsInEveryForm() {
        let a = parsed(["wait", "job_1", "--timeout", "10m", "--json"])
        #expect(a?.argument("job") == "job_1")
        #expect(a?.value("timeout") == "10m")
        #expect(a?.flag("json") == true)
        #expect(parsed(["wait", "--timeout=5s", "j"])?.value("timeout") == "5s")
        #expect(parsed(["wait", "--", "--weird-id"])?.argument("job") == "--weird-id")
        #expect(parsed(["keys", "list"])?.path == ["tool", "keys", "list"])
    }

    @Test func mistakesAreUsageErrorsWithSuggestions() {
        #expect(usage(["wiat", "x"])?.suggestion == "Did you mean 'wait'?")
        #expect(usage(["wait", "x", "--timout", "1s"])?.suggestion == "Did you mean '--timeout'?")
        #expect(usage(["wait"])?.message == "missing argument <job>")
        #expect(usage(["wait", "a", "b"])?.message.contains("unexpected argument") == true)
        #expect(usage(["wait", "a", "--timeout"])?.message.contains("needs a value") == true)
        #expect(usage(["wait", "a", "--json=yes"])?.message.contains("takes no value") == true)
        #expect(usage(["keys"])?.message.contains("needs a subcommand") == true)
    }

    @Test func helpIsGeneratedForEveryLevel() {
        guard case .help(let text) = CommandLineParser.parse(["wait", "--help"], root: Self.root) else {
            Issue.record("expected help")
            return
        }
        #expect(text.contains("USAGE: tool wait <job> [--timeout <duration>] [--json]"))
        guard case .help(let top) = CommandLineParser.parse([], root: Self.root) else {
            Issue.record("expected help for a bare command with subcommands")
            return
        }
        #expect(top.contains("SUBCOMMANDS:"))
    }

    @Test("durations", arguments: [
        ("30s", Duration.seconds(30)), ("10m", .seconds(600)), ("2h", .seconds(7200)), ("7d", .seconds(604800)),
        ("45", .seconds(45)),
    ])
    func durations(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test("bad durations", arguments: ["", "m", "-5s", "1.5h", "10x", "99999999999999999999d"])
    func badDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }
}

@Suite struct ArtifactWriterTests {
    @Test("paths that could escape the output directory are refused", arguments: [
        "/etc/passwd", "../x", "a/../../b", "a/./b", "a//b", "", "~/x", "a\\b", "..", "a/..",
    ])
    func refused(path: String) {
        #expect(throws: AIOSError.self) { try ArtifactWriter.validate(relativePath: path) }
    }

    @Test("ordinary relative paths are accepted", arguments: ["README.md", "src/app/page.tsx", ".env.example", "a/b..c/d"])
    func accepted(path: String) throws {
        try ArtifactWriter.validate(relativePath: path)
    }

    @Test func nothingIsWrittenWhenAnyPathIsRefused() throws {
        let directory = "/tmp/aios-writer-\(UInt64.random(in: 0...UInt64.max))"
        #expect(throws: AIOSError.self) {
            try ArtifactWriter.write([("ok.txt", "fine"), ("../evil.txt", "no")], into: directory)
        }
        #expect(access(directory + "/ok.txt", F_OK) != 0)
    }

    // Issue 22 finding 1: writing stays inside the directory whatever was planted in it.

    private static func scratch(_ name: String) -> String {
        let path = "/tmp/aios-writer-\(name)-\(UInt64.random(in: 0...UInt64.max))"
        mkdir(path, 0o755)
        return path
    }

    private static func contents(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        while true {
            let c = fgetc(file)
            if c == EOF { break }
            bytes.append(UInt8(c))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func put(_ path: String, _ text: String) {
        let file = fopen(path, "w")
        fputs(text, file)
        fclose(file)
    }

    @Test func aDirectorySymlinkInsideTheDirectoryIsNotFollowed() throws {
        let out = Self.scratch("out"), elsewhere = Self.scratch("elsewhere")
        symlink(elsewhere, out + "/src")
        #expect(throws: AIOSError.self) {
            try ArtifactWriter.write([("README.md", "r"), ("src/app/page.tsx", "x"), ("src/lib/a.ts", "y")], into: out)
        }
        #expect(access(elsewhere + "/app", F_OK) != 0, "nothing is written through the link")
        #expect(access(elsewhere + "/lib", F_OK) != 0)
        #expect(access(out + "/README.md", F_OK) != 0, "all or nothing: the file before the refused one is not left")
    }

    @Test func aHardLinkToAFileOutsideIsReplacedNotWrittenThrough() throws {
        let out = Self.scratch("out"), elsewhere = Self.scratch("elsewhere")
        Self.put(elsewhere + "/secret", "keep me")
        link(elsewhere + "/secret", out + "/README.md")
        _ = try ArtifactWriter.write([("README.md", "generated")], into: out)
        #expect(Self.contents(elsewhere + "/secret") == "keep me")
        #expect(Self.contents(out + "/README.md") == "generated")
    }

    @Test func aRefusedPathLeavesNothingWrittenAndKeepsWhatWasThere() throws {
        let out = Self.scratch("out")
        Self.put(out + "/README.md", "mine")
        Self.put(out + "/blocked", "a file where a directory is needed")
        #expect(throws: AIOSError.self) {
            try ArtifactWriter.write([("README.md", "generated"), ("new.txt", "n"), ("sub/a.txt", "a"), ("blocked/b.txt", "b")], into: out)
        }
        #expect(Self.contents(out + "/README.md") == "mine")
        #expect(access(out + "/new.txt", F_OK) != 0)
        #expect(access(out + "/sub", F_OK) != 0)
        #expect(Self.contents(out + "/blocked") == "a file where a directory is needed")
        var leftovers: [String] = []
        if let stream = opendir(out) {
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { leftovers.append(name) }
            }
            closedir(stream)
        }
        #expect(leftovers.sorted() == ["README.md", "blocked"], "no staging files are left behind")
    }

    @Test func aSymlinkedOutputDirectoryIsRefused() throws {
        let elsewhere = Self.scratch("elsewhere")
        let out = elsewhere + "-link"
        symlink(elsewhere, out)
        do {
            _ = try ArtifactWriter.write([("README.md", "r")], into: out)
            Issue.record("a symlinked output directory was followed")
        } catch {
            #expect(error.message.contains("symbolic link"), "\(error.message)")
        }
        #expect(access(elsewhere + "/README.md", F_OK) != 0)
    }

    @Test func nestedFilesAreWrittenAndExistingOnesReplaced() throws {
        let out = Self.scratch("out")
        Self.put(out + "/README.md", "old")
        let written = try ArtifactWriter.write([("README.md", "new"), ("src/app/api/x/route.ts", "r"), ("src/app/page.tsx", "p")], into: out + "/fresh/../fresh2")
        #expect(written == ["README.md", "src/app/api/x/route.ts", "src/app/page.tsx"])
        #expect(Self.contents(out + "/fresh2/src/app/api/x/route.ts") == "r")
        _ = try ArtifactWriter.write([("README.md", "new")], into: out)
        #expect(Self.contents(out + "/README.md") == "new")
    }
}

#if canImport(Glibc)
import Glibc
#endif
