import AIOSJSON

/// The readiness review: a deterministic check across the strategy, architecture, UX spec, code
/// and plan before anyone builds on them, in the spirit of spec-kit's `analyze` and BMAD's
/// readiness gate. It reads the artifacts as JSON, so it judges user-supplied or damaged ones too.
///
/// Verdict: `FAIL` when any finding is an error (the artifacts contradict each other or leave a
/// must-have unbuilt), `CONCERNS` when there are only warnings, else `PASS`.
public struct ReadinessReview: Sendable {
    /// One problem, naming the artifacts and ids involved.
    public struct Finding: Sendable, Hashable {
        public var check: String
        public var severity: String
        public var message: String
        public var artifacts: [String]
        public var refs: [String]
    }

    /// The checks the review runs, by name, with what each one looks for.
    public static let checks: [(name: String, what: String)] = [
        ("requirement-unbuilt", "a functional requirement cited by no endpoint and no page"),
        ("requirement-unknown", "an endpoint, page, file or task citing a requirement id the strategy does not have"),
        ("entity-unexposed", "an entity of the data model with no API endpoint or no page"),
        ("page-without-route-file", "a page of the UX spec with no route file in the code"),
        ("story-without-criteria", "a user story or plan story with no acceptance criteria, or criteria not in EARS form"),
        ("nfr-unverifiable", "a non-functional requirement with no way to check it"),
        ("integration-unconfigured", "an integration with no configuration, or whose variables the code's .env examples lack"),
        ("task-without-requirement", "a plan task that serves no requirement"),
        ("plan-invalid", "plan dependencies that name unknown tasks or form a cycle, files the code does not have, or a must-have requirement no task serves"),
    ]

    package let strategy: JSONObject
    package let architecture: JSONObject
    package let ux: JSONObject
    package let code: JSONObject

    /// - Parameters:
    ///   - strategy: A strategize output, or its `requirements` object.
    ///   - architecture: An architecture output, or its `architecture` object.
    ///   - ux: A UX output, or its `ux_spec` object.
    ///   - code: A code output (`files`, `framework`, `plan`).
    public init(strategy: JSONObject, architecture: JSONObject, ux: JSONObject, code: JSONObject) {
        self.strategy = strategy
        self.architecture = architecture["architecture"]?.objectValue ?? architecture
        self.ux = ux["ux_spec"]?.objectValue ?? ux
        self.code = code
    }

    private var requirementsObject: JSONObject { strategy["requirements"]?.objectValue ?? strategy }

    private static func objects(_ value: JSONValue?) -> [JSONObject] { (value?.arrayValue ?? []).compactMap(\.objectValue) }
    private static func strings(_ value: JSONValue?) -> [String] { (value?.arrayValue ?? []).compactMap(\.stringValue) }

    /// The EARS patterns a criterion may follow (ubiquitous, event-driven, state-driven, unwanted
    /// behaviour, optional feature), recognised by their keywords.
    package static func isEARS(_ criterion: String) -> Bool {
        let text = criterion.trimmingWhitespace()
        guard text.lowercased().includes(" shall ") else { return false }
        if text.hasPrefix("If "), text.includes(", then ") { return true }
        return ["When ", "While ", "Where ", "The system shall ", "The "].contains { text.hasPrefix($0) }
    }

    /// The review: every finding, then the verdict.
    public func run() -> JSONObject {
        var findings: [Finding] = []
        func add(_ check: String, _ severity: String, _ message: String, _ artifacts: [String], _ refs: [String]) {
            findings.append(Finding(check: check, severity: severity, message: message, artifacts: artifacts, refs: refs))
        }
        let functional = Self.objects(requirementsObject["functional"])
        let known = Set(functional.compactMap { $0["id"]?.stringValue } + Self.objects(requirementsObject["non_functional"]).compactMap { $0["id"]?.stringValue }
            + Self.objects(requirementsObject["constraints"]).compactMap { $0["id"]?.stringValue })
        let endpoints = Self.objects(architecture["api_design"]?["endpoints"])
        let pages = Self.objects(ux["pages"])
        let files = Self.objects(code["files"])
        let paths = Set(files.compactMap { $0["path"]?.stringValue })

        // Requirements reach an endpoint or a page.
        for requirement in functional {
            guard let id = requirement["id"]?.stringValue else { continue }
            let priority = requirement["priority"]?.stringValue ?? "should"
            guard priority != "wont" else { continue }
            let cited = endpoints.contains { Self.strings($0["requirement_ids"]).contains(id) } || pages.contains { Self.strings($0["requirement_ids"]).contains(id) }
            if !cited {
                add("requirement-unbuilt", priority == "must" ? "error" : "warning",
                    "\(id) (\(priority)) is cited by no endpoint of the architecture and no page of the UX spec, so nothing builds it.",
                    ["strategy", "architecture", "ux"], [id])
            }
        }
        // Ids cited anywhere exist in the strategy.
        if !functional.isEmpty {
            var dangling: [String: Set<String>] = [:]
            for endpoint in endpoints { for id in Self.strings(endpoint["requirement_ids"]) where !known.contains(id) { dangling[id, default: []].insert("architecture") } }
            for page in pages { for id in Self.strings(page["requirement_ids"]) where !known.contains(id) { dangling[id, default: []].insert("ux") } }
            for file in files { for id in Self.strings(file["requirement_ids"]) where !known.contains(id) { dangling[id, default: []].insert("code") } }
            for id in UXAgent.sorted(Array(dangling.keys)) {
                let artifacts = (dangling[id] ?? []).sorted()
                add("requirement-unknown", "error", "\(id) is cited by the \(artifacts.joined(separator: " and ")) but the strategy has no such requirement.",
                    ["strategy"] + artifacts, [id])
            }
        }

        // Entities have an API and pages.
        let entities = Self.objects(architecture["data_model"]?["entities"])
        for entity in entities {
            guard let name = entity["name"]?.stringValue else { continue }
            let table = entity["table"]?.stringValue ?? Term(parsing: name).pluralSnake
            let resource = String(table.map { $0 == "_" ? "-" : $0 })
            let isProfile = table == "profiles"
            let hasAPI = endpoints.contains { endpoint in
                let first = (endpoint["path"]?.stringValue ?? "").split(separator: "/").first.map(String.init)
                return first == resource || first == table || (isProfile && first == "me")
            }
            let hasPage = pages.contains { page in
                page["entity"]?.stringValue == table || page["entity"]?.stringValue == name
                    || (page["route"]?.stringValue ?? "").split(separator: "/").first.map(String.init) == resource
                    || (isProfile && ["settings", "profile", "account", "me"].contains((page["route"]?.stringValue ?? "").split(separator: "/").first.map(String.init) ?? ""))
            }
            if !hasAPI {
                add("entity-unexposed", "error", "Entity \(name) (table \(table)) has no endpoint under /\(resource) in the API design.", ["architecture"], [name])
            }
            if !hasPage {
                add("entity-unexposed", "warning", "Entity \(name) (table \(table)) has no page in the UX spec.", ["architecture", "ux"], [name])
            }
        }

        // Pages have route files.
        let framework = code["framework"]?.stringValue
        if !files.isEmpty {
            // Routes a router declares (`<Route path="/invoices/:id" …>`), read once from every TSX file.
            var declaredRoutes: Set<String> = []
            for file in files where (file["path"]?.stringValue ?? "").hasSuffix(".tsx") {
                guard let content = file["content"]?.stringValue, content.includes("<Route") else { continue }
                for piece in content.split(separator: "path=\"").dropFirst() { declaredRoutes.insert(String(piece.prefix { $0 != "\"" })) }
            }
            for page in pages {
                guard let route = page["route"]?.stringValue else { continue }
                let nextFile = NextSupabaseScaffold.pagePath(route)
                let declared = declaredRoutes.contains(route)
                let found = framework == "vite-react-supabase" ? declared : (paths.contains(nextFile) || declared)
                if !found {
                    let expected = framework == "vite-react-supabase" ? "a <Route path=\"\(route)\"> in src/App.tsx" : nextFile
                    add("page-without-route-file", "error",
                        "Page \(page["name"]?.stringValue ?? route) (\(route)) has no route file in the code: expected \(expected).", ["ux", "code"], [route])
                }
            }
        }

        // Stories have criteria, in EARS form.
        for story in Self.objects(strategy["user_stories"]) {
            let id = story["id"]?.stringValue ?? "?"
            let criteria = Self.strings(story["acceptance_criteria"])
            let refs = [id] + Self.strings(story["requirement_ids"])
            if criteria.isEmpty {
                add("story-without-criteria", "error", "User story \(id) has no acceptance criteria: no test can be written from it.", ["strategy"], refs)
            } else if let loose = criteria.first(where: { !Self.isEARS($0) }) {
                add("story-without-criteria", "warning", "User story \(id) has a criterion not in EARS form (When/While/If … then/Where …, the system shall …): \"\(loose)\".", ["strategy"], refs)
            }
        }

        // NFRs can be checked.
        for item in Self.objects(requirementsObject["non_functional"]) {
            let id = item["id"]?.stringValue ?? "?"
            if (item["verification"]?.stringValue ?? "").trimmingWhitespace().isEmpty {
                add("nfr-unverifiable", "warning", "\(id) says \"\(item["description"]?.stringValue ?? "")\" but not how it is checked (no verification).", ["strategy"], [id])
            }
        }

        // Integrations are configured, and the code's .env examples carry their variables.
        let environment = files.filter { ($0["path"]?.stringValue ?? "").split(separator: "/").last?.hasPrefix(".env") == true }
            .compactMap { $0["content"]?.stringValue }
        let declaredVariables = Set(environment.flatMap { text in
            text.split(separator: "\n").compactMap { line -> String? in
                let trimmed = String(line).trimmingWhitespace()
                guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { return nil }
                return String(String(trimmed[..<equals]).trimmingWhitespace())
            }
        })
        for integration in Self.objects(architecture["integrations"]) {
            let kind = integration["kind"]?.stringValue ?? "?"
            let provider = integration["provider"]?.stringValue ?? kind
            let variables = Self.strings(integration["configuration"])
            let setup = (integration["setup"]?.stringValue ?? "").trimmingWhitespace()
            if variables.isEmpty && setup.isEmpty {
                add("integration-unconfigured", "error", "Integration \(kind) (\(provider)) says nothing about its configuration: no variables and no setup.", ["architecture"], [kind])
            } else if !files.isEmpty {
                let missing = variables.filter { !declaredVariables.contains($0) }
                if !missing.isEmpty {
                    add("integration-unconfigured", "error", "Integration \(kind) (\(provider)) needs \(missing.joined(separator: ", ")), which no .env example of the code declares.", ["architecture", "code"], [kind] + missing)
                }
            }
        }

        // The plan.
        if let plan = code["plan"]?.objectValue {
            findings += planFindings(plan, functional: functional, known: known, paths: paths)
        }

        let verdict = findings.contains { $0.severity == "error" } ? "FAIL" : findings.isEmpty ? "PASS" : "CONCERNS"
        let errors = findings.filter { $0.severity == "error" }.count
        var counts = JSONObject()
        counts["requirements"] = .integer(functional.count)
        counts["entities"] = .integer(entities.count)
        counts["endpoints"] = .integer(endpoints.count)
        counts["pages"] = .integer(pages.count)
        counts["files"] = .integer(files.count)
        var result: JSONObject = [:]
        result["verdict"] = .string(verdict)
        result["summary"] = .string(verdict == "PASS"
            ? "Ready: \(Self.checks.count) checks across strategy, architecture, UX, code and plan found nothing."
            : "\(errors) error\(errors == 1 ? "" : "s") and \(findings.count - errors) warning\(findings.count - errors == 1 ? "" : "s") across the artifacts.")
        result["checked"] = .object(counts)
        result["findings"] = .array(findings.enumerated().map { index, finding in
            ["id": .string("RV-\(index + 1)"), "check": .string(finding.check), "severity": .string(finding.severity),
             "message": .string(finding.message), "artifacts": .strings(finding.artifacts), "refs": .strings(finding.refs)]
        })
        return result
    }

    private func planFindings(_ plan: JSONObject, functional: [JSONObject], known: Set<String>, paths: Set<String>) -> [Finding] {
        var findings: [Finding] = []
        func add(_ check: String, _ severity: String, _ message: String, _ refs: [String]) {
            findings.append(Finding(check: check, severity: severity, message: message, artifacts: ["plan"], refs: refs))
        }
        var tasks: [JSONObject] = []
        for epic in Self.objects(plan["epics"]) {
            for story in Self.objects(epic["stories"]) {
                let storyID = story["id"]?.stringValue ?? "?"
                if Self.strings(story["acceptance_criteria"]).isEmpty {
                    add("story-without-criteria", "warning", "Plan story \(storyID) has no acceptance criteria.", [storyID])
                }
                tasks += Self.objects(story["tasks"])
            }
        }
        var served: Set<String> = []
        for task in tasks {
            let id = task["id"]?.stringValue ?? "?"
            let ids = Self.strings(task["requirement_ids"])
            served.formUnion(ids)
            if ids.isEmpty {
                add("task-without-requirement", "warning", "Task \(id) (\(task["title"]?.stringValue ?? "")) serves no requirement.", [id])
            }
            for unknown in ids where !known.isEmpty && !known.contains(unknown) {
                add("requirement-unknown", "error", "Task \(id) cites \(unknown), which the strategy does not have.", [id, unknown])
            }
            let missing = Self.strings(task["files"]).filter { !paths.isEmpty && !paths.contains($0) }
            if !missing.isEmpty {
                add("plan-invalid", "error", "Task \(id) touches \(missing.joined(separator: ", ")), which the code does not have.", [id] + missing)
            }
        }
        let nodes = tasks.map { (id: $0["id"]?.stringValue ?? "?", dependsOn: Self.strings($0["depends_on"])) }
        if PlanWriter.topologicalOrder(nodes) == nil {
            let ids = Set(nodes.map(\.id))
            let unknown = nodes.flatMap { node in node.dependsOn.filter { !ids.contains($0) }.map { "\(node.id) → \($0)" } }
            add("plan-invalid", "error", unknown.isEmpty ? "The task dependencies form a cycle: there is no order to build them in."
                : "Tasks depend on tasks the plan does not have: \(unknown.joined(separator: ", ")).", nodes.map(\.id))
        } else if let order = plan["order"], let listed = order.arrayValue {
            let position = Dictionary(listed.compactMap(\.stringValue).enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let broken = nodes.filter { node in
                guard let own = position[node.id] else { return true }
                return node.dependsOn.contains { (position[$0] ?? Int.max) > own }
            }.map(\.id)
            if !broken.isEmpty {
                add("plan-invalid", "error", "The plan's order puts \(broken.joined(separator: ", ")) before a dependency (or leaves it out).", broken)
            }
        }
        for requirement in functional where requirement["priority"]?.stringValue == "must" {
            guard let id = requirement["id"]?.stringValue, !served.contains(id) else { continue }
            add("plan-invalid", "error", "Must-have \(id) is served by no task of the plan.", [id])
        }
        return findings
    }
}
