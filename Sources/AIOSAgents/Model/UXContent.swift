import AIOSJSON

/// What a model (or an MCP host's own model) writes for the UX phase: the pages with their
/// purpose, sections, the requirements they serve and their copy, and the user flows through
/// them. Models write content, our code writes formats: the routes' shapes, components, layouts,
/// design tokens, contrast checks and the component library stay the ``UXAgent``'s, so the
/// scaffold's links and every gate hold whatever the model says (docs/engines.md).
///
/// ``schema`` is in OpenAI's strict subset, like ``StrategyContent/schema``. The checks need the
/// phase's context (the strategy's functional requirements, the data model and whether reports
/// exist): ``init(json:context:)`` checks both, each problem with its JSON Pointer.
package struct UXContent: Sendable, Equatable {
    package typealias Problem = StrategyContent.Problem
    package typealias Problems = StrategyContent.Problems

    package struct Copy: Sendable, Equatable {
        package var heading: String
        package var emptyState: String
        package var error: String
        package var callToAction: String
    }
    package struct Page: Sendable, Equatable {
        package var id: String
        package var name: String
        package var route: String
        package var kind: String
        package var entity: String
        package var purpose: String
        package var sections: [String]
        package var requirementIDs: [String]
        package var copy: Copy
    }
    package struct Step: Sendable, Equatable { package var pageID: String; package var action: String }
    package struct Flow: Sendable, Equatable {
        package var name: String
        package var actor: String
        package var requirementIDs: [String]
        package var steps: [Step]
    }

    package var pages: [Page]
    package var flows: [Flow]
    /// The content as given (after the checks).
    package var json: JSONValue

    // MARK: - Schema

    package static let pageKinds = ["auth", "dashboard", "list", "detail", "create", "edit", "reports", "settings", "other"]
    /// Kinds that show one entity's records.
    package static let entityKinds: Set<String> = ["list", "detail", "create", "edit"]

    private static func string(_ description: String) -> JSONValue { ["type": "string", "description": .string(description)] }
    private static func strings(_ description: String) -> JSONValue { ["type": "array", "items": ["type": "string"], "description": .string(description)] }
    private static func array(_ description: String, _ items: JSONValue) -> JSONValue { ["type": "array", "items": items, "description": .string(description)] }
    private static func object(_ description: String, _ properties: [(String, JSONValue)]) -> JSONValue {
        ["type": "object", "description": .string(description), "properties": .object(JSONObject(properties)),
         "required": .strings(properties.map(\.0)), "additionalProperties": false]
    }

    /// The name providers are given for the schema.
    package static let schemaName = "ux_content"

    /// The JSON Schema of the content (OpenAI strict subset).
    package static let schema: JSONValue = object("The product's screens: every page with its purpose, sections, the requirements it serves and its copy, and the user flows through them.", [
        ("pages", array("Every page of the product: the required pages you are given, plus any other page the product needs.", object("A page.", [
            ("id", string("Your id for the page, lowercase words joined by hyphens (ride-list); flow steps refer to it.")),
            ("name", string("The page's name as people see it (Rides, New ride).")),
            ("route", string("The page's route: exactly the one given for a required page; a static path like /help for another page.")),
            ("kind", ["type": "string", "enum": .strings(pageKinds), "description": "What the page is: list, detail, create and edit pages show one entity's records."]),
            ("entity", string("For list, detail, create and edit pages the entity they show (a name you are given); empty otherwise.")),
            ("purpose", string("One sentence: what people do on this page.")),
            ("sections", strings("The page's sections from top to bottom, in a few words each (Upcoming rides, Filters).")),
            ("requirement_ids", strings("Ids of the requirements done on this page (FR-3), from the list you are given.")),
            ("copy", object("The page's words.", [
                ("heading", string("The page's h1.")),
                ("empty_state", string("What the page says when there is nothing to show yet, and what to do about it.")),
                ("error", string("What the page says when loading or saving fails, and what to do.")),
                ("call_to_action", string("The label of the page's main button or link (Book a ride).")),
            ])),
        ]))),
        ("flows", array("The journeys through the product: at least one per actor; each must-have requirement is in a flow of its own actor.", object("A user flow.", [
            ("name", string("The flow's name (Booking a ride).")),
            ("actor", string("Who follows it (an actor you are given).")),
            ("requirement_ids", strings("Ids of the requirements the flow covers.")),
            ("steps", array("The steps in order.", object("A step.", [
                ("page_id", string("The id of the page the step happens on (an id from pages).")),
                ("action", string("What the person does there, one sentence (Chooses a pickup time.).")),
            ]))),
        ]))),
    ])

    // MARK: - Context

    /// What the checks compare the content against: the phase's inputs.
    package struct Context: Sendable {
        package struct RequiredPage: Sendable, Equatable {
            package var route: String
            package var kind: String
            /// The entity's name as the model is told it (`line item`), for entity kinds.
            package var entity: String
            package var table: String?
        }
        package var requirements: [RequirementSet.Functional]
        /// The data model's entities the pages show (the profile has none of its own).
        package var entities: [DataModel.Entity]
        /// Whether the architecture has report endpoints (a reports page needs them).
        package var hasReports: Bool

        package init(requirements: RequirementSet, architecture: ArchitectureModel) {
            self.requirements = requirements.functional
            entities = architecture.dataModel.entities.filter { !$0.isProfile }
            hasReports = architecture.endpoints.contains { $0.kind == .report && $0.name != "dashboard" }
        }

        /// The pages the scaffold links to, with the routes its writers use.
        package var requiredPages: [RequiredPage] {
            var pages = [RequiredPage(route: "/sign-in", kind: "auth", entity: "", table: nil),
                         RequiredPage(route: "/sign-up", kind: "auth", entity: "", table: nil),
                         RequiredPage(route: "/", kind: "dashboard", entity: "", table: nil)]
            for entity in entities {
                let name = entity.term.phrase
                let base = "/" + entity.resource
                pages.append(RequiredPage(route: base, kind: "list", entity: name, table: entity.table))
                pages.append(RequiredPage(route: base + "/:id", kind: "detail", entity: name, table: entity.table))
                if !Self.isReadOnly(entity) {
                    pages.append(RequiredPage(route: base + "/new", kind: "create", entity: name, table: entity.table))
                    pages.append(RequiredPage(route: base + "/:id/edit", kind: "edit", entity: name, table: entity.table))
                }
            }
            pages.append(RequiredPage(route: "/settings", kind: "settings", entity: "", table: nil))
            return pages
        }

        /// Records nobody edits through the app (the audit log).
        package static func isReadOnly(_ entity: DataModel.Entity) -> Bool { entity.table == "audit_logs" }

        /// The actors the requirements name, in order.
        package var actors: [String] {
            var names: [String] = []
            for requirement in requirements where !names.contains(requirement.actor) { names.append(requirement.actor) }
            return names
        }

        func entity(named name: String) -> DataModel.Entity? {
            let term = Term(parsing: name)
            return entities.first { $0.term == term || $0.table == name || $0.resource == name || $0.name == name }
        }
    }

    // MARK: - Reading and checking

    private static let validator: JSONSchemaValidator = {
        // The schema is a constant of this file; a test compiles it.
        (try? JSONSchemaValidator(schema: schema)) ?? (try! JSONSchemaValidator(schema: ["type": "object"]))
    }()

    /// Everything wrong with `json` in `context`, in document order; empty when it is usable.
    package static func problems(in json: JSONValue, context: Context) -> [Problem] {
        do {
            _ = try UXContent(json: json, context: context)
            return []
        } catch {
            return error.problems
        }
    }

    /// Reads and checks content: the schema first, then the checks against `context`.
    package init(json: JSONValue, context: Context) throws(Problems) {
        let violations = Self.validator.validate(json)
        if !violations.isEmpty {
            throw Problems(problems: violations.map { Problem(path: $0.path, message: $0.message) })
        }
        let root = json.objectValue ?? [:]
        func objects(_ value: JSONValue?) -> [JSONObject] { (value?.arrayValue ?? []).compactMap(\.objectValue) }
        func text(_ object: JSONObject, _ key: String) -> String { (object[key]?.stringValue ?? "").trimmingWhitespace() }
        func texts(_ object: JSONObject, _ key: String) -> [String] { (object[key]?.arrayValue ?? []).compactMap(\.stringValue).map { $0.trimmingWhitespace() } }
        pages = objects(root["pages"]).map { page in
            let copy = page["copy"]?.objectValue ?? [:]
            return Page(id: text(page, "id"), name: text(page, "name"), route: text(page, "route"), kind: text(page, "kind"), entity: text(page, "entity"),
                        purpose: text(page, "purpose"), sections: texts(page, "sections"), requirementIDs: texts(page, "requirement_ids"),
                        copy: Copy(heading: text(copy, "heading"), emptyState: text(copy, "empty_state"), error: text(copy, "error"),
                                   callToAction: text(copy, "call_to_action")))
        }
        flows = objects(root["flows"]).map { flow in
            Flow(name: text(flow, "name"), actor: text(flow, "actor"), requirementIDs: texts(flow, "requirement_ids"),
                 steps: objects(flow["steps"]).map { Step(pageID: text($0, "page_id"), action: text($0, "action")) })
        }
        self.json = json
        let problems = semanticProblems(context)
        if !problems.isEmpty { throw Problems(problems: problems) }
    }

    /// A page id: lowercase letters, digits and hyphens, a letter first, at most 60 characters.
    private static func isPageID(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 0x61 && first <= 0x7A, text.utf8.count <= 60 else { return false }
        return text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// A static route another page may have: `/help`, `/about-us` (letters, digits, `-`, `/`).
    private static func isStaticRoute(_ route: String) -> Bool {
        route.hasPrefix("/") && route.count > 1 && route.count <= 100 && !route.contains("//")
            && route.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2F }
    }

    private func semanticProblems(_ context: Context) -> [Problem] {
        var problems: [Problem] = []
        func add(_ path: String, _ message: String) { problems.append(Problem(path: path, message: message)) }
        let knownIDs = Set(context.requirements.map(\.id))
        let idList = context.requirements.map(\.id).joined(separator: ", ")
        let entityList = context.entities.map { "\"\($0.term.phrase)\"" }.joined(separator: ", ")
        let required = context.requiredPages
        let requiredByRoute = Dictionary(required.map { ($0.route, $0) }, uniquingKeysWith: { first, _ in first })

        if pages.isEmpty { add("/pages", "must list the product's pages") }
        var pageIDs: [String: Int] = [:]
        var routes: [String: Int] = [:]
        for (index, page) in pages.enumerated() {
            let path = "/pages/\(index)"
            if !Self.isPageID(page.id) {
                add(path + "/id", "\"\(page.id)\" is not a page id: lowercase letters, digits and hyphens, starting with a letter, at most 60 characters")
            } else if let earlier = pageIDs[page.id] {
                add(path + "/id", "duplicate page id \"\(page.id)\": also /pages/\(earlier)")
            } else {
                pageIDs[page.id] = index
            }
            if page.name.isEmpty { add(path + "/name", "page \(page.id) has no name") }
            if let earlier = routes[page.route] {
                add(path + "/route", "duplicate route \"\(page.route)\": also /pages/\(earlier)")
            } else {
                routes[page.route] = index
            }
            if let expected = requiredByRoute[page.route] {
                if page.kind != expected.kind {
                    add(path + "/kind", "the page at \(page.route) is a \(expected.kind) page, not \(page.kind)")
                }
                if expected.table != nil, context.entity(named: page.entity)?.table != expected.table {
                    add(path + "/entity", "the page at \(page.route) shows \"\(expected.entity)\", not \"\(page.entity)\"")
                } else if expected.table == nil, !page.entity.isEmpty {
                    add(path + "/entity", "the \(expected.kind) page shows no one entity; leave entity empty")
                }
            } else if Self.entityKinds.contains(page.kind) {
                if let entity = context.entity(named: page.entity) {
                    let route = required.first { $0.table == entity.table && $0.kind == page.kind }?.route
                    add(path + "/route", route.map { "the \(page.kind) page of \"\(entity.term.phrase)\" has the route \($0), not \(page.route)" }
                        ?? "\"\(entity.term.phrase)\" is read-only: it has no \(page.kind) page")
                } else {
                    add(path + "/entity", "unknown entity \"\(page.entity)\" on a \(page.kind) page; entities are \(entityList)")
                }
            } else if page.kind == "reports" {
                if page.route != "/reports" { add(path + "/route", "the reports page's route is /reports, not \(page.route)") }
                if !context.hasReports { add(path + "/kind", "the product has no report endpoints, so no reports page; use kind other for a page of summaries") }
            } else if ["auth", "dashboard", "settings"].contains(page.kind) {
                add(path + "/kind", "the \(page.kind) pages are the required ones (\(required.filter { $0.kind == page.kind }.map(\.route).joined(separator: ", "))); give this page kind other")
            } else if !Self.isStaticRoute(page.route) {
                add(path + "/route", "\"\(page.route)\" is not a route for another page: a path like /help (lowercase letters, digits, - and /), with no parameters")
            } else if !page.entity.isEmpty {
                add(path + "/entity", "a page of kind \(page.kind) shows no one entity; leave entity empty")
            }
            if page.purpose.isEmpty { add(path + "/purpose", "page \(page.id) has no purpose: say what people do on it") }
            if page.sections.isEmpty || page.sections.contains(where: \.isEmpty) { add(path + "/sections", "page \(page.id) needs its sections, none empty") }
            for (position, id) in page.requirementIDs.enumerated() where !knownIDs.contains(id) {
                add("\(path)/requirement_ids/\(position)", "unknown requirement \"\(id)\"; requirement ids are \(idList)")
            }
            for (key, label, value) in [("heading", "heading", page.copy.heading), ("empty_state", "empty state", page.copy.emptyState),
                                        ("error", "error", page.copy.error), ("call_to_action", "call to action", page.copy.callToAction)]
            where value.isEmpty {
                add("\(path)/copy/\(key)", "page \(page.id) has no \(label) copy")
            }
        }
        for page in required where routes[page.route] == nil {
            let what = page.table == nil ? "the \(page.kind) page" : "the \(page.kind) page of \"\(page.entity)\""
            add("/pages", "missing \(what) at \(page.route): the app links to it")
        }
        let served = Set(pages.flatMap(\.requirementIDs))
        for requirement in context.requirements where requirement.priority == "must" && !served.contains(requirement.id) {
            add("/pages", "must-have requirement \(requirement.id) (\(requirement.description)) is served by no page; add its id to the page where it is done")
        }

        if flows.isEmpty { add("/flows", "must list the user flows") }
        let actors = context.actors
        let actorTerms = Set(actors.map { Term(parsing: $0) })
        for (index, flow) in flows.enumerated() {
            let path = "/flows/\(index)"
            if flow.name.isEmpty { add(path + "/name", "must not be empty") }
            if !actorTerms.contains(Term(parsing: flow.actor)) {
                add(path + "/actor", "unknown actor \"\(flow.actor)\"; actors are \(actors.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            for (position, id) in flow.requirementIDs.enumerated() where !knownIDs.contains(id) {
                add("\(path)/requirement_ids/\(position)", "unknown requirement \"\(id)\"; requirement ids are \(idList)")
            }
            if flow.steps.isEmpty { add(path + "/steps", "a flow needs at least one step") }
            for (position, step) in flow.steps.enumerated() {
                if pageIDs[step.pageID] == nil {
                    add("\(path)/steps/\(position)/page_id", "unknown page \"\(step.pageID)\"; page ids are \(pages.map(\.id).joined(separator: ", "))")
                }
                if step.action.isEmpty { add("\(path)/steps/\(position)/action", "must not be empty") }
            }
        }
        for requirement in context.requirements where requirement.priority == "must" {
            let actor = Term(parsing: requirement.actor)
            if !flows.contains(where: { Term(parsing: $0.actor) == actor && $0.requirementIDs.contains(requirement.id) }) {
                add("/flows", "must-have requirement \(requirement.id) (\(requirement.description)) is in no flow of its actor \(requirement.actor); add it to the requirement_ids of a flow of \(requirement.actor)")
            }
        }
        return problems
    }
}

extension UXContent {
    /// Content given with a UX tool's arguments (`ux_content`), checked against the phase's
    /// context; nil when there is none.
    ///
    /// - Throws: `AIOSError(.invalidInput)` listing every problem (`details.problems`).
    package static func given(in input: JSONObject, context: () throws(AIOSError) -> Context) throws(AIOSError) -> UXContent? {
        guard let value = input["ux_content"], !value.isNull else { return nil }
        let context = try context()
        do {
            return try UXContent(json: value, context: context)
        } catch {
            throw AIOSError(.invalidInput, "ux_content fails the UX content checks (\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s")): "
                                + error.problems.prefix(5).map(\.description).joined(separator: "; "),
                            details: ["path": "ux_content", "problems": .array(error.problems.map { problem in
                                ["path": .string(problem.path), "message": .string(problem.message)]
                            })])
        }
    }

    /// The phase's context as the model reads it, after the brief.
    package static func contextMessage(_ context: Context, productName: String) -> String {
        var text = "Product: \(productName)\n\nActors: " + context.actors.joined(separator: ", ") + "\n\nRequirements (id [priority] actor: statement):\n"
        for requirement in context.requirements {
            text += "- \(requirement.id) [\(requirement.priority)] \(requirement.actor): \(requirement.description)\n"
        }
        text += "\nEntities (the records the product keeps): " + context.entities.map { $0.term.phrase }.joined(separator: ", ") + "\n"
        text += "\nRequired pages (route, kind, entity):\n"
        for page in context.requiredPages {
            text += "- \(page.route) \(page.kind)\(page.entity.isEmpty ? "" : " \(page.entity)")\n"
        }
        text += context.hasReports ? "\nThe product has reports: you may add the reports page at /reports.\n" : "\nThe product has no reports page.\n"
        return text
    }
}
