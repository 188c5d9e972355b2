import AIOSJSON

/// What a model (or an MCP host's own model) says about a brief: the strategy phase's content.
///
/// Models write content, our code writes formats: this is the only thing a model produces. It
/// becomes a ``BriefAnalysis`` (and the personas and stories the model wrote), from which the
/// deterministic writers render requirements, OpenAPI, SQL, row-level security, tokens and the
/// scaffold, so every gate holds whatever the model says. The architecture, UX and code phases
/// need no content of their own: they are derived from this one (docs/engines.md).
///
/// ``schema`` is in the subset OpenAI's strict structured outputs accept (every property
/// required, `additionalProperties: false`, only `type`, `properties`, `required`, `items`,
/// `enum`, `description`); ``check(_:)`` adds what a schema cannot say (unknown names, duplicate
/// ids), each problem with its JSON Pointer, so a model can be told precisely what to repair.
package struct StrategyContent: Sendable, Equatable {
    package struct Product: Sendable, Equatable { package var name: String; package var pitch: String }
    package struct Actor: Sendable, Equatable { package var name: String; package var description: String; package var isRole: Bool }
    package struct Field: Sendable, Equatable {
        package var name: String
        package var type: String
        package var values: [String]
        package var required: Bool
        package var unique: Bool
        package var searchable: Bool
    }
    package struct Entity: Sendable, Equatable {
        package var name: String
        package var description: String
        package var representsActor: String
        package var fields: [Field]
        package var belongsTo: [String]
        package var references: [String]
    }
    package struct Requirement: Sendable, Equatable {
        package var id: String
        package var actor: String
        package var statement: String
        package var kind: String
        package var entities: [String]
        package var priority: String
        package var briefSentence: String
    }
    package struct Integration: Sendable, Equatable { package var kind: String; package var provider: String; package var evidence: String }
    package struct Quality: Sendable, Equatable { package var kind: String; package var evidence: String }
    package struct Persona: Sendable, Equatable {
        package var actor: String
        package var name: String
        package var description: String
        package var goals: [String]
        package var painPoints: [String]
    }
    package struct Story: Sendable, Equatable {
        package var requirementID: String
        package var story: String
        package var acceptanceCriteria: [String]
    }

    package var product: Product
    package var actors: [Actor]
    package var entities: [Entity]
    package var tenant: String
    package var requirements: [Requirement]
    package var integrations: [Integration]
    package var qualities: [Quality]
    package var constraints: [String]
    package var personas: [Persona]
    package var stories: [Story]
    /// The content as given (after the checks), kept so the strategy artifact can carry it.
    package var json: JSONValue

    // MARK: - Schema

    package static let fieldTypes = ["text", "longtext", "email", "url", "phone", "int", "money", "decimal", "date", "time", "timestamp", "bool", "json", "enum"]
    package static let requirementKinds = ["entity", "report", "dashboard", "notification", "auth", "privacy", "audit", "integration"]
    package static let priorities = ["must", "should", "could", "wont"]
    package static let integrationKinds = DomainLexicon.integrations.map(\.kind)
    package static let qualityKinds = DomainLexicon.qualities.map(\.kind)

    private static func string(_ description: String) -> JSONValue { ["type": "string", "description": .string(description)] }
    private static func boolean(_ description: String) -> JSONValue { ["type": "boolean", "description": .string(description)] }
    private static func choice(_ description: String, _ values: [String]) -> JSONValue {
        ["type": "string", "enum": .strings(values), "description": .string(description)]
    }
    private static func array(_ description: String, _ items: JSONValue) -> JSONValue {
        ["type": "array", "items": items, "description": .string(description)]
    }
    private static func strings(_ description: String) -> JSONValue { array(description, ["type": "string"]) }
    private static func object(_ description: String, _ properties: [(String, JSONValue)]) -> JSONValue {
        ["type": "object", "description": .string(description), "properties": .object(JSONObject(properties)),
         "required": .strings(properties.map(\.0)), "additionalProperties": false]
    }

    /// The name providers are given for the schema.
    package static let schemaName = "strategy_analysis"

    /// The JSON Schema of the content (OpenAI strict subset).
    package static let schema: JSONValue = object("What the brief describes: the product, who uses it, the records it keeps and what each user does.", [
        ("product", object("The product.", [
            ("name", string("The product's name as the brief gives it, or a short name you choose.")),
            ("pitch", string("One sentence: what the product is and for whom.")),
        ])),
        ("actors", array("The people who use the product, by role. Write each name in English, singular (driver, clinic manager).", object("An actor.", [
            ("name", string("Role name, singular, lowercase words (passenger, dispatcher).")),
            ("description", string("Who they are.")),
            ("is_role", boolean("True when this is a role another actor holds (admin of a workspace member), false for a kind of person.")),
        ]))),
        ("entities", array("The records the product keeps (domain entities): things people create, list and change. Not verbs, adjectives or screens. Singular English names.", object("An entity.", [
            ("name", string("Singular noun, lowercase words (ride, line item).")),
            ("description", string("What one record is.")),
            ("represents_actor", string("The actor this record describes (a patient record for the patient actor), or empty.")),
            ("fields", array("The record's own columns. Do not list id, created_at, updated_at, created_by or the keys of belongs_to and references: they are added.", object("A column.", [
                ("name", string("snake_case column name (pickup_at, seat_count).")),
                ("type", choice("Column type.", fieldTypes)),
                ("values", strings("For type enum, the allowed values (snake_case); empty otherwise.")),
                ("required", boolean("True when every record must have it.")),
                ("unique", boolean("True when no two records may share it.")),
                ("searchable", boolean("True when people search or filter by it.")),
            ]))),
            ("belongs_to", strings("Entities this record belongs to (each becomes a required foreign key).")),
            ("references", strings("Entities this record may point at without belonging to them (optional foreign keys).")),
        ]))),
        ("tenant", string("The entity that isolates customers' data (workspace, clinic, company), or empty when the product has none.")),
        ("requirements", array("What each actor does with the product, one requirement per action, every action of every actor. Write each as \"<Actors> can <verb> <entity> …\" naming the entities it acts on.", object("A functional requirement.", [
            ("id", string("Your id for it (R1, R2, …); stories refer to it.")),
            ("actor", string("The actor who does it (a name from actors).")),
            ("statement", string("The requirement as one English sentence, e.g. \"Passengers can book a ride.\"")),
            ("kind", choice("entity for work on records; report, dashboard, notification, auth, privacy, audit or integration otherwise.", requirementKinds)),
            ("entities", strings("The entities it acts on (names from entities); empty for auth or privacy.")),
            ("priority", choice("MoSCoW priority.", priorities)),
            ("brief_sentence", string("The brief's sentence it comes from, copied exactly, or empty when it is implied.")),
        ]))),
        ("integrations", array("Outside services the brief needs.", object("An integration.", [
            ("kind", choice("What it does.", integrationKinds)),
            ("provider", string("The provider the brief names, or the usual one (Stripe, Twilio).")),
            ("evidence", string("The brief's sentence that asks for it, copied exactly.")),
        ]))),
        ("qualities", array("Compliance and quality demands the brief makes.", object("A quality.", [
            ("kind", choice("Which demand.", qualityKinds)),
            ("evidence", string("The brief's sentence that makes it, copied exactly.")),
        ]))),
        ("constraints", strings("Fixed constraints the brief states (mandated technology, budget, deadlines), as written.")),
        ("personas", array("One persona per actor.", object("A persona.", [
            ("actor", string("The actor (a name from actors).")),
            ("name", string("A first name and the role, e.g. \"Maya, dispatcher\".")),
            ("description", string("Who they are, in one or two sentences.")),
            ("goals", strings("What they want from the product.")),
            ("pain_points", strings("What hurts today.")),
        ]))),
        ("stories", array("One user story per requirement.", object("A user story.", [
            ("requirement_id", string("The requirement it details (an id from requirements).")),
            ("story", string("As a <actor>, I want <action> so that <benefit>.")),
            ("acceptance_criteria", strings("Criteria in EARS form: \"When …, the system shall …\", \"While …, the system shall …\", \"If …, then the system shall …\".")),
        ]))),
    ])

    // MARK: - Reading and checking

    /// One thing wrong with a content object: where (a JSON Pointer) and what.
    package struct Problem: Sendable, Equatable, CustomStringConvertible {
        package var path: String
        package var message: String
        package var description: String { "\(path.isEmpty ? "/" : path): \(message)" }
    }

    /// Everything wrong with `json`, in document order; empty when it is usable.
    package static func problems(in json: JSONValue) -> [Problem] {
        do {
            _ = try StrategyContent(json: json)
            return []
        } catch {
            return error.problems
        }
    }

    package struct Problems: Error, Sendable {
        package var problems: [Problem]
    }

    private static let validator: JSONSchemaValidator = {
        // The schema is a constant of this file; a test compiles it.
        (try? JSONSchemaValidator(schema: schema)) ?? (try! JSONSchemaValidator(schema: ["type": "object"]))
    }()

    /// Reads and checks content: the schema first, then the semantic checks.
    package init(json: JSONValue) throws(Problems) {
        let violations = Self.validator.validate(json)
        if !violations.isEmpty {
            throw Problems(problems: violations.map { Problem(path: $0.path, message: $0.message) })
        }
        let root = json.objectValue ?? [:]
        func objects(_ value: JSONValue?) -> [JSONObject] { (value?.arrayValue ?? []).compactMap(\.objectValue) }
        func text(_ object: JSONObject, _ key: String) -> String { (object[key]?.stringValue ?? "").trimmingWhitespace() }
        func texts(_ object: JSONObject, _ key: String) -> [String] { (object[key]?.arrayValue ?? []).compactMap(\.stringValue).map { $0.trimmingWhitespace() } }
        func flag(_ object: JSONObject, _ key: String) -> Bool { object[key]?.boolValue ?? false }

        let product = root["product"]?.objectValue ?? [:]
        self.product = Product(name: text(product, "name"), pitch: text(product, "pitch"))
        actors = objects(root["actors"]).map { Actor(name: text($0, "name"), description: text($0, "description"), isRole: flag($0, "is_role")) }
        entities = objects(root["entities"]).map { entity in
            Entity(name: text(entity, "name"), description: text(entity, "description"), representsActor: text(entity, "represents_actor"),
                   fields: objects(entity["fields"]).map { field in
                       Field(name: text(field, "name"), type: text(field, "type"), values: texts(field, "values"),
                             required: flag(field, "required"), unique: flag(field, "unique"), searchable: flag(field, "searchable"))
                   },
                   belongsTo: texts(entity, "belongs_to"), references: texts(entity, "references"))
        }
        tenant = text(root, "tenant")
        requirements = objects(root["requirements"]).map { item in
            Requirement(id: text(item, "id"), actor: text(item, "actor"), statement: text(item, "statement"), kind: text(item, "kind"),
                        entities: texts(item, "entities"), priority: text(item, "priority"), briefSentence: text(item, "brief_sentence"))
        }
        integrations = objects(root["integrations"]).map { Integration(kind: text($0, "kind"), provider: text($0, "provider"), evidence: text($0, "evidence")) }
        qualities = objects(root["qualities"]).map { Quality(kind: text($0, "kind"), evidence: text($0, "evidence")) }
        constraints = texts(root, "constraints").filter { !$0.isEmpty }
        personas = objects(root["personas"]).map { item in
            Persona(actor: text(item, "actor"), name: text(item, "name"), description: text(item, "description"),
                    goals: texts(item, "goals").filter { !$0.isEmpty }, painPoints: texts(item, "pain_points").filter { !$0.isEmpty })
        }
        stories = objects(root["stories"]).map { item in
            Story(requirementID: text(item, "requirement_id"), story: text(item, "story"), acceptanceCriteria: texts(item, "acceptance_criteria").filter { !$0.isEmpty })
        }
        self.json = json
        let problems = semanticProblems()
        if !problems.isEmpty { throw Problems(problems: problems) }
    }

    /// Words a column may not be called: PostgreSQL reserved words and the columns the writers add.
    private static let reservedColumns: Set<String> = [
        "id", "created_at", "updated_at", "created_by", "profile_id", "actor_id",
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check", "collate",
        "column", "constraint", "create", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
        "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
        "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime",
        "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning",
        "select", "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user",
        "using", "variadic", "when", "where", "window", "with",
    ]
    /// Entity names the data model uses itself.
    private static let reservedEntities: Set<String> = ["profile", "user", "me", "report", "job"]

    private static func isSnakeIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 0x61 && first <= 0x7A, text.utf8.count <= 50 else { return false }
        return text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    /// A name of English words: ASCII letters, digits, spaces, `-` or `_`, starting with a letter.
    private static func isName(_ text: String) -> Bool {
        guard let first = text.utf8.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A, text.utf8.count <= 60 else { return false }
        return text.utf8.allSatisfy { (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 || $0 == 0x2D || $0 == 0x5F }
    }

    private func semanticProblems() -> [Problem] {
        var problems: [Problem] = []
        func add(_ path: String, _ message: String) { problems.append(Problem(path: path, message: message)) }

        if product.name.isEmpty { add("/product/name", "must not be empty") }
        if product.pitch.isEmpty { add("/product/pitch", "must not be empty") }

        if actors.isEmpty { add("/actors", "must name at least one actor: who uses the product") }
        var actorTerms: [Term: Int] = [:]
        for (index, actor) in actors.enumerated() {
            let path = "/actors/\(index)/name"
            guard Self.isName(actor.name) else {
                add(path, "\"\(actor.name)\" is not a usable name: English words of letters, digits, spaces or hyphens, starting with a letter, at most 60 characters")
                continue
            }
            let term = Term(parsing: actor.name)
            if let earlier = actorTerms[term] {
                add(path, "duplicate actor \"\(actor.name)\": the same as /actors/\(earlier) (names compare singular, case-insensitively)")
            } else {
                actorTerms[term] = index
            }
        }

        if entities.isEmpty { add("/entities", "must name at least one entity: a record the product keeps") }
        var entityTerms: [Term: Int] = [:]
        for (index, entity) in entities.enumerated() {
            let path = "/entities/\(index)"
            guard Self.isName(entity.name) else {
                add(path + "/name", "\"\(entity.name)\" is not a usable name: English words of letters, digits, spaces or hyphens, starting with a letter, at most 60 characters")
                continue
            }
            let term = Term(parsing: entity.name)
            if Self.reservedEntities.contains(term.snake) {
                add(path + "/name", "\"\(entity.name)\" is reserved: the data model has its own \(term.snake) table or route; name the record after what it holds")
            } else if let earlier = entityTerms[term] {
                add(path + "/name", "duplicate entity \"\(entity.name)\": the same as /entities/\(earlier) (names compare singular, case-insensitively)")
            } else {
                entityTerms[term] = index
            }
        }
        let knownEntities = Set(entityTerms.keys)
        let knownActors = Set(actorTerms.keys)
        func entityKnown(_ name: String) -> Bool { knownEntities.contains(Term(parsing: name)) }
        func actorKnown(_ name: String) -> Bool { knownActors.contains(Term(parsing: name)) || Term(parsing: name).snake == "user" }
        let entityList = entities.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let actorList = actors.map { "\"\($0.name)\"" }.joined(separator: ", ")

        for (index, entity) in entities.enumerated() {
            let path = "/entities/\(index)"
            let term = Term(parsing: entity.name)
            if !entity.representsActor.isEmpty, !actorKnown(entity.representsActor) {
                add(path + "/represents_actor", "unknown actor \"\(entity.representsActor)\"; actors are \(actorList), or leave it empty")
            }
            for (key, names) in [("belongs_to", entity.belongsTo), ("references", entity.references)] {
                for (position, name) in names.enumerated() {
                    if !entityKnown(name) {
                        add("\(path)/\(key)/\(position)", "unknown entity \"\(name)\" in a relation of \"\(entity.name)\"; entities are \(entityList)")
                    } else if Term(parsing: name) == term {
                        add("\(path)/\(key)/\(position)", "\"\(entity.name)\" cannot \(key == "belongs_to" ? "belong to" : "reference") itself")
                    }
                }
            }
            var fieldNames: [String: Int] = [:]
            let linkColumns = Set((entity.belongsTo + entity.references).map { Term(parsing: $0).snake + "_id" })
            for (position, field) in entity.fields.enumerated() {
                let fieldPath = "\(path)/fields/\(position)"
                if !Self.isSnakeIdentifier(field.name) {
                    add(fieldPath + "/name", "\"\(field.name)\" is not a snake_case column name (a-z, 0-9, _; starting with a letter; at most 50 characters)")
                } else if Self.reservedColumns.contains(field.name) {
                    add(fieldPath + "/name", "\"\(field.name)\" is reserved (a PostgreSQL keyword or a column the writers add); choose another name")
                } else if linkColumns.contains(field.name) {
                    add(fieldPath + "/name", "\"\(field.name)\" is the key of a relation already listed in belongs_to or references; remove the field")
                } else if let earlier = fieldNames[field.name] {
                    add(fieldPath + "/name", "duplicate field \"\(field.name)\" in \"\(entity.name)\": the same as \(path)/fields/\(earlier)")
                } else {
                    fieldNames[field.name] = position
                }
                if field.type == "enum" {
                    if field.values.isEmpty { add(fieldPath + "/values", "an enum field needs its allowed values") }
                    for (v, value) in field.values.enumerated() where !Self.isSnakeIdentifier(value) {
                        add("\(fieldPath)/values/\(v)", "\"\(value)\" is not a snake_case value (a-z, 0-9, _)")
                    }
                    if Set(field.values).count != field.values.count { add(fieldPath + "/values", "duplicate values") }
                } else if !field.values.isEmpty {
                    add(fieldPath + "/values", "only an enum field has values; leave it empty for type \(field.type)")
                }
            }
        }
        if !tenant.isEmpty, !entityKnown(tenant) {
            add("/tenant", "unknown entity \"\(tenant)\"; the tenant must be one of the entities (\(entityList)) or empty")
        }

        if requirements.isEmpty { add("/requirements", "must list at least one requirement: what the actors do") }
        var requirementIDs: [String: Int] = [:]
        var actorsWithRequirements: Set<Term> = []
        for (index, requirement) in requirements.enumerated() {
            let path = "/requirements/\(index)"
            if requirement.id.isEmpty {
                add(path + "/id", "must not be empty")
            } else if let earlier = requirementIDs[requirement.id] {
                add(path + "/id", "duplicate requirement id \"\(requirement.id)\": also /requirements/\(earlier)")
            } else {
                requirementIDs[requirement.id] = index
            }
            if requirement.actor.isEmpty {
                add(path + "/actor", "requirement \(requirement.id) has no actor; say who does it (one of \(actorList))")
            } else if !actorKnown(requirement.actor) {
                add(path + "/actor", "unknown actor \"\(requirement.actor)\" in requirement \(requirement.id); actors are \(actorList)")
            } else {
                actorsWithRequirements.insert(Term(parsing: requirement.actor))
            }
            if requirement.statement.isEmpty { add(path + "/statement", "requirement \(requirement.id) has no statement") }
            for (position, name) in requirement.entities.enumerated() where !entityKnown(name) {
                add("\(path)/entities/\(position)", "unknown entity \"\(name)\" in requirement \(requirement.id); entities are \(entityList)")
            }
            if requirement.kind == "entity", requirement.entities.isEmpty {
                add(path + "/entities", "requirement \(requirement.id) works on records (kind entity) but names no entity")
            }
        }
        for (index, actor) in actors.enumerated() where !actor.isRole && Self.isName(actor.name) {
            if !actorsWithRequirements.contains(Term(parsing: actor.name)) {
                add("/actors/\(index)", "actor \"\(actor.name)\" does nothing: no requirement names them as its actor; add their requirements or remove them")
            }
        }
        for (index, persona) in personas.enumerated() where !actorKnown(persona.actor) {
            add("/personas/\(index)/actor", "unknown actor \"\(persona.actor)\"; actors are \(actorList)")
        }
        for (index, story) in stories.enumerated() {
            if requirementIDs[story.requirementID] == nil {
                add("/stories/\(index)/requirement_id", "unknown requirement \"\(story.requirementID)\"; requirement ids are \(requirements.map(\.id).joined(separator: ", "))")
            }
            if story.acceptanceCriteria.isEmpty {
                add("/stories/\(index)/acceptance_criteria", "a story needs at least one acceptance criterion")
            }
        }
        return problems
    }

    // MARK: - Into the analysis

    /// The brief analysis the writers render from: the model's understanding in place of the
    /// builtin analyser's.
    package func analysis(of brief: Brief) -> BriefAnalysis {
        let actorTerms = actors.map { Term(parsing: $0.name) }
        let representing = Dictionary(entities.compactMap { entity in
            entity.representsActor.isEmpty ? nil : (Term(parsing: entity.representsActor), Term(parsing: entity.name))
        }, uniquingKeysWith: { first, _ in first })
        let analysisActors = zip(actors, actorTerms).map { actor, term in
            BriefAnalysis.Actor(term: term, isEntity: representing[term] != nil, isRole: actor.isRole)
        }
        let analysisEntities = entities.map { entity in
            BriefAnalysis.Entity(
                term: Term(parsing: entity.name),
                fields: entity.fields.map(Self.fieldSpec),
                parents: entity.belongsTo.map { Term(parsing: $0) },
                references: entity.references.map { Term(parsing: $0) },
                actor: entity.representsActor.isEmpty ? nil : Term(parsing: entity.representsActor),
                searchable: entity.fields.filter(\.searchable).map(\.name))
        }
        let features = requirements.map { requirement in
            let words = EntityMatcher.words(requirement.statement)
            let objects = requirement.entities.map { Term(parsing: $0) }
            var statement = requirement.statement
            if !statement.hasSuffix(".") && !statement.hasSuffix("!") && !statement.hasSuffix("?") { statement += "." }
            return BriefAnalysis.Feature(
                kind: BriefAnalysis.Feature.Kind(rawValue: requirement.kind) ?? .entity,
                actor: Term(parsing: requirement.actor), verbs: words.filter { DomainLexicon.verbKinds[$0] != nil },
                objects: objects, objectPhrase: objects.map(\.pluralPhrase).joined(separator: " and "),
                statement: statement, priority: requirement.priority, source: requirement.briefSentence)
        }
        let integrations = self.integrations.map { integration in
            let known = DomainLexicon.integrations.first { $0.kind == integration.kind }
            let provider = integration.provider.isEmpty ? (known?.provider ?? integration.kind) : integration.provider
            return BriefAnalysis.Integration(kind: integration.kind, title: known?.title ?? integration.kind, provider: provider,
                                             named: [provider.lowercased()], evidence: integration.evidence)
        }
        let qualities = self.qualities.map { quality in
            BriefAnalysis.Quality(kind: quality.kind, title: DomainLexicon.qualities.first { $0.kind == quality.kind }?.title ?? quality.kind,
                                  evidence: quality.evidence, level: quality.kind == "wcag" ? (quality.evidence.includes("AAA") ? "AAA" : "AA") : "")
        }
        return BriefAnalysis(
            productName: brief.productName ?? product.name, pitch: product.pitch, actors: analysisActors, entities: analysisEntities,
            features: features, integrations: integrations, qualities: qualities, scale: [], constraints: constraints,
            budgetTier: brief.budgetTier ?? "startup", tenant: tenant.isEmpty ? nil : Term(parsing: tenant), brief: brief)
    }

    /// The writers' field notation (`name:type[:unique][:optional]`).
    private static func fieldSpec(_ field: Field) -> String {
        var spec = field.name + ":" + (field.type == "enum" ? "enum(" + field.values.joined(separator: "|") + ")" : field.type)
        if field.unique { spec += ":unique" }
        if !field.required { spec += ":optional" }
        return spec
    }

    /// The personas and stories the model wrote, for the strategy writer to use in place of
    /// the ones it derives.
    package var authored: AuthoredStrategy {
        var stories: [String: AuthoredStrategy.Story] = [:]
        for story in self.stories {
            guard let requirement = requirements.first(where: { $0.id == story.requirementID }) else { continue }
            var statement = requirement.statement
            if !statement.hasSuffix(".") && !statement.hasSuffix("!") && !statement.hasSuffix("?") { statement += "." }
            if stories[statement] == nil {
                stories[statement] = AuthoredStrategy.Story(story: story.story, acceptanceCriteria: story.acceptanceCriteria)
            }
        }
        let personas: [JSONValue] = personas.map { persona in
            ["name": .string(persona.name), "role": .string(Term(parsing: persona.actor).phrase), "description": .string(persona.description),
             "goals": .strings(persona.goals), "pain_points": .strings(persona.painPoints)]
        }
        return AuthoredStrategy(personas: personas, stories: stories)
    }
}

/// What a model wrote that the strategy writer uses as written: personas, and a story with its
/// acceptance criteria per requirement statement.
package struct AuthoredStrategy: Sendable, Equatable {
    package struct Story: Sendable, Equatable {
        package var story: String
        package var acceptanceCriteria: [String]
    }
    package var personas: [JSONValue]
    /// By the requirement's statement as the model wrote it (with a final period).
    package var stories: [String: Story]
}

extension StrategyContent {
    /// Content given with a tool's arguments: `analysis` (a host's own model did the
    /// understanding), else the `analysis` a model-backed strategy artifact carries under
    /// `requirements`. Nil when there is none (the builtin analyser reads the brief).
    ///
    /// - Throws: `AIOSError(.invalidInput)` listing every problem (`details.problems`, each with
    ///   its JSON Pointer under the argument) when the content fails the schema or the checks.
    package static func given(in input: JSONObject) throws(AIOSError) -> StrategyContent? {
        if let value = input["analysis"], !value.isNull {
            return try checked(value, path: "analysis")
        }
        if let value = input["requirements"]?.objectValue?["analysis"], !value.isNull {
            return try checked(value, path: "requirements.analysis")
        }
        return nil
    }

    /// Reads content, or throws `AIOSError(.invalidInput)` naming every problem.
    package static func checked(_ value: JSONValue, path: String) throws(AIOSError) -> StrategyContent {
        do {
            return try StrategyContent(json: value)
        } catch {
            throw AIOSError(.invalidInput, "\(path) fails the strategy content checks (\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s")): "
                                + error.problems.prefix(5).map(\.description).joined(separator: "; "),
                            details: ["path": .string(path), "problems": .array(error.problems.map { problem in
                                ["path": .string(problem.path), "message": .string(problem.message)]
                            })])
        }
    }
}
