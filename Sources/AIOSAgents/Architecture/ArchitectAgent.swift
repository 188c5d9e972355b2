import AIOSJSON

/// `@architect`: designs the stack, data model, REST API and security for the analysed brief and
/// its requirements, and writes the OpenAPI 3.1 document and PostgreSQL migration that match.
package struct ArchitectAgent: Sendable {
    package let analysis: BriefAnalysis
    package let requirements: RequirementSet
    package let stackPreference: String?

    package init(analysis: BriefAnalysis, requirements: RequirementSet, stackPreference: String?) {
        self.analysis = analysis
        self.requirements = requirements
        self.stackPreference = stackPreference
    }

    /// The architecture output (SPEC §2).
    package func run() -> JSONObject {
        let preset = StackPreset.matching(stackPreference) ?? .default
        let model = DataModel(analysis: analysis)
        let endpoints = EndpointPlanner(model: model, requirements: requirements.functional).plan()
        let security = RowLevelSecurity(model: model, sensitive: analysis.has(quality: "hipaa"))
        let policies = security.policies()
        let audit = model.entity(table: "audit_logs") != nil
        let sql = SQLMigrationWriter(productName: analysis.productName, model: model, security: security, audit: audit).write()
        let openapi = OpenAPIWriter(productName: analysis.productName, summary: analysis.pitch.withoutFinalPeriod() + ".", model: model, endpoints: endpoints).write()
        let auth = authStrategy(security: security)

        var architecture: JSONObject = [:]
        architecture["stack"] = preset.json
        architecture["data_model"] = model.json
        architecture["api_design"] = [
            "base_path": "/api",
            "endpoints": .array(endpoints.map(\.json)),
        ]
        architecture["security"] = [
            "auth_strategy": .string(auth),
            "rls_policies": .array(policies.map(\.json)),
        ]
        let integrations = analysis.integrations.filter { $0.kind != "auth" }
        architecture["integrations"] = .array(integrations.map { integration in
            ["kind": .string(integration.kind), "title": .string(integration.title), "provider": .string(integration.provider),
             "configuration": .strings(IntegrationSetup.variables(kind: integration.kind)),
             "setup": .string(IntegrationSetup.setup(kind: integration.kind, provider: integration.provider))]
        })
        let adrs = decisions(preset: preset, model: model, security: security, auth: auth)
        architecture["adrs"] = .array(adrs.map(\.json))
        var output: JSONObject = [:]
        output["architecture"] = .object(architecture)
        output["openapi"] = .object(openapi)
        output["sql_migration"] = .string(sql)
        output["architecture_markdown"] = .string(markdown(preset: preset, model: model, endpoints: endpoints, policies: policies, auth: auth, adrs: adrs))
        return output
    }

    private func authStrategy(security: RowLevelSecurity) -> String {
        let providers = analysis.integrations.first { $0.kind == "auth" }?.named ?? ["email"]
        let methods = providers.map { $0 == "email" ? "email and password" : $0 == "saml" ? "SAML single sign-on" : $0 == "magic link" ? "magic links" : Term.capitalized($0) + " OAuth" }
        var text = "Supabase Auth (\(StrategyAgent.list(methods))) issues JWT access tokens; every request carries the token as a bearer header, "
        text += "the database reads the caller from its claims (app.current_user_id()) and row-level security decides which rows they reach. "
        text += "A profiles row per person holds their role (\(StrategyAgent.list(analysis.actors.map(\.term.snake)))). "
        if let membership = security.tenantMembership {
            text += "Tenancy: every row carries its \(Term(parsing: membership.tenant).phrase) id and policies check membership through app.is_member(). "
        } else if security.personal {
            text += "Every row belongs to the person who created it. "
        }
        if analysis.has(quality: "sso") { text += "Enterprise customers sign in with SAML 2.0 SSO. " }
        text += "The service role key stays on the server (scheduled jobs only)."
        return text
    }

    private func markdown(preset: StackPreset, model: DataModel, endpoints: [Endpoint], policies: [RowLevelSecurity.Policy], auth: String, adrs: [Decision]) -> String {
        var md = Markdown()
        md.heading(1, "\(analysis.productName) — Architecture")
        md.paragraph(analysis.pitch.withoutFinalPeriod() + ".")
        if let preference = stackPreference, StackPreset.matching(preference) == nil {
            md.paragraph("The stack preference \"\(preference)\" names no preset this engine knows (\(StackPreset.allCases.map(\.rawValue).joined(separator: ", "))); the default preset is used.")
        }
        md.heading(2, "Stack (\(preset.rawValue))")
        md.table(["Layer", "Choice"], [["Frontend", preset.frontend], ["Backend", preset.backend], ["Database", preset.database], ["Deployment", preset.deployment]])
        let integrations = analysis.integrations.filter { $0.kind != "auth" }
        if !integrations.isEmpty {
            md.heading(2, "Integrations")
            md.table(["Integration", "Provider", "Why", "Configuration"], integrations.map {
                [$0.title, $0.provider, $0.evidence, IntegrationSetup.variables(kind: $0.kind).isEmpty ? IntegrationSetup.setup(kind: $0.kind, provider: $0.provider) : IntegrationSetup.variables(kind: $0.kind).joined(separator: ", ")]
            })
        }
        md.heading(2, "Data model")
        for entity in model.entities {
            md.heading(3, "\(entity.name) (`\(entity.table)`)")
            md.table(["Field", "Type", "Key", "Nullable", "References"], entity.fields.map { field in
                [field.name, field.type + (field.allowed.isEmpty ? "" : " (\(field.allowed.joined(separator: ", ")))"),
                 field.primary ? "primary" : field.unique ? "unique" : "", field.nullable ? "yes" : "no", field.references ?? ""]
            })
        }
        md.heading(2, "Relationships")
        md.table(["From", "To", "Type", "Via"], model.relationships.map { [$0.from, $0.to, $0.type, $0.via] })
        md.heading(2, "API")
        md.table(["Method", "Path", "Description", "Requirements"], endpoints.map { [$0.method, $0.path, $0.description, $0.requirementIDs.joined(separator: ", ")] })
        md.heading(2, "Security")
        md.paragraph(auth)
        md.table(["Table", "Command", "Rule"], policies.map { [$0.table, $0.command, $0.description] })
        md.heading(2, "Migration")
        md.paragraph("The PostgreSQL migration (`sql_migration`) creates \(model.entities.count) tables with foreign keys, indexes on every foreign key, `updated_at` triggers\(model.entity(table: "audit_logs") != nil ? ", an audit trigger on every table" : ""), and enables row-level security with the policies above. The OpenAPI 3.1 document (`openapi`) describes every endpoint.")
        md.heading(2, "Architecture decisions")
        for adr in adrs {
            md.heading(3, "\(adr.id): \(adr.title)")
            md.paragraph("**Context.** \(adr.context)")
            md.paragraph("**Decision.** \(adr.decision)")
            md.paragraph("**Alternatives considered.**")
            md.bullets(adr.alternatives)
            md.paragraph("**Consequences.**")
            md.bullets(adr.consequences)
        }
        return md.text
    }

    // MARK: - Decisions

    /// An architecture decision record: why the design is the way it is.
    package struct Decision {
        package var id: String
        package var title: String
        package var context: String
        package var decision: String
        package var alternatives: [String]
        package var consequences: [String]
        package var requirementIDs: [String]

        package var json: JSONValue {
            ["id": .string(id), "title": .string(title), "status": "accepted", "context": .string(context), "decision": .string(decision),
             "alternatives": .strings(alternatives), "consequences": .strings(consequences), "requirement_ids": .strings(requirementIDs)]
        }
    }

    /// ADRs for the stack, authentication, the data model and (when there are any) integrations.
    private func decisions(preset: StackPreset, model: DataModel, security: RowLevelSecurity, auth: String) -> [Decision] {
        let nfr = requirements.nonFunctional
        func ids(_ categories: Set<String>) -> [String] { nfr.filter { categories.contains($0.category) }.map(\.id) }
        var result: [Decision] = []
        let constraints = requirements.constraints.map(\.description)
        let other = StackPreset.allCases.filter { $0 != preset }
        result.append(Decision(
            id: "ADR-1", title: "Stack: \(preset.rawValue)",
            context: "\(analysis.productName) needs \(requirements.functional.count) functional requirements built by a small team on the \(analysis.budgetTier) budget tier"
                + (constraints.isEmpty ? "." : "; constraints: " + constraints.map { $0.withoutFinalPeriod() }.joined(separator: "; ") + "."),
            decision: "\(preset.frontend); \(preset.backend); \(preset.database); \(preset.deployment).",
            alternatives: other.map { "\($0.rawValue): \($0.frontend) — " + ($0 == .nextjsSupabase ? "server rendering and API routes in one app, but a Node runtime to host" : "static hosting and a simpler build, but actions and scheduled jobs move to Edge Functions") }
                + ["A separate API server (Node, Django or Rails) with its own database: full control, but more to build and operate than the budget tier allows."],
            consequences: ["Managed services: no servers to patch; the Supabase and hosting plans set the limits.",
                           "One language (TypeScript) from the database client to the UI; the SQL migration and OpenAPI document are the contracts."],
            requirementIDs: ids(["maintainability", "availability"])))
        var authContext = "Every request must be tied to a person so that row-level security can decide what they reach"
        if security.tenantMembership != nil { authContext += ", and people belong to several tenants" }
        if analysis.has(quality: "sso") { authContext += "; enterprise customers require SAML single sign-on" }
        result.append(Decision(
            id: "ADR-2", title: "Authentication and authorisation in the database",
            context: authContext + ".",
            decision: auth,
            alternatives: ["A hosted identity provider (Auth0, Clerk) in front of our own API: richer admin features, but a second source of truth for users and a checked copy of every rule in application code.",
                           "Authorisation in application code only: simpler SQL, but one forgotten check exposes data; RLS makes the database refuse instead."],
            consequences: ["Policies are part of the migration and are tested like code.", "The service role key bypasses RLS: it stays on the server and is used only by scheduled jobs."],
            requirementIDs: requirements.functional.filter { $0.description.lowercased().includes("sign") }.map(\.id) + ids(["security", "compliance"])))
        let tenancy = model.tenantTable.map { "every row carries its \(Term(parsing: $0).phrase) id (shared schema, row-level tenancy)" } ?? "every row records who created it"
        result.append(Decision(
            id: "ADR-3", title: "Relational data model with \(model.entities.count) tables",
            context: "The brief names \(StrategyAgent.list(analysis.entities.map(\.term.pluralPhrase))); they reference each other and are listed, filtered and reported on.",
            decision: "PostgreSQL tables with uuid keys, foreign keys with indexes, check constraints for enumerations and updated_at triggers; \(tenancy); the migration is versioned in supabase/migrations.",
            alternatives: ["A document store (one JSON document per record): flexible, but no foreign keys, no row-level security per field and harder reports."]
                + (model.tenantTable != nil ? ["A schema or database per tenant: strong isolation, but migrations and connections multiply with every customer."] : []),
            consequences: ["Schema changes ship as new migrations; the OpenAPI schemas follow the tables.", "Reports are SQL queries over indexed columns."],
            requirementIDs: ids(["scalability", "performance", "privacy"])))
        let integrations = analysis.integrations.filter { $0.kind != "auth" }
        if !integrations.isEmpty {
            let alternatives = integrations.compactMap { integration -> String? in
                let others = DomainLexicon.integrations.first { $0.kind == integration.kind }?.providers.filter { $0.lowercased() != integration.provider.lowercased() } ?? []
                return others.isEmpty ? nil : "\(integration.title): \(others.map { Term.capitalized($0) }.joined(separator: ", ")) instead of \(integration.provider)."
            }
            result.append(Decision(
                id: "ADR-4", title: "Integrations through managed providers",
                context: "The brief asks for " + StrategyAgent.list(integrations.map { $0.title.lowercased() }) + ".",
                decision: integrations.map { "\($0.title): \($0.provider)" }.joined(separator: "; ") + ". Secrets live in server-side environment variables; calls to providers are retried and their failures logged.",
                alternatives: alternatives.isEmpty ? ["Building these services in-house: full control, but months of work that is not the product."] : alternatives,
                consequences: ["Each provider is a dependency with its own outage and pricing; the configuration is listed per integration.",
                               "Provider webhooks are verified by signature before they change data."],
                requirementIDs: []))
        }
        return result
    }
}
