/// The relational model of the product: entities with typed fields, keys and relationships.
///
/// Built from a brief analysis, or read back from an architecture artifact (derived or supplied
/// by a user), and written out as the `data_model` of SPEC §2. The SQL migration, the OpenAPI
/// document, the UX pages and the code are all generated from this one value.
package struct DataModel: Sendable, Hashable {
    package struct Field: Sendable, Hashable {
        package var name: String
        /// PostgreSQL type: `uuid`, `text`, `integer`, `numeric(12,2)`, `date`, `time`,
        /// `timestamptz`, `boolean`, `jsonb`.
        package var type: String
        package var primary: Bool = false
        package var unique: Bool = false
        package var nullable: Bool = false
        /// `table.column` of a foreign key.
        package var references: String? = nil
        /// Allowed values of a text field with a check constraint.
        package var allowed: [String] = []
        /// SQL default expression.
        package var defaultValue: String? = nil
        /// Semantic format for APIs: `email`, `uri`, `phone`.
        package var format: String? = nil

        package var referencedTable: String? { references.map { String($0.prefix { $0 != "." }) } }
    }

    package struct Entity: Sendable, Hashable {
        package var term: Term
        package var fields: [Field]
        /// Column groups that are unique together (`habit_id, checked_on`).
        package var uniqueTogether: [[String]] = []
        /// Columns people search or filter by.
        package var searchable: [String] = []
        /// The user profile table: one row per signed-in person.
        package var isProfile = false
        /// An actor-entity: its rows stand for people (a patient), linked to a profile.
        package var isActor = false

        package var name: String { term.pascal }
        package var table: String { term.pluralSnake }
        package var resource: String { term.pluralKebab }
        package func field(_ name: String) -> Field? { fields.first { $0.name == name } }
        /// Foreign-key fields, in column order.
        package var foreignKeys: [Field] { fields.filter { $0.references != nil } }
    }

    package struct Relationship: Sendable, Hashable {
        package var from: String
        package var to: String
        /// `one_to_many`, `many_to_one`, `one_to_one` or `many_to_many`.
        package var type: String
        /// The column that carries it, `table.column`, or the join table for many-to-many.
        package var via: String
    }

    package var entities: [Entity]
    package var relationships: [Relationship]
    /// The table that isolates customers' data, if any.
    package var tenantTable: String?

    package func entity(table: String) -> Entity? { entities.first { $0.table == table } }
    package func entity(_ term: Term) -> Entity? { entities.first { $0.term == term } }
    package var profile: Entity? { entities.first { $0.isProfile } }
}

extension DataModel {
    /// Builds the model from an analysis: a profiles table, one table per entity, foreign keys
    /// for parents, tenant and profile links, and relationships.
    package init(analysis: BriefAnalysis) {
        var entities: [Entity] = []
        let tenant = analysis.tenant
        let roleValues = analysis.actors.map(\.term.snake)
        var profileFields: [Field] = [
            Field(name: "id", type: "uuid", primary: true),
            Field(name: "email", type: "text", unique: true, format: "email"),
            Field(name: "full_name", type: "text", nullable: true),
        ]
        profileFields.append(Field(name: "role", type: "text", allowed: roleValues, defaultValue: "'\(analysis.primaryActor.snake)'"))
        if !roleValues.contains(analysis.primaryActor.snake), let first = roleValues.first {
            profileFields[profileFields.count - 1].defaultValue = "'\(first)'"
        }
        profileFields += Self.timestamps
        entities.append(Entity(term: Term(words: ["profile"]), fields: profileFields, isProfile: true))

        for source in Self.ordered(analysis.entities) {
            var fields: [Field] = [Field(name: "id", type: "uuid", primary: true, defaultValue: "gen_random_uuid()")]
            var together: [[String]] = []
            var parents = source.parents
            if let tenant, source.term != tenant, !parents.contains(tenant), source.term.snake != "audit_log" {
                parents.insert(tenant, at: 0)
            }
            for parent in parents {
                if source.term.snake == "audit_log" {
                    // Audit rows outlive what they describe: plain ids, no foreign keys.
                    fields.append(Field(name: parent.snake + "_id", type: "uuid", nullable: true))
                } else {
                    fields.append(Field(name: parent.snake + "_id", type: "uuid", references: parent.pluralSnake + ".id"))
                }
            }
            for reference in source.references where !parents.contains(reference) {
                fields.append(Field(name: reference.snake + "_id", type: "uuid", nullable: true, references: reference.pluralSnake + ".id"))
            }
            if source.actor != nil {
                fields.append(Field(name: "profile_id", type: "uuid", unique: tenant == nil, nullable: true, references: "profiles.id"))
                if tenant != nil { together.append([tenant?.snake ?? "", "profile_id"].map { $0 == "profile_id" ? $0 : $0 + "_id" }) }
            }
            for spec in source.fields {
                let parsed = Self.parseFieldSpec(spec)
                guard !fields.contains(where: { $0.name == parsed.field.name }) else { continue }
                fields.append(parsed.field)
                if parsed.uniqueWithParent, let parent = parents.first(where: { $0 != tenant }) ?? parents.first {
                    together.append([parent.snake + "_id", parsed.field.name])
                }
            }
            if source.term.snake == "audit_log" {
                fields.append(Field(name: "actor_id", type: "uuid", nullable: true, defaultValue: "app.current_user_id()"))
            } else {
                fields.append(Field(name: "created_by", type: "uuid", nullable: true, references: "profiles.id", defaultValue: "app.current_user_id()"))
            }
            fields += Self.timestamps
            var entity = Entity(term: source.term, fields: fields, uniqueTogether: together, searchable: source.searchable)
            entity.isActor = source.actor != nil
            entities.append(entity)
        }

        var relationships: [Relationship] = []
        for entity in entities {
            for field in entity.foreignKeys where field.name != "created_by" && field.name != "actor_id" {
                guard let table = field.referencedTable, let target = entities.first(where: { $0.table == table }) else { continue }
                let type = field.unique ? "one_to_one" : "one_to_many"
                relationships.append(Relationship(from: target.name, to: entity.name, type: type, via: "\(entity.table).\(field.name)"))
            }
        }
        // An entity that belongs to two others (outside the tenant) joins them many-to-many.
        for entity in entities {
            let links = entity.foreignKeys.filter { $0.name != "created_by" && $0.name != "actor_id" && $0.name != "profile_id" && $0.referencedTable != tenant?.pluralSnake && !$0.nullable }
            guard links.count == 2, let a = links[0].referencedTable.flatMap({ t in entities.first { $0.table == t } }),
                  let b = links[1].referencedTable.flatMap({ t in entities.first { $0.table == t } }) else { continue }
            relationships.append(Relationship(from: a.name, to: b.name, type: "many_to_many", via: entity.table))
        }
        self.init(entities: entities, relationships: relationships, tenantTable: tenant?.pluralSnake)
    }

    package static let timestamps: [Field] = [
        Field(name: "created_at", type: "timestamptz", defaultValue: "now()"),
        Field(name: "updated_at", type: "timestamptz", defaultValue: "now()"),
    ]

    /// Parents before children (stable: brief order among equals), so foreign keys point back.
    package static func ordered(_ entities: [BriefAnalysis.Entity]) -> [BriefAnalysis.Entity] {
        var result: [BriefAnalysis.Entity] = []
        var placed: Set<Term> = []
        var remaining = entities
        let known = Set(entities.map(\.term))
        while !remaining.isEmpty {
            if let index = remaining.firstIndex(where: { entity in
                entity.parents.allSatisfy { parent in placed.contains(parent) || parent == entity.term || !known.contains(parent) }
            }) {
                let next = remaining.remove(at: index)
                result.append(next)
                placed.insert(next.term)
            } else {
                // A cycle: place the next one anyway; the migration adds such keys afterwards.
                let next = remaining.removeFirst()
                result.append(next)
                placed.insert(next.term)
            }
        }
        return result
    }

    /// Parses a lexicon field spec (`name:type[:unique][:optional]`).
    package static func parseFieldSpec(_ spec: String) -> (field: Field, uniqueWithParent: Bool) {
        let parts = spec.split(separator: ":").map(String.init)
        let name = parts.first ?? "name"
        let kind = parts.count > 1 ? parts[1] : "text"
        let flags = Set(parts.dropFirst(2))
        var field = Field(name: name, type: "text", unique: flags.contains("unique"), nullable: flags.contains("optional"))
        switch kind {
        case "longtext", "text": field.type = "text"
        case "email": field.type = "text"; field.format = "email"
        case "url": field.type = "text"; field.format = "uri"
        case "phone": field.type = "text"; field.format = "phone"
        case "int": field.type = "integer"
        case "money": field.type = "numeric(12,2)"
        case "decimal": field.type = "numeric(12,4)"
        case "date": field.type = "date"
        case "time": field.type = "time"
        case "timestamp": field.type = "timestamptz"
        case "bool": field.type = "boolean"; field.defaultValue = "false"
        case "json": field.type = "jsonb"
        case "uuid": field.type = "uuid"
        default:
            if kind.hasPrefix("enum(") {
                field.allowed = kind.dropFirst(5).dropLast().split(separator: "|").map(String.init)
                field.defaultValue = field.allowed.first.map { "'\($0)'" }
            }
        }
        if field.type == "timestamptz", !field.nullable, !["starts_at", "ends_at", "due_at", "scheduled_at", "expires_at", "send_at", "current_period_end"].contains(name) {
            field.defaultValue = "now()"
        }
        if field.type == "date", !field.nullable, ["checked_on", "written_on", "performed_on", "issue_date", "spent_on", "ordered_on", "issued_on", "borrowed_on"].contains(name) {
            field.defaultValue = "current_date"
        }
        if field.type == "numeric(12,2)" && (name == "total" || name == "balance") { field.defaultValue = "0" }
        return (field, flags.contains("unique-with-parent"))
    }
}
