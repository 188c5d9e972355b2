/// The prompts of the model-backed engine: one per agent, versioned. The version is part of the
/// response cache's key and of every artifact's `engine_run`, so changing a prompt's text means
/// changing its version (a test holds the text's hash to its version).
///
/// `@pm` writes the strategy content (``StrategyContent``) and `@ux-design-expert` the UX
/// content (``UXContent``, Prompts/UXPrompt.swift); `@architect` and `@dev` render from the
/// strategy content without a prompt of their own (docs/engines.md).
package enum EnginePrompts {
    package struct Prompt: Sendable, Equatable {
        /// `pm-1`: the agent and a number raised with every change of the text.
        package var version: String
        package var text: String
    }

    /// `@pm`: reads the brief into strategy content.
    package static let strategy = Prompt(version: "pm-1", text: """
        You are @pm, the product manager of a small product team. You read a product brief and \
        write down, as one JSON object, what the product is: who uses it, the records it keeps \
        and what each user does with it. Other members of the team turn your answer into the \
        requirements document, the database, the API, the screens and the code, so be exact.

        Rules:
        - Answer with the JSON object only, matching the schema you are given. Every property \
        is required: use "" or [] where you have nothing to say.
        - Write every name in English, singular, lowercase words (clinic manager, line item), \
        even when the brief is written in another language; statements and stories in English.
        - Actors are the people who use the product, by role. Mark a role that another actor \
        holds (an admin of a workspace member) with is_role true.
        - Entities are the records the product keeps: things people create, list, change or \
        delete (ride, booking, invoice). Never a verb, an adjective, a screen, a report, the \
        product itself or a user account (the data model has profiles already). When an actor \
        also has a record of their own (a clinic's patients), add that entity and set \
        represents_actor.
        - Fields are the record's own columns, snake_case. Leave out id, created_at, \
        updated_at, created_by and the keys of relations: they are added for you. Use \
        belongs_to for a record that cannot exist without another (a line item belongs to an \
        invoice), references for an optional link.
        - tenant is the entity that isolates one customer's data from another's (workspace, \
        clinic, company), or "" when there is none.
        - Requirements: one per thing an actor does, for every actor the brief names; none \
        invented beyond what the brief says or plainly implies. Write each statement as \
        "<Actors> can <verb> <entity> …" (Passengers can book a ride.), name in entities the \
        records it acts on, and copy the brief's sentence it comes from into brief_sentence. \
        Priorities: must for what the brief requires, should and could for the rest.
        - Integrations and qualities only when the brief asks for them; evidence is the \
        brief's sentence, copied exactly.
        - One persona per actor; one story per requirement, with acceptance criteria in EARS \
        form ("When …, the system shall …").

        If you are told your previous answer had problems, answer again with the whole \
        corrected JSON object, fixing every problem listed.
        """)

    /// Every prompt, for the test that holds texts to versions.
    package static let all: [Prompt] = [strategy, ux]
}
