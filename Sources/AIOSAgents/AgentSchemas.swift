import AIOSJSON
import AIOSCrypto

/// JSON Schemas (draft 2020-12 subset, inline, no `$ref`) for the four agent tools: their
/// arguments and their `structuredContent`, exactly as SPEC §2 shapes them.
///
/// Only these keywords appear: type, properties, required, additionalProperties, items, enum,
/// minLength, maxLength, minItems, pattern, description.
public enum AgentSchemas {
    // MARK: - Building blocks

    private static func string(_ description: String, minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "string", "description": .string(description)]
        if let minLength { schema["minLength"] = .integer(minLength) }
        if let maxLength { schema["maxLength"] = .integer(maxLength) }
        if let pattern { schema["pattern"] = .string(pattern) }
        return .object(schema)
    }

    private static func nullableString(_ description: String) -> JSONValue {
        ["type": ["string", "null"], "description": .string(description)]
    }

    private static func choice(_ description: String, _ values: [String]) -> JSONValue {
        ["type": "string", "enum": .strings(values), "description": .string(description)]
    }

    private static func boolean(_ description: String) -> JSONValue { ["type": "boolean", "description": .string(description)] }
    private static func number(_ description: String) -> JSONValue { ["type": "number", "description": .string(description)] }

    private static func array(_ description: String, _ items: JSONValue, minItems: Int? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "array", "description": .string(description), "items": items]
        if let minItems { schema["minItems"] = .integer(minItems) }
        return .object(schema)
    }

    private static func strings(_ description: String, minItems: Int? = nil) -> JSONValue {
        array(description, ["type": "string"], minItems: minItems)
    }

    /// A closed object: every listed property, `required` as given, nothing else.
    private static func object(_ description: String, _ properties: [(String, JSONValue)], required: [String], open: Bool = false) -> JSONValue {
        var props = JSONObject()
        for (name, schema) in properties { props[name] = schema }
        return [
            "type": "object", "description": .string(description), "properties": .object(props),
            "required": .strings(required), "additionalProperties": .bool(open),
        ]
    }

    /// An object whose keys are free and whose values all follow `values`.
    private static func map(_ description: String, _ values: JSONValue) -> JSONValue {
        ["type": "object", "description": .string(description), "additionalProperties": values]
    }

    private static let requirementID = string("A functional requirement id from the strategy, e.g. FR-3.", pattern: "^FR-[0-9]+$")

    // MARK: - Inputs

    /// The common brief fields (SPEC §2): `spec` and the optional context of the product.
    public static let briefProperties: JSONObject = {
        var properties = JSONObject()
        properties["spec"] = string("The product brief in natural language: who uses it, what they do, constraints. One line to several pages.", minLength: 1, maxLength: 200_000)
        properties["product_name"] = string("The product's name; derived from the brief when absent.", minLength: 1, maxLength: 200)
        properties["target_segments"] = strings("Customer segments the product serves, e.g. 'small agencies'.")
        properties["key_problems"] = strings("Problems the product solves, in the users' words.")
        properties["success_metrics"] = strings("How success is measured, e.g. '60% of invited members active weekly'.")
        properties["context"] = object("Business context.", [
            ("industry", string("Industry, e.g. healthcare, education, fintech.", maxLength: 200)),
            ("target_audience", string("Who the users are.", maxLength: 2000)),
            ("budget_tier", choice("Budget tier, which shapes stack and non-functional choices.", ["startup", "scaleup", "enterprise"])),
        ], required: [])
        return properties
    }()

    /// The `style_preference` values the UX tool accepts.
    public static let styles: [String] = StylePreset.allCases.map(\.rawValue)
    /// The `framework` values the code tool accepts.
    public static let frameworks: [String] = StackPreset.allCases.map(\.rawValue)

    /// The arguments schema of a phase's tool: an object, `spec` required, no other members.
    public static func inputSchema(for phase: Phase) -> JSONValue {
        var properties = briefProperties
        switch phase.pipelinePhase {
        case .strategy:
            properties["clarifications"] = clarificationsInput
        case .architecture:
            properties["requirements"] = ["type": "object", "description": "Output of aios_strategize (or its requirements object). Endpoints cite its FR ids. Derived from the brief when absent."]
            properties["stack_preference"] = string("Preferred stack, e.g. 'nextjs-supabase' (default) or 'vite-react-supabase'; free text like 'Vite + React' is matched.", maxLength: 200)
        case .ux:
            properties["requirements"] = ["type": "object", "description": "Output of aios_strategize (or its requirements object). Pages cite its FR ids. Derived from the brief when absent."]
            properties["architecture"] = ["type": "object", "description": "Output of aios_design_architecture; pages are made per entity of its data model. Derived from the brief when absent."]
            properties["ux_content"] = uxContentArgumentSchema
            properties["style_preference"] = string("Visual style in your own words, e.g. \"friendly, high-contrast, large touch targets\". The presets minimal, corporate and playful are recognised from words that name or describe them (clean, professional, friendly, …); high contrast and large touch targets are applied; other phrases are kept as notes. ux_spec.design_tokens.style_request says which preset was used. Default: minimal (corporate for enterprise briefs).", maxLength: 200)
        case .code:
            properties["requirements"] = ["type": "object", "description": "Output of aios_strategize; the plan's tasks cite its ids and the readiness review checks its stories and non-functional requirements. Derived from the brief when absent."]
            properties["architecture"] = ["type": "object", "description": "Output of aios_design_architecture; its sql_migration is used verbatim. Derived from the brief when absent."]
            properties["ux_spec"] = ["type": "object", "description": "Output of aios_design_ux (or its ux_spec object); a page file per page. Derived from the brief when absent."]
            properties["target_files"] = array("Only return these files: exact paths, directories ('src/app/') or globs ('src/lib/models/*.ts'). All files when absent.",
                                              string("A relative path or glob inside the project.", minLength: 1, maxLength: 500))
            properties["framework"] = choice("Project scaffold to generate.", frameworks)
        }
        properties["analysis"] = phase == .strategy ? analysisArgumentSchema : analysisArgument
        return ["type": "object", "properties": .object(properties), "required": ["spec"], "additionalProperties": false]
    }

    /// The optional `analysis` argument: strategy content written by the caller's own model
    /// (``StrategyContent``), checked by the same checks as a provider model's answer.
    public static let analysisArgument: JSONValue = [
        "type": "object",
        "description": "Optional: your own reading of the brief, so that aios renders from your understanding instead of its builtin analyser (no provider key needed). An object matching the strategy content schema (aios_strategize's input schema shows it in full; docs/engines.md): product {name, pitch}, actors, entities with fields and relations (belongs_to, references), tenant, requirements (id, actor, statement, kind, entities, priority, brief_sentence), integrations, qualities, constraints, personas, stories with acceptance criteria. Every property is required (use empty strings and arrays). It is checked (unknown entity in a relation, requirement without actor, duplicate ids, …) and refused with INVALID_INPUT listing every problem with its JSON Pointer. Later phases read it back from the strategy output's analysis member.",
    ]

    /// The `analysis` argument with the whole strategy content schema, for the tools a host
    /// starts from (`aios_strategize`, `aios_full_pipeline`).
    public static var analysisArgumentSchema: JSONValue {
        guard case .object(var schema) = StrategyContent.schema else { return analysisArgument }
        schema["description"] = analysisArgument["description"]
        return .object(schema)
    }

    /// The optional `ux_content` argument: the UX phase's content (``UXContent``) written by the
    /// caller's own model, checked by the same checks as a provider model's answer.
    public static var uxContentArgumentSchema: JSONValue {
        guard case .object(var schema) = UXContent.schema else { return ["type": "object"] }
        schema["description"] = "Optional: your own UX content, so that aios renders the UX spec from it instead of deriving pages and flows (on a model-backed engine: instead of asking the model). The pages (id, name, route, kind, entity, purpose, sections, requirement_ids, copy {heading, empty_state, error, call_to_action}) and the user flows (name, actor, requirement_ids, steps {page_id, action}); every property is required. The required pages are sign-in (/sign-in), sign-up (/sign-up), the dashboard (/), settings (/settings) and per entity of the data model its list (/rides), detail (/rides/:id), new (/rides/new) and edit (/rides/:id/edit) pages; more pages of kind other may have static routes. It is checked against the requirements and the data model (unknown requirement or entity, duplicate page id or route, a flow step on an unknown page, a must-have requirement no page serves or no flow of its actor covers, empty copy) and refused with INVALID_INPUT listing every problem with its JSON Pointer. Tokens, contrast checks, components and layouts are aios's whatever the content says (docs/engines.md)."
        return .object(schema)
    }

    /// What a model-backed engine records about how it produced an artifact (docs/engines.md).
    public static let engineRunSchema: JSONValue = [
        "type": "object",
        "description": "How a model-backed engine produced this artifact: engine, model, prompt version, tokens, latency, attempts and repairs, cache hit. Absent for the builtin engine.",
    ]

    /// The key of the Markdown document in a phase's output, if it has one.
    public static func markdownKey(for phase: Phase) -> String? {
        switch phase.pipelinePhase {
        case .strategy: "prd_markdown"
        case .architecture: "architecture_markdown"
        case .ux: "ux_markdown"
        case .code: nil
        }
    }

    // MARK: - Outputs

    /// The `structuredContent` schema of a phase's tool.
    public static func outputSchema(for phase: Phase) -> JSONValue {
        switch phase.pipelinePhase {
        case .strategy: strategyOutput
        case .architecture: architectureOutput
        case .ux: uxOutput
        case .code: codeOutput
        }
    }

    private static let strategyOutput: JSONValue = object("Product strategy: PRD-style requirements and what surrounds them.", [
        ("requirements", object("Requirements of the product.", [
            ("functional", array("What the product does, one requirement per feature.", object("A functional requirement.", [
                ("id", string("Stable id, FR-1, FR-2, …; later phases cite it.", pattern: "^FR-[0-9]+$")),
                ("description", string("The requirement as one sentence.", minLength: 1)),
                ("priority", choice("MoSCoW priority.", ["must", "should", "could", "wont"])),
                ("actor", string("Who does it (an actor or role of the analysis).", minLength: 1)),
                ("assumed", ["type": "boolean", "description": "True for a standard addition the brief does not state (sign-in, record upkeep); assumption says why."]),
                ("assumption", string("Why a requirement the brief does not state was added.", minLength: 1)),
            ], required: ["id", "description", "priority", "actor"]), minItems: 1)),
            ("non_functional", array("Quality requirements: security, privacy, accessibility, performance, …", object("A non-functional requirement.", [
                ("id", string("NFR-1, NFR-2, …", pattern: "^NFR-[0-9]+$")),
                ("description", string("The requirement.", minLength: 1)),
                ("category", string("security, privacy, compliance, accessibility, usability, performance, scalability, availability, reliability or maintainability.", minLength: 1)),
                ("verification", string("How the requirement is checked before release (a test, a scan, a drill).", minLength: 1)),
            ], required: ["id", "description", "category"]))),
            ("constraints", array("Fixed constraints: mandated technology, budget, deadlines.", object("A constraint.", [
                ("id", string("CON-1, CON-2, …", pattern: "^CON-[0-9]+$")),
                ("description", string("The constraint.", minLength: 1)),
            ], required: ["id", "description"]))),
        ], required: ["functional", "non_functional", "constraints"])),
        ("personas", array("One persona per actor.", object("A persona.", [
            ("name", string("Persona name and role.")),
            ("role", string("The actor this persona stands for.")),
            ("description", string("Who they are.")),
            ("goals", strings("What they want from the product.")),
            ("pain_points", strings("What hurts today.")),
        ], required: ["name", "role", "description", "goals", "pain_points"]))),
        ("user_stories", array("One story per functional requirement.", object("A user story.", [
            ("id", string("US-1, US-2, …", pattern: "^US-[0-9]+$")),
            ("actor", string("Who the story is for.")),
            ("story", string("As a …, I want … so that …")),
            ("requirement_ids", array("Requirements the story details.", requirementID)),
            ("acceptance_criteria", strings("Acceptance criteria in EARS form: \"When …, the system shall …\", \"While …, the system shall …\", \"If …, then the system shall …\"; each traces to the story's requirement_ids.")),
        ], required: ["id", "actor", "story", "requirement_ids", "acceptance_criteria"]))),
        ("success_metrics", array("How success is measured.", object("A success metric.", [
            ("name", string("Metric name.")),
            ("target", string("Target value.")),
            ("measurement", string("How it is measured.")),
        ], required: ["name", "target", "measurement"]))),
        ("strategy_summary", string("Summary of the strategy in a paragraph.", minLength: 1)),
        ("estimated_complexity", choice("Overall build complexity.", ["simple", "standard", "complex"])),
        ("prd_markdown", string("The whole PRD as Markdown.", minLength: 1)),
        ("analysis", ["type": "object", "description": "The strategy content a model (or the caller, as the analysis argument) wrote and the checks passed; later phases render from it. Absent when the builtin analyser read the brief."]),
        ("engine_run", engineRunSchema),
        ("brief_coverage", array("What became of each sentence of the brief, in order.", object("One sentence of the brief.", [
            ("sentence", string("The sentence as written.", minLength: 1)),
            ("ids", strings("Requirement and constraint ids (FR-, NFR-, CON-) read from it; empty when it is not used.")),
            ("use", choice("What the sentence became.", ["requirement", "summary", "persona", "heading", "not used"])),
            ("reason", string("Why it is used that way or not used.", minLength: 1)),
        ], required: ["sentence", "ids", "use", "reason"]))),
        // The product manager's questions (ClarifyingQuestions): answers that joined the brief,
        // and what was assumed for each question left open.
        ("clarifications", array("Answers to the product manager's questions about a thin brief; they joined the brief the artifacts are built from.", clarificationSchema)),
        ("assumptions", array("What the brief leaves out and nobody answered, and what the artifacts assume instead.", object("One open question and its assumption.", [
            ("topic", choice("What the brief leaves out.", ["users", "activities", "constraints"])),
            ("question", string("The question that was (or would have been) asked.", minLength: 1)),
            ("assumption", string("What the artifacts take as given instead.", minLength: 1)),
        ], required: ["topic", "question", "assumption"]))),
    ], required: ["requirements", "personas", "user_stories", "success_metrics", "strategy_summary", "estimated_complexity", "prd_markdown"])

    /// One answer to a clarifying question (in the strategy input and artifact).
    private static let clarificationSchema: JSONValue = object("A question about the brief and its answer.", [
        ("topic", choice("What the question is about.", ["users", "activities", "constraints"])),
        ("question", string("The question.", minLength: 1, maxLength: 2000)),
        ("answer", string("The answer, joined to the brief.", minLength: 1, maxLength: 1000)),
    ], required: ["question", "answer"])

    /// The `clarifications` input of the strategy tool and the pipeline.
    public static let clarificationsInput: JSONValue = array(
        "Answers to the product manager's questions (or anything the brief leaves out), each joined to the brief as a paragraph and recorded in the strategy artifact. Hosts with elicitation are asked these questions by the tool itself.",
        clarificationSchema)

    private static let fieldSchema: JSONValue = object("A column.", [
        ("name", string("Column name (snake_case).", minLength: 1)),
        ("type", string("PostgreSQL type: uuid, text, integer, numeric(12,2), date, time, timestamptz, boolean, jsonb.", minLength: 1)),
        ("primary", boolean("Part of the primary key.")),
        ("unique", boolean("Values are unique.")),
        ("nullable", boolean("May be null.")),
        ("references", nullableString("Foreign key target as table.column, or null.")),
        ("enum", strings("Allowed values (a check constraint), when restricted.")),
        ("default", string("SQL default expression.")),
        ("format", string("Semantic format for APIs: email, uri or phone.")),
    ], required: ["name", "type", "primary", "unique", "nullable", "references"])

    private static let endpointSchema: JSONValue = object("A REST endpoint.", [
        ("method", choice("HTTP method.", ["GET", "POST", "PUT", "PATCH", "DELETE"])),
        ("path", string("Path under the API base, e.g. /invoices/{id}.", minLength: 1, pattern: "^/")),
        ("description", string("What it does.")),
        ("requirement_ids", array("Functional requirements it serves.", requirementID)),
    ], required: ["method", "path", "description", "requirement_ids"])

    private static let architectureOutput: JSONValue = object("System architecture with its OpenAPI document and SQL migration.", [
        ("architecture", object("The design.", [
            ("stack", object("Technology choices.", [
                ("frontend", string("Frontend technology.")),
                ("backend", string("Backend technology.")),
                ("database", string("Database.")),
                ("deployment", string("Where and how it runs.")),
                ("preset", choice("The stack preset the design follows.", frameworks)),
            ], required: ["frontend", "backend", "database", "deployment"])),
            ("data_model", object("Entities and relationships.", [
                ("entities", array("Tables of the product.", object("An entity.", [
                    ("name", string("Entity name (PascalCase).", minLength: 1)),
                    ("table", string("Table name (snake_case plural).")),
                    ("fields", array("Columns.", fieldSchema, minItems: 1)),
                    ("unique_together", array("Column groups unique together.", ["type": "array", "items": ["type": "string"]])),
                ], required: ["name", "fields"]), minItems: 1)),
                ("relationships", array("How entities relate.", object("A relationship.", [
                    ("from", string("Entity on the 'one' side (or either side of many-to-many).")),
                    ("to", string("Entity on the 'many' side.")),
                    ("type", choice("Cardinality.", ["one_to_one", "one_to_many", "many_to_one", "many_to_many"])),
                    ("via", string("Foreign key column (table.column) or join table.")),
                ], required: ["from", "to", "type"]))),
            ], required: ["entities", "relationships"])),
            ("api_design", object("The REST API.", [
                ("base_path", string("Prefix of every path, e.g. /api.")),
                ("endpoints", array("Every endpoint.", endpointSchema, minItems: 1)),
            ], required: ["endpoints"])),
            ("security", object("Authentication and authorisation.", [
                ("auth_strategy", string("How people sign in and how requests are authorised.", minLength: 1)),
                ("rls_policies", array("Row-level security policies, as in the migration.", object("A policy.", [
                    ("table", string("Table the policy protects.")),
                    ("name", string("Policy name.")),
                    ("command", choice("SQL command it covers.", ["select", "insert", "update", "delete", "all"])),
                    ("using", nullableString("USING expression, or null.")),
                    ("with_check", nullableString("WITH CHECK expression, or null.")),
                    ("description", string("The rule in words.")),
                ], required: ["table", "name", "command", "description"]))),
            ], required: ["auth_strategy", "rls_policies"])),
            ("integrations", array("Third-party and platform services, with what configures them.", object("An integration.", [
                ("kind", string("payments, email, sms, push, maps, realtime, search, storage, analytics, chat_tools, calendar, ai or export.", minLength: 1)),
                ("title", string("What it is.")),
                ("provider", string("The chosen provider.", minLength: 1)),
                ("configuration", strings("Environment variables that configure it (server-side unless the name says otherwise); empty when the platform provides it.")),
                ("setup", string("How it is set up, in a sentence.")),
            ], required: ["kind", "provider", "configuration"]))),
            ("adrs", array("Architecture decision records: stack, authentication, data model, integrations.", object("A decision.", [
                ("id", string("ADR-1, ADR-2, …", pattern: "^ADR-[0-9]+$")),
                ("title", string("The decision in a few words.", minLength: 1)),
                ("status", choice("Decision status.", ["proposed", "accepted", "superseded"])),
                ("context", string("The forces at play.", minLength: 1)),
                ("decision", string("What was decided.", minLength: 1)),
                ("alternatives", strings("Options considered and why they lost.", minItems: 1)),
                ("consequences", strings("What follows from the decision.", minItems: 1)),
                ("requirement_ids", strings("Requirement ids (FR/NFR) the decision serves.")),
            ], required: ["id", "title", "context", "decision", "alternatives", "consequences"]))),
        ], required: ["stack", "data_model", "api_design", "security"])),
        ("openapi", ["type": "object", "description": "OpenAPI 3.1 document of the API (openapi, info, paths, components).", "required": ["openapi", "info", "paths"]]),
        ("sql_migration", string("PostgreSQL 15 migration: tables, keys, indexes, triggers, row-level security and policies.", minLength: 1)),
        ("architecture_markdown", string("The architecture as Markdown.", minLength: 1)),
    ], required: ["architecture", "openapi", "sql_migration", "architecture_markdown"])

    private static let uxOutput: JSONValue = object("UX specification.", [
        ("ux_spec", object("Flows, pages, tokens and accessibility.", [
            ("user_flows", array("Journeys per actor covering every must-have requirement.", object("A user flow.", [
                ("name", string("Flow name.")),
                ("actor", string("Who follows it.")),
                ("steps", strings("Ordered steps.", minItems: 1)),
                ("requirement_ids", array("Requirements the flow covers.", requirementID)),
            ], required: ["name", "actor", "steps"]))),
            ("pages", array("Every page.", object("A page.", [
                ("name", string("Page name.")),
                ("route", string("Route, e.g. /invoices/:id.", pattern: "^/")),
                ("components", strings("Components on the page.")),
                ("layout", string("Layout: app-shell, centered-card, …")),
                ("requirement_ids", array("Requirements the page serves.", requirementID)),
                ("kind", choice("Page kind.", ["auth", "dashboard", "list", "detail", "create", "edit", "reports", "settings", "other"])),
                ("entity", nullableString("Table the page shows, or null.")),
                ("purpose", string("What people do on the page (when a model or the caller wrote the UX content).")),
                ("sections", strings("The page's sections, top to bottom (written UX content).")),
                ("copy", object("The page's words (written UX content).", [
                    ("heading", string("The page's h1.")),
                    ("empty_state", string("What it says when there is nothing to show.")),
                    ("error", string("What it says when loading or saving fails.")),
                    ("call_to_action", string("The main button's label.")),
                ], required: ["heading", "empty_state", "error", "call_to_action"])),
            ], required: ["name", "route", "components", "layout", "requirement_ids"]), minItems: 1)),
            ("design_tokens", object("Design tokens.", [
                ("style", choice("Style preset.", styles)),
                ("colors", map("Colour tokens by name (background, text, primary, …) as #rrggbb.", string("Hex colour.", pattern: "^#[0-9a-fA-F]{6}$"))),
                ("typography", ["type": "object", "description": "Font families, type scale, line heights and weights."]),
                ("spacing", map("Spacing scale.", ["type": "string"])),
                ("radii", map("Corner radius scale.", ["type": "string"])),
                ("style_request", object("How the style preference was read: the caller's text, the preset used and why, what else was applied, and the phrases kept as notes.", [
                    ("text", nullableString("The style_preference text, or null.")),
                    ("preset", choice("The preset used.", styles)),
                    ("chosen_by", choice("text: words of the preference named it; default: none did.", ["text", "default"])),
                    ("matched", strings("Words that chose the preset.")),
                    ("applied", strings("Wishes applied beyond the preset (high contrast, large touch targets).")),
                    ("kept", strings("Phrases not recognised, kept verbatim.")),
                ], required: ["text", "preset", "chosen_by", "matched", "applied", "kept"])),
            ], required: ["colors", "typography", "spacing", "radii"])),
            ("accessibility", object("Accessibility target and checks.", [
                ("wcag_level", choice("WCAG 2.1 conformance level.", ["A", "AA", "AAA"])),
                ("checks", array("Computed contrast checks and review checks.", object("A check.", [
                    ("id", string("Check id.")),
                    ("criterion", string("WCAG success criterion.")),
                    ("description", string("What is checked.")),
                    ("status", choice("pass/fail for computed checks; verify-in-review for manual ones.", ["pass", "fail", "verify-in-review"])),
                    ("foreground", string("Foreground colour (contrast checks).")),
                    ("background", string("Background colour (contrast checks).")),
                    ("ratio", number("Computed contrast ratio, rounded down to 2 decimals.")),
                    ("minimum", number("Required ratio.")),
                ], required: ["id", "criterion", "description", "status"]))),
            ], required: ["wcag_level", "checks"])),
            ("component_library", object("The component library.", [
                ("name", string("Library name.")),
                ("foundation", string("What it is built on.")),
                ("icons", string("Icon set.")),
                ("components", array("Components used by the pages.", object("A component.", [
                    ("name", string("Component name.")),
                    ("purpose", string("What it is for.")),
                    ("used_on", strings("Routes that use it.")),
                ], required: ["name", "purpose", "used_on"]))),
            ], required: ["name", "components"])),
        ], required: ["user_flows", "pages", "design_tokens", "accessibility", "component_library"])),
        ("ux_markdown", string("The UX spec as Markdown.", minLength: 1)),
        ("engine_run", engineRunSchema),
    ], required: ["ux_spec", "ux_markdown"])

    private static let codeOutput: JSONValue = object("Project scaffold.", [
        ("files", array("Generated files.", object("A file.", [
            ("path", string("Relative path inside the project.", minLength: 1, pattern: "^[A-Za-z0-9._\\[\\]-][A-Za-z0-9._/\\[\\]-]*$")),
            ("content", string("File content.")),
            ("language", string("Language: typescript, tsx, json, sql, markdown, css, html, javascript, dotenv, text.")),
            ("requirement_ids", array("Requirements the file implements.", requirementID)),
        ], required: ["path", "content", "language"]), minItems: 1)),
        ("dependencies", object("Packages to install.", [
            ("production", map("Runtime packages: name → version range.", ["type": "string"])),
            ("development", map("Build and test packages: name → version range.", ["type": "string"])),
        ], required: ["production", "development"])),
        ("setup_instructions", strings("Steps from clone to running app.", minItems: 1)),
        ("framework", choice("Scaffold framework.", frameworks)),
        ("traceability", array("Where each functional requirement is implemented.", object("Trace of one requirement.", [
            ("requirement_id", requirementID),
            ("description", string("The requirement.")),
            ("priority", choice("MoSCoW priority.", ["must", "should", "could", "wont"])),
            ("endpoints", strings("Endpoints citing it (METHOD path).")),
            ("pages", strings("Page routes citing it.")),
            ("files", strings("Files implementing it.")),
        ], required: ["requirement_id", "endpoints", "pages", "files"]))),
        ("plan", planSchema),
        ("review", reviewSchema),
    ], required: ["files", "dependencies", "setup_instructions"])

    private static let taskSchema: JSONValue = object("A task.", [
        ("id", string("T-1, T-2, …", pattern: "^T-[0-9]+$")),
        ("title", string("What to build.", minLength: 1)),
        ("requirement_ids", strings("Requirement ids (FR, NFR, CON) the task serves.")),
        ("files", strings("Generated files the task touches.")),
        ("depends_on", strings("Tasks to finish first (ids); the tasks form a DAG.")),
        ("size", choice("S under a day, M a few days, L a week or more.", ["S", "M", "L"])),
        ("test", string("The test to write first, from the acceptance criteria.", minLength: 1)),
        ("user_story_ids", strings("User stories whose requirements the task serves.")),
    ], required: ["id", "title", "requirement_ids", "files", "depends_on", "size", "test"])

    /// The `plan` of the code output (also `aios_get_artifact` type `plan`).
    package static let planSchema: JSONValue = object("The work plan: epics → stories → tasks; also docs/tasks.md in the project.", [
        ("epics", array("Epics in build order.", object("An epic.", [
            ("id", string("EP-1, EP-2, …", pattern: "^EP-[0-9]+$")),
            ("title", string("The epic.")),
            ("stories", array("Stories of the epic.", object("A story.", [
                ("id", string("ST-1, ST-2, …", pattern: "^ST-[0-9]+$")),
                ("title", string("The story.")),
                ("requirement_ids", strings("Requirements its tasks serve.")),
                ("user_story_ids", strings("User stories of the strategy it delivers.")),
                ("acceptance_criteria", strings("EARS criteria of those user stories.")),
                ("tasks", array("Tasks of the story.", taskSchema)),
            ], required: ["id", "title", "requirement_ids", "acceptance_criteria", "tasks"]))),
        ], required: ["id", "title", "stories"]))),
        ("order", strings("Every task id in a valid build order (each after its dependencies).")),
    ], required: ["epics", "order"])

    /// The `review` of the code output (also `aios_get_artifact` type `review`, and the status of
    /// a finished job).
    package static let reviewSchema: JSONValue = object("The readiness review across strategy, architecture, UX, code and plan.", [
        ("verdict", choice("PASS: nothing found; CONCERNS: warnings only; FAIL: at least one error.", ["PASS", "CONCERNS", "FAIL"])),
        ("summary", string("The verdict in a sentence.")),
        ("checked", map("How many of each thing were checked.", ["type": "integer"])),
        ("findings", array("What the review found.", object("A finding.", [
            ("id", string("RV-1, RV-2, …", pattern: "^RV-[0-9]+$")),
            ("check", choice("The check that found it.", ReadinessReview.checks.map(\.name))),
            ("severity", choice("error (makes the verdict FAIL) or warning (CONCERNS).", ["error", "warning"])),
            ("message", string("What is wrong, naming the ids.")),
            ("artifacts", strings("Artifacts involved: strategy, architecture, ux, code, plan.")),
            ("refs", strings("Ids involved: requirement, entity, route, story, task, integration.")),
        ], required: ["id", "check", "severity", "message", "artifacts", "refs"]))),
    ], required: ["verdict", "summary", "findings"])
}
