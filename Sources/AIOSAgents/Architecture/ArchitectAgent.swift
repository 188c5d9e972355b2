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
        var output: JSONObject = [:]
        output["architecture"] = .object(architecture)
        output["openapi"] = .object(openapi)
        output["sql_migration"] = .string(sql)
        output["architecture_markdown"] = .string(markdown(preset: preset, model: model, endpoints: endpoints, policies: policies, auth: auth))
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

    private func markdown(preset: StackPreset, model: DataModel, endpoints: [Endpoint], policies: [RowLevelSecurity.Policy], auth: String) -> String {
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
            md.table(["Integration", "Provider", "Why"], integrations.map { [$0.title, $0.provider, $0.evidence] })
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
        return md.text
    }
}
