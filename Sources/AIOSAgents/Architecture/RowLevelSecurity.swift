import AIOSJSON

/// Row-level security for the data model: who may select, insert, update and delete which rows,
/// by ownership, participation (a patient's appointments) and tenant membership.
///
/// The same policies feed the architecture's `security.rls_policies` and the SQL migration, so
/// the two never disagree.
package struct RowLevelSecurity: Sendable {
    package struct Policy: Sendable, Hashable {
        package var table: String
        package var name: String
        /// `select`, `insert`, `update` or `delete`.
        package var command: String
        package var using: String?
        package var withCheck: String?
        package var description: String

        package var json: JSONValue {
            ["table": .string(table), "name": .string(name), "command": .string(command),
             "using": .optional(using), "with_check": .optional(withCheck), "description": .string(description)]
        }
    }

    package let model: DataModel
    /// Health or similarly sensitive data: no shared reads, only owners and participants.
    package let sensitive: Bool

    package static let uid = "app.current_user_id()"

    /// Whether the product has tenants with a members table the policies can check.
    package var tenantMembership: (tenant: String, column: String)? {
        guard let tenant = model.tenantTable, let tenantEntity = model.entity(table: tenant),
              let members = model.entity(table: "members"), members.field("profile_id") != nil,
              members.field(tenantEntity.term.snake + "_id") != nil else { return nil }
        return (tenant, tenantEntity.term.snake + "_id")
    }

    /// Member roles allowed to administer a tenant (delete its records, manage its members),
    /// when the members table has such roles.
    package var administratorRoles: [String] {
        guard tenantMembership != nil, let role = model.entity(table: "members")?.field("role") else { return [] }
        return role.allowed.filter { ["owner", "admin", "administrator", "manager"].contains($0) }
    }

    /// Personal products (one kind of user, no shared records): every row is its creator's.
    package var personal: Bool { model.tenantTable == nil && !model.entities.contains { $0.isActor } }

    /// Conditions under which the signed-in person is named by a row: it is their own
    /// actor-entity row, or a foreign key points at their actor-entity row.
    package func participantClauses(_ entity: DataModel.Entity) -> [String] {
        var clauses: [String] = []
        if entity.isActor, entity.field("profile_id") != nil { clauses.append("profile_id = \(Self.uid)") }
        for key in entity.foreignKeys where key.name != "created_by" && key.name != "profile_id" {
            guard let target = key.referencedTable.flatMap({ model.entity(table: $0) }), target.isActor, target.field("profile_id") != nil else { continue }
            clauses.append("exists (select 1 from public.\(SQLMigrationWriter.identifier(target.table)) p where p.id = \(SQLMigrationWriter.identifier(entity.table)).\(SQLMigrationWriter.identifier(key.name)) and p.profile_id = \(Self.uid))")
        }
        return clauses
    }

    package static func roleList(_ roles: [String]) -> String {
        Term.capitalized(StrategyAgent.list(roles.map { Inflector.plural($0) }))
    }

    package func policies() -> [Policy] {
        var result: [Policy] = []
        let uid = Self.uid
        for entity in model.entities {
            let table = entity.table
            func add(_ command: String, using: String?, check: String?, _ description: String) {
                result.append(Policy(table: table, name: "\(table)_\(command)", command: command, using: using, withCheck: check, description: description))
            }
            if entity.isProfile {
                var select = "id = \(uid)"
                if let membership = tenantMembership {
                    select += " or exists (select 1 from public.members me join public.members them on them.\(membership.column) = me.\(membership.column) where me.profile_id = \(uid) and them.profile_id = profiles.id)"
                }
                add("select", using: select, check: nil, "People see their own profile\(tenantMembership == nil ? "" : " and the profiles of people who share a \(Term(parsing: tenantMembership?.tenant ?? "").phrase) with them").")
                add("insert", using: nil, check: "id = \(uid)", "People create only their own profile, keyed by their auth user id.")
                add("update", using: "id = \(uid)", check: "id = \(uid)", "People update only their own profile.")
                add("delete", using: "id = \(uid)", check: nil, "People delete only their own profile.")
                continue
            }
            if table == "audit_logs" {
                let tenantColumn = tenantMembership.map { $0.column }
                let select = tenantColumn.flatMap { entity.field($0) != nil ? "app.is_member(\($0))" : nil } ?? "actor_id = \(uid)"
                add("select", using: select, check: nil, "The audit log is readable by \(tenantColumn == nil ? "the person who acted" : "members of the tenant"); rows are written only by the audit trigger and never changed.")
                continue
            }
            if let membership = tenantMembership {
                if table == membership.tenant {
                    add("select", using: "app.is_member(id) or created_by = \(uid)", check: nil, "Members see their \(entity.term.phrase); its creator sees it before joining.")
                    add("insert", using: nil, check: "created_by = \(uid)", "Any signed-in person can create a \(entity.term.phrase) and becomes its creator.")
                    add("update", using: "app.is_member(id)", check: "app.is_member(id)", "Members update their \(entity.term.phrase).")
                    add("delete", using: "created_by = \(uid)", check: nil, "Only the creator deletes a \(entity.term.phrase).")
                    continue
                }
                if let _ = entity.field(membership.column) {
                    let member = "app.is_member(\(membership.column))"
                    // People outside the tenant that a row names (a client of an invoice) may read it.
                    let outside = participantClauses(entity).filter { !$0.contains("public.members ") }
                    let read = ([member] + outside).joined(separator: " or ")
                    let administrators = administratorRoles
                    let administrator = administrators.isEmpty ? member
                        : "app.has_role(\(membership.column), array[\(administrators.map { SQLMigrationWriter.literal($0) }.joined(separator: ", "))])"
                    var write = member
                    if table == "members" {
                        // The tenant's creator adds the first member; after that, administrators do.
                        write = "\(administrator) or exists (select 1 from public.\(membership.tenant) t where t.id = members.\(membership.column) and t.created_by = \(uid))"
                    }
                    add("select", using: read, check: nil, "Members of the \(Term(parsing: membership.tenant).phrase) see its \(entity.term.pluralPhrase)\(outside.isEmpty ? "" : "; so do the people a row names")\(entity.isActor ? ", and each person their own row" : "").")
                    add("insert", using: nil, check: write, "Members add \(entity.term.pluralPhrase) to their own \(Term(parsing: membership.tenant).phrase) only.")
                    let tenantPhrase = Term(parsing: membership.tenant).phrase
                    let who = administrators.isEmpty ? "Members" : Self.roleList(administrators)
                    if table == "members" {
                        add("update", using: administrator, check: write, "\(who) change memberships of their \(tenantPhrase).")
                        add("delete", using: "\(administrator) or profile_id = \(uid)", check: nil, "\(who) remove members; anyone may leave.")
                        continue
                    }
                    add("update", using: member, check: write, "Members update \(entity.term.pluralPhrase) of their \(tenantPhrase), and cannot move them to another.")
                    add("delete", using: administrator, check: nil, "\(who) delete \(entity.term.pluralPhrase) of their \(tenantPhrase).")
                    continue
                }
            }
            let owner = entity.field("created_by") != nil ? "created_by = \(uid)" : "false"
            let participation = ([owner] + participantClauses(entity)).joined(separator: " or ")
            if personal {
                add("select", using: owner, check: nil, "People see only the \(entity.term.pluralPhrase) they created.")
                add("insert", using: nil, check: owner, "People create \(entity.term.pluralPhrase) as themselves.")
                add("update", using: owner, check: owner, "People update only their own \(entity.term.pluralPhrase).")
                add("delete", using: owner, check: nil, "People delete only their own \(entity.term.pluralPhrase).")
                continue
            }
            let read = sensitive ? participation : "\(uid) is not null"
            add("select", using: read, check: nil, sensitive
                ? "Only the people a \(entity.term.phrase) concerns (its creator and the people it links) see it."
                : "Signed-in people see \(entity.term.pluralPhrase).")
            add("insert", using: nil, check: "created_by = \(uid)", "Signed-in people create \(entity.term.pluralPhrase) as themselves.")
            add("update", using: participation, check: participation, "The creator and the people a \(entity.term.phrase) concerns update it.")
            add("delete", using: participation, check: nil, "The creator and the people a \(entity.term.phrase) concerns delete it.")
        }
        return result
    }
}
