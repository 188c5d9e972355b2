/// What the brief analyser understood: the facts every artifact is derived from.
struct BriefAnalysis: Sendable {
    /// A person or role who uses the product.
    struct Actor: Sendable, Hashable {
        var term: Term
        /// Also a record of the domain (a clinic's patients), not only someone who signs in.
        var isEntity: Bool
        /// Named as a role of another actor (`owner`, `admin` of a workspace member).
        var isRole: Bool
    }

    /// A record of the domain, with what the brief and the lexicon say about it.
    struct Entity: Sendable, Hashable {
        var term: Term
        /// Field specs in the lexicon's notation.
        var fields: [String]
        /// Entities this one belongs to (each becomes a foreign key).
        var parents: [Term]
        /// Entities this one may point at (a nullable foreign key), without belonging to them.
        var references: [Term] = []
        /// The actor this entity stands for, when it is an actor-entity.
        var actor: Term?
        /// Fields the brief says people search or filter by.
        var searchable: [String]
    }

    /// Something an actor does: verbs on an object.
    struct Feature: Sendable, Hashable {
        enum Kind: String, Sendable { case entity, report, dashboard, notification, auth, privacy, audit, integration }
        var kind: Kind
        var actor: Term
        var verbs: [String]
        /// The entities the feature acts on.
        var objects: [Term]
        /// Words of the object as written (`utilisation reports`) when it is not an entity.
        var objectPhrase: String
        /// The requirement sentence, as the PRD states it.
        var statement: String
        var priority: String
        /// The brief's sentence this feature was read from, as written.
        var source: String = ""
    }

    struct Integration: Sendable, Hashable {
        var kind: String
        var title: String
        var provider: String
        /// Providers or variants the brief names (`google` sign-in, `stripe`).
        var named: [String]
        var evidence: String
    }

    struct Quality: Sendable, Hashable {
        var kind: String
        var title: String
        var evidence: String
        /// `AA`/`AAA` for WCAG; empty otherwise.
        var level: String
    }

    var productName: String
    /// The brief's first sentence, for summaries.
    var pitch: String
    var actors: [Actor]
    var entities: [Entity]
    var features: [Feature]
    var integrations: [Integration]
    var qualities: [Quality]
    /// Scale figures as written (`50k patients`).
    var scale: [String]
    /// Explicit "must use …" statements.
    var constraints: [String]
    var budgetTier: String
    /// The entity that isolates customers' data (a workspace), if the brief has one.
    var tenant: Term?
    var brief: Brief

    func entity(_ term: Term) -> Entity? { entities.first { $0.term == term } }
    func has(quality kind: String) -> Bool { qualities.contains { $0.kind == kind } }
    func has(integration kind: String) -> Bool { integrations.contains { $0.kind == kind } }
    /// The actor who runs the product day to day (owner, admin, manager, lead, …): it gets the
    /// management requirements the brief leaves implicit.
    var managerActor: Term {
        let heads = ["owner", "admin", "administrator", "manager", "lead", "supervisor", "coordinator", "dispatcher", "librarian", "organizer", "organiser", "staff"]
        for head in heads {
            if let actor = actors.first(where: { $0.term.head == head }) { return actor.term }
        }
        return actors.first { !$0.isEntity && $0.term.snake != "user" }?.term ?? primaryActor
    }

    /// The actor most features belong to: the first actor that is not a pure role.
    var primaryActor: Term { actors.first { !$0.isRole }?.term ?? actors.first?.term ?? Term(words: ["user"]) }
}
