/// What every scaffold needs to know, and the pieces all of them share: TypeScript models and
/// validators per entity, the token stylesheet, requirement lookups, dependencies and the README.
package struct ScaffoldContext: Sendable {
    package let productName: String
    package let architecture: ArchitectureModel
    package let ux: UXModel
    package let requirements: [RequirementSet.Functional]
    package let migration: String
    package let integrations: [BriefAnalysis.Integration]

    package var model: DataModel { architecture.dataModel }
    package var slug: String { SourceText.slug(productName) }
    package var appEntities: [DataModel.Entity] { model.entities.filter { !$0.isProfile } }

    package func has(_ integration: String) -> Bool { integrations.contains { $0.kind == integration } }

    // MARK: - Requirement lookups

    package func endpointIDs(table: String?, kinds: Set<Endpoint.Kind>? = nil) -> [String] {
        architecture.endpoints.filter { $0.table == table && (kinds?.contains($0.kind) ?? true) }.flatMap(\.requirementIDs)
    }

    package func endpoints(table: String) -> [Endpoint] { architecture.endpoints.filter { $0.table == table } }

    // MARK: - TypeScript

    package static func tsType(_ field: DataModel.Field) -> String {
        let type = field.type.lowercased()
        var base: String
        if !field.allowed.isEmpty {
            base = field.allowed.map { SourceText.quote($0) }.joined(separator: " | ")
        } else if type.hasPrefix("int") || type.hasPrefix("numeric") || type.hasPrefix("decimal") || type == "bigint" || type == "smallint" || type == "real" || type.hasPrefix("double") {
            base = "number"
        } else if type == "boolean" || type == "bool" {
            base = "boolean"
        } else if type == "jsonb" || type == "json" {
            base = "Record<string, unknown>"
        } else {
            base = "string"
        }
        if field.nullable { base += " | null" }
        return base
    }

    package static func zod(_ field: DataModel.Field) -> String {
        let type = field.type.lowercased()
        var schema: String
        if !field.allowed.isEmpty {
            schema = "z.enum([\(field.allowed.map { SourceText.quote($0) }.joined(separator: ", "))])"
        } else if type == "uuid" {
            schema = "z.string().uuid()"
        } else if type.hasPrefix("int") || type == "bigint" || type == "smallint" {
            schema = "z.number().int()"
        } else if type.hasPrefix("numeric") || type.hasPrefix("decimal") || type == "real" || type.hasPrefix("double") {
            schema = "z.number()"
        } else if type == "boolean" || type == "bool" {
            schema = "z.boolean()"
        } else if type == "date" {
            schema = "z.string().date()"
        } else if type.hasPrefix("timestamp") {
            schema = "z.string().datetime({ offset: true })"
        } else if type.hasPrefix("time") {
            schema = "z.string().time()"
        } else if type == "jsonb" || type == "json" {
            schema = "z.record(z.unknown())"
        } else if field.format == "email" {
            schema = "z.string().email()"
        } else if field.format == "uri" {
            schema = "z.string().url()"
        } else {
            schema = "z.string().min(1)"
        }
        if field.nullable { schema += ".nullable()" }
        if field.nullable || field.defaultValue != nil { schema += ".optional()" }
        return schema
    }

    /// The fields a client may send when creating or updating.
    package static func writableFields(_ entity: DataModel.Entity) -> [DataModel.Field] {
        entity.fields.filter { !OpenAPIWriter.serverManaged.contains($0.name) || entity.isProfile && $0.name == "id" }
    }

    /// `src/lib/models/<entity>.ts`: the row type, validators for create and update, the table.
    package func modelFile(_ entity: DataModel.Entity, path: String) -> GeneratedFile {
        let ids = endpointIDs(table: entity.table)
        var ts = "// \(entity.typeName): one row of `\(entity.table)`.\n"
        if !ids.isEmpty { ts += "// Requirements: \(UXAgent.sorted(Array(Set(ids))).joined(separator: ", "))\n" }
        ts += "import { z } from \"zod\";\n\n"
        ts += "export const \(entity.term.camel)Table = \(SourceText.quote(entity.table));\n\n"
        ts += "export interface \(entity.typeName) {\n"
        for field in entity.fields { ts += "  \(field.name): \(Self.tsType(field));\n" }
        ts += "}\n\n"
        ts += "export const \(entity.term.camel)Input = z.object({\n"
        for field in Self.writableFields(entity) { ts += "  \(field.name): \(Self.zod(field)),\n" }
        ts += "}).strict();\n\n"
        ts += "export const \(entity.term.camel)Update = \(entity.term.camel)Input.partial().refine((value) => Object.keys(value).length > 0, {\n  message: \"Send at least one field to change.\",\n});\n\n"
        ts += "export type \(entity.typeName)Input = z.infer<typeof \(entity.term.camel)Input>;\n"
        ts += "export type \(entity.typeName)Update = z.infer<typeof \(entity.term.camel)Update>;\n"
        return GeneratedFile(path, ts, requirements: ids)
    }

    /// Form fields for an entity's create/edit form: (name, label, input type, required, options).
    package static func formFields(_ entity: DataModel.Entity) -> [(name: String, label: String, input: String, required: Bool, options: [String])] {
        writableFields(entity).filter { $0.name != "profile_id" }.map { field in
            let type = field.type.lowercased()
            let input: String
            if !field.allowed.isEmpty { input = "select" }
            else if type == "boolean" { input = "checkbox" }
            else if type.hasPrefix("int") || type.hasPrefix("numeric") || type.hasPrefix("decimal") { input = "number" }
            else if type == "date" { input = "date" }
            else if type.hasPrefix("timestamp") { input = "datetime-local" }
            else if type.hasPrefix("time") { input = "time" }
            else if field.format == "email" { input = "email" }
            else if field.format == "uri" { input = "url" }
            else if field.format == "phone" { input = "tel" }
            else if ["description", "body", "notes", "content", "instructions", "summary", "prompt", "goals", "billing_address", "feedback"].contains(field.name) { input = "textarea" }
            else { input = "text" }
            let label = Term.capitalized(field.name.split(separator: "_").joined(separator: " ")).replacingIDLabel()
            return (field.name, label, input, !field.nullable && field.defaultValue == nil, field.allowed)
        }
    }

    // MARK: - Styles

    /// CSS custom properties from the UX tokens.
    package func tokenStylesheet() -> String {
        var css = "/* Design tokens from the UX spec; contrast pairs were checked against WCAG when generated. */\n:root {\n"
        for (name, hex) in ux.colors { css += "  --color-\(name.replacingUnderscores()): \(hex);\n" }
        for (name, value) in ux.radii { css += "  --radius-\(name): \(value);\n" }
        css += "  --font-sans: \(ux.fontFamily ?? "ui-sans-serif, system-ui, sans-serif");\n}\n\n"
        css += """
        *, *::before, *::after { box-sizing: border-box; }
        html { font-family: var(--font-sans); color: var(--color-text, #111); background: var(--color-background, #fff); line-height: 1.5; }
        body { margin: 0; }
        a { color: var(--color-primary, #1d4ed8); }
        :focus-visible { outline: 2px solid var(--color-focus, #1d4ed8); outline-offset: 2px; }
        .muted { color: var(--color-text-muted, #555); }
        .skip-link { position: absolute; left: 0.5rem; top: -3rem; z-index: 10; padding: 0.5rem 1rem; background: var(--color-background, #fff); color: var(--color-text, #111); }
        .skip-link:focus { top: 0.5rem; }
        .shell { display: grid; grid-template-columns: 15rem 1fr; min-height: 100vh; }
        .shell nav { background: var(--color-surface, #f6f6f6); padding: 1rem; }
        .shell nav ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.25rem; }
        .shell main { padding: 1.5rem; max-width: 72rem; }
        @media (max-width: 48rem) { .shell { grid-template-columns: 1fr; } }
        .button { display: inline-flex; align-items: center; min-height: 2.75rem; padding: 0 1rem; border: 0; border-radius: var(--radius-md, 0.375rem); background: var(--color-primary, #1d4ed8); color: var(--color-on-primary, #fff); font: inherit; cursor: pointer; text-decoration: none; }
        .button.secondary { background: var(--color-secondary, #444); color: var(--color-on-secondary, #fff); }
        .field { display: grid; gap: 0.25rem; margin-bottom: 1rem; }
        .field input, .field select, .field textarea { min-height: 2.75rem; padding: 0.5rem 0.75rem; border: 1px solid var(--color-input-border, #888); border-radius: var(--radius-md, 0.375rem); font: inherit; background: var(--color-background, #fff); color: var(--color-text, #111); }
        .error { color: var(--color-danger, #b91c1c); }
        table { width: 100%; border-collapse: collapse; }
        th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--color-border, #ddd); }
        @media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }

        """
        return css
    }

    // MARK: - Dependencies

    package func integrationDependencies() -> [(String, String)] {
        var result: [(String, String)] = []
        if has("payments") { result.append(("stripe", "^17.3.0")) }
        if has("email") { result.append(("resend", "^4.0.0")) }
        if has("sms") { result.append(("twilio", "^5.3.0")) }
        return result
    }

    // MARK: - README and traceability

    package func readme(framework: StackPreset, setup: [String], files: [GeneratedFile]) -> String {
        var md = Markdown()
        md.heading(1, productName)
        md.paragraph("Generated by the aios builtin engine for the \(framework.rawValue) stack: \(framework.frontend); \(framework.backend).")
        md.heading(2, "Setup")
        var numbered = ""
        for (index, step) in setup.enumerated() { numbered += "\(index + 1). \(Markdown.inline(step))\n" }
        md.paragraph(String(numbered.dropLast()))
        md.heading(2, "Data model")
        md.table(["Entity", "Table", "Fields"], model.entities.map { [$0.name, $0.table, $0.fields.map(\.name).joined(separator: ", ")] })
        md.heading(2, "Requirements and where they live")
        md.table(["Requirement", "Priority", "Files"], requirements.map { requirement in
            let paths = files.filter { $0.requirementIDs.contains(requirement.id) }.map(\.path)
            return ["\(requirement.id): \(requirement.description)", requirement.priority, paths.prefix(6).joined(separator: ", ") + (paths.count > 6 ? ", …" : "")]
        })
        return md.text
    }
}

extension DataModel.Entity {
    /// The entity's name in the generated TypeScript: its name, unless that is a global the
    /// generated code itself uses (`Record<string, unknown>`, `Promise<…>`, `new Response(…)`),
    /// which an imported interface of that name would shadow; then `Row` follows it (`RecordRow`).
    package var typeName: String { Self.typeScriptGlobals.contains(name) ? name + "Row" : name }

    /// Globals of TypeScript and the browser or Node runtime that the scaffolds write unqualified.
    static let typeScriptGlobals: Set<String> = [
        "Array", "Blob", "Boolean", "Date", "Error", "FormData", "JSON", "Math", "Number", "Object", "Omit", "Partial", "Pick",
        "Promise", "React", "Readonly", "Record", "Required", "Response", "Set", "String", "URL",
    ]
}

