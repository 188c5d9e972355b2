/// What the brief analyser understood: the facts every artifact is derived from.
package struct BriefAnalysis: Sendable {
    /// A person or role who uses the product.
    package struct Actor: Sendable, Hashable {
        package var term: Term
        /// Also a record of the domain (a clinic's patients), not only someone who signs in.
        package var isEntity: Bool
        /// Named as a role of another actor (`owner`, `admin` of a workspace member).
        package var isRole: Bool
    }

    /// A record of the domain, with what the brief and the lexicon say about it.
    package struct Entity: Sendable, Hashable {
        package var term: Term
        /// Field specs in the lexicon's notation.
        package var fields: [String]
        /// Entities this one belongs to (each becomes a foreign key).
        package var parents: [Term]
        /// Entities this one may point at (a nullable foreign key), without belonging to them.
        package var references: [Term] = []
        /// The actor this entity stands for, when it is an actor-entity.
        package var actor: Term?
        /// Fields the brief says people search or filter by.
        package var searchable: [String]
    }

    /// Something an actor does: verbs on an object.
    package struct Feature: Sendable, Hashable {
        package enum Kind: String, Sendable { case entity, report, dashboard, notification, auth, privacy, audit, integration }
        package var kind: Kind
        package var actor: Term
        package var verbs: [String]
        /// The entities the feature acts on.
        package var objects: [Term]
        /// Words of the object as written (`utilisation reports`) when it is not an entity.
        package var objectPhrase: String
        /// The requirement sentence, as the PRD states it.
        package var statement: String
        package var priority: String
        /// The brief's sentence this feature was read from, as written.
        package var source: String = ""
    }

    package struct Integration: Sendable, Hashable {
        package var kind: String
        package var title: String
        package var provider: String
        /// Providers or variants the brief names (`google` sign-in, `stripe`).
        package var named: [String]
        package var evidence: String
    }

    package struct Quality: Sendable, Hashable {
        package var kind: String
        package var title: String
        package var evidence: String
        /// `AA`/`AAA` for WCAG; empty otherwise.
        package var level: String
    }

    package var productName: String
    /// The brief's first sentence, for summaries.
    package var pitch: String
    package var actors: [Actor]
    package var entities: [Entity]
    package var features: [Feature]
    package var integrations: [Integration]
    package var qualities: [Quality]
    /// Scale figures as written (`50k patients`).
    package var scale: [String]
    /// Explicit "must use …" statements.
    package var constraints: [String]
    package var budgetTier: String
    /// The entity that isolates customers' data (a workspace), if the brief has one.
    package var tenant: Term?
    package var brief: Brief

    package func entity(_ term: Term) -> Entity? { entities.first { $0.term == term } }
    package func has(quality kind: String) -> Bool { qualities.contains { $0.kind == kind } }
    package func has(integration kind: String) -> Bool { integrations.contains { $0.kind == kind } }
    /// The actor who runs the product day to day (owner, admin, manager, lead, …): it gets the
    /// management requirements the brief leaves implicit.
    package var managerActor: Term {
        let heads = ["owner", "admin", "administrator", "manager", "lead", "supervisor", "coordinator", "dispatcher", "librarian", "organizer", "organiser", "staff"]
        for head in heads {
            if let actor = actors.first(where: { $0.term.head == head }) { return actor.term }
        }
        return actors.first { !$0.isEntity && $0.term.snake != "user" }?.term ?? primaryActor
    }

    /// The actor most features belong to: the first actor that is not a pure role.
    package var primaryActor: Term { actors.first { !$0.isRole }?.term ?? actors.first?.term ?? Term(words: ["user"]) }
}
