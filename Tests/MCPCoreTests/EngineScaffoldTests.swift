import Testing
@testable import MCPCore
@testable import AIOSAgents

/// The code artifact is a project a developer can open: safe relative paths, parseable
/// manifests, the framework asked for, and `target_files` honoured.
@Suite struct EngineScaffoldTests {
    static func code(_ input: JSONObject) throws -> [(path: String, content: String, language: String)] {
        let output = try BuiltinEngine().run(.code, input: input)
        return (output["files"]?.arrayValue ?? []).map {
            ($0["path"]?.stringValue ?? "", $0["content"]?.stringValue ?? "", $0["language"]?.stringValue ?? "")
        }
    }

    @Test(arguments: AgentSchemas.frameworks)
    func pathsAreRelativeUniqueAndManifestsParse(_ framework: String) throws {
        let files = try Self.code(["spec": .string(try EngineFixtures.brief("invoicing")), "framework": .string(framework)])
        let paths = files.map(\.path)
        #expect(Set(paths).count == paths.count)
        for path in paths {
            #expect(!path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.contains("\\"), "\(path)")
        }
        let manifest = try #require(files.first { $0.path == "package.json" })
        let package = try JSONValue.parse(manifest.content)
        #expect(package["name"] == "ledgerly")
        #expect(package.at("dependencies", "@supabase/supabase-js") != nil)
        #expect(package.at("dependencies", framework == "nextjs-supabase" ? "next" : "react-router-dom") != nil)
        _ = try JSONValue.parse(try #require(files.first { $0.path == "tsconfig.json" }).content)
        let openapi = try JSONValue.parse(try #require(files.first { $0.path == "openapi.json" }).content)
        #expect(openapi["openapi"] == "3.1.0")
        #expect(files.contains { $0.path == "README.md" && $0.content.contains("supabase db push") })
        #expect(files.allSatisfy { !$0.content.isEmpty && !$0.language.isEmpty })
    }

    @Test func nextScaffoldHasRouteHandlersPagesAndModels() throws {
        let files = try Self.code(["spec": .string(try EngineFixtures.brief("invoicing"))])
        let paths = Set(files.map(\.path))
        for expected in ["src/app/api/invoices/route.ts", "src/app/api/invoices/[id]/route.ts", "src/app/api/invoices/[id]/send/route.ts",
                         "src/app/invoices/page.tsx", "src/app/invoices/[id]/page.tsx", "src/app/invoices/new/page.tsx",
                         "src/app/invoices/[id]/edit/page.tsx", "src/lib/models/line-item.ts", "src/components/InvoiceForm.tsx",
                         "src/middleware.ts", "src/app/sign-in/page.tsx", "src/app/settings/page.tsx"] {
            #expect(paths.contains(expected), "missing \(expected)")
        }
        let handler = try #require(files.first { $0.path == "src/app/api/invoices/[id]/pay/route.ts" })
        #expect(handler.content.contains("stripe.checkout.sessions.create"))
        let model = try #require(files.first { $0.path == "src/lib/models/invoice.ts" })
        #expect(model.content.contains("status: z.enum([\"draft\", \"sent\", \"paid\", \"overdue\", \"void\"])"))
        #expect(model.content.contains("export interface Invoice {"))
    }

    @Test func viteScaffoldTalksToSupabaseDirectly() throws {
        let files = try Self.code(["spec": .string(try EngineFixtures.brief("clinic-booking")), "framework": "vite-react-supabase"])
        let paths = Set(files.map(\.path))
        for expected in ["index.html", "vite.config.ts", "src/main.tsx", "src/App.tsx", "src/api/appointments.ts", "src/pages/Appointments.tsx",
                         "supabase/functions/send-reminders/index.ts"] {
            #expect(paths.contains(expected), "missing \(expected)")
        }
        #expect(!paths.contains { $0.hasPrefix("src/app/api/") })
        let app = try #require(files.first { $0.path == "src/App.tsx" })
        #expect(app.content.contains("path=\"/appointments/:id\""))
    }

    @Test func aRecordNamedUpdateKeepsItsSchemaAndItsFunctionApart() throws {
        // The data module declares `updateUpdate(id, changes)`; the model's `updateUpdate` schema
        // comes in under another name, or TypeScript refuses the module (TS2440).
        let files = try Self.code(["spec": "Mechanics log updates on each car. Owners read the updates.", "framework": "vite-react-supabase"])
        let module = try #require(files.first { $0.path == "src/api/updates.ts" })
        #expect(module.content.contains("updateUpdate as updateUpdateSchema"), "\(module.content)")
        #expect(module.content.contains("export async function updateUpdate(id: string"), "\(module.content)")
        #expect(module.content.contains("updateUpdateSchema.parse(changes)"), "\(module.content)")
    }

    @Test func stackPreferenceCarriesIntoArchitectureAndCode() throws {
        let spec = try EngineFixtures.brief("habit-tracker")
        let architecture = try BuiltinEngine().run(.architecture, input: ["spec": .string(spec), "stack_preference": "A Vite + React SPA"])
        #expect(JSONValue.object(architecture).at("architecture", "stack", "preset") == "vite-react-supabase")
        let code = try BuiltinEngine().run(.code, input: ["spec": .string(spec), "architecture": .object(architecture)])
        #expect(code["framework"] == "vite-react-supabase")
        #expect(JSONValue.object(architecture).at("architecture", "stack", "frontend")?.stringValue?.contains("Vite") == true)
    }

    @Test(arguments: [
        (["package.json"], ["package.json"]),
        (["src/lib/models/*.ts"], ["src/lib/models/check-in.ts", "src/lib/models/habit.ts", "src/lib/models/profile.ts"]),
        (["src/app/api/habits"], ["src/app/api/habits/[id]/route.ts", "src/app/api/habits/route.ts"]),
        (["**/route.ts", "README.md"], nil),
    ] as [([String], [String]?)])
    func targetFilesSelect(_ targets: [String], _ expected: [String]?) throws {
        let files = try Self.code(["spec": .string(try EngineFixtures.brief("habit-tracker")), "target_files": .strings(targets)])
        let paths = files.map(\.path).sorted()
        if let expected {
            #expect(paths == expected)
        } else {
            #expect(paths.contains("README.md"))
            #expect(paths.filter { $0 != "README.md" }.allSatisfy { $0.hasSuffix("/route.ts") })
            #expect(paths.count > 3)
        }
    }

    @Test func userSuppliedArchitectureIsUsed() throws {
        // A data model the brief never mentions: the code follows the architecture given.
        let architecture: JSONValue = [
            "data_model": ["entities": [
                ["name": "Greenhouse", "fields": [
                    ["name": "id", "type": "uuid", "primary": true],
                    ["name": "label", "type": "text"],
                    ["name": "humidity", "type": "numeric(5,2)", "nullable": true],
                ]],
            ]],
            "api_design": ["endpoints": [
                ["method": "GET", "path": "/greenhouses", "description": "List", "requirement_ids": ["FR-2"]],
            ]],
        ]
        let files = try Self.code(["spec": "Gardeners log plants and water them weekly.", "architecture": architecture])
        let model = try #require(files.first { $0.path == "src/lib/models/greenhouse.ts" })
        #expect(model.content.contains("humidity: number | null;"))
        let migration = try #require(files.first { $0.path.hasPrefix("supabase/migrations/") })
        #expect(migration.content.contains("create table greenhouses ("))
        #expect(files.contains { $0.path == "src/app/api/greenhouses/route.ts" })
    }

    /// An entity named as a global the generated code uses (`Record<string, unknown>`, `Promise<…>`,
    /// `new Response(…)`) would shadow it where its interface is imported: tsc refused
    /// `Type 'Record' is not generic` on a brief that kept "records". Its TypeScript name takes `Row`;
    /// its table and API keep the entity's own name.
    @Test(arguments: AgentSchemas.frameworks)
    func anEntityNamedAsATypeScriptGlobalDoesNotShadowIt(_ framework: String) throws {
        let architecture: JSONValue = [
            "data_model": ["entities": [
                ["name": "Record", "fields": [["name": "id", "type": "uuid", "primary": true], ["name": "label", "type": "text"]]],
                ["name": "Response", "fields": [["name": "id", "type": "uuid", "primary": true], ["name": "body", "type": "text"]]],
            ]],
            "api_design": ["endpoints": [
                ["method": "GET", "path": "/records", "description": "List", "requirement_ids": ["FR-2"]],
                ["method": "POST", "path": "/responses", "description": "Create", "requirement_ids": ["FR-2"]],
            ]],
        ]
        let files = try Self.code(["spec": "Clerks keep records and answer responses.", "architecture": architecture, "framework": .string(framework)])
        let code = files.filter { $0.path.hasSuffix(".ts") || $0.path.hasSuffix(".tsx") }
        #expect(code.contains { $0.content.contains("export interface RecordRow {") })
        #expect(code.contains { $0.content.contains("export interface ResponseRow {") })
        for file in code {
            #expect(!file.content.contains("interface Record ") && !file.content.contains("interface Response "), "\(file.path)")
            #expect(!file.content.contains("type Record,") && !file.content.contains("type Record }") && !file.content.contains("{ Record }"), "\(file.path)")
        }
        let migration = try #require(files.first { $0.path.hasPrefix("supabase/migrations/") })
        #expect(migration.content.contains("create table records ("))
    }
}


/// A table PostgreSQL reserves the name of (`references`, from a brief's "references") is quoted
/// wherever the migration names it: unquoted, `create table references (` is a syntax error and
/// the whole migration fails to apply.
@Suite struct EngineReservedTableTests {
    @Test func aTableNamedAsAReservedWordIsQuotedEverywhereInTheMigration() throws {
        let architecture: JSONValue = [
            "data_model": ["entities": [
                ["name": "Reference", "fields": [["name": "id", "type": "uuid", "primary": true], ["name": "referee", "type": "text"]]],
                ["name": "Check", "fields": [["name": "id", "type": "uuid", "primary": true],
                                             ["name": "reference_id", "type": "uuid", "references": "references.id"]]],
            ]],
            "api_design": ["endpoints": [
                ["method": "GET", "path": "/references", "description": "List", "requirement_ids": ["FR-2"]],
            ]],
        ]
        let files = try EngineScaffoldTests.code(["spec": "Recruiters request references and run checks.", "architecture": architecture])
        let migration = try #require(files.first { $0.path.hasPrefix("supabase/migrations/") }).content
        #expect(migration.contains("create table \"references\" ("))
        #expect(migration.contains("alter table \"references\" enable row level security;"))
        #expect(migration.contains("references \"references\" (id)"))
        // Every other mention of the table is quoted too: no `references` as a bare table name.
        for line in migration.split(separator: "\n") where line.contains(" on references") || line.contains("table references ") {
            Issue.record("unquoted reserved table name: \(line)")
        }
        // The API keeps the entity's name.
        #expect(files.contains { $0.path == "src/app/api/references/route.ts" })
    }
}
