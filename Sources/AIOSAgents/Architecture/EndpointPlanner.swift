/// Designs the REST API: CRUD per entity, actions, exports, reports, `/me` and scheduled jobs,
/// each endpoint citing the functional requirements it serves.
///
/// Requirements are linked by what their text says (entities named, verbs used), so requirements
/// a user supplies are linked the same way as derived ones.
package struct EndpointPlanner: Sendable {
    package let model: DataModel
    package let requirements: [RequirementSet.Functional]

    package init(model: DataModel, requirements: [RequirementSet.Functional]) {
        self.model = model
        self.requirements = requirements
    }

    private struct Group {
        var key: String
        var endpoints: [Endpoint]
    }

    package func plan() -> [Endpoint] {
        var groups: [Group] = []
        for entity in model.entities where !entity.isProfile {
            let one = Self.article(entity.term.phrase)
            var filters = entity.foreignKeys.map(\.name).filter { $0 != "created_by" && $0 != "actor_id" }
            filters += entity.searchable.filter { !filters.contains($0) }
            let filterText = filters.isEmpty ? "" : ", filterable by " + filters.joined(separator: ", ")
            let base = "/" + entity.resource
            let list = Endpoint(method: "GET", path: base, description: "List \(entity.term.pluralPhrase) visible to the caller (paginated\(filterText)).", requirementIDs: [], kind: .list, table: entity.table)
            let read = Endpoint(method: "GET", path: base + "/{id}", description: "Get \(one) by id.", requirementIDs: [], kind: .read, table: entity.table)
            // Audit rows are written by the database's audit trigger and never change: the
            // migration grants them a select policy only, so the API offers reads only.
            if entity.table == "audit_logs" {
                groups.append(Group(key: entity.table, endpoints: [list, read]))
                continue
            }
            groups.append(Group(key: entity.table, endpoints: [
                list,
                Endpoint(method: "POST", path: base, description: "Create \(one).", requirementIDs: [], kind: .create, table: entity.table),
                read,
                Endpoint(method: "PATCH", path: base + "/{id}", description: "Update \(one).", requirementIDs: [], kind: .update, table: entity.table),
                Endpoint(method: "DELETE", path: base + "/{id}", description: "Delete \(one).", requirementIDs: [], kind: .delete, table: entity.table),
            ]))
        }
        groups.append(Group(key: "me", endpoints: [
            Endpoint(method: "GET", path: "/me", description: "Get the signed-in person's profile and role.", requirementIDs: [], kind: .me, table: "profiles"),
            Endpoint(method: "PATCH", path: "/me", description: "Update the signed-in person's profile.", requirementIDs: [], kind: .me, table: "profiles"),
        ]))
        groups.append(Group(key: "reports", endpoints: []))
        groups.append(Group(key: "jobs", endpoints: []))

        func index(_ key: String) -> Int { groups.firstIndex { $0.key == key } ?? 0 }
        func cite(_ id: String, key: String, where match: (Endpoint) -> Bool) {
            let g = index(key)
            for e in groups[g].endpoints.indices where match(groups[g].endpoints[e]) && !groups[g].endpoints[e].requirementIDs.contains(id) {
                groups[g].endpoints[e].requirementIDs.append(id)
            }
        }
        func add(_ endpoint: Endpoint, key: String) -> Void {
            let g = index(key)
            if !groups[g].endpoints.contains(where: { $0.method == endpoint.method && $0.path == endpoint.path }) {
                groups[g].endpoints.append(endpoint)
            }
        }

        let matcher = EntityMatcher(model.entities.filter { !$0.isProfile }.map(\.term))
        for requirement in requirements {
            let text = requirement.description
            let lower = " " + text.lowercased() + " "
            let predicate = Self.predicate(text)
            let mentioned = matcher.entitiesInOrder(predicate).compactMap { model.entity($0) }
            let words = EntityMatcher.words(predicate)
            let firstEntityIndex = mentioned.first.flatMap { EntityMatcher.firstIndex(words, $0.term.words) } ?? words.count
            let verbs = words.prefix(firstEntityIndex).filter { DomainLexicon.verbKinds[$0] != nil }
            let recorded = mentioned.filter { lower.includes("every \($0.term.phrase) is recorded") }
            let id = requirement.id
            let notification = lower.includes("remind") || lower.includes("notif") || lower.includes(" alert") || lower.includes("trigger")

            if let object = mentioned.first {
                var others = Array(mentioned.dropFirst())
                for verb in verbs {
                    switch DomainLexicon.verbKinds[verb] {
                    case .create: cite(id, key: object.table) { $0.kind == .create }
                    case .read: cite(id, key: object.table) { $0.kind == .list || $0.kind == .read }
                    case .manage: cite(id, key: object.table) { [.list, .create, .read, .update, .delete].contains($0.kind) }
                    case .update: cite(id, key: object.table) { $0.kind == .update }
                    case .delete: cite(id, key: object.table) { $0.kind == .delete }
                    case .export:
                        add(Endpoint(method: "GET", path: "/\(object.resource)/export", description: "Export \(object.term.pluralPhrase) as CSV.", requirementIDs: [id], kind: .export, table: object.table, name: "export"), key: object.table)
                        cite(id, key: object.table) { $0.kind == .export }
                    case .action:
                        if !recorded.isEmpty {
                            cite(id, key: object.table) { $0.kind == .list || $0.kind == .read }
                        } else {
                            let name = verb == "check" ? "check-off" : verb
                            add(Endpoint(method: "POST", path: "/\(object.resource)/{id}/\(name)", description: "\(Term.capitalized(name.replacingHyphensWithSpaces())) \(Self.article(object.term.phrase)).", requirementIDs: [id], kind: .action, table: object.table, name: name), key: object.table)
                            cite(id, key: object.table) { $0.kind == .action && $0.name == name }
                        }
                    case nil:
                        break
                    }
                }
                if verbs.isEmpty {
                    if notification {
                        add(Endpoint(method: "POST", path: "/jobs/send-reminders", description: "Send the reminders that are due (called every 15 minutes by the scheduler with the service key).", requirementIDs: [id], kind: .job, table: nil, name: "send-reminders"), key: "jobs")
                        cite(id, key: "jobs") { $0.name == "send-reminders" }
                    } else if lower.includes("dashboard") {
                        addReport("dashboard", id: id, description: "Dashboard figures", into: &groups)
                    }
                    others.insert(object, at: 0)
                    if lower.includes("dashboard") || notification { others = [] }
                }
                let withIndex = words.firstIndex(of: "with")
                for other in others {
                    let position = EntityMatcher.firstIndex(words, other.term.words) ?? 0
                    if recorded.contains(where: { $0.table == other.table }) || (withIndex.map { position > $0 } ?? false) && verbs.contains(where: { DomainLexicon.verbKinds[$0] == .create || $0 == "manage" }) {
                        cite(id, key: other.table) { $0.kind == .create }
                    } else {
                        cite(id, key: other.table) { $0.kind == .list }
                    }
                }
                if lower.includes("dashboard") { addReport("dashboard", id: id, description: "Dashboard figures", into: &groups) }
            } else if lower.includes("personal data") || lower.includes("delete their account") {
                add(Endpoint(method: "GET", path: "/me/export", description: "Export every record about the signed-in person as JSON (right of access).", requirementIDs: [id], kind: .me, table: "profiles", name: "export"), key: "me")
                add(Endpoint(method: "DELETE", path: "/me", description: "Delete the signed-in person's account and personal data (right to erasure).", requirementIDs: [id], kind: .me, table: "profiles"), key: "me")
                cite(id, key: "me") { $0.path == "/me/export" || $0.method == "DELETE" }
            } else if lower.includes("sign") || lower.includes("log in") || lower.includes("password") || lower.includes("login") {
                cite(id, key: "me") { $0.path == "/me" && $0.method != "DELETE" }
            } else if lower.includes("dashboard") {
                addReport("dashboard", id: id, description: "Dashboard figures", into: &groups)
            } else if notification {
                add(Endpoint(method: "POST", path: "/jobs/send-reminders", description: "Send the reminders that are due (called every 15 minutes by the scheduler with the service key).", requirementIDs: [id], kind: .job, table: nil, name: "send-reminders"), key: "jobs")
                cite(id, key: "jobs") { $0.name == "send-reminders" }
            } else if verbs.contains(where: { DomainLexicon.verbKinds[$0] == .read }) || words.contains(where: { ["report", "statistic", "statistics", "analytics", "stat", "chart", "insight"].contains($0) }) {
                let slug = Self.reportSlug(words)
                addReport(slug, id: id, description: Term.capitalized(slug.replacingHyphensWithSpaces()), into: &groups)
            }
        }

        // An endpoint no requirement names explicitly serves the requirements about its entity.
        // Each requirement's predicate words are computed once: this runs for every endpoint.
        let predicateWords = requirements.map { (id: $0.id, words: EntityMatcher.words(Self.predicate($0.description))) }
        for g in groups.indices {
            for e in groups[g].endpoints.indices where groups[g].endpoints[e].requirementIDs.isEmpty {
                guard let table = groups[g].endpoints[e].table, let entity = model.entity(table: table) else { continue }
                var ids = predicateWords.filter { EntityMatcher.contains($0.words, entity.term.words) }.map(\.id)
                if ids.isEmpty {
                    let parents = entity.foreignKeys.compactMap { $0.referencedTable }.compactMap { model.entity(table: $0) }
                    ids = predicateWords.filter { r in parents.contains { !$0.isProfile && EntityMatcher.contains(r.words, $0.term.words) } }.map(\.id)
                }
                if ids.isEmpty, table == "profiles" {
                    ids = requirements.filter { $0.description.lowercased().includes("sign") }.map(\.id)
                }
                groups[g].endpoints[e].requirementIDs = Array(ids.prefix(3))
            }
        }
        return groups.flatMap(\.endpoints)
    }

    private func addReport(_ slug: String, id: String, description: String, into groups: inout [Group]) {
        guard let g = groups.firstIndex(where: { $0.key == "reports" }) else { return }
        if let e = groups[g].endpoints.firstIndex(where: { $0.name == slug }) {
            if !groups[g].endpoints[e].requirementIDs.contains(id) { groups[g].endpoints[e].requirementIDs.append(id) }
            return
        }
        groups[g].endpoints.append(Endpoint(method: "GET", path: "/reports/\(slug)", description: "\(description), computed from the caller's visible data.", requirementIDs: [id], kind: .report, table: nil, name: slug))
    }

    /// What a requirement says is done: the text after "… can ", or all of it.
    package static func predicate(_ text: String) -> String {
        text.firstRange(of: " can ").map { String(text[$0.upperBound...]) } ?? text
    }

    package static func reportSlug(_ words: [String]) -> String {
        let kept = words.filter { !DomainLexicon.stopWords.contains($0) && DomainLexicon.verbKinds[$0] == nil && !["report", "statistic", "statistics"].contains($0) || $0 == "statistics" }
        let slug = kept.prefix(3).joined(separator: "-")
        return slug.isEmpty ? "summary" : slug
    }

    package static func article(_ phrase: String) -> String {
        guard let first = phrase.first else { return phrase }
        return ("aeiou".contains(first) ? "an " : "a ") + phrase
    }
}
