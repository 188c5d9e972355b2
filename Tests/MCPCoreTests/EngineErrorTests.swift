import Testing
@testable import MCPCore
@testable import AIOSAgents

/// Bad input becomes `INVALID_INPUT` that says what is wrong and where, never a crash and never
/// an empty artifact passed off as success.
@Suite struct EngineErrorTests {
    static func error(_ phase: Phase, _ input: JSONObject) -> AIOSError? {
        do {
            _ = try BuiltinEngine().run(phase, input: input)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: Phase.allCases)
    func emptyBriefExampleIsRefused(_ phase: Phase) throws {
        let spec = try EngineFixtures.brief("empty-brief")
        let error = try #require(Self.error(phase, ["spec": .string(spec)]))
        #expect(error.code == .invalidInput)
        #expect(error.message.contains("no users"))
        #expect(error.details["path"] == "spec")
        #expect(error.details["missing"]?.strings.isEmpty == false)
    }

    @Test(arguments: ["asdf qwer", "the and of to a", "   \n\t ", "1234 5678", "?!?!", "lorem ipsum dolor sit amet"])
    func contentFreeBriefsAreRefused(_ spec: String) throws {
        let error = try #require(Self.error(.strategy, ["spec": .string(spec)]))
        #expect(error.code == .invalidInput)
    }

    @Test func malformedArchitectureNamesThePath() throws {
        let spec: JSONValue = "Users create habits and check them off daily."
        let cases: [(JSONValue, String)] = [
            (["architecture": ["data_model": ["entities": "habit"]]], "architecture.architecture.data_model.entities"),
            (["data_model": ["entities": [["name": "Habit"]]]], "architecture.data_model.entities[0].fields"),
            (["data_model": ["entities": [["name": "Habit", "fields": [["name": "id", "type": "uuid; drop table x"]]]]]], "architecture.data_model.entities[0].fields[0].type"),
            (["data_model": ["entities": [["name": "Habit", "fields": [["name": "user id", "type": "uuid"]]]]]], "architecture.data_model.entities[0].fields[0].name"),
            (["data_model": ["entities": [["name": "Habit", "fields": [["name": "owner", "type": "uuid", "references": "x.y.z"]]]]]], "architecture.data_model.entities[0].fields[0].references"),
            (["data_model": ["entities": []], "api_design": ["endpoints": [["method": "FETCH", "path": "/x"]]]], "architecture.api_design.endpoints[0].method"),
            ("not an object", "architecture"),
        ]
        for (architecture, path) in cases {
            for phase in [Phase.ux, .code] {
                let error = try #require(Self.error(phase, ["spec": spec, "architecture": architecture]), "\(path) accepted")
                #expect(error.code == .invalidInput)
                #expect(error.details["path"]?.stringValue == path, "\(error.message)")
                #expect(error.message.contains(path))
            }
        }
    }

    @Test func malformedRequirementsAndUXNameThePath() throws {
        let spec: JSONValue = "Users create habits and check them off daily."
        let requirements: JSONValue = ["requirements": ["functional": [["id": "FR-1", "description": "x", "priority": "urgent", "actor": "user"]]]]
        let error = try #require(Self.error(.architecture, ["spec": spec, "requirements": requirements]))
        #expect(error.details["path"] == "requirements.requirements.functional[0].priority")
        let duplicate: JSONValue = ["functional": [["id": "FR-1", "description": "a"], ["id": "FR-1", "description": "b"]]]
        #expect(Self.error(.ux, ["spec": spec, "requirements": duplicate])?.details["path"] == "requirements.functional[1].id")
        let ux: JSONValue = ["ux_spec": ["pages": [["name": "Evil", "route": "/../../etc/passwd", "components": []]]]]
        #expect(Self.error(.code, ["spec": spec, "ux_spec": ux])?.details["path"] == "ux_spec.ux_spec.pages[0].route")
        let colors: JSONValue = ["pages": [], "design_tokens": ["colors": ["text": "red"]]]
        #expect(Self.error(.code, ["spec": spec, "ux_spec": colors])?.details["path"] == "ux_spec.design_tokens.colors.text")
    }

    /// Issue 22 finding 2: an endpoint path of a caller-supplied architecture became a file path
    /// (`src/app/api/../../../../outside/pwned/route.ts`); it is refused where it is read.
    @Test(arguments: ["/../../../../outside/pwned", "/habits/../../x", "/habits/./x", "/..", "/a//b", "/a\\b", "/a\u{0}b", "/", "/a b"])
    func endpointPathsThatCouldEscapeAreRefused(_ path: String) throws {
        let spec: JSONValue = "Users create habits and check them off daily."
        let architecture: JSONValue = ["data_model": ["entities": []], "api_design": ["endpoints": [["method": "GET", "path": .string(path), "requirement_ids": []]]]]
        for phase in [Phase.ux, .code] {
            let error = try #require(Self.error(phase, ["spec": spec, "architecture": architecture]), "\(path) accepted")
            #expect(error.code == .invalidInput)
            #expect(error.details["path"] == "architecture.api_design.endpoints[0].path", "\(error.message)")
        }
    }

    /// Every path the generator emits passes the writer's rule, checked in one place: whatever
    /// input a path came from, a file that could land outside the project is never returned.
    @Test func everyEmittedPathIsCheckedInOnePlace() throws {
        let escaping = [GeneratedFile("README.md", ""), GeneratedFile("src/app/api/../../../x/route.ts", "")]
        let error = try #require(throws: AIOSError.self) { try DevAgent.checkPaths(escaping) }
        #expect(error.code == .invalidInput)
        #expect(error.details["found"] == "src/app/api/../../../x/route.ts")
        let twice = [GeneratedFile("src/a.ts", "1"), GeneratedFile("src/a.ts", "2")]
        #expect(throws: AIOSError.self) { try DevAgent.checkPaths(twice) }
        try DevAgent.checkPaths([GeneratedFile("src/app/api/habits/[id]/route.ts", "")])
    }

    @Test(arguments: ["../outside.txt", "/etc/passwd", "src/../../x", "a\\b", ""])
    func unsafeTargetFilesAreRefused(_ target: String) throws {
        let error = try #require(Self.error(.code, ["spec": "Users create habits.", "target_files": .strings([target])]))
        #expect(error.code == .invalidInput)
        #expect(error.details["path"] == "target_files[0]")
    }

    @Test func targetFilesMatchingNothingListTheChoices() throws {
        let error = try #require(Self.error(.code, ["spec": "Users create habits.", "target_files": ["does/not/exist.ts"]]))
        #expect(error.code == .invalidInput)
        #expect(error.details["available"]?.strings.contains("package.json") == true)
    }

    @Test func unknownFrameworksAreRefused() throws {
        #expect(Self.error(.code, ["spec": "Users create habits.", "framework": "rails"])?.details["path"] == "framework")
    }

    @Test func scrambledBriefsEitherWorkOrAreRefused() {
        // Word salad from the brief vocabulary, punctuation and non-ASCII: never a crash, never
        // another error than INVALID_INPUT, and a success always has requirements.
        let vocabulary = ["users", "teachers", "can", "create", "invoices", "with", "line", "items", "and", "the", ",", ".", "(", ")", ":", ";",
                          "assign", "to", "a", "class", "check", "them", "off", "\"", "“Name”", "roles", "has", "many", "of", "into", "group",
                          "2,000", "50k", "é", "🙂", "-", "—", "\n", "\n\n", "- ", "# ", "sign", "up", "for", "they", "it", "by", "city", "every",
                          "is", "recorded", "made", "number", "list", "each", "request", "hosts", "review", "guests", "stay", "book", "…", "'s"]
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var successes = 0
        for round in 0..<150 {
            let count = 1 + next() % 50
            let text = (0..<count).map { _ in vocabulary[next() % vocabulary.count] }.joined(separator: next() % 3 == 0 ? "" : " ")
            let phase = round % 10 == 0 ? Phase.code : .strategy
            do {
                let output = try BuiltinEngine().run(phase, input: ["spec": .string(text)])
                successes += 1
                if phase == .strategy {
                    let functional = JSONValue.object(output).at("requirements", "functional")?.arrayValue ?? []
                    #expect(functional.count > 0)
                }
            } catch {
                #expect(error.code == .invalidInput, "\(text): \(error)")
            }
        }
        #expect(successes > 10)
    }
}
