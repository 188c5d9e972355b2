import Testing
@testable import MCPCore
@testable import AIOSAgents

/// The plan (epics → stories → tasks as a DAG), the EARS criteria, the ADRs and the readiness
/// review, on every example; and the review's findings on deliberately damaged artifacts.
@Suite struct EnginePlanReviewTests {
    static let examples = EngineFixtures.names

    private static func tasks(_ plan: JSONValue) -> [JSONValue] {
        (plan["epics"]?.arrayValue ?? []).flatMap { $0["stories"]?.arrayValue ?? [] }.flatMap { $0["tasks"]?.arrayValue ?? [] }
    }

    @Test(arguments: examples)
    func planIsADAGOverTheFilesServingEveryMustHave(_ example: String) throws {
        let run = try EngineFixtures.pipeline(example)
        let plan = try #require(run.code["plan"])
        let tasks = Self.tasks(plan)
        let ids = tasks.compactMap { $0["id"]?.stringValue }
        #expect(!ids.isEmpty && Set(ids).count == ids.count, "\(example): task ids \(ids)")
        let order = plan["order"]?.strings ?? []
        #expect(order.sorted() == ids.sorted(), "\(example): the order lists \(order.count) of \(ids.count) tasks")
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for task in tasks {
            let id = task["id"]?.stringValue ?? "?"
            for dependency in task["depends_on"]?.strings ?? [] {
                #expect((position[dependency] ?? .max) < (position[id] ?? -1), "\(example): \(id) is ordered before its dependency \(dependency)")
            }
            #expect((task["requirement_ids"]?.strings ?? []).isEmpty == false, "\(example): \(id) serves no requirement")
            #expect(["S", "M", "L"].contains(task["size"]?.stringValue ?? ""), "\(example): \(id) has no size")
            let test = task["test"]?.stringValue ?? ""
            #expect(!test.isEmpty, "\(example): \(id) has no test")
        }
        #expect(PlanWriter.topologicalOrder(tasks.map { ($0["id"]?.stringValue ?? "", $0["depends_on"]?.strings ?? []) }) != nil)
        // Every generated file but the README and the plan belongs to exactly one building task.
        let paths = (run.code["files"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        let building = tasks.filter { !($0["title"]?.stringValue ?? "").hasPrefix("Check the ") }
        for path in paths where path != "README.md" && path != PlanWriter.path {
            let owners = building.filter { ($0["files"]?.strings ?? []).contains(path) }.compactMap { $0["id"]?.stringValue }
            #expect(owners.count == 1, "\(example): \(path) is in tasks \(owners)")
        }
        for task in tasks {
            let strays = Set(task["files"]?.strings ?? []).subtracting(paths)
            #expect(strays.isEmpty, "\(example): a task names files not generated: \(strays.sorted())")
        }
        let served = Set(tasks.flatMap { $0["requirement_ids"]?.strings ?? [] })
        let musts = (JSONValue.object(run.strategy).at("requirements", "functional")?.arrayValue ?? [])
            .filter { $0["priority"]?.stringValue == "must" }.compactMap { $0["id"]?.stringValue }
        #expect(!musts.isEmpty)
        let unserved = Set(musts).subtracting(served)
        #expect(unserved.isEmpty, "\(example): no task serves \(unserved.sorted())")
        // docs/tasks.md in the project lists every task.
        let markdown = try #require((run.code["files"]?.arrayValue ?? []).first { $0["path"]?.stringValue == PlanWriter.path }?["content"]?.stringValue)
        for id in ids { #expect(markdown.contains("#### \(id) "), "\(example): docs/tasks.md lacks \(id)") }
    }

    @Test(arguments: examples)
    func reviewOfTheEnginesOwnArtifactsPasses(_ example: String) throws {
        let run = try EngineFixtures.pipeline(example)
        let review = try #require(run.code["review"])
        #expect(review["verdict"]?.stringValue == "PASS", "\(example): \(review)")
        #expect(review["findings"]?.arrayValue?.isEmpty == true)
        // The review is a function of the artifacts: recomputing it gives the same object.
        #expect(JSONValue.object(ReadinessReview(strategy: run.strategy, architecture: run.architecture, ux: run.ux, code: run.code).run()) == review)
    }

    @Test(arguments: examples)
    func criteriaAreEARSAndTheArchitectureRecordsItsDecisions(_ example: String) throws {
        let run = try EngineFixtures.pipeline(example)
        for story in run.strategy["user_stories"]?.arrayValue ?? [] {
            let criteria = story["acceptance_criteria"]?.strings ?? []
            #expect(criteria.isEmpty == false && (story["requirement_ids"]?.strings ?? []).isEmpty == false)
            for criterion in criteria { #expect(ReadinessReview.isEARS(criterion), "\(example): not EARS: \(criterion)") }
        }
        for item in JSONValue.object(run.strategy).at("requirements", "non_functional")?.arrayValue ?? [] {
            #expect((item["verification"]?.stringValue ?? "").isEmpty == false, "\(example): \(item["id"] ?? .null) has no verification")
        }
        let architecture = JSONValue.object(run.architecture)
        let adrs = architecture.at("architecture", "adrs")?.arrayValue ?? []
        let titles = adrs.compactMap { $0["title"]?.stringValue }
        #expect(titles.contains { $0.hasPrefix("Stack") } && titles.contains { $0.hasPrefix("Authentication") } && titles.contains { $0.hasPrefix("Relational data model") },
                "\(example): \(titles)")
        for adr in adrs {
            for key in ["context", "decision"] { #expect((adr[key]?.stringValue ?? "").isEmpty == false) }
            for key in ["alternatives", "consequences"] { #expect((adr[key]?.strings ?? []).isEmpty == false, "\(example): \(adr["id"] ?? .null) has no \(key)") }
        }
        let integrations = architecture.at("architecture", "integrations")?.arrayValue ?? []
        #expect(integrations.isEmpty == !titles.contains { $0.hasPrefix("Integrations") }, "\(example): integrations without their ADR (or the reverse)")
        #expect((run.architecture["architecture_markdown"]?.stringValue ?? "").contains("## Architecture decisions"))
    }

    // MARK: - Damaged artifacts

    private struct Artifacts {
        var strategy: JSONValue
        var architecture: JSONValue
        var ux: JSONValue
        var code: JSONValue

        func review() -> JSONObject {
            ReadinessReview(strategy: strategy.objectValue ?? [:], architecture: architecture.objectValue ?? [:],
                            ux: ux.objectValue ?? [:], code: code.objectValue ?? [:]).run()
        }
    }

    private static func artifacts(_ example: String, framework: String? = nil) throws -> Artifacts {
        if let framework {
            let engine = BuiltinEngine()
            let spec = try EngineFixtures.brief(example)
            let strategy = try engine.run(.strategy, input: ["spec": .string(spec)])
            let input: JSONObject = ["spec": .string(spec), "requirements": .object(strategy), "stack_preference": .string(framework)]
            let architecture = try engine.run(.architecture, input: input)
            let ux = try engine.run(.ux, input: ["spec": .string(spec), "requirements": .object(strategy), "architecture": .object(architecture)])
            let code = try engine.run(.code, input: ["spec": .string(spec), "requirements": .object(strategy), "architecture": .object(architecture),
                                                     "ux_spec": .object(ux), "framework": .string(framework)])
            return Artifacts(strategy: .object(strategy), architecture: .object(architecture), ux: .object(ux), code: .object(code))
        }
        let run = try EngineFixtures.pipeline(example)
        return Artifacts(strategy: .object(run.strategy), architecture: .object(run.architecture), ux: .object(run.ux), code: .object(run.code))
    }

    /// The findings of `check`, and the verdict.
    private static func findings(_ review: JSONObject, _ check: String) -> (verdict: String, findings: [JSONValue]) {
        (review["verdict"]?.stringValue ?? "", (review["findings"]?.arrayValue ?? []).filter { $0["check"]?.stringValue == check })
    }

    @Test func aDroppedRouteFileIsFound() throws {
        var damaged = try Self.artifacts("invoicing")
        damaged.code.edit("files") { files in files = .array((files.arrayValue ?? []).filter { $0["path"]?.stringValue != "src/app/invoices/[id]/page.tsx" }) }
        let (verdict, found) = Self.findings(damaged.review(), "page-without-route-file")
        #expect(verdict == "FAIL")
        #expect(found.count == 1 && found.first?["refs"]?.strings == ["/invoices/:id"], "\(found)")
        #expect(found.first?["artifacts"]?.strings == ["ux", "code"])
    }

    @Test func aDroppedRouteOfTheViteAppIsFound() throws {
        var damaged = try Self.artifacts("invoicing", framework: "vite-react-supabase")
        #expect(damaged.review()["verdict"]?.stringValue == "PASS")
        damaged.code.edit("files") { files in
            files = .array((files.arrayValue ?? []).map { file in
                guard file["path"]?.stringValue == "src/App.tsx", var object = file.objectValue, let text = object["content"]?.stringValue else { return file }
                object["content"] = .string(text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("path=\"/clients/:id\"") }.joined(separator: "\n"))
                return .object(object)
            })
        }
        let (verdict, found) = Self.findings(damaged.review(), "page-without-route-file")
        #expect(verdict == "FAIL" && found.count == 1 && found.first?["refs"]?.strings == ["/clients/:id"], "\(found)")
    }

    @Test func aRenamedEntityIsFound() throws {
        var damaged = try Self.artifacts("invoicing")
        damaged.architecture.edit("architecture", "data_model", "entities") { entities in
            entities = .array((entities.arrayValue ?? []).map { entity in
                guard entity["name"]?.stringValue == "Invoice", var object = entity.objectValue else { return entity }
                object["name"] = "Bill"
                object["table"] = "bills"
                return .object(object)
            })
        }
        let (verdict, found) = Self.findings(damaged.review(), "entity-unexposed")
        #expect(verdict == "FAIL")
        #expect(found.contains { $0["severity"]?.stringValue == "error" && $0["refs"]?.strings == ["Bill"] && $0["artifacts"]?.strings == ["architecture"] }, "\(found)")
        #expect(found.contains { $0["severity"]?.stringValue == "warning" && $0["refs"]?.strings == ["Bill"] }, "no page for the renamed entity: \(found)")
    }

    @Test func aStoryWithoutCriteriaOrWithLooseOnesIsFound() throws {
        var damaged = try Self.artifacts("invoicing")
        damaged.strategy.edit("user_stories") { stories in
            var list = stories.arrayValue ?? []
            if var first = list[0].objectValue { first["acceptance_criteria"] = .array([]); list[0] = .object(first) }
            if var second = list[1].objectValue { second["acceptance_criteria"] = .strings(["Given a user, when they save, then it is saved."]); list[1] = .object(second) }
            stories = .array(list)
        }
        let (verdict, found) = Self.findings(damaged.review(), "story-without-criteria")
        #expect(verdict == "FAIL")
        #expect(found.contains { $0["severity"]?.stringValue == "error" && ($0["refs"]?.strings ?? []).starts(with: ["US-1"]) }, "\(found)")
        #expect(found.contains { $0["severity"]?.stringValue == "warning" && ($0["refs"]?.strings ?? []).starts(with: ["US-2"]) }, "\(found)")
    }

    @Test func concernsOnlyForAnUnverifiableNFRAndATaskWithoutRequirement() throws {
        var damaged = try Self.artifacts("invoicing")
        damaged.strategy.edit("requirements", "non_functional") { items in
            var list = items.arrayValue ?? []
            if var first = list[0].objectValue { first["verification"] = nil; list[0] = .object(first) }
            items = .array(list)
        }
        damaged.code.edit("plan", "epics") { epics in
            var list = epics.arrayValue ?? []
            list[0].edit("stories") { stories in
                var storyList = stories.arrayValue ?? []
                storyList[0].edit("tasks") { tasks in
                    var taskList = tasks.arrayValue ?? []
                    if var task = taskList[0].objectValue { task["requirement_ids"] = .array([]); taskList[0] = .object(task) }
                    tasks = .array(taskList)
                }
                stories = .array(storyList)
            }
            epics = .array(list)
        }
        let review = damaged.review()
        #expect(review["verdict"]?.stringValue == "CONCERNS", "\(review)")
        #expect(Self.findings(review, "nfr-unverifiable").findings.first?["refs"]?.strings == ["NFR-1"])
        #expect(Self.findings(review, "task-without-requirement").findings.first?["refs"]?.strings == ["T-1"])
    }

    @Test func anUnconfiguredIntegrationIsFound() throws {
        var damaged = try Self.artifacts("invoicing")
        let integrations = damaged.architecture.at("architecture", "integrations")?.arrayValue ?? []
        let payments = try #require(integrations.first { $0["kind"]?.stringValue == "payments" })
        #expect(payments["configuration"]?.strings.contains("STRIPE_SECRET_KEY") == true)
        damaged.code.edit("files") { files in
            files = .array((files.arrayValue ?? []).map { file in
                guard file["path"]?.stringValue == ".env.example", var object = file.objectValue, let text = object["content"]?.stringValue else { return file }
                object["content"] = .string(text.split(separator: "\n").filter { !$0.hasPrefix("STRIPE_SECRET_KEY=") }.joined(separator: "\n"))
                return .object(object)
            })
        }
        let (verdict, found) = Self.findings(damaged.review(), "integration-unconfigured")
        #expect(verdict == "FAIL" && found.first?["refs"]?.strings == ["payments", "STRIPE_SECRET_KEY"], "\(found)")
    }

    @Test func anUnbuiltRequirementAndAPlanCycleAreFound() throws {
        var damaged = try Self.artifacts("invoicing")
        damaged.architecture.edit("architecture", "api_design", "endpoints") { endpoints in
            endpoints = .array((endpoints.arrayValue ?? []).map { endpoint in
                guard var object = endpoint.objectValue else { return endpoint }
                object["requirement_ids"] = .strings((endpoint["requirement_ids"]?.strings ?? []).filter { $0 != "FR-3" })
                return .object(object)
            })
        }
        damaged.ux.edit("ux_spec", "pages") { pages in
            pages = .array((pages.arrayValue ?? []).map { page in
                guard var object = page.objectValue else { return page }
                object["requirement_ids"] = .strings((page["requirement_ids"]?.strings ?? []).filter { $0 != "FR-3" })
                return .object(object)
            })
        }
        // T-1 (setup) now waits for the last task, which (transitively) waits for T-1.
        let last = try #require(damaged.code.at("plan", "order")?.strings.last)
        damaged.code.edit("plan", "epics") { epics in
            var list = epics.arrayValue ?? []
            list[0].edit("stories") { stories in
                var storyList = stories.arrayValue ?? []
                storyList[0].edit("tasks") { tasks in
                    var taskList = tasks.arrayValue ?? []
                    if var task = taskList[0].objectValue { task["depends_on"] = .strings([last]); taskList[0] = .object(task) }
                    tasks = .array(taskList)
                }
                stories = .array(storyList)
            }
            epics = .array(list)
        }
        let review = damaged.review()
        #expect(review["verdict"]?.stringValue == "FAIL")
        let unbuilt = Self.findings(review, "requirement-unbuilt").findings
        #expect(unbuilt.count == 1 && unbuilt.first?["refs"]?.strings == ["FR-3"] && unbuilt.first?["artifacts"]?.strings == ["strategy", "architecture", "ux"], "\(unbuilt)")
        #expect(Self.findings(review, "plan-invalid").findings.contains { ($0["message"]?.stringValue ?? "").contains("cycle") }, "\(review)")
    }

    @Test func findingsNameOnlyKnownChecksAndTheSchemaAcceptsThem() throws {
        var damaged = try Self.artifacts("invoicing")
        damaged.code.edit("files") { files in files = .array((files.arrayValue ?? []).filter { !($0["path"]?.stringValue ?? "").hasPrefix("src/app/clients/") }) }
        let review = damaged.review()
        let names = Set(ReadinessReview.checks.map(\.name))
        for finding in review["findings"]?.arrayValue ?? [] { #expect(names.contains(finding["check"]?.stringValue ?? "")) }
        var code = damaged.code.objectValue ?? [:]
        code["review"] = .object(review)
        let violations = try JSONSchemaValidator(schema: AgentSchemas.outputSchema(for: .code)).validate(.object(code))
        #expect(violations.isEmpty, "\(violations.prefix(3))")
    }
}

private extension JSONValue {
    /// Edits the member at `keys` (objects only) in place.
    mutating func edit(_ keys: String..., body: (inout JSONValue) -> Void) {
        edit(keys[...], body)
    }

    mutating func edit(_ keys: ArraySlice<String>, _ body: (inout JSONValue) -> Void) {
        guard let key = keys.first else { return body(&self) }
        guard var object = objectValue else { return }
        var child = object[key] ?? .null
        child.edit(keys.dropFirst(), body)
        object[key] = child
        self = .object(object)
    }
}
