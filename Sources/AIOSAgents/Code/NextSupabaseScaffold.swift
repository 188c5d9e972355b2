import AIOSJSON

/// The `nextjs-supabase` project: Next.js App Router pages per UX page, route handlers per
/// endpoint, typed models and validators per entity, Supabase clients, the migration, README.
package struct NextSupabaseScaffold: Sendable {
    package let context: ScaffoldContext

    package static let pastTense: [(String, String)] = [
        ("send", "sent"), ("cancel", "cancelled"), ("pay", "paid"), ("complete", "completed"), ("approve", "approved"),
        ("reject", "rejected"), ("publish", "published"), ("archive", "archived"), ("confirm", "confirmed"),
        ("reschedule", "rescheduled"), ("close", "closed"), ("accept", "accepted"), ("decline", "declined"),
        ("submit", "submitted"), ("refund", "refunded"), ("resolve", "resolved"), ("open", "open"),
    ]

    package var setupSteps: [String] {
        var steps = [
            "Install Node.js 20 or later and the Supabase CLI.",
            "npm install",
            "Create a Supabase project (or run `supabase start` for a local one) and copy .env.example to .env.local with its URL and keys.",
            "Apply the schema: `supabase db push` (runs supabase/migrations/20250101000000_initial_schema.sql).",
        ]
        if context.has("payments") { steps.append("Set STRIPE_SECRET_KEY (test mode) for card payments.") }
        if context.has("email") { steps.append("Set RESEND_API_KEY and EMAIL_FROM for transactional email.") }
        if context.has("sms") { steps.append("Set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM for SMS.") }
        if context.architecture.endpoints.contains(where: { $0.kind == .job }) {
            steps.append("Schedule POST /api/jobs/send-reminders every 15 minutes (Vercel Cron) with the header `Authorization: Bearer $CRON_SECRET`.")
        }
        steps.append("npm run dev, then open http://localhost:3000 and sign up.")
        return steps
    }

    package var dependencies: (production: [(String, String)], development: [(String, String)]) {
        ([("next", "^15.0.3"), ("react", "^19.0.0"), ("react-dom", "^19.0.0"), ("@supabase/supabase-js", "^2.46.1"), ("@supabase/ssr", "^0.5.2"), ("zod", "^3.23.8")] + context.integrationDependencies(),
         [("typescript", "^5.6.3"), ("@types/node", "^22.9.0"), ("@types/react", "^19.0.0"), ("@types/react-dom", "^19.0.0"), ("eslint", "^9.14.0"), ("eslint-config-next", "^15.0.3")])
    }

    package func files() -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        files.append(packageJSON())
        files.append(GeneratedFile("tsconfig.json", SourceText.prettyJSON([
            "compilerOptions": [
                "target": "ES2022", "lib": ["dom", "dom.iterable", "esnext"], "allowJs": false, "skipLibCheck": true,
                "strict": true, "noEmit": true, "esModuleInterop": true, "module": "esnext", "moduleResolution": "bundler",
                "resolveJsonModule": true, "isolatedModules": true, "jsx": "preserve", "incremental": true,
                "plugins": [["name": "next"]], "paths": ["@/*": ["./src/*"]],
            ],
            "include": ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
            "exclude": ["node_modules"],
        ])))
        files.append(GeneratedFile("next.config.mjs", "/** @type {import('next').NextConfig} */\nconst nextConfig = { reactStrictMode: true };\n\nexport default nextConfig;\n"))
        files.append(GeneratedFile(".env.example", environment()))
        files.append(GeneratedFile(".gitignore", "node_modules\n.next\n.env*.local\n.vercel\n"))
        files.append(GeneratedFile("supabase/migrations/20250101000000_initial_schema.sql", context.migration,
                                   requirements: context.architecture.endpoints.flatMap(\.requirementIDs)))
        if let openapi = context.architecture.openapi {
            files.append(GeneratedFile("openapi.json", SourceText.prettyJSON(openapi), requirements: context.architecture.endpoints.flatMap(\.requirementIDs)))
        }
        files += libraryFiles()
        for entity in context.model.entities {
            files.append(context.modelFile(entity, path: "src/lib/models/\(entity.term.kebab).ts"))
        }
        files += routeHandlers()
        files += integrationFiles()
        files += sharedComponents()
        for entity in context.appEntities where entity.table != "audit_logs" {
            files.append(formComponent(entity))
        }
        files += pages()
        files.append(GeneratedFile("src/middleware.ts", middleware(), requirements: context.requirements.filter { $0.description.lowercased().includes("sign") }.map(\.id)))
        return files
    }

    // MARK: - Project files

    private func packageJSON() -> GeneratedFile {
        var dependencies = JSONObject()
        for (name, version) in self.dependencies.production { dependencies[name] = .string(version) }
        var development = JSONObject()
        for (name, version) in self.dependencies.development { development[name] = .string(version) }
        return GeneratedFile("package.json", SourceText.prettyJSON([
            "name": .string(context.slug), "version": "0.1.0", "private": true,
            "scripts": ["dev": "next dev", "build": "next build", "start": "next start", "lint": "next lint", "typecheck": "tsc --noEmit", "db:push": "supabase db push"],
            "dependencies": .object(dependencies), "devDependencies": .object(development),
        ]))
    }

    private func environment() -> String {
        var env = "# Copy to .env.local and fill in.\nNEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:54321\nNEXT_PUBLIC_SUPABASE_ANON_KEY=\n# Server only: scheduled jobs and account deletion.\nSUPABASE_SERVICE_ROLE_KEY=\nCRON_SECRET=\nNEXT_PUBLIC_SITE_URL=http://localhost:3000\n"
        if context.has("payments") { env += "STRIPE_SECRET_KEY=\n" }
        if context.has("email") { env += "RESEND_API_KEY=\nEMAIL_FROM=\"\(context.productName) <no-reply@example.com>\"\n" }
        if context.has("sms") { env += "TWILIO_ACCOUNT_SID=\nTWILIO_AUTH_TOKEN=\nTWILIO_FROM=\n" }
        if context.has("payments") { env += "STRIPE_WEBHOOK_SECRET=\n" }
        if context.has("chat_tools") { env += "SLACK_WEBHOOK_URL=\n" }
        if context.has("analytics") { env += "POSTHOG_API_KEY=\nPOSTHOG_HOST=https://eu.i.posthog.com\n" }
        // Every other integration's variables, as the architecture lists them.
        let written = Set(env.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        let remaining = context.integrations.filter { integration in
            IntegrationSetup.variables(kind: integration.kind).contains { !written.contains($0) }
        }
        env += IntegrationSetup.environmentLines(kinds: remaining.map(\.kind)) { kind in
            context.integrations.first { $0.kind == kind }.map { "\($0.title) (\($0.provider))" } ?? kind
        }
        return env
    }

    private func libraryFiles() -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        files.append(GeneratedFile("src/lib/supabase/server.ts", #"""
        import { createServerClient } from "@supabase/ssr";
        import { cookies } from "next/headers";

        /** A Supabase client acting as the signed-in person, so row-level security applies. */
        export async function createClient() {
          const cookieStore = await cookies();
          return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
            cookies: {
              getAll: () => cookieStore.getAll(),
              setAll: (toSet) => {
                try {
                  toSet.forEach(({ name, value, options }) => cookieStore.set(name, value, options));
                } catch {
                  // Server components cannot set cookies; the middleware refreshes the session instead.
                }
              },
            },
          });
        }

        """#))
        files.append(GeneratedFile("src/lib/supabase/client.ts", #"""
        import { createBrowserClient } from "@supabase/ssr";

        /** The browser's Supabase client (auth flows, realtime). */
        export function createClient() {
          return createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);
        }

        """#))
        files.append(GeneratedFile("src/lib/supabase/admin.ts", #"""
        import { createClient } from "@supabase/supabase-js";

        /** Service-role client: bypasses row-level security. Server-only; used by scheduled jobs and account deletion. */
        export function createAdminClient() {
          return createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
            auth: { persistSession: false },
          });
        }

        """#))
        files.append(GeneratedFile("src/lib/http.ts", #"""
        import { NextRequest, NextResponse } from "next/server";
        import type { PostgrestError } from "@supabase/supabase-js";
        import type { ZodType } from "zod";

        export function json(body: unknown, status = 200) {
          return NextResponse.json(body, { status });
        }

        export function problem(status: number, code: string, message: string, details?: unknown) {
          return NextResponse.json({ error: { code, message, details } }, { status });
        }

        /** Maps a PostgREST error to an HTTP answer. */
        export function fromDatabase(error: PostgrestError) {
          if (error.code === "PGRST116") return problem(404, "not_found", "No such record, or not visible to you.");
          if (error.code === "42501") return problem(403, "forbidden", error.message);
          if (error.code === "23505") return problem(409, "conflict", error.message);
          if (["23503", "23514", "22P02", "23502"].includes(error.code)) return problem(400, "invalid", error.message);
          return problem(500, "database_error", error.message);
        }

        export function page(request: NextRequest) {
          const limit = Math.min(Math.max(Number(request.nextUrl.searchParams.get("limit") ?? 20) || 20, 1), 100);
          const offset = Math.max(Number(request.nextUrl.searchParams.get("offset") ?? 0) || 0, 0);
          return { limit, offset };
        }

        /** Parses and validates a JSON body; on failure, the response to send. */
        export async function body<T>(request: NextRequest, schema: ZodType<T>, optional = false): Promise<{ data: T } | { response: NextResponse }> {
          let raw: unknown = {};
          const text = await request.text();
          if (text.trim() !== "") {
            try {
              raw = JSON.parse(text);
            } catch {
              return { response: problem(400, "invalid_json", "The body must be JSON.") };
            }
          } else if (!optional) {
            return { response: problem(400, "invalid", "A JSON body is required.") };
          }
          const parsed = schema.safeParse(raw);
          if (!parsed.success) return { response: problem(400, "invalid", "The body does not match the schema.", parsed.error.flatten()) };
          return { data: parsed.data };
        }

        export function csv(rows: Record<string, unknown>[], columns: string[]) {
          const escape = (value: unknown) => {
            const text = value === null || value === undefined ? "" : String(value);
            return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
          };
          return [columns.join(","), ...rows.map((row) => columns.map((column) => escape(row[column])).join(","))].join("\n") + "\n";
        }

        """#))
        return files
    }

    // MARK: - Route handlers

    package static func apiPath(_ path: String) -> String {
        let segments = path.split(separator: "/").map { segment -> String in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? "[" + segment.dropFirst().dropLast() + "]" : String(segment)
        }
        return "src/app/api/" + segments.joined(separator: "/") + "/route.ts"
    }

    private func routeHandlers() -> [GeneratedFile] {
        var byPath: [(path: String, endpoints: [Endpoint])] = []
        for endpoint in context.architecture.endpoints {
            if let i = byPath.firstIndex(where: { $0.path == endpoint.path }) { byPath[i].endpoints.append(endpoint) } else { byPath.append((endpoint.path, [endpoint])) }
        }
        return byPath.map { group in
            var imports: [String] = ["import { NextRequest } from \"next/server\";"]
            var body: [String] = []
            var libs: Set<String> = []
            var models: [DataModel.Entity] = []
            for endpoint in group.endpoints {
                let (code, needs, entity) = handler(endpoint)
                body.append("// \(endpoint.method) \(endpoint.path): \(endpoint.description)\(endpoint.requirementIDs.isEmpty ? "" : " (\(endpoint.requirementIDs.joined(separator: ", ")))")\n" + code)
                libs.formUnion(needs)
                if let entity, !models.contains(where: { $0.table == entity.table }) { models.append(entity) }
            }
            if libs.contains("server") { imports.append("import { createClient } from \"@/lib/supabase/server\";") }
            if libs.contains("admin") { imports.append("import { createAdminClient } from \"@/lib/supabase/admin\";") }
            let http = ["json", "problem", "fromDatabase", "page", "body", "csv"].filter { libs.contains($0) }
            if !http.isEmpty { imports.append("import { \(http.joined(separator: ", ")) } from \"@/lib/http\";") }
            for entity in models {
                let names = ["\(entity.term.camel)Table", "\(entity.term.camel)Input", "\(entity.term.camel)Update"].filter { name in body.contains { $0.includes(name) } }
                if !names.isEmpty { imports.append("import { \(names.joined(separator: ", ")) } from \"@/lib/models/\(entity.term.kebab)\";") }
            }
            if libs.contains("stripe") { imports.append("import Stripe from \"stripe\";") }
            if libs.contains("resend") { imports.append("import { Resend } from \"resend\";") }
            if libs.contains("twilio") { imports.append("import twilio from \"twilio\";") }
            if libs.contains("slack") { imports.append("import { postToSlack } from \"@/lib/slack\";") }
            let ids = group.endpoints.flatMap(\.requirementIDs)
            return GeneratedFile(Self.apiPath(group.path), imports.joined(separator: "\n") + "\n\n" + body.joined(separator: "\n"), requirements: ids)
        }
    }

    private func filterColumns(_ entity: DataModel.Entity) -> [String] {
        var columns = entity.foreignKeys.map(\.name).filter { $0 != "created_by" }
        for name in entity.searchable where !columns.contains(name) { columns.append(name) }
        return columns
    }

    /// Handler code for one endpoint, the helpers it needs, and its entity.
    private func handler(_ endpoint: Endpoint) -> (String, Set<String>, DataModel.Entity?) {
        let entity = endpoint.table.flatMap { context.model.entity(table: $0) }
        let idParams = "{ params }: { params: Promise<{ id: string }> }"
        switch endpoint.kind {
        case .list:
            guard let entity else { break }
            let filters = filterColumns(entity).map(SourceText.quote).joined(separator: ", ")
            return (#"""
            export async function GET(request: NextRequest) {
              const supabase = await createClient();
              const { limit, offset } = page(request);
              let query = supabase.from(\#(entity.term.camel)Table).select("*").order("created_at", { ascending: false }).range(offset, offset + limit - 1);
              for (const column of [\#(filters)]) {
                const value = request.nextUrl.searchParams.get(column);
                if (value !== null) query = query.eq(column, value);
              }
              const { data, error } = await query;
              if (error) return fromDatabase(error);
              return json({ data, next_offset: data.length === limit ? offset + limit : null });
            }

            """#, ["server", "page", "json", "fromDatabase"], entity)
        case .create:
            guard let entity else { break }
            if slackTables.contains(entity.table) {
                return (#"""
                export async function POST(request: NextRequest) {
                  const supabase = await createClient();
                  const parsed = await body(request, \#(entity.term.camel)Input);
                  if ("response" in parsed) return parsed.response;
                  const { data, error } = await supabase.from(\#(entity.term.camel)Table).insert(parsed.data).select().single();
                  if (error) return fromDatabase(error);
                  // The team hears about every new \#(entity.term.phrase); a Slack outage does not fail the request.
                  await postToSlack(`New \#(entity.term.phrase): ${process.env.NEXT_PUBLIC_SITE_URL ?? ""}/\#(entity.resource)/${data.id}`).catch(() => undefined);
                  return json(data, 201);
                }

                """#, ["server", "body", "json", "fromDatabase", "slack"], entity)
            }
            return (#"""
            export async function POST(request: NextRequest) {
              const supabase = await createClient();
              const parsed = await body(request, \#(entity.term.camel)Input);
              if ("response" in parsed) return parsed.response;
              const { data, error } = await supabase.from(\#(entity.term.camel)Table).insert(parsed.data).select().single();
              if (error) return fromDatabase(error);
              return json(data, 201);
            }

            """#, ["server", "body", "json", "fromDatabase"], entity)
        case .read:
            guard let entity else { break }
            return (#"""
            export async function GET(_request: NextRequest, \#(idParams)) {
              const { id } = await params;
              const supabase = await createClient();
              const { data, error } = await supabase.from(\#(entity.term.camel)Table).select("*").eq("id", id).single();
              if (error) return fromDatabase(error);
              return json(data);
            }

            """#, ["server", "json", "fromDatabase"], entity)
        case .update:
            guard let entity else { break }
            return (#"""
            export async function PATCH(request: NextRequest, \#(idParams)) {
              const { id } = await params;
              const supabase = await createClient();
              const parsed = await body(request, \#(entity.term.camel)Update);
              if ("response" in parsed) return parsed.response;
              const { data, error } = await supabase.from(\#(entity.term.camel)Table).update(parsed.data).eq("id", id).select().single();
              if (error) return fromDatabase(error);
              return json(data);
            }

            """#, ["server", "body", "json", "fromDatabase"], entity)
        case .delete:
            guard let entity else { break }
            return (#"""
            export async function DELETE(_request: NextRequest, \#(idParams)) {
              const { id } = await params;
              const supabase = await createClient();
              const { data, error } = await supabase.from(\#(entity.term.camel)Table).delete().eq("id", id).select("id");
              if (error) return fromDatabase(error);
              if (data.length === 0) return problem(404, "not_found", "No such record, or not visible to you.");
              return new Response(null, { status: 204 });
            }

            """#, ["server", "problem", "fromDatabase"], entity)
        case .action:
            guard let entity else { break }
            return actionHandler(endpoint, entity)
        case .export:
            guard let entity else { break }
            let columns = entity.fields.map { SourceText.quote($0.name) }.joined(separator: ", ")
            return (#"""
            export async function GET() {
              const supabase = await createClient();
              const { data, error } = await supabase.from(\#(entity.term.camel)Table).select("*").order("created_at");
              if (error) return fromDatabase(error);
              return new Response(csv(data, [\#(columns)]), {
                headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="\#(entity.table).csv"' },
              });
            }

            """#, ["server", "csv", "fromDatabase"], entity)
        case .report:
            let tables = reportTables(endpoint).map(SourceText.quote).joined(separator: ", ")
            return (#"""
            export async function GET() {
              const supabase = await createClient();
              const rows: { table: string; count: number; last_30_days: number }[] = [];
              const since = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
              for (const table of [\#(tables)]) {
                const all = await supabase.from(table).select("*", { count: "exact", head: true });
                if (all.error) return fromDatabase(all.error);
                const recent = await supabase.from(table).select("*", { count: "exact", head: true }).gte("created_at", since);
                if (recent.error) return fromDatabase(recent.error);
                rows.push({ table, count: all.count ?? 0, last_30_days: recent.count ?? 0 });
              }
              return json({ name: \#(SourceText.quote(endpoint.name)), generated_at: new Date().toISOString(), rows });
            }

            """#, ["server", "json", "fromDatabase"], nil)
        case .me:
            return meHandler(endpoint)
        case .job:
            return jobHandler(endpoint)
        }
        return ("export async function \(endpoint.method)() {\n  return new Response(null, { status: 405 });\n}\n", [], nil)
    }

    private func reportTables(_ endpoint: Endpoint) -> [String] {
        let ids = Set(endpoint.requirementIDs)
        let texts = context.requirements.filter { ids.contains($0.id) }.map(\.description).joined(separator: " ")
        let named = EntityMatcher(context.appEntities.map(\.term)).entities(in: texts).compactMap { context.model.entity($0)?.table }
        let tables = named.isEmpty ? context.appEntities.filter { $0.table != "audit_logs" }.map(\.table) : named
        return context.appEntities.map(\.table).filter { tables.contains($0) }
    }

    private func actionHandler(_ endpoint: Endpoint, _ entity: DataModel.Entity) -> (String, Set<String>, DataModel.Entity?) {
        var needs: Set<String> = ["server", "body", "json", "fromDatabase"]
        let status = entity.field("status")
        let target = Self.pastTense.first { $0.0 == endpoint.name }?.1
        var changes = "{ ...parsed.data, updated_at: new Date().toISOString() }"
        if let target, let status, status.allowed.contains(target) {
            changes = "{ ...parsed.data, status: \(SourceText.quote(target)) }"
        }
        var steps = ""
        let recipientParent = entity.foreignKeys.compactMap { key -> (DataModel.Field, DataModel.Entity)? in
            guard let parent = key.referencedTable.flatMap({ context.model.entity(table: $0) }), parent.field("email") != nil, !parent.isProfile else { return nil }
            return (key, parent)
        }.first
        if endpoint.name == "pay", context.has("payments") {
            needs.insert("stripe")
            let amountField = ["total", "amount", "price", "fare", "value"].first { entity.field($0) != nil }
            let amount = amountField.map { "Number(current.\($0) ?? 0)" } ?? "0"
            let currency = entity.field("currency") != nil ? "String(current.currency ?? \"usd\").toLowerCase()" : "\"usd\""
            steps = #"""
              // Card details go straight to Stripe Checkout (PCI SAQ A); the webhook marks the record paid.
              const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
              const origin = process.env.NEXT_PUBLIC_SITE_URL ?? "http://localhost:3000";
              const session = await stripe.checkout.sessions.create({
                mode: "payment",
                line_items: [{ quantity: 1, price_data: { currency: \#(currency), unit_amount: Math.round(\#(amount) * 100), product_data: { name: `\#(entity.term.title) ${id}` } } }],
                success_url: `${origin}/\#(entity.resource)/${id}?paid=1`,
                cancel_url: `${origin}/\#(entity.resource)/${id}`,
                metadata: { table: \#(entity.term.camel)Table, id },
              });
              return json({ checkout_url: session.url });

            """#
            return (#"""
            export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
              const { id } = await params;
              const supabase = await createClient();
              const parsed = await body(request, \#(entity.term.camel)Input.partial(), true);
              if ("response" in parsed) return parsed.response;
              const { data: current, error: readError } = await supabase.from(\#(entity.term.camel)Table).select("*").eq("id", id).single();
              if (readError) return fromDatabase(readError);
            \#(steps)}

            """#, needs, entity)
        }
        if endpoint.name == "send", context.has("email"), let (key, parent) = recipientParent {
            needs.insert("resend")
            steps = #"""
              const { data: recipient, error: recipientError } = await supabase.from(\#(SourceText.quote(parent.table))).select("email").eq("id", current.\#(key.name)).single();
              if (recipientError) return fromDatabase(recipientError);
              const resend = new Resend(process.env.RESEND_API_KEY);
              await resend.emails.send({
                from: process.env.EMAIL_FROM!,
                to: recipient.email,
                subject: `\#(Markdown.inline(context.productName)): your \#(entity.term.phrase)`,
                text: `Your \#(entity.term.phrase) is ready: ${process.env.NEXT_PUBLIC_SITE_URL ?? ""}/\#(entity.resource)/${id}`,
              });

            """#
        }
        return (#"""
        export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
          const { id } = await params;
          const supabase = await createClient();
          const parsed = await body(request, \#(entity.term.camel)Input.partial(), true);
          if ("response" in parsed) return parsed.response;
          const { data: current, error: readError } = await supabase.from(\#(entity.term.camel)Table).select("*").eq("id", id).single();
          if (readError) return fromDatabase(readError);
        \#(steps)  const { data, error } = await supabase.from(\#(entity.term.camel)Table).update(\#(changes)).eq("id", current.id).select().single();
          if (error) return fromDatabase(error);
          return json(data);
        }

        """#, needs, entity)
    }

    private func meHandler(_ endpoint: Endpoint) -> (String, Set<String>, DataModel.Entity?) {
        let profile = context.model.profile
        if endpoint.path.hasSuffix("/export") {
            let tables = context.model.entities.filter { $0.field("created_by") != nil }.map { SourceText.quote($0.table) }.joined(separator: ", ")
            return (#"""
            export async function GET() {
              const supabase = await createClient();
              const { data: auth } = await supabase.auth.getUser();
              if (!auth.user) return problem(401, "unauthorized", "Sign in first.");
              const { data: profile } = await supabase.from("profiles").select("*").eq("id", auth.user.id).maybeSingle();
              const records: Record<string, unknown[]> = {};
              for (const table of [\#(tables)]) {
                const { data, error } = await supabase.from(table).select("*").eq("created_by", auth.user.id);
                if (error) return fromDatabase(error);
                records[table] = data;
              }
              return json({ exported_at: new Date().toISOString(), profile, records });
            }

            """#, ["server", "json", "problem", "fromDatabase"], nil)
        }
        switch endpoint.method {
        case "DELETE":
            return (#"""
            export async function DELETE() {
              const supabase = await createClient();
              const { data: auth } = await supabase.auth.getUser();
              if (!auth.user) return problem(401, "unauthorized", "Sign in first.");
              const { error } = await supabase.from("profiles").delete().eq("id", auth.user.id);
              if (error) return fromDatabase(error);
              const admin = createAdminClient();
              const { error: authError } = await admin.auth.admin.deleteUser(auth.user.id);
              if (authError) return problem(500, "auth_error", authError.message);
              return new Response(null, { status: 204 });
            }

            """#, ["server", "admin", "problem", "fromDatabase"], profile)
        case "PATCH":
            return (#"""
            export async function PATCH(request: NextRequest) {
              const supabase = await createClient();
              const { data: auth } = await supabase.auth.getUser();
              if (!auth.user) return problem(401, "unauthorized", "Sign in first.");
              const parsed = await body(request, profileUpdate);
              if ("response" in parsed) return parsed.response;
              const { id: _ignored, ...changes } = parsed.data as Record<string, unknown>;
              const { data, error } = await supabase.from("profiles").update(changes).eq("id", auth.user.id).select().single();
              if (error) return fromDatabase(error);
              return json(data);
            }

            """#, ["server", "body", "json", "problem", "fromDatabase"], profile)
        default:
            return (#"""
            export async function GET() {
              const supabase = await createClient();
              const { data: auth } = await supabase.auth.getUser();
              if (!auth.user) return problem(401, "unauthorized", "Sign in first.");
              // The first visit creates the profile row that policies and foreign keys rely on.
              const { data, error } = await supabase
                .from("profiles")
                .upsert({ id: auth.user.id, email: auth.user.email ?? "" }, { onConflict: "id", ignoreDuplicates: true })
                .select()
                .maybeSingle();
              if (error) return fromDatabase(error);
              if (data) return json(data);
              const existing = await supabase.from("profiles").select("*").eq("id", auth.user.id).single();
              if (existing.error) return fromDatabase(existing.error);
              return json(existing.data);
            }

            """#, ["server", "json", "problem", "fromDatabase"], profile)
        }
    }

    private func jobHandler(_ endpoint: Endpoint) -> (String, Set<String>, DataModel.Entity?) {
        var needs: Set<String> = ["admin", "json", "problem"]
        let ids = Set(endpoint.requirementIDs)
        let texts = context.requirements.filter { ids.contains($0.id) }.map(\.description).joined(separator: " ")
        let named = EntityMatcher(context.appEntities.map(\.term)).entities(in: texts).compactMap { context.model.entity($0) }
        let candidates = named + context.appEntities
        let timed = candidates.first { entity in ["starts_at", "due_date", "due_at", "scheduled_at"].contains { entity.field($0) != nil } }
        guard let entity = timed, let column = ["starts_at", "due_at", "scheduled_at", "due_date"].first(where: { entity.field($0) != nil }) else {
            return (#"""
            export async function POST(request: NextRequest) {
              if (request.headers.get("authorization") !== `Bearer ${process.env.CRON_SECRET}`) return problem(401, "unauthorized", "Scheduler token required.");
              return json({ processed: 0 }, 202);
            }

            """#, needs, nil)
        }
        let recipient = entity.foreignKeys.compactMap { key -> (String, String)? in
            guard let parent = key.referencedTable.flatMap({ context.model.entity(table: $0) }), parent.field("email") != nil || parent.field("profile_id") != nil, !parent.isProfile else { return nil }
            return (key.name, parent.table)
        }.first
        var send = "    processed += 1;\n"
        if let (key, table) = recipient {
            send = "    const { data: person } = await admin.from(\(SourceText.quote(table))).select(\"*\").eq(\"id\", row.\(key)).maybeSingle();\n"
            send += "    const email = person?.email as string | undefined;\n    const phone = person?.phone as string | undefined;\n"
            send += "    const text = `Reminder: \(entity.term.phrase) on ${row.\(column)}`;\n"
            if context.has("email") {
                needs.insert("resend")
                send += "    if (email) await new Resend(process.env.RESEND_API_KEY).emails.send({ from: process.env.EMAIL_FROM!, to: email, subject: \(SourceText.quote(Markdown.inline(context.productName) + " reminder")), text });\n"
            }
            if context.has("sms") {
                needs.insert("twilio")
                send += "    if (phone) await twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN).messages.create({ from: process.env.TWILIO_FROM!, to: phone, body: text });\n"
            }
            send += "    processed += 1;\n"
        }
        let isDate = entity.field(column)?.type == "date"
        let overdue = texts.lowercased().includes("overdue")
        let now = isDate ? "new Date().toISOString().slice(0, 10)" : "new Date().toISOString()"
        let window = isDate ? "new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10)" : "new Date(Date.now() + 24 * 3600 * 1000).toISOString()"
        let settled = entity.field("status")?.allowed.filter { ["paid", "cancelled", "completed", "void", "closed", "done"].contains($0) } ?? []
        var query = overdue
            ? "admin.from(\(SourceText.quote(entity.table))).select(\"*\").lt(\(SourceText.quote(column)), \(now))"
            : "admin.from(\(SourceText.quote(entity.table))).select(\"*\").gte(\(SourceText.quote(column)), \(now)).lte(\(SourceText.quote(column)), \(window))"
        if !settled.isEmpty { query += ".not(\"status\", \"in\", \(SourceText.quote("(" + settled.joined(separator: ",") + ")")))" }
        query += ".limit(500)"
        let scope = overdue ? "Everything past its \(column.replacingUnderscores().replacingHyphensWithSpaces()) and not settled yet." : "Everything due within the next 24 hours."
        return (#"""
        export async function POST(request: NextRequest) {
          if (request.headers.get("authorization") !== `Bearer ${process.env.CRON_SECRET}`) return problem(401, "unauthorized", "Scheduler token required.");
          const admin = createAdminClient();
          // \#(scope)
          const { data: due, error } = await \#(query);
          if (error) return problem(500, "database_error", error.message);
          let processed = 0;
          for (const row of due ?? []) {
        \#(send)  }
          return json({ processed }, 202);
        }

        """#, needs, entity)
    }

    // MARK: - Integrations

    /// The requirements an integration's file serves: those holding a word that made the analysis
    /// find the integration (so "top up a balance by card" is served by the Stripe webhook even
    /// though it names no payment), or one of the file's own `words`.
    private func requirementIDs(serving integration: String, mentioning words: [String]) -> [String] {
        let triggers = DomainLexicon.integrations.first { $0.kind == integration }?.triggers ?? []
        return requirementIDs(mentioning: triggers + words)
    }

    private func requirementIDs(mentioning words: [String]) -> [String] {
        context.requirements.filter { requirement in
            let lower = requirement.description.lowercased()
            return words.contains { lower.includes($0) }
        }.map(\.id)
    }

    /// Tables whose new rows are announced in Slack, from requirements that say so.
    private var slackTables: [String] {
        guard context.has("chat_tools") else { return [] }
        let texts = context.requirements.filter { $0.description.lowercased().includes("slack") }.map(\.description).joined(separator: " ")
        return EntityMatcher(context.appEntities.map(\.term)).entities(in: texts).compactMap { context.model.entity($0)?.table }
    }

    private func integrationFiles() -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        if context.has("email") {
            files.append(GeneratedFile("src/lib/email.ts", #"""
            import { Resend } from "resend";

            /** Sends one transactional email through Resend; throws when the provider refuses it. */
            export async function sendEmail(to: string, subject: string, text: string) {
              const resend = new Resend(process.env.RESEND_API_KEY);
              const { error } = await resend.emails.send({ from: process.env.EMAIL_FROM!, to, subject, text });
              if (error) throw new Error(error.message);
            }

            """#, requirements: requirementIDs(serving: "email", mentioning: ["remind"])))
        }
        if context.has("sms") {
            files.append(GeneratedFile("src/lib/sms.ts", #"""
            import twilio from "twilio";

            /** Sends one SMS through Twilio. */
            export async function sendSMS(to: string, body: string) {
              const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
              await client.messages.create({ from: process.env.TWILIO_FROM!, to, body });
            }

            """#, requirements: requirementIDs(serving: "sms", mentioning: ["remind"])))
        }
        if context.has("chat_tools") {
            files.append(GeneratedFile("src/lib/slack.ts", #"""
            /** Posts a message to the team's Slack channel through an incoming webhook; does nothing when none is configured. */
            export async function postToSlack(text: string) {
              const url = process.env.SLACK_WEBHOOK_URL;
              if (!url) return;
              const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });
              if (!response.ok) throw new Error(`Slack answered ${response.status}`);
            }

            """#, requirements: requirementIDs(serving: "chat_tools", mentioning: ["teams"])))
        }
        if context.has("analytics") {
            files.append(GeneratedFile("src/lib/analytics.ts", #"""
            /** Records a product event in PostHog (server side, no cookies). */
            export async function capture(distinctId: string, event: string, properties: Record<string, unknown> = {}) {
              if (!process.env.POSTHOG_API_KEY) return;
              await fetch(`${process.env.POSTHOG_HOST}/capture/`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ api_key: process.env.POSTHOG_API_KEY, event, distinct_id: distinctId, properties }),
              });
            }

            """#, requirements: requirementIDs(serving: "analytics", mentioning: ["track"])))
        }
        if context.has("calendar"), let timed = context.appEntities.first(where: { entity in
            (entity.field("starts_at") != nil && entity.field("ends_at") != nil) || (entity.field("starts_on") != nil && entity.field("ends_on") != nil)
        }) {
            let (start, end) = timed.field("starts_at") != nil ? ("starts_at", "ends_at") : ("starts_on", "ends_on")
            let allDay = start == "starts_on"
            let stamp = allDay ? #"value.replaceAll("-", "")"# : #"new Date(value).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")"#
            files.append(GeneratedFile("src/app/api/calendar/route.ts", #"""
            import { createClient } from "@/lib/supabase/server";
            import { fromDatabase } from "@/lib/http";

            const stamp = (value: string) => \#(stamp);

            /** The caller's \#(timed.term.pluralPhrase) as an iCalendar feed, for Google Calendar or Outlook to subscribe to. */
            export async function GET() {
              const supabase = await createClient();
              const { data, error } = await supabase.from(\#(SourceText.quote(timed.table))).select("*").order(\#(SourceText.quote(start))).limit(1000);
              if (error) return fromDatabase(error);
              const events = data.map((row) => [
                "BEGIN:VEVENT",
                `UID:${row.id}@\#(context.slug)`,
                `DTSTAMP:${stamp(row.updated_at)}`,
                `DTSTART\#(allDay ? ";VALUE=DATE" : ""):${stamp(row.\#(start))}`,
                `DTEND\#(allDay ? ";VALUE=DATE" : ""):${stamp(row.\#(end))}`,
                `SUMMARY:\#(timed.term.title)`,
                "END:VEVENT",
              ].join("\r\n"));
              const body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//\#(Markdown.inline(context.productName))//EN", ...events, "END:VCALENDAR"].join("\r\n") + "\r\n";
              return new Response(body, { headers: { "content-type": "text/calendar; charset=utf-8" } });
            }

            """#, requirements: requirementIDs(serving: "calendar", mentioning: ["sync"]) + context.endpointIDs(table: timed.table, kinds: [.list])))
        }
        if context.has("payments") {
            let payable = context.appEntities.filter { $0.field("status")?.allowed.contains("paid") == true }.map(\.table)
            files.append(GeneratedFile("src/app/api/webhooks/stripe/route.ts", #"""
            import Stripe from "stripe";
            import { createAdminClient } from "@/lib/supabase/admin";

            const payable: string[] = [\#(payable.map(SourceText.quote).joined(separator: ", "))];

            /** Stripe calls this when a checkout completes: the record it paid for is marked paid. */
            export async function POST(request: Request) {
              const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
              const signature = request.headers.get("stripe-signature") ?? "";
              let event: Stripe.Event;
              try {
                event = stripe.webhooks.constructEvent(await request.text(), signature, process.env.STRIPE_WEBHOOK_SECRET!);
              } catch {
                return new Response("invalid signature", { status: 400 });
              }
              if (event.type === "checkout.session.completed") {
                const { table, id } = event.data.object.metadata ?? {};
                if (table && id && payable.includes(table)) {
                  const { error } = await createAdminClient().from(table).update({ status: "paid" }).eq("id", id);
                  if (error) return new Response(error.message, { status: 500 });
                }
              }
              return new Response(null, { status: 204 });
            }

            """#, requirements: requirementIDs(serving: "payments", mentioning: ["pay"])))
        }
        return files
    }

    // MARK: - Components

    private func sharedComponents() -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        files.append(context.appShellFile(
            imports: "import Link from \"next/link\";\nimport type { ReactNode } from \"react\";\n", linkAttribute: "href"))
        files.append(GeneratedFile("src/components/ActionButton.tsx", #"""
        "use client";

        import { useRouter } from "next/navigation";
        import { useState } from "react";

        /** Calls an API action (POST or DELETE) and refreshes or navigates afterwards. */
        export function ActionButton({ url, method = "POST", label, confirm, redirectTo }: { url: string; method?: "POST" | "DELETE"; label: string; confirm?: string; redirectTo?: string }) {
          const router = useRouter();
          const [pending, setPending] = useState(false);
          const [error, setError] = useState<string | null>(null);
          async function run() {
            if (confirm && !window.confirm(confirm)) return;
            setPending(true);
            setError(null);
            const response = await fetch(url, { method });
            setPending(false);
            if (!response.ok) {
              const body = await response.json().catch(() => null);
              setError(body?.error?.message ?? `Failed (${response.status})`);
              return;
            }
            const body = response.status === 204 ? null : await response.json().catch(() => null);
            if (body?.checkout_url) window.location.assign(body.checkout_url);
            else if (redirectTo) router.push(redirectTo);
            else router.refresh();
          }
          return (
            <span>
              <button type="button" className="button secondary" onClick={run} disabled={pending} aria-busy={pending}>{label}</button>
              {error ? <span role="alert" className="error"> {error}</span> : null}
            </span>
          );
        }

        """#))
        return files
    }

    private func formComponent(_ entity: DataModel.Entity) -> GeneratedFile {
        var fields = ""
        for field in ScaffoldContext.formFields(entity) {
            let id = "\(entity.term.kebab)-\(field.name.replacingUnderscores())"
            let required = field.required ? " required" : ""
            let label = "          <label htmlFor=\"\(id)\">\(field.label.replacingJSX())\(field.required ? "" : " <span className=\"muted\">(optional)</span>")</label>\n"
            var control: String
            switch field.input {
            case "select":
                control = "          <select id=\"\(id)\" name=\"\(field.name)\" defaultValue={String(initial?.\(field.name) ?? \(SourceText.quote(field.options.first ?? "")))}\(required)>\n"
                for option in field.options { control += "            <option value=\(SourceText.quote(option))>\(Term.capitalized(option.split(separator: "_").joined(separator: " ")).replacingJSX())</option>\n" }
                control += "          </select>\n"
            case "checkbox":
                control = "          <input id=\"\(id)\" name=\"\(field.name)\" type=\"checkbox\" defaultChecked={Boolean(initial?.\(field.name))} />\n"
            case "textarea":
                control = "          <textarea id=\"\(id)\" name=\"\(field.name)\" rows={4} defaultValue={String(initial?.\(field.name) ?? \"\")}\(required) />\n"
            default:
                let step = field.input == "number" ? " step=\"any\"" : ""
                control = "          <input id=\"\(id)\" name=\"\(field.name)\" type=\"\(field.input)\"\(step) defaultValue={String(initial?.\(field.name) ?? \"\")}\(required) />\n"
            }
            fields += "        <div className=\"field\">\n" + label + control + "        </div>\n"
        }
        let numeric = ScaffoldContext.formFields(entity).filter { $0.input == "number" }.map { SourceText.quote($0.name) }.joined(separator: ", ")
        let booleans = ScaffoldContext.formFields(entity).filter { $0.input == "checkbox" }.map { SourceText.quote($0.name) }.joined(separator: ", ")
        let datetimes = ScaffoldContext.formFields(entity).filter { $0.input == "datetime-local" }.map { SourceText.quote($0.name) }.joined(separator: ", ")
        let content = #"""
        "use client";

        import { useRouter } from "next/navigation";
        import { useState, type FormEvent } from "react";
        import type { \#(entity.typeName) } from "@/lib/models/\#(entity.term.kebab)";

        const numberFields: string[] = [\#(numeric)];
        const booleanFields: string[] = [\#(booleans)];
        const dateTimeFields: string[] = [\#(datetimes)];

        /** Create and edit form for one \#(entity.term.phrase); posts to /api/\#(entity.resource). */
        export function \#(entity.typeName)Form({ id, initial }: { id?: string; initial?: Partial<\#(entity.typeName)> }) {
          const router = useRouter();
          const [error, setError] = useState<string | null>(null);
          const [pending, setPending] = useState(false);

          async function submit(event: FormEvent<HTMLFormElement>) {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const payload: Record<string, unknown> = {};
            for (const [key, value] of form.entries()) {
              if (value === "") continue;
              if (numberFields.includes(key)) payload[key] = Number(value);
              else if (dateTimeFields.includes(key)) payload[key] = new Date(String(value)).toISOString();
              else payload[key] = value;
            }
            for (const key of booleanFields) payload[key] = form.has(key);
            setPending(true);
            setError(null);
            const response = await fetch(id ? `/api/\#(entity.resource)/${id}` : "/api/\#(entity.resource)", {
              method: id ? "PATCH" : "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(payload),
            });
            setPending(false);
            const body = await response.json().catch(() => null);
            if (!response.ok) {
              setError(body?.error?.message ?? `Could not save (${response.status}).`);
              return;
            }
            router.push(`/\#(entity.resource)/${body.id}`);
            router.refresh();
          }

          return (
            <form onSubmit={submit} noValidate={false} aria-describedby={error ? "\#(entity.term.kebab)-form-error" : undefined}>
              {error ? <p id="\#(entity.term.kebab)-form-error" role="alert" className="error">{error}</p> : null}
        \#(fields)      <button type="submit" className="button" disabled={pending} aria-busy={pending}>{id ? "Save changes" : "Create \#(entity.term.phrase.replacingJSX())"}</button>
            </form>
          );
        }

        """#
        return GeneratedFile("src/components/\(entity.typeName)Form.tsx", content, requirements: context.endpointIDs(table: entity.table, kinds: [.create, .update]))
    }

    // MARK: - Pages

    package static func pagePath(_ route: String) -> String {
        let segments = route.split(separator: "/").map { segment -> String in
            if segment.hasPrefix(":") { return "[" + segment.dropFirst() + "]" }
            return String(segment)
        }
        return (["src/app"] + segments + ["page.tsx"]).joined(separator: "/")
    }

    private func displayColumns(_ entity: DataModel.Entity) -> [DataModel.Field] {
        let skip: Set<String> = ["id", "created_by", "created_at", "updated_at", "profile_id", "actor_id"]
        return Array(entity.fields.filter { !skip.contains($0.name) && $0.references == nil }.prefix(4))
    }

    private func pages() -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var seen: Set<String> = []
        files.append(GeneratedFile("src/app/layout.tsx", #"""
        import type { Metadata } from "next";
        import type { ReactNode } from "react";
        import "./globals.css";

        export const metadata: Metadata = { title: \#(SourceText.quote(context.productName)) };

        export default function RootLayout({ children }: { children: ReactNode }) {
          return (
            <html lang="en">
              <body>{children}</body>
            </html>
          );
        }

        """#))
        files.append(GeneratedFile("src/app/globals.css", context.tokenStylesheet()))
        for page in context.ux.pages {
            let path = Self.pagePath(page.route)
            guard seen.insert(path).inserted else { continue }
            files.append(GeneratedFile(path, pageSource(page), requirements: page.requirementIDs))
        }
        return files
    }

    private func pageSource(_ page: Page) -> String {
        let header = "// \(page.name) (\(page.route))\(page.requirementIDs.isEmpty ? "" : ": " + page.requirementIDs.joined(separator: ", "))\n"
        let entity = page.table.flatMap { context.model.entity(table: $0) }
        let title = SourceText.quote(page.name)
        switch (page.kind, entity) {
        case (.list, let entity?):
            let columns = displayColumns(entity)
            let headers = columns.map { "<th scope=\"col\">\(Term.capitalized($0.name.split(separator: "_").joined(separator: " ")))</th>" }.joined()
            let cells = columns.enumerated().map { index, field in
                index == 0 ? "<td><Link href={`/\(entity.resource)/${row.id}`}>{String(row.\(field.name) ?? \"—\")}</Link></td>" : "<td>{String(row.\(field.name) ?? \"—\")}</td>"
            }.joined()
            let newButton = entity.table == "audit_logs" ? "" : " action={<Link className=\"button\" href=\"/\(entity.resource)/new\">New \(entity.term.phrase.replacingJSX())</Link>}"
            return header + #"""
            import Link from "next/link";
            import { AppShell } from "@/components/AppShell";
            import { createClient } from "@/lib/supabase/server";
            import { \#(entity.term.camel)Table, type \#(entity.typeName) } from "@/lib/models/\#(entity.term.kebab)";

            export default async function \#(entity.term.pluralPascal)Page() {
              const supabase = await createClient();
              const { data, error } = await supabase.from(\#(entity.term.camel)Table).select("*").order("created_at", { ascending: false }).limit(50);
              const rows = (data ?? []) as \#(entity.typeName)[];
              return (
                <AppShell title=\#(title)\#(newButton)>
                  {error ? <p role="alert" className="error">{error.message}</p> : null}
                  {rows.length === 0 ? (
                    <p className="muted">No \#(entity.term.pluralPhrase.replacingJSX()) yet.</p>
                  ) : (
                    <table>
                      <thead>
                        <tr>\#(headers)</tr>
                      </thead>
                      <tbody>
                        {rows.map((row) => (
                          <tr key={row.id}>\#(cells)</tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </AppShell>
              );
            }

            """#
        case (.detail, let entity?):
            let items = entity.fields.filter { $0.name != "id" }.map { field in
                "          <dt>\(Term.capitalized(field.name.split(separator: "_").joined(separator: " ")))</dt>\n          <dd>{String(row.\(field.name) ?? \"—\")}</dd>\n"
            }.joined()
            let actions = context.endpoints(table: entity.table).filter { $0.kind == .action }.map { endpoint in
                "        <ActionButton url={`/api/\(entity.resource)/${row.id}/\(endpoint.name)`} label=\(SourceText.quote(Term.capitalized(endpoint.name.replacingHyphensWithSpaces()))) />\n"
            }.joined()
            let children = context.appEntities.filter { child in child.table != entity.table && child.foreignKeys.contains { $0.referencedTable == entity.table && $0.name != "created_by" } }
            var childQueries = ""
            var childSections = ""
            for child in children {
                guard let key = child.foreignKeys.first(where: { $0.referencedTable == entity.table }) else { continue }
                let variable = child.term.pluralCamel
                childQueries += "  const { data: \(variable) } = await supabase.from(\(SourceText.quote(child.table))).select(\"*\").eq(\(SourceText.quote(key.name)), id).limit(20);\n"
                childSections += """
                      <section aria-labelledby="\(child.term.kebab)-heading">
                        <h2 id="\(child.term.kebab)-heading">\(child.term.pluralTitle.replacingJSX())</h2>
                        <ul>
                          {(\(variable) ?? []).map((item) => (
                            <li key={item.id}><Link href={`/\(child.resource)/${item.id}`}>{String(item.\(displayColumns(child).first?.name ?? "id") ?? item.id)}</Link></li>
                          ))}
                        </ul>
                      </section>

                """
            }
            let editable = entity.table != "audit_logs"
            let edit = editable ? "        <Link className=\"button\" href={`/\(entity.resource)/${row.id}/edit`}>Edit</Link>\n        <ActionButton url={`/api/\(entity.resource)/${row.id}`} method=\"DELETE\" label=\"Delete\" confirm=\"Delete this \(entity.term.phrase)?\" redirectTo=\"/\(entity.resource)\" />\n" : ""
            return header + #"""
            import Link from "next/link";
            import { notFound } from "next/navigation";
            import { ActionButton } from "@/components/ActionButton";
            import { AppShell } from "@/components/AppShell";
            import { createClient } from "@/lib/supabase/server";
            import { \#(entity.term.camel)Table, type \#(entity.typeName) } from "@/lib/models/\#(entity.term.kebab)";

            export default async function \#(entity.typeName)DetailPage({ params }: { params: Promise<{ id: string }> }) {
              const { id } = await params;
              const supabase = await createClient();
              const { data } = await supabase.from(\#(entity.term.camel)Table).select("*").eq("id", id).maybeSingle();
              if (!data) notFound();
              const row = data as \#(entity.typeName);
            \#(childQueries)  return (
                <AppShell title=\#(title)>
                  <div role="toolbar" aria-label="Actions" style={{ display: "flex", gap: "0.5rem" }}>
            \#(edit)\#(actions)      </div>
                  <dl>
            \#(items)      </dl>
            \#(childSections)    </AppShell>
              );
            }

            """#
        case (.create, let entity?):
            return header + #"""
            import { AppShell } from "@/components/AppShell";
            import { \#(entity.typeName)Form } from "@/components/\#(entity.typeName)Form";

            export default function New\#(entity.typeName)Page() {
              return (
                <AppShell title=\#(title)>
                  <\#(entity.typeName)Form />
                </AppShell>
              );
            }

            """#
        case (.edit, let entity?):
            return header + #"""
            import { notFound } from "next/navigation";
            import { AppShell } from "@/components/AppShell";
            import { \#(entity.typeName)Form } from "@/components/\#(entity.typeName)Form";
            import { createClient } from "@/lib/supabase/server";
            import { \#(entity.term.camel)Table, type \#(entity.typeName) } from "@/lib/models/\#(entity.term.kebab)";

            export default async function Edit\#(entity.typeName)Page({ params }: { params: Promise<{ id: string }> }) {
              const { id } = await params;
              const supabase = await createClient();
              const { data } = await supabase.from(\#(entity.term.camel)Table).select("*").eq("id", id).maybeSingle();
              if (!data) notFound();
              return (
                <AppShell title=\#(title)>
                  <\#(entity.typeName)Form id={id} initial={data as \#(entity.typeName)} />
                </AppShell>
              );
            }

            """#
        case (.auth, _):
            return header + authPage(signUp: page.route.contains("up"))
        case (.dashboard, _):
            let tables = context.appEntities.filter { $0.table != "audit_logs" }
            let list = tables.map { "  { table: \(SourceText.quote($0.table)), label: \(SourceText.quote($0.term.pluralTitle)), href: \"/\($0.resource)\" }," }.joined(separator: "\n")
            return header + #"""
            import Link from "next/link";
            import { AppShell } from "@/components/AppShell";
            import { createClient } from "@/lib/supabase/server";

            const sections = [
            \#(list)
            ];

            export default async function DashboardPage() {
              const supabase = await createClient();
              const counts = await Promise.all(
                sections.map(async (section) => {
                  const { count } = await supabase.from(section.table).select("*", { count: "exact", head: true });
                  return { ...section, count: count ?? 0 };
                }),
              );
              return (
                <AppShell title=\#(title)>
                  <ul style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(12rem, 1fr))", gap: "1rem", listStyle: "none", padding: 0 }}>
                    {counts.map((section) => (
                      <li key={section.table} style={{ background: "var(--color-surface)", padding: "1rem", borderRadius: "var(--radius-lg)" }}>
                        <p className="muted">{section.label}</p>
                        <p style={{ fontSize: "2rem", margin: 0 }}>{section.count}</p>
                        <Link href={section.href}>Open {section.label.toLowerCase()}</Link>
                      </li>
                    ))}
                  </ul>
                </AppShell>
              );
            }

            """#
        case (.reports, _):
            let slugs = context.architecture.endpoints.filter { $0.kind == .report }.map { SourceText.quote($0.name) }.joined(separator: ", ")
            return header + #"""
            "use client";

            import { useEffect, useState } from "react";
            import { AppShell } from "@/components/AppShell";

            type Report = { name: string; generated_at: string; rows: Record<string, unknown>[] };
            const reports = [\#(slugs)];

            export default function ReportsPage() {
              const [loaded, setLoaded] = useState<Report[]>([]);
              const [error, setError] = useState<string | null>(null);
              useEffect(() => {
                Promise.all(reports.map((slug) => fetch(`/api/reports/${slug}`).then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))))
                  .then(setLoaded)
                  .catch((reason: Error) => setError(reason.message));
              }, []);
              return (
                <AppShell title=\#(title)>
                  {error ? <p role="alert" className="error">{error}</p> : null}
                  {loaded.map((report) => (
                    <section key={report.name} aria-label={report.name}>
                      <h2>{report.name.replaceAll("-", " ")}</h2>
                      <table>
                        <thead><tr><th scope="col">Table</th><th scope="col">Total</th><th scope="col">Last 30 days</th></tr></thead>
                        <tbody>
                          {report.rows.map((row) => (
                            <tr key={String(row.table)}><td>{String(row.table)}</td><td>{String(row.count)}</td><td>{String(row.last_30_days)}</td></tr>
                          ))}
                        </tbody>
                      </table>
                    </section>
                  ))}
                </AppShell>
              );
            }

            """#
        case (.settings, _):
            let gdpr = page.components.contains("DataExportButton")
            let privacy = gdpr ? #"""
                  <section aria-labelledby="privacy-heading">
                    <h2 id="privacy-heading">Your data</h2>
                    <p><a className="button secondary" href="/api/me/export">Download my data</a></p>
                    <ActionButton url="/api/me" method="DELETE" label="Delete my account" confirm="Delete your account and all personal data? This cannot be undone." redirectTo="/sign-in" />
                  </section>

            """# : ""
            return header + #"""
            "use client";

            import { useEffect, useState, type FormEvent } from "react";
            import { ActionButton } from "@/components/ActionButton";
            import { AppShell } from "@/components/AppShell";

            type Profile = { email: string; full_name: string | null; role: string };

            export default function SettingsPage() {
              const [profile, setProfile] = useState<Profile | null>(null);
              const [message, setMessage] = useState<string | null>(null);
              useEffect(() => {
                fetch("/api/me").then(async (response) => setProfile(response.ok ? await response.json() : null));
              }, []);
              async function save(event: FormEvent<HTMLFormElement>) {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                const response = await fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ full_name: form.get("full_name") }) });
                setMessage(response.ok ? "Saved." : "Could not save.");
              }
              return (
                <AppShell title=\#(title)>
                  <form onSubmit={save} aria-describedby="settings-status">
                    <div className="field">
                      <label htmlFor="full-name">Full name</label>
                      <input id="full-name" name="full_name" defaultValue={profile?.full_name ?? ""} key={profile?.email ?? "loading"} />
                    </div>
                    <p className="muted">Signed in as {profile?.email ?? "…"} ({profile?.role ?? "…"})</p>
                    <button type="submit" className="button">Save</button>
                    <p id="settings-status" role="status">{message}</p>
                  </form>
            \#(privacy)    </AppShell>
              );
            }

            """#
        default:
            return header + #"""
            import { AppShell } from "@/components/AppShell";

            export default function Page() {
              return (
                <AppShell title=\#(title)>
                  <p className="muted">Components: \#(page.components.joined(separator: ", ").replacingJSX())</p>
                </AppShell>
              );
            }

            """#
        }
    }

    private func authPage(signUp: Bool) -> String {
        let providers = context.integrations.first { $0.kind == "auth" }?.named.filter { ["google", "github", "apple", "microsoft", "facebook"].contains($0) } ?? []
        let oauth = providers.map { provider -> String in
            let id = provider == "microsoft" ? "azure" : provider
            return "        <button type=\"button\" className=\"button secondary\" onClick={() => supabase.auth.signInWithOAuth({ provider: \(SourceText.quote(id)), options: { redirectTo: `${window.location.origin}/` } })}>Continue with \(Term.capitalized(provider))</button>\n"
        }.joined()
        let action = signUp
            ? "const { error } = await supabase.auth.signUp({ email, password, options: { emailRedirectTo: `${window.location.origin}/` } });"
            : "const { error } = await supabase.auth.signInWithPassword({ email, password });"
        let title = signUp ? "Create your account" : "Sign in"
        let other = signUp ? "<p>Already have an account? <Link href=\"/sign-in\">Sign in</Link></p>" : "<p>New here? <Link href=\"/sign-up\">Create an account</Link></p>"
        return #"""
        "use client";

        import Link from "next/link";
        import { useRouter } from "next/navigation";
        import { useState, type FormEvent } from "react";
        import { createClient } from "@/lib/supabase/client";

        export default function \#(signUp ? "SignUp" : "SignIn")Page() {
          const supabase = createClient();
          const router = useRouter();
          const [error, setError] = useState<string | null>(null);
          const [pending, setPending] = useState(false);

          async function submit(event: FormEvent<HTMLFormElement>) {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const email = String(form.get("email"));
            const password = String(form.get("password"));
            setPending(true);
            \#(action)
            setPending(false);
            if (error) {
              setError(error.message);
              return;
            }
            router.push("/");
            router.refresh();
          }

          return (
            <main id="main" style={{ maxWidth: "24rem", margin: "4rem auto", padding: "1.5rem", background: "var(--color-surface)", borderRadius: "var(--radius-lg)" }}>
              <h1>\#(title)</h1>
              <form onSubmit={submit}>
                {error ? <p role="alert" className="error">{error}</p> : null}
                <div className="field">
                  <label htmlFor="email">Email</label>
                  <input id="email" name="email" type="email" autoComplete="email" required />
                </div>
                <div className="field">
                  <label htmlFor="password">Password</label>
                  <input id="password" name="password" type="password" autoComplete="\#(signUp ? "new-password" : "current-password")" minLength={8} required />
                </div>
                <button type="submit" className="button" disabled={pending} aria-busy={pending}>\#(title)</button>
              </form>
        \#(oauth)      \#(other)
            </main>
          );
        }

        """#
    }

    private func middleware() -> String {
        #"""
        import { createServerClient } from "@supabase/ssr";
        import { NextResponse, type NextRequest } from "next/server";

        const publicPaths = ["/sign-in", "/sign-up", "/api/jobs", "/api/webhooks"];

        /** Refreshes the Supabase session cookie and sends signed-out visitors to /sign-in. */
        export async function middleware(request: NextRequest) {
          let response = NextResponse.next({ request });
          const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
            cookies: {
              getAll: () => request.cookies.getAll(),
              setAll: (toSet) => {
                toSet.forEach(({ name, value }) => request.cookies.set(name, value));
                response = NextResponse.next({ request });
                toSet.forEach(({ name, value, options }) => response.cookies.set(name, value, options));
              },
            },
          });
          const { data } = await supabase.auth.getUser();
          const path = request.nextUrl.pathname;
          if (!data.user && !publicPaths.some((prefix) => path.startsWith(prefix))) {
            if (path.startsWith("/api/")) return NextResponse.json({ error: { code: "unauthorized", message: "Sign in first." } }, { status: 401 });
            const url = request.nextUrl.clone();
            url.pathname = "/sign-in";
            return NextResponse.redirect(url);
          }
          return response;
        }

        export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };

        """#
    }
}
