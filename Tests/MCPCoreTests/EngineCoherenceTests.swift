import Testing
@testable import MCPCore
@testable import AIOSAgents

/// Every example, through the pipeline: the four artifacts agree with each other (SPEC §2,
/// "Outputs are coherent across phases").
@Suite struct EngineCoherenceTests {
    static let examples = EngineFixtures.names

    @Test func examplesAreShipped() {
        #expect(Self.examples.count >= 12)
        #expect(Self.examples.contains("invoicing") && Self.examples.contains("clinic-booking") && Self.examples.contains("quiz-app") && Self.examples.contains("habit-tracker"))
    }

    @Test(arguments: examples)
    func everyEntityHasTableSchemaPathPageAndFile(_ example: String) throws {
        let run = try EngineFixtures.pipeline(example)
        let architecture = JSONValue.object(run.architecture)
        let sql = try #require(architecture["sql_migration"]?.stringValue)
        let schemas = try #require(architecture.at("openapi", "components", "schemas")?.objectValue)
        let paths = try #require(architecture.at("openapi", "paths")?.objectValue)
        let pages = JSONValue.object(run.ux).at("ux_spec", "pages")?.arrayValue ?? []
        let routes = pages.compactMap { $0["route"]?.stringValue }
        let files = (run.code["files"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        let entities = architecture.at("architecture", "data_model", "entities")?.arrayValue ?? []
        #expect(!entities.isEmpty)
        for entity in entities {
            let name = try #require(entity["name"]?.stringValue)
            let table = try #require(entity["table"]?.stringValue)
            #expect(sql.contains("create table \(table) ("), "\(example): no CREATE TABLE for \(table)")
            #expect(sql.contains("alter table \(table) enable row level security;"), "\(example): RLS off for \(table)")
            #expect(schemas[name] != nil, "\(example): no OpenAPI schema \(name)")
            let resource = "/" + table.replacingOccurrences(of: "_", with: "-")
            if table == "profiles" {
                #expect(paths["/me"] != nil)
                #expect(routes.contains("/settings"))
            } else {
                #expect(paths[resource] != nil && paths[resource + "/{id}"] != nil, "\(example): no paths for \(table)")
                #expect(routes.contains(resource) && routes.contains(resource + "/:id"), "\(example): no pages for \(table)")
                #expect(files.contains { $0.hasSuffix("api/\(resource.dropFirst())/route.ts") }, "\(example): no route handler for \(table)")
            }
            let kebab = entity["name"]?.stringValue.map { Term(parsing: $0).kebab } ?? ""
            #expect(files.contains("src/lib/models/\(kebab).ts"), "\(example): no model file for \(name)")
            for field in entity["fields"]?.arrayValue ?? [] {
                let column = field["name"]?.stringValue ?? ""
                #expect(schemas[name]?["properties"]?[column] != nil, "\(example): \(name).\(column) missing from the OpenAPI schema")
            }
        }
    }

    @Test(arguments: examples)
    func everyRequirementIsTraced(_ example: String) throws {
        let run = try EngineFixtures.pipeline(example)
        let functional = JSONValue.object(run.strategy).at("requirements", "functional")?.arrayValue ?? []
        let ids = functional.compactMap { $0["id"]?.stringValue }
        #expect(!ids.isEmpty)
        let endpoints = JSONValue.object(run.architecture).at("architecture", "api_design", "endpoints")?.arrayValue ?? []
        let pages = JSONValue.object(run.ux).at("ux_spec", "pages")?.arrayValue ?? []
        let files = run.code["files"]?.arrayValue ?? []
        let cited = Set((endpoints + pages).flatMap { $0["requirement_ids"]?.strings ?? [] })
        let implemented = Set(files.filter { $0["path"]?.stringValue != "README.md" }.flatMap { $0["requirement_ids"]?.strings ?? [] })
        for id in ids {
            #expect(cited.contains(id), "\(example): \(id) is cited by no endpoint or page")
            #expect(implemented.contains(id), "\(example): \(id) is implemented by no code file")
        }
        // Nothing cites a requirement that does not exist.
        #expect(cited.isSubset(of: Set(ids)), "\(example): unknown ids \(cited.subtracting(ids).sorted())")
        let trace = run.code["traceability"]?.arrayValue ?? []
        #expect(trace.compactMap { $0["requirement_id"]?.stringValue } == ids)
        for row in trace {
            let files = row["files"]?.strings ?? []
            let citations = (row["endpoints"]?.strings ?? []) + (row["pages"]?.strings ?? [])
            #expect(files.count > 0)
            #expect(citations.count > 0)
        }
        // Every must-have requirement is on some user flow.
        let flows = JSONValue.object(run.ux).at("ux_spec", "user_flows")?.arrayValue ?? []
        let onFlows = Set(flows.flatMap { $0["requirement_ids"]?.strings ?? [] })
        for requirement in functional where requirement["priority"]?.stringValue == "must" {
            #expect(onFlows.contains(requirement["id"]?.stringValue ?? ""), "\(example): must-have \(requirement["id"]?.stringValue ?? "") on no flow")
        }
    }

    @Test(arguments: examples)
    func codeShipsTheArchitecturesMigrationByteForByte(_ example: String) throws {
        let run = try EngineFixtures.pipeline(example)
        let sql = try #require(run.architecture["sql_migration"]?.stringValue)
        let migration = (run.code["files"]?.arrayValue ?? []).first { $0["path"]?.stringValue?.hasPrefix("supabase/migrations/") == true }
        #expect(migration?["content"]?.stringValue == sql)
        #expect(migration?["language"]?.stringValue == "sql")
    }

    @Test(arguments: examples)
    func uxDerivedInParallelMatchesTheArchitecture(_ example: String) throws {
        let run = try EngineFixtures.pipeline(example)
        let tables = Set((JSONValue.object(run.architecture).at("architecture", "data_model", "entities")?.arrayValue ?? []).compactMap { $0["table"]?.stringValue })
        let pageTables = Set((JSONValue.object(run.ux).at("ux_spec", "pages")?.arrayValue ?? []).compactMap { $0["entity"]?.stringValue })
        #expect(pageTables == tables.subtracting(["profiles"]))
        // Given the architecture explicitly, the UX artifact is the same one.
        var input: JSONObject = ["spec": .string(try EngineFixtures.brief(example)), "requirements": .object(run.strategy)]
        input["architecture"] = .object(run.architecture)
        #expect(try BuiltinEngine().run(.ux, input: input) == run.ux)
    }

    @Test(arguments: examples)
    func endpointsCiteOnlyWhatTheyServe(_ example: String) throws {
        let run = try EngineFixtures.pipeline(example)
        let paths = JSONValue.object(run.architecture).at("openapi", "paths")?.objectValue ?? [:]
        let endpoints = JSONValue.object(run.architecture).at("architecture", "api_design", "endpoints")?.arrayValue ?? []
        for endpoint in endpoints {
            let path = endpoint["path"]?.stringValue ?? ""
            let method = (endpoint["method"]?.stringValue ?? "").lowercased()
            let operation = paths[path]?[method]
            #expect(operation != nil, "\(example): \(method) \(path) missing from OpenAPI")
            #expect(operation?["x-requirement-ids"] == endpoint["requirement_ids"])
        }
    }

    @Test(arguments: examples)
    func endpointsReadBackAsPlanned(_ example: String) throws {
        // Later phases read endpoints back from JSON; they must mean what the planner meant.
        let spec = try EngineFixtures.brief(example)
        let analysis = try BriefAnalyzer().analyze(Brief(input: ["spec": .string(spec)]))
        let requirements = try RequirementSet(json: .object(StrategyAgent(analysis: analysis).run()), path: "requirements")
        let planned = EndpointPlanner(model: DataModel(analysis: analysis), requirements: requirements.functional).plan()
        let architecture = ArchitectAgent(analysis: analysis, requirements: requirements, stackPreference: nil).run()
        let readBack = try ArchitectureModel(json: .object(architecture), path: "architecture").endpoints
        #expect(readBack.count == planned.count)
        for (read, plan) in zip(readBack, planned) {
            #expect(read == plan, "\(example): \(plan.method) \(plan.path) read back as \(read.kind) \(read.table ?? "-") \(read.name), planned \(plan.kind) \(plan.table ?? "-") \(plan.name)")
        }
    }
}
