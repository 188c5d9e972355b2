import AIOSJSON

/// The `vite-react-supabase` project: a Vite + React Router SPA talking to Supabase directly
/// (row-level security protects the data), a data module per entity with one function per
/// endpoint, pages per UX page, an Edge Function for scheduled jobs, the migration and a README.
package struct ViteReactScaffold: Sendable {
    package let context: ScaffoldContext

    package var setupSteps: [String] {
        var steps = [
            "Install Node.js 20 or later and the Supabase CLI.",
            "npm install",
            "Create a Supabase project (or run `supabase start`) and copy .env.example to .env.local with its URL and anon key.",
            "Apply the schema: `supabase db push` (runs supabase/migrations/20250101000000_initial_schema.sql).",
        ]
        if context.architecture.endpoints.contains(where: { $0.kind == .job }) {
            steps.append("Deploy the reminder job: `supabase functions deploy send-reminders` and schedule it every 15 minutes (Supabase Cron).")
        }
        if context.has("payments") { steps.append("Deploy a Stripe Checkout Edge Function with STRIPE_SECRET_KEY set as a function secret; never put secret keys in VITE_ variables.") }
        steps.append("npm run dev, then open http://localhost:5173 and sign up.")
        return steps
    }

    package var dependencies: (production: [(String, String)], development: [(String, String)]) {
        ([("react", "^19.0.0"), ("react-dom", "^19.0.0"), ("react-router-dom", "^7.0.1"), ("@supabase/supabase-js", "^2.46.1"), ("zod", "^3.23.8")],
         [("vite", "^6.0.0"), ("@vitejs/plugin-react", "^4.3.4"), ("typescript", "^5.6.3"), ("@types/react", "^19.0.0"), ("@types/react-dom", "^19.0.0")])
    }

    package func files() -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var production = JSONObject()
        for (name, version) in dependencies.production { production[name] = .string(version) }
        var development = JSONObject()
        for (name, version) in dependencies.development { development[name] = .string(version) }
        files.append(GeneratedFile("package.json", SourceText.prettyJSON([
            "name": .string(context.slug), "version": "0.1.0", "private": true, "type": "module",
            "scripts": ["dev": "vite", "build": "tsc --noEmit && vite build", "preview": "vite preview", "typecheck": "tsc --noEmit", "db:push": "supabase db push"],
            "dependencies": .object(production), "devDependencies": .object(development),
        ])))
        files.append(GeneratedFile("tsconfig.json", SourceText.prettyJSON([
            "compilerOptions": [
                "target": "ES2022", "lib": ["ES2022", "DOM", "DOM.Iterable"], "module": "ESNext", "moduleResolution": "bundler",
                "jsx": "react-jsx", "strict": true, "noEmit": true, "isolatedModules": true, "skipLibCheck": true,
                "types": ["vite/client"], "paths": ["@/*": ["./src/*"]],
            ],
            "include": ["src"],
        ])))
        files.append(GeneratedFile("vite.config.ts", #"""
        import { defineConfig } from "vite";
        import react from "@vitejs/plugin-react";
        import { fileURLToPath, URL } from "node:url";

        export default defineConfig({
          plugins: [react()],
          resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
        });

        """#))
        files.append(GeneratedFile("index.html", #"""
        <!doctype html>
        <html lang="en">
          <head>
            <meta charset="UTF-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>\#(Markdown.inline(context.productName).replacingJSX())</title>
          </head>
          <body>
            <div id="root"></div>
            <script type="module" src="/src/main.tsx"></script>
          </body>
        </html>

        """#))
        files.append(GeneratedFile(".env.example", "# Copy to .env.local. Only public values here: the browser sees every VITE_ variable.\nVITE_SUPABASE_URL=http://127.0.0.1:54321\nVITE_SUPABASE_ANON_KEY=\n"))
        files.append(GeneratedFile(".gitignore", "node_modules\ndist\n.env*.local\nsupabase/functions/.env\n"))
        let secrets = IntegrationSetup.environmentLines(kinds: context.integrations.map(\.kind)) { kind in
            context.integrations.first { $0.kind == kind }.map { "\($0.title) (\($0.provider))" } ?? kind
        }
        if !secrets.isEmpty {
            files.append(GeneratedFile("supabase/functions/.env.example",
                                       "# Edge Function secrets: copy to supabase/functions/.env for `supabase functions serve`,\n# and set them in the project with `supabase secrets set --env-file supabase/functions/.env`.\n# Never put them in VITE_ variables: the browser sees those.\n" + secrets))
        }
        files.append(GeneratedFile("supabase/migrations/20250101000000_initial_schema.sql", context.migration,
                                   requirements: context.architecture.endpoints.flatMap(\.requirementIDs)))
        if let openapi = context.architecture.openapi {
            files.append(GeneratedFile("openapi.json", SourceText.prettyJSON(openapi), requirements: context.architecture.endpoints.flatMap(\.requirementIDs)))
        }
        files.append(GeneratedFile("src/lib/supabase.ts", #"""
        import { createClient } from "@supabase/supabase-js";

        /** The one Supabase client; requests carry the signed-in person's JWT, so row-level security applies. */
        export const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);

        /** Throws the database error, so callers handle one kind of failure. */
        export function check<T>(result: { data: T; error: { message: string } | null }): T {
          if (result.error) throw new Error(result.error.message);
          return result.data;
        }

        """#))
        for entity in context.model.entities {
            files.append(context.modelFile(entity, path: "src/lib/models/\(entity.term.kebab).ts"))
        }
        for entity in context.appEntities { files.append(dataModule(entity)) }
        files.append(meModule())
        if context.architecture.endpoints.contains(where: { $0.kind == .report }) { files.append(reportsModule()) }
        if let job = context.architecture.endpoints.first(where: { $0.kind == .job }) { files.append(reminderFunction(job)) }
        files.append(GeneratedFile("src/styles.css", context.tokenStylesheet()))
        files.append(appShell())
        for entity in context.appEntities where entity.table != "audit_logs" { files.append(form(entity)) }
        var routes: [(route: String, component: String)] = []
        for page in context.ux.pages {
            let component = componentName(page)
            guard !routes.contains(where: { $0.component == component }) else { continue }
            routes.append((page.route, component))
            files.append(GeneratedFile("src/pages/\(component).tsx", pageSource(page, component: component), requirements: page.requirementIDs))
        }
        files.append(GeneratedFile("src/App.tsx", app(routes), requirements: context.ux.pages.flatMap(\.requirementIDs)))
        files.append(GeneratedFile("src/main.tsx", #"""
        import { StrictMode } from "react";
        import { createRoot } from "react-dom/client";
        import { BrowserRouter } from "react-router-dom";
        import App from "./App";
        import "./styles.css";

        const root = document.getElementById("root");
        if (!root) throw new Error("index.html has no #root element");
        createRoot(root).render(
          <StrictMode>
            <BrowserRouter>
              <App />
            </BrowserRouter>
          </StrictMode>,
        );

        """#))
        return files
    }

    private func componentName(_ page: Page) -> String {
        if let entity = page.table.flatMap({ context.model.entity(table: $0) }) {
            switch page.kind {
            case .list: return entity.term.pluralPascal
            case .detail: return entity.typeName + "Detail"
            case .create: return "New" + entity.typeName
            case .edit: return "Edit" + entity.typeName
            default: break
            }
        }
        let name = Term(parsing: page.name).pascal
        return name.isEmpty ? "Page" : (name.first?.isLetter == true ? name : "Page" + name)
    }

    // MARK: - Data modules

    private func dataModule(_ entity: DataModel.Entity) -> GeneratedFile {
        let camel = entity.term.camel
        // A record named `Update` has an `updateUpdate` schema beside its `updateUpdate` function:
        // the schema comes in under another name.
        let updateSchema = "update\(entity.typeName)" == "\(camel)Update" ? "\(camel)UpdateSchema" : "\(camel)Update"
        var ts = "// Data access for \(entity.table); one function per API endpoint.\n"
        ts += "import { supabase, check } from \"@/lib/supabase\";\n"
        ts += "import { \(camel)Table, \(camel)Input, \(camel)Update\(updateSchema == "\(camel)Update" ? "" : " as \(updateSchema)"), type \(entity.typeName), type \(entity.typeName)Input, type \(entity.typeName)Update } from \"@/lib/models/\(entity.term.kebab)\";\n\n"
        for endpoint in context.endpoints(table: entity.table) {
            ts += "/** \(endpoint.method) \(endpoint.path): \(endpoint.description)\(endpoint.requirementIDs.isEmpty ? "" : " (\(endpoint.requirementIDs.joined(separator: ", ")))") */\n"
            switch endpoint.kind {
            case .list:
                ts += "export async function list\(entity.term.pluralPascal)(filters: Partial<Record<keyof \(entity.typeName), string>> = {}, limit = 20, offset = 0): Promise<\(entity.typeName)[]> {\n"
                ts += "  let query = supabase.from(\(camel)Table).select(\"*\").order(\"created_at\", { ascending: false }).range(offset, offset + limit - 1);\n"
                ts += "  for (const [column, value] of Object.entries(filters)) if (value !== undefined) query = query.eq(column, value);\n"
                ts += "  return check(await query) as \(entity.typeName)[];\n}\n\n"
            case .create:
                ts += "export async function create\(entity.typeName)(input: \(entity.typeName)Input): Promise<\(entity.typeName)> {\n"
                ts += "  return check(await supabase.from(\(camel)Table).insert(\(camel)Input.parse(input)).select().single()) as \(entity.typeName);\n}\n\n"
            case .read:
                ts += "export async function get\(entity.typeName)(id: string): Promise<\(entity.typeName)> {\n"
                ts += "  return check(await supabase.from(\(camel)Table).select(\"*\").eq(\"id\", id).single()) as \(entity.typeName);\n}\n\n"
            case .update:
                ts += "export async function update\(entity.typeName)(id: string, changes: \(entity.typeName)Update): Promise<\(entity.typeName)> {\n"
                ts += "  return check(await supabase.from(\(camel)Table).update(\(updateSchema).parse(changes)).eq(\"id\", id).select().single()) as \(entity.typeName);\n}\n\n"
            case .delete:
                ts += "export async function delete\(entity.typeName)(id: string): Promise<void> {\n"
                ts += "  check(await supabase.from(\(camel)Table).delete().eq(\"id\", id));\n}\n\n"
            case .action:
                let target = NextSupabaseScaffold.pastTense.first { $0.0 == endpoint.name }?.1
                let status = target.flatMap { value in entity.field("status")?.allowed.contains(value) == true ? value : nil }
                let changes = status.map { "{ ...changes, status: \(SourceText.quote($0)) }" } ?? "{ ...changes, updated_at: new Date().toISOString() }"
                ts += "export async function \(Term(parsing: endpoint.name).camel)\(entity.typeName)(id: string, changes: Partial<\(entity.typeName)Input> = {}): Promise<\(entity.typeName)> {\n"
                ts += "  return check(await supabase.from(\(camel)Table).update(\(changes)).eq(\"id\", id).select().single()) as \(entity.typeName);\n}\n\n"
            case .export:
                let columns = entity.fields.map { SourceText.quote($0.name) }.joined(separator: ", ")
                ts += "export async function export\(entity.term.pluralPascal)(): Promise<string> {\n"
                ts += "  const rows = check(await supabase.from(\(camel)Table).select(\"*\").order(\"created_at\")) as Record<string, unknown>[];\n"
                ts += "  const columns = [\(columns)];\n"
                ts += "  const escape = (value: unknown) => { const text = value === null || value === undefined ? \"\" : String(value); return /[\",\\n]/.test(text) ? `\"${text.replaceAll('\"', '\"\"')}\"` : text; };\n"
                ts += "  return [columns.join(\",\"), ...rows.map((row) => columns.map((column) => escape(row[column])).join(\",\"))].join(\"\\n\") + \"\\n\";\n}\n\n"
            default:
                break
            }
        }
        return GeneratedFile("src/api/\(entity.resource).ts", ts, requirements: context.endpointIDs(table: entity.table))
    }

    private func meModule() -> GeneratedFile {
        let endpoints = context.architecture.endpoints.filter { $0.kind == .me }
        var ts = "// The signed-in person's profile and account (\(endpoints.map { "\($0.method) \($0.path)" }.joined(separator: ", "))).\n"
        ts += "import { supabase, check } from \"@/lib/supabase\";\nimport type { Profile } from \"@/lib/models/profile\";\n\n"
        ts += #"""
        export async function getMe(): Promise<Profile> {
          const { data: auth } = await supabase.auth.getUser();
          if (!auth.user) throw new Error("Sign in first.");
          // The first visit creates the profile row that policies and foreign keys rely on.
          await supabase.from("profiles").upsert({ id: auth.user.id, email: auth.user.email ?? "" }, { onConflict: "id", ignoreDuplicates: true });
          return check(await supabase.from("profiles").select("*").eq("id", auth.user.id).single()) as Profile;
        }

        export async function updateMe(changes: { full_name?: string | null }): Promise<Profile> {
          const { data: auth } = await supabase.auth.getUser();
          if (!auth.user) throw new Error("Sign in first.");
          return check(await supabase.from("profiles").update(changes).eq("id", auth.user.id).select().single()) as Profile;
        }

        """#
        if endpoints.contains(where: { $0.path.hasSuffix("/export") }) {
            let tables = context.model.entities.filter { $0.field("created_by") != nil }.map { SourceText.quote($0.table) }.joined(separator: ", ")
            ts += #"""
            export async function exportMyData(): Promise<Record<string, unknown>> {
              const me = await getMe();
              const records: Record<string, unknown[]> = {};
              for (const table of [\#(tables)]) records[table] = check(await supabase.from(table).select("*").eq("created_by", me.id)) as unknown[];
              return { exported_at: new Date().toISOString(), profile: me, records };
            }

            export async function deleteMe(): Promise<void> {
              const me = await getMe();
              check(await supabase.from("profiles").delete().eq("id", me.id));
              await supabase.auth.signOut();
            }

            """#
        }
        return GeneratedFile("src/api/me.ts", ts, requirements: endpoints.flatMap(\.requirementIDs))
    }

    private func reportsModule() -> GeneratedFile {
        let endpoints = context.architecture.endpoints.filter { $0.kind == .report }
        let tables = context.appEntities.filter { $0.table != "audit_logs" }.map { SourceText.quote($0.table) }.joined(separator: ", ")
        var ts = "// Reports computed from the rows the signed-in person may see.\nimport { supabase } from \"@/lib/supabase\";\n\n"
        ts += "export const reports = [\(endpoints.map { SourceText.quote($0.name) }.joined(separator: ", "))];\n\n"
        ts += #"""
        export type Report = { name: string; generated_at: string; rows: { table: string; count: number; last_30_days: number }[] };

        export async function getReport(name: string): Promise<Report> {
          const since = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
          const rows = [];
          for (const table of [\#(tables)]) {
            const all = await supabase.from(table).select("*", { count: "exact", head: true });
            const recent = await supabase.from(table).select("*", { count: "exact", head: true }).gte("created_at", since);
            if (all.error ?? recent.error) throw new Error((all.error ?? recent.error)?.message);
            rows.push({ table, count: all.count ?? 0, last_30_days: recent.count ?? 0 });
          }
          return { name, generated_at: new Date().toISOString(), rows };
        }

        """#
        return GeneratedFile("src/api/reports.ts", ts, requirements: endpoints.flatMap(\.requirementIDs))
    }

    private func reminderFunction(_ job: Endpoint) -> GeneratedFile {
        let timed = context.appEntities.first { entity in ["starts_at", "due_at", "due_date"].contains { entity.field($0) != nil } }
        let column = timed.flatMap { entity in ["starts_at", "due_at", "due_date"].first { entity.field($0) != nil } } ?? "created_at"
        let table = timed?.table ?? context.appEntities.first?.table ?? "profiles"
        let ts = #"""
        // Supabase Edge Function (Deno): sends the reminders that are due. Scheduled every 15 minutes.
        import { createClient } from "jsr:@supabase/supabase-js@2";

        Deno.serve(async (request) => {
          if (request.headers.get("authorization") !== `Bearer ${Deno.env.get("CRON_SECRET")}`) {
            return new Response(JSON.stringify({ error: { code: "unauthorized", message: "Scheduler token required." } }), { status: 401 });
          }
          const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
          const now = new Date();
          const until = new Date(now.getTime() + 24 * 3600 * 1000);
          const { data, error } = await admin.from(\#(SourceText.quote(table))).select("*").gte(\#(SourceText.quote(column)), now.toISOString()).lte(\#(SourceText.quote(column)), until.toISOString()).limit(500);
          if (error) return new Response(JSON.stringify({ error: { code: "database_error", message: error.message } }), { status: 500 });
          // Delivery goes through the configured email/SMS provider; the count tells the scheduler what was due.
          return new Response(JSON.stringify({ processed: data.length }), { status: 202, headers: { "content-type": "application/json" } });
        });

        """#
        return GeneratedFile("supabase/functions/send-reminders/index.ts", ts, requirements: job.requirementIDs)
    }

    // MARK: - Components and pages

    private func appShell() -> GeneratedFile {
        context.appShellFile(
            imports: "import type { ReactNode } from \"react\";\nimport { Link } from \"react-router-dom\";\n", linkAttribute: "to")
    }

    private func form(_ entity: DataModel.Entity) -> GeneratedFile {
        var fields = ""
        for field in ScaffoldContext.formFields(entity) {
            let id = "\(entity.term.kebab)-\(field.name.replacingUnderscores())"
            let required = field.required ? " required" : ""
            fields += "      <div className=\"field\">\n        <label htmlFor=\"\(id)\">\(field.label.replacingJSX())</label>\n"
            switch field.input {
            case "select":
                fields += "        <select id=\"\(id)\" name=\"\(field.name)\" defaultValue={String(initial?.\(field.name) ?? \(SourceText.quote(field.options.first ?? "")))}>\n"
                for option in field.options { fields += "          <option value=\(SourceText.quote(option))>\(option.replacingJSX())</option>\n" }
                fields += "        </select>\n"
            case "checkbox":
                fields += "        <input id=\"\(id)\" name=\"\(field.name)\" type=\"checkbox\" defaultChecked={Boolean(initial?.\(field.name))} />\n"
            case "textarea":
                fields += "        <textarea id=\"\(id)\" name=\"\(field.name)\" rows={4} defaultValue={String(initial?.\(field.name) ?? \"\")}\(required) />\n"
            default:
                fields += "        <input id=\"\(id)\" name=\"\(field.name)\" type=\"\(field.input)\"\(field.input == "number" ? " step=\"any\"" : "") defaultValue={String(initial?.\(field.name) ?? \"\")}\(required) />\n"
            }
            fields += "      </div>\n"
        }
        let numeric = ScaffoldContext.formFields(entity).filter { $0.input == "number" }.map { SourceText.quote($0.name) }.joined(separator: ", ")
        let booleans = ScaffoldContext.formFields(entity).filter { $0.input == "checkbox" }.map { SourceText.quote($0.name) }.joined(separator: ", ")
        let content = #"""
        import { useState, type FormEvent } from "react";
        import { useNavigate } from "react-router-dom";
        import { create\#(entity.typeName), update\#(entity.typeName) } from "@/api/\#(entity.resource)";
        import type { \#(entity.typeName), \#(entity.typeName)Input } from "@/lib/models/\#(entity.term.kebab)";

        const numberFields: string[] = [\#(numeric)];
        const booleanFields: string[] = [\#(booleans)];

        export function \#(entity.typeName)Form({ id, initial }: { id?: string; initial?: Partial<\#(entity.typeName)> }) {
          const navigate = useNavigate();
          const [error, setError] = useState<string | null>(null);

          async function submit(event: FormEvent<HTMLFormElement>) {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const payload: Record<string, unknown> = {};
            for (const [key, value] of form.entries()) {
              if (value === "") continue;
              payload[key] = numberFields.includes(key) ? Number(value) : value;
            }
            for (const key of booleanFields) payload[key] = form.has(key);
            try {
              const saved = id ? await update\#(entity.typeName)(id, payload) : await create\#(entity.typeName)(payload as \#(entity.typeName)Input);
              navigate(`/\#(entity.resource)/${saved.id}`);
            } catch (reason) {
              setError(reason instanceof Error ? reason.message : String(reason));
            }
          }

          return (
            <form onSubmit={submit}>
              {error ? <p role="alert" className="error">{error}</p> : null}
        \#(fields)      <button type="submit" className="button">{id ? "Save changes" : "Create \#(entity.term.phrase.replacingJSX())"}</button>
            </form>
          );
        }

        """#
        return GeneratedFile("src/components/\(entity.typeName)Form.tsx", content, requirements: context.endpointIDs(table: entity.table, kinds: [.create, .update]))
    }

    private func app(_ routes: [(route: String, component: String)]) -> String {
        // Pages are bound as `XPage`: a page's own name (`Routes` for a `Route` entity's list)
        // must not shadow the router's `Route` and `Routes`.
        var ts = "import { Route, Routes } from \"react-router-dom\";\n"
        for route in routes { ts += "import \(route.component)Page from \"./pages/\(route.component)\";\n" }
        ts += "\nexport default function App() {\n  return (\n    <Routes>\n"
        for route in routes { ts += "      <Route path=\(SourceText.quote(route.route)) element={<\(route.component)Page />} />\n" }
        ts += "    </Routes>\n  );\n}\n"
        return ts
    }

    private func pageSource(_ page: Page, component: String) -> String {
        let header = "// \(page.name) (\(page.route))\(page.requirementIDs.isEmpty ? "" : ": " + page.requirementIDs.joined(separator: ", "))\n"
        let title = SourceText.quote(page.name)
        let entity = page.table.flatMap { context.model.entity(table: $0) }
        switch (page.kind, entity) {
        case (.list, let entity?):
            let columns = Array(entity.fields.filter { !["id", "created_by", "created_at", "updated_at", "profile_id", "actor_id"].contains($0.name) && $0.references == nil }.prefix(4))
            let headers = columns.map { "<th scope=\"col\">\(Term.capitalized($0.name.split(separator: "_").joined(separator: " ")))</th>" }.joined()
            let cells = columns.enumerated().map { index, field in
                index == 0 ? "<td><Link to={`/\(entity.resource)/${row.id}`}>{String(row.\(field.name) ?? \"—\")}</Link></td>" : "<td>{String(row.\(field.name) ?? \"—\")}</td>"
            }.joined()
            return header + #"""
            import { useEffect, useState } from "react";
            import { Link } from "react-router-dom";
            import { AppShell } from "@/components/AppShell";
            import { list\#(entity.term.pluralPascal) } from "@/api/\#(entity.resource)";
            import type { \#(entity.typeName) } from "@/lib/models/\#(entity.term.kebab)";

            export default function \#(component)() {
              const [rows, setRows] = useState<\#(entity.typeName)[]>([]);
              const [error, setError] = useState<string | null>(null);
              useEffect(() => {
                list\#(entity.term.pluralPascal)().then(setRows).catch((reason: Error) => setError(reason.message));
              }, []);
              return (
                <AppShell title=\#(title)\#(entity.table == "audit_logs" ? "" : " action={<Link className=\"button\" to=\"/\(entity.resource)/new\">New \(entity.term.phrase.replacingJSX())</Link>}")>
                  {error ? <p role="alert" className="error">{error}</p> : null}
                  <table>
                    <thead><tr>\#(headers)</tr></thead>
                    <tbody>{rows.map((row) => (<tr key={row.id}>\#(cells)</tr>))}</tbody>
                  </table>
                </AppShell>
              );
            }

            """#
        case (.detail, let entity?):
            let items = entity.fields.filter { $0.name != "id" }.map { "          <dt>\(Term.capitalized($0.name.split(separator: "_").joined(separator: " ")))</dt><dd>{String(row.\($0.name) ?? \"—\")}</dd>\n" }.joined()
            let actions = context.endpoints(table: entity.table).filter { $0.kind == .action }
            let actionImports = actions.map { "\(Term(parsing: $0.name).camel)\(entity.typeName)" }
            let buttons = actions.map { "        <button type=\"button\" className=\"button secondary\" onClick={() => \(Term(parsing: $0.name).camel)\(entity.typeName)(row.id).then(setRow)}>\(Term.capitalized($0.name.replacingHyphensWithSpaces()))</button>\n" }.joined()
            return header + #"""
            import { useEffect, useState } from "react";
            import { Link, useParams } from "react-router-dom";
            import { AppShell } from "@/components/AppShell";
            import { \#((["get\(entity.typeName)"] + actionImports).joined(separator: ", ")) } from "@/api/\#(entity.resource)";
            import type { \#(entity.typeName) } from "@/lib/models/\#(entity.term.kebab)";

            export default function \#(component)() {
              const { id = "" } = useParams();
              const [row, setRow] = useState<\#(entity.typeName) | null>(null);
              const [error, setError] = useState<string | null>(null);
              useEffect(() => {
                get\#(entity.typeName)(id).then(setRow).catch((reason: Error) => setError(reason.message));
              }, [id]);
              if (error) return <AppShell title=\#(title)><p role="alert" className="error">{error}</p></AppShell>;
              if (!row) return <AppShell title=\#(title)><p role="status">Loading…</p></AppShell>;
              return (
                <AppShell title=\#(title)\#(entity.table == "audit_logs" ? "" : " action={<Link className=\"button\" to={`/\(entity.resource)/${row.id}/edit`}>Edit</Link>}")>
            \#(buttons)      <dl>
            \#(items)      </dl>
                </AppShell>
              );
            }

            """#
        case (.create, let entity?), (.edit, let entity?):
            let edit = page.kind == .edit
            return header + #"""
            \#(edit ? "import { useEffect, useState } from \"react\";\nimport { useParams } from \"react-router-dom\";\nimport { get\(entity.typeName) } from \"@/api/\(entity.resource)\";\nimport type { \(entity.typeName) } from \"@/lib/models/\(entity.term.kebab)\";\n" : "")import { AppShell } from "@/components/AppShell";
            import { \#(entity.typeName)Form } from "@/components/\#(entity.typeName)Form";

            export default function \#(component)() {
            \#(edit ? "  const { id = \"\" } = useParams();\n  const [row, setRow] = useState<\(entity.typeName) | null>(null);\n  useEffect(() => {\n    get\(entity.typeName)(id).then(setRow);\n  }, [id]);\n  return <AppShell title=\(title)>{row ? <\(entity.typeName)Form id={id} initial={row} /> : <p role=\"status\">Loading…</p>}</AppShell>;\n" : "  return <AppShell title=\(title)><\(entity.typeName)Form /></AppShell>;\n")}

            """#
        case (.auth, _):
            let signUp = page.route.contains("up")
            return header + #"""
            import { useState, type FormEvent } from "react";
            import { Link, useNavigate } from "react-router-dom";
            import { supabase } from "@/lib/supabase";

            export default function \#(component)() {
              const navigate = useNavigate();
              const [error, setError] = useState<string | null>(null);
              async function submit(event: FormEvent<HTMLFormElement>) {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                const credentials = { email: String(form.get("email")), password: String(form.get("password")) };
                const { error } = await supabase.auth.\#(signUp ? "signUp" : "signInWithPassword")(credentials);
                if (error) setError(error.message);
                else navigate("/");
              }
              return (
                <main id="main" style={{ maxWidth: "24rem", margin: "4rem auto" }}>
                  <h1>\#(page.name.replacingJSX())</h1>
                  <form onSubmit={submit}>
                    {error ? <p role="alert" className="error">{error}</p> : null}
                    <div className="field"><label htmlFor="email">Email</label><input id="email" name="email" type="email" autoComplete="email" required /></div>
                    <div className="field"><label htmlFor="password">Password</label><input id="password" name="password" type="password" minLength={8} required /></div>
                    <button type="submit" className="button">\#(page.name.replacingJSX())</button>
                  </form>
                  <p>\#(signUp ? "<Link to=\"/sign-in\">Sign in instead</Link>" : "<Link to=\"/sign-up\">Create an account</Link>")</p>
                </main>
              );
            }

            """#
        case (.reports, _):
            return header + #"""
            import { useEffect, useState } from "react";
            import { AppShell } from "@/components/AppShell";
            import { getReport, reports, type Report } from "@/api/reports";

            export default function \#(component)() {
              const [loaded, setLoaded] = useState<Report[]>([]);
              useEffect(() => {
                Promise.all(reports.map(getReport)).then(setLoaded);
              }, []);
              return (
                <AppShell title=\#(title)>
                  {loaded.map((report) => (
                    <section key={report.name} aria-label={report.name}>
                      <h2>{report.name}</h2>
                      <table>
                        <thead><tr><th scope="col">Table</th><th scope="col">Total</th><th scope="col">Last 30 days</th></tr></thead>
                        <tbody>{report.rows.map((row) => (<tr key={row.table}><td>{row.table}</td><td>{row.count}</td><td>{row.last_30_days}</td></tr>))}</tbody>
                      </table>
                    </section>
                  ))}
                </AppShell>
              );
            }

            """#
        case (.settings, _):
            let gdpr = context.architecture.endpoints.contains { $0.kind == .me && $0.path.hasSuffix("/export") }
            return header + #"""
            import { useEffect, useState } from "react";
            import { AppShell } from "@/components/AppShell";
            import { \#(gdpr ? "deleteMe, exportMyData, " : "")getMe, updateMe } from "@/api/me";
            import type { Profile } from "@/lib/models/profile";

            export default function \#(component)() {
              const [profile, setProfile] = useState<Profile | null>(null);
              const [name, setName] = useState("");
              useEffect(() => {
                getMe().then((me) => { setProfile(me); setName(me.full_name ?? ""); });
              }, []);
              return (
                <AppShell title=\#(title)>
                  <div className="field"><label htmlFor="full-name">Full name</label><input id="full-name" value={name} onChange={(event) => setName(event.target.value)} /></div>
                  <button type="button" className="button" onClick={() => updateMe({ full_name: name }).then(setProfile)}>Save</button>
                  <p className="muted">Signed in as {profile?.email ?? "…"}</p>
            \#(gdpr ? "      <button type=\"button\" className=\"button secondary\" onClick={() => exportMyData().then((data) => { const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: \"application/json\" })); window.open(url); })}>Download my data</button>\n      <button type=\"button\" className=\"button secondary\" onClick={() => { if (window.confirm(\"Delete your account and data?\")) deleteMe(); }}>Delete my account</button>\n" : "")    </AppShell>
              );
            }

            """#
        default:
            let sections = context.appEntities.filter { $0.table != "audit_logs" }.map { "        <li><Link to=\"/\($0.resource)\">\($0.term.pluralTitle)</Link></li>\n" }.joined()
            return header + #"""
            import { Link } from "react-router-dom";
            import { AppShell } from "@/components/AppShell";

            export default function \#(component)() {
              return (
                <AppShell title=\#(title)>
                  <ul>
            \#(sections)      </ul>
                </AppShell>
              );
            }

            """#
        }
    }
}
