import Foundation
import Testing
@testable import AIOSStore
@testable import MCPCore

@Suite struct JSONSchemaValidatorTests {
    private func validator(_ schema: String) throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schema: JSONValue.parse(schema))
    }

    private func violations(_ schema: String, _ instance: String) throws -> [JSONSchemaViolation] {
        try validator(schema).validate(JSONValue.parse(instance))
    }

    /// (schema, instance, the keyword that must fail or nil when the instance is valid)
    static let keywordCases: [(String, String, String?)] = [
        (#"{"type":"string"}"#, #""a""#, nil),
        (#"{"type":"string"}"#, "1", "type"),
        (#"{"type":"integer"}"#, "1", nil),
        (#"{"type":"integer"}"#, "1.0", nil),
        (#"{"type":"integer"}"#, "1.5", "type"),
        (#"{"type":"number"}"#, "1", nil),
        (#"{"type":"number"}"#, "1.5", nil),
        (#"{"type":"number"}"#, #""1""#, "type"),
        (#"{"type":"boolean"}"#, "0", "type"),
        (#"{"type":"null"}"#, "null", nil),
        (#"{"type":"object"}"#, "[]", "type"),
        (#"{"type":"array"}"#, "{}", "type"),
        (#"{"type":["string","null"]}"#, "null", nil),
        (#"{"type":["string","null"]}"#, "true", "type"),
        (#"{"properties":{"a":{"type":"string"}}}"#, #"{"a":1}"#, "type"),
        (#"{"properties":{"a":{"type":"string"}}}"#, #"{"b":1}"#, nil),
        (#"{"required":["a"]}"#, "{}", "required"),
        (#"{"required":["a"]}"#, #"{"a":null}"#, nil),
        (#"{"required":["a"]}"#, "5", nil),
        (#"{"properties":{"a":{}},"additionalProperties":false}"#, #"{"a":1,"b":2}"#, "additionalProperties"),
        (#"{"properties":{"a":{}},"additionalProperties":false}"#, #"{"a":1}"#, nil),
        (#"{"additionalProperties":{"type":"integer"}}"#, #"{"x":"s"}"#, "type"),
        (#"{"additionalProperties":{"type":"integer"}}"#, #"{"x":3}"#, nil),
        (#"{"minProperties":1}"#, "{}", "minProperties"),
        (#"{"maxProperties":1}"#, #"{"a":1,"b":2}"#, "maxProperties"),
        (#"{"enum":["a","b"]}"#, #""c""#, "enum"),
        (#"{"enum":["a","b"]}"#, #""b""#, nil),
        (#"{"enum":[1]}"#, "1.0", nil),
        (#"{"enum":[true]}"#, "1", "enum"),
        (#"{"enum":[{"a":1,"b":2}]}"#, #"{"b":2,"a":1}"#, nil),
        (#"{"enum":[[1,2]]}"#, "[2,1]", "enum"),
        (#"{"const":"x"}"#, #""x""#, nil),
        (#"{"const":"x"}"#, #""y""#, "const"),
        (#"{"const":0}"#, "false", "const"),
        (#"{"const":null}"#, "0", "const"),
        (#"{"items":{"type":"integer"}}"#, #"[1,"a"]"#, "type"),
        (#"{"items":{"type":"integer"}}"#, "[1,2]", nil),
        (#"{"minItems":2}"#, "[1]", "minItems"),
        (#"{"maxItems":1}"#, "[1,2]", "maxItems"),
        (#"{"uniqueItems":true}"#, "[1,1.0]", "uniqueItems"),
        (#"{"uniqueItems":true}"#, #"[1,"1",true]"#, nil),
        (#"{"uniqueItems":true}"#, #"[{"a":1,"b":2},{"b":2,"a":1}]"#, "uniqueItems"),
        (#"{"uniqueItems":false}"#, "[1,1]", nil),
        (#"{"minLength":2}"#, #""é""#, "minLength"),
        (#"{"minLength":2}"#, #""😀😀""#, nil),
        (#"{"maxLength":1}"#, #""😀""#, nil),
        (#"{"maxLength":1}"#, #""e\u0301""#, "maxLength"),
        (#"{"maxLength":1}"#, #""ab""#, "maxLength"),
        (#"{"minimum":1}"#, "0", "minimum"),
        (#"{"minimum":1}"#, "1", nil),
        (#"{"minimum":1}"#, "0.5", "minimum"),
        (#"{"minimum":0.5}"#, "1", nil),
        (#"{"maximum":10}"#, "10.5", "maximum"),
        (#"{"maximum":9007199254740992.0}"#, "9007199254740993", "maximum"),
        (#"{"maximum":9007199254740992.0}"#, "9007199254740992", nil),
        (#"{"exclusiveMinimum":0}"#, "0", "exclusiveMinimum"),
        (#"{"exclusiveMinimum":0}"#, "1e-300", nil),
        (#"{"exclusiveMaximum":5}"#, "5.0", "exclusiveMaximum"),
        (#"{"exclusiveMaximum":5}"#, "4", nil),
        (#"{"pattern":"^[a-z]+$"}"#, #""abc""#, nil),
        (#"{"pattern":"^[a-z]+$"}"#, #""ab1""#, "pattern"),
        (#"{"pattern":"^[a-z]+$"}"#, #""abc\n""#, "pattern"),
        (#"{"pattern":"b"}"#, #""abc""#, nil),
        (#"{"pattern":"^x"}"#, "5", nil),
        (#"{"oneOf":[{"type":"integer"},{"type":"number"}]}"#, "1", "oneOf"),
        (#"{"oneOf":[{"type":"integer"},{"type":"number"}]}"#, "1.5", nil),
        (#"{"oneOf":[{"type":"integer"},{"type":"number"}]}"#, #""x""#, "oneOf"),
        (#"{"anyOf":[{"type":"string"},{"type":"null"}]}"#, "1", "anyOf"),
        (#"{"anyOf":[{"type":"string"},{"type":"null"}]}"#, "null", nil),
        (#"{"allOf":[{"minimum":1},{"maximum":3}]}"#, "4", "maximum"),
        (#"{"not":{"type":"null"}}"#, "null", "not"),
        (#"{"not":{"type":"null"}}"#, "0", nil),
        ("false", "1", "false"),
        ("true", #"{"anything":[1]}"#, nil),
        ("{}", "null", nil),
        (#"{"properties":{"a":false}}"#, #"{"a":1}"#, "false"),
        (
            #"{"format":"email","description":"d","title":"t","default":1,"examples":[],"$schema":"https://json-schema.org/draft/2020-12/schema","x-vendor":1}"#,
            #""not an email""#, nil
        ),
    ]

    @Test(arguments: keywordCases)
    func keyword(schema: String, instance: String, failing: String?) throws {
        let found = try violations(schema, instance)
        let validator = try validator(schema)
        if let failing {
            #expect(found.map(\.keyword) == [failing], "\(schema) on \(instance): \(found)")
            #expect(!validator.isValid(try JSONValue.parse(instance)))
        } else {
            #expect(found.isEmpty, "\(schema) on \(instance): \(found)")
            #expect(validator.isValid(try JSONValue.parse(instance)))
        }
    }

    static let toolSchema = #"""
        {"type":"object","additionalProperties":false,"required":["spec"],
         "properties":{
           "spec":{"type":"string","minLength":1,"maxLength":100},
           "context":{"type":"object","properties":{
             "budget_tier":{"type":"string","enum":["startup","scaleup","enterprise"]},
             "platforms":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","pattern":"^[a-z]+$"}}}},
           "count":{"type":"integer","minimum":1,"maximum":8}}}
        """#

    @Test func messagesNameThePathAndTheFix() throws {
        let found = try violations(
            Self.toolSchema, #"{"spec":"","context":{"budget_tier":"huge","platforms":["web","iOS"]},"foo":1,"count":9}"#)
        #expect(found.map(\.description) == [
            "/spec: must be at least 1 character long",
            "/context/budget_tier: must be one of startup, scaleup, enterprise",
            "/context/platforms/1: must match the pattern ^[a-z]+$",
            "/: unknown property 'foo' (additionalProperties is false)",
            "/count: must be at most 8",
        ])
        #expect(found.map(\.path) == ["/spec", "/context/budget_tier", "/context/platforms/1", "", "/count"])
    }

    @Test func missingRequiredPropertyIsReportedAtTheObject() throws {
        let found = try violations(Self.toolSchema, "{}")
        #expect(found.map(\.description) == ["/: missing required property 'spec'"])
        #expect(found.first?.keyword == "required")
    }

    @Test func typeMessageSaysWhatWasExpectedAndFound() throws {
        let found = try violations(Self.toolSchema, #"{"spec":42}"#)
        #expect(found.map(\.description) == ["/spec: must be of type string (got integer)"])
    }

    @Test func anyOfMessagePointsAtTheClosestBranch() throws {
        let found = try violations(
            #"{"anyOf":[{"type":"object","required":["a"]},{"type":"string"}]}"#, #"{"b":1}"#)
        #expect(found.map(\.description) == [
            "/: must match at least one of 2 allowed schemas; the closest fails with /: missing required property 'a'",
        ])
    }

    @Test func pathsInNestedArraysAndObjects() throws {
        let schema = #"{"items":{"type":"object","properties":{"tags":{"items":{"type":"string"}},"a/b":{"properties":{"m~n":{"type":"null"}}}}}}"#
        let found = try violations(schema, #"[{"tags":["a"]},{"tags":["b",3]},{"a/b":{"m~n":0}}]"#)
        #expect(found.map(\.path) == ["/1/tags/1", "/2/a~1b/m~0n"])
    }

    @Test func collectsSeveralViolationsUpToTwenty() throws {
        let validator = try validator(#"{"items":{"type":"string"},"maxItems":3}"#)
        let few = validator.validate([1, "ok", true])
        #expect(few.map(\.path) == ["/0", "/2"])
        let many = validator.validate(.array((0..<50).map { .integer($0) }))
        #expect(many.count == JSONSchemaValidator.maxViolations)
        #expect(many.first?.keyword == "maxItems")
        #expect(many.last?.path == "/18")
    }

    static let invalidSchemas: [(String, String)] = [
        ("3", ""),
        (#"{"type":"strnig"}"#, "/type"),
        (#"{"type":3}"#, "/type"),
        (#"{"type":["string",1]}"#, "/type"),
        (#"{"properties":{"a":{"minLength":-1}}}"#, "/properties/a/minLength"),
        (#"{"minLength":"1"}"#, "/minLength"),
        (#"{"maxItems":1.5}"#, "/maxItems"),
        (#"{"pattern":"("}"#, "/pattern"),
        (#"{"pattern":"a)"}"#, "/pattern"),
        (#"{"pattern":"*a"}"#, "/pattern"),
        (#"{"pattern":"^+"}"#, "/pattern"),
        (#"{"pattern":"a\\"}"#, "/pattern"),
        (#"{"properties":{"x":{"pattern":"[a-"}}}"#, "/properties/x/pattern"),
        (#"{"required":"a"}"#, "/required"),
        (#"{"required":[1]}"#, "/required"),
        (#"{"items":[{}]}"#, "/items"),
        (#"{"anyOf":[]}"#, "/anyOf"),
        (#"{"oneOf":[{"type":"x"}]}"#, "/oneOf/0/type"),
        (##"{"$ref":"#/$defs/x"}"##, "/$ref"),
        (#"{"properties":{"a/b":5}}"#, "/properties/a~1b"),
        (#"{"minimum":"0"}"#, "/minimum"),
        (#"{"exclusiveMinimum":true}"#, "/exclusiveMinimum"),
        (#"{"uniqueItems":1}"#, "/uniqueItems"),
        (#"{"enum":"a"}"#, "/enum"),
        (#"{"additionalProperties":1}"#, "/additionalProperties"),
    ]

    @Test(arguments: invalidSchemas)
    func refusesInvalidSchema(schema: String, schemaPath: String) throws {
        let parsed = try JSONValue.parse(schema)
        #expect(throws: JSONSchemaError.self) { try JSONSchemaValidator(schema: parsed) }
        do {
            _ = try JSONSchemaValidator(schema: parsed)
        } catch {
            #expect(error.schemaPath == schemaPath)
            #expect(String(describing: error).hasPrefix("invalid JSON Schema at \(schemaPath.isEmpty ? "/" : schemaPath): "))
        }
    }

    // MARK: - Cross-check with Python's jsonschema

    static let crossCheckSchemas = [
        toolSchema,
        #"{"type":"array","items":{"type":["integer","null"],"exclusiveMinimum":-3,"maximum":3},"maxItems":4,"uniqueItems":true}"#,
        #"{"type":"object","properties":{"kind":{"enum":["a","b",1,null]},"value":{"anyOf":[{"type":"string","maxLength":3},{"type":"number","minimum":0}]},"flag":{"const":true}},"required":["kind"],"additionalProperties":{"type":"boolean"}}"#,
        #"{"oneOf":[{"type":"integer","multipleOfIsIgnored":2},{"type":"number","maximum":2}],"not":{"const":0}}"#,
        #"{"type":"object","properties":{"name":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","minLength":2},"tags":{"type":"array","items":{"type":"string","minLength":1},"minItems":1,"maxItems":3}},"required":["name","tags"]}"#,
    ]

    static var pythonHasJSONSchema: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test(.enabled(if: pythonHasJSONSchema, "needs python3 with the jsonschema package"))
    func verdictsAgreeWithPythonJSONSchema() throws {
        let schemas = try Self.crossCheckSchemas.map { try JSONValue.parse($0) }
        let validators = try schemas.map { try JSONSchemaValidator(schema: $0) }
        var random = SeededRandom(seed: 0x5C4E_3A)
        var cases: [(schema: Int, instance: JSONValue)] = []
        for index in 0..<250 {
            let schema = index % schemas.count
            cases.append((schema, random.instance(for: schemas[schema])))
        }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-crosscheck-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schemasFile = directory.appendingPathComponent("schemas.json")
        let casesFile = directory.appendingPathComponent("cases.jsonl")
        try Data(JSONValue.array(schemas).serialized()).write(to: schemasFile)
        var lines: [UInt8] = []
        for (schema, instance) in cases {
            JSONValue.array([.integer(schema), instance]).serialize(into: &lines)
            lines.append(0x0A)
        }
        try Data(lines).write(to: casesFile)

        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            schemas = [Draft202012Validator(s) for s in json.load(open(sys.argv[1], encoding="utf-8"))]
            for line in open(sys.argv[2], encoding="utf-8"):
                index, instance = json.loads(line)
                sys.stdout.write("1\\n" if schemas[index].is_valid(instance) else "0\\n")
            """
        let run = try PythonScript.run(script, arguments: [schemasFile.path, casesFile.path], in: directory)
        try #require(run.status == 0, "python: \(run.errors)")
        let verdicts = run.output

        let python = verdicts.split(separator: 0x0A).map { $0.first == UInt8(ascii: "1") }
        try #require(python.count == cases.count)
        var validCount = 0
        for ((schema, instance), pythonValid) in zip(cases, python) {
            let found = validators[schema].validate(instance)
            #expect(found.isEmpty == pythonValid, "schema \(schema), instance \(instance.jsonText): ours \(found), python valid: \(pythonValid)")
            if pythonValid { validCount += 1 }
        }
        // Both verdicts must be well represented, or the comparison proves little.
        #expect(validCount >= cases.count / 5)
        #expect(cases.count - validCount >= cases.count / 5)
    }
}

extension SeededRandom {
    private mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    /// An instance shaped by `schema`, valid often but not always: bounds are overshot by one,
    /// optional and extra properties come and go, and now and then a value of a random type.
    mutating func instance(for schema: JSONValue) -> JSONValue {
        if chance(0.05) { return value(depth: 3) }
        if let choices = schema["enum"]?.arrayValue, chance(0.85), let choice = choices.randomElement(using: &self) {
            return choice
        }
        if let constant = schema["const"], chance(0.8) { return constant }
        for combinator in ["anyOf", "oneOf"] {
            if let branches = schema[combinator]?.arrayValue, let branch = branches.randomElement(using: &self) {
                return instance(for: branch)
            }
        }
        let type: String
        if let name = schema["type"]?.stringValue {
            type = name
        } else if let names = schema["type"]?.arrayValue {
            type = names.randomElement(using: &self)?.stringValue ?? "null"
        } else {
            type = schema["properties"] != nil ? "object" : "string"
        }
        switch type {
        case "object":
            var object = JSONObject()
            let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for (key, subschema) in schema["properties"]?.objectValue ?? [:] {
                if chance(required.contains(key) ? 0.95 : 0.6) { object[key] = instance(for: subschema) }
            }
            if chance(0.15) {
                let extra = schema["additionalProperties"] ?? true
                object["extra"] = extra.objectValue.map { instance(for: .object($0)) } ?? .bool(chance(0.5))
            }
            return .object(object)
        case "array":
            let low = Int(schema["minItems"]?.intValue ?? 0)
            let high = Int(schema["maxItems"]?.intValue ?? 4)
            let count = Int.random(in: max(0, low - 1)...(high + 1), using: &self)
            let items = schema["items"] ?? [:]
            return .array((0..<count).map { _ in instance(for: items) })
        case "integer", "number":
            let low = schema["minimum"]?.intValue ?? schema["exclusiveMinimum"]?.intValue ?? -5
            let high = schema["maximum"]?.intValue ?? schema["exclusiveMaximum"]?.intValue ?? 10
            let whole = Int64.random(in: (low - 1)...(high + 1), using: &self)
            if type == "number", chance(0.4) { return .double(Double(whole) + 0.5) }
            return chance(0.15) ? .double(Double(whole)) : .int(whole)
        case "boolean":
            return .bool(chance(0.5))
        case "null":
            return .null
        default:
            let low = Int(schema["minLength"]?.intValue ?? 0)
            let high = Int(schema["maxLength"]?.intValue ?? 6)
            let length = Int.random(in: max(0, low - 1)...(high + 1), using: &self)
            // Lowercase letters and digits, sometimes an upper-case letter or an astral scalar;
            // no newlines, on which Python's `$` differs from ECMA-262.
            let letters = Array("abcxyz019_") + (chance(0.2) ? ["Q", "😀", "é"] : [])
            return .string(String((0..<length).map { _ in letters.randomElement(using: &self) ?? "a" }))
        }
    }
}

@Suite struct JSONSchemaLengthTests {
    @Test("lengths count Unicode scalars, not bytes", arguments: [
        ("😀😀😀", 3, 3, true), ("😀😀😀", 4, 9, false), ("😀😀😀", 1, 2, false), ("éé", 2, 2, true),
        ("abc", 3, 3, true), ("abcd", 0, 3, false), ("", 1, 5, false),
    ])
    func scalarLengths(text: String, minLength: Int, maxLength: Int, valid: Bool) throws {
        let validator = try JSONSchemaValidator(schema: ["type": "string", "minLength": .integer(minLength), "maxLength": .integer(maxLength)])
        #expect(validator.validate(.string(text)).isEmpty == valid)
    }

    @Test func aHugeStringIsRefusedNamingItsSize() throws {
        let validator = try JSONSchemaValidator(schema: ["type": "string", "maxLength": 10])
        let violations = validator.validate(.string(String(repeating: "x", count: 1_000_000)))
        #expect(violations.map(\.message) == ["must be at most 10 characters long (got 1000000 bytes)"])
    }

    /// Tools compile their input schemas on their first call (`LazyJSONSchemaValidator`), so a
    /// schema that does not compile would show only when a client calls that tool: every tool
    /// aios serves is compiled here, and checked against a call it must accept.
    @Test func everyToolAiosServesHasAnInputSchemaThatCompiles() async throws {
        let directory = TemporaryDirectory()
        let tools = AgentTools.make() + JobTools.make(store: try await JobStore.open(at: directory.store))
        #expect(tools.map(\.name) == [
            "aios_strategize", "aios_design_architecture", "aios_design_ux", "aios_generate_code",
            "aios_full_pipeline", "aios_get_status", "aios_get_artifact",
        ])
        for tool in tools {
            switch tool.inputValidator.validator {
            case .success(let validator):
                #expect(!validator.isValid(.object(["unexpected": true])), "\(tool.name) accepts anything")
            case .failure(let error):
                Issue.record("\(tool.name): \(error)")
            }
        }
        let status = try #require(try tools.first { $0.name == "aios_get_status" }?.inputValidator.validator.get())
        #expect(status.isValid(["job_id": "job_01jd3k8x2mabcdefghjkmnpqrstvwx"]))
    }

    @Test func aLazyValidatorCompilesOnceAndKeepsItsError() throws {
        let good = LazyJSONSchemaValidator(schema: ["type": "string", "maxLength": 3])
        #expect(try good.validator.get().isValid("abc"))
        #expect(try !good.validator.get().isValid("abcd"))
        let bad = LazyJSONSchemaValidator(schema: ["minLength": -1])
        for _ in 0..<2 {
            #expect(throws: JSONSchemaError.self) { try bad.validator.get() }
        }
        #expect(bad.schema == ["minLength": -1])
    }

    /// Patterns are compiled on first use, so every pattern the product's schemas carry must be
    /// one `Regex` accepts (the up-front check only catches the common syntax errors).
    @Test func everyPatternInTheProductSchemasCompilesAndMatchesItsExample() throws {
        var schemas = Phase.allCases.flatMap { [AgentSchemas.inputSchema(for: $0), AgentSchemas.outputSchema(for: $0)] }
        schemas += [JobTools.pipelineInputSchema, JobTools.pipelineOutputSchema, JobTools.statusOutputSchema, JobTools.artifactOutputSchema]
        var patterns: Set<String> = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                if let pattern = object["pattern"]?.stringValue { patterns.insert(pattern) }
                for member in object.values { collect(member) }
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        schemas.forEach(collect)
        #expect(patterns.count >= 6)
        for pattern in patterns {
            #expect(throws: Never.self, "pattern \(pattern)") { _ = try Regex(pattern) }
            #expect(throws: Never.self) { _ = try JSONSchemaValidator(schema: ["type": "string", "pattern": .string(pattern)]) }
        }
        let webhook = try JSONSchemaValidator(schema: ["type": "string", "pattern": "^https?://"])
        #expect(webhook.validate("https://example.com/hook").isEmpty)
        #expect(!webhook.validate("ftp://example.com").isEmpty)
        let colour = try JSONSchemaValidator(schema: ["type": "string", "pattern": "^#[0-9a-fA-F]{6}$"])
        #expect(colour.validate("#1a2B3c").isEmpty)
        #expect(!colour.validate("#1a2B3").isEmpty)
    }
}
