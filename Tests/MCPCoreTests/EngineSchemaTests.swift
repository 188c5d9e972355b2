import Testing
@testable import MCPCore

/// The tool schemas: inline draft 2020-12 with only the agreed keywords, a description on every
/// property, and every artifact of every example valid against its output schema.
@Suite struct EngineSchemaTests {
    static let allowed: Set<String> = ["type", "properties", "required", "additionalProperties", "items", "enum", "minLength", "maxLength", "minItems", "pattern", "description"]

    /// Walks a schema, collecting keywords outside the allowed set and properties without a description.
    static func audit(_ schema: JSONValue, at path: String, problems: inout [String]) {
        guard let object = schema.objectValue else { return }
        for key in object.keys where !allowed.contains(key) { problems.append("\(path): keyword \(key)") }
        if let properties = object["properties"]?.objectValue {
            for (name, property) in properties {
                if property["description"]?.stringValue?.isEmpty ?? true { problems.append("\(path).\(name): no description") }
                audit(property, at: "\(path).\(name)", problems: &problems)
            }
        }
        if let items = object["items"] { audit(items, at: "\(path)[]", problems: &problems) }
        if let additional = object["additionalProperties"], additional.objectValue != nil { audit(additional, at: "\(path){}", problems: &problems) }
    }

    @Test(arguments: Phase.allCases)
    func schemasUseTheAgreedSubset(_ phase: Phase) throws {
        var problems: [String] = []
        Self.audit(AgentSchemas.inputSchema(for: phase), at: "input", problems: &problems)
        Self.audit(AgentSchemas.outputSchema(for: phase), at: "output", problems: &problems)
        #expect(problems.isEmpty, "\(problems)")
        _ = try JSONSchemaValidator(schema: AgentSchemas.inputSchema(for: phase))
        _ = try JSONSchemaValidator(schema: AgentSchemas.outputSchema(for: phase))
    }

    @Test(arguments: Phase.allCases)
    func inputSchemasRequireSpecAndRefuseStrangers(_ phase: Phase) throws {
        let validator = try JSONSchemaValidator(schema: AgentSchemas.inputSchema(for: phase))
        #expect(validator.isValid(["spec": "Users create habits.", "context": ["budget_tier": "scaleup"]]))
        #expect(!validator.isValid([:]))
        #expect(!validator.isValid(["spec": ""]))
        #expect(!validator.isValid(["spec": "x", "surprise": true]))
        #expect(!validator.isValid(["spec": "x", "context": ["budget_tier": "huge"]]))
        #expect(AgentSchemas.inputSchema(for: phase)["required"] == ["spec"])
        #expect(AgentSchemas.inputSchema(for: phase)["additionalProperties"] == false)
    }

    @Test func phaseSpecificInputs() throws {
        let ux = try JSONSchemaValidator(schema: AgentSchemas.inputSchema(for: .ux))
        #expect(ux.isValid(["spec": "x", "style_preference": "playful", "requirements": [:], "architecture": [:]]))
        #expect(ux.isValid(["spec": "x", "style_preference": "friendly, high-contrast, large touch targets"]))
        #expect(!ux.isValid(["spec": "x", "style_preference": .string(String(repeating: "a", count: 201))]))
        #expect(!ux.isValid(["spec": "x", "style_preference": 3]))
        let code = try JSONSchemaValidator(schema: AgentSchemas.inputSchema(for: .code))
        #expect(code.isValid(["spec": "x", "framework": "vite-react-supabase", "target_files": ["src/"]]))
        #expect(code.isValid(["spec": "x", "requirements": ["requirements": [:]]]))
        #expect(!code.isValid(["spec": "x", "framework": "rails"]))
        let architecture = try JSONSchemaValidator(schema: AgentSchemas.inputSchema(for: .architecture))
        #expect(architecture.isValid(["spec": "x", "stack_preference": "Vite please", "requirements": ["anything": 1]]))
    }

    @Test(arguments: EngineFixtures.names)
    func everyArtifactMatchesItsOutputSchema(_ example: String) throws {
        let run = try EngineFixtures.pipeline(example)
        for (phase, artifact) in [(Phase.strategy, run.strategy), (.architecture, run.architecture), (.ux, run.ux), (.code, run.code)] {
            let violations = try JSONSchemaValidator(schema: AgentSchemas.outputSchema(for: phase)).validate(.object(artifact))
            #expect(violations.isEmpty, "\(example) \(phase): \(violations.prefix(3))")
        }
    }

    @Test func markdownKeys() {
        #expect(AgentSchemas.markdownKey(for: .strategy) == "prd_markdown")
        #expect(AgentSchemas.markdownKey(for: .architecture) == "architecture_markdown")
        #expect(AgentSchemas.markdownKey(for: .ux) == "ux_markdown")
        #expect(AgentSchemas.markdownKey(for: .code) == nil)
    }
}
