/// Reads a brief and finds what the artifacts are built from: product name, actors and roles,
/// entities and their relations, features per actor, integrations, quality words, budget tier.
///
/// Heuristic and deterministic: a domain lexicon for common product nouns, noun-phrase rules for
/// unknown ones, and clause patterns (`ACTOR can VERB OBJECT with CHILD`, `X has Y`,
/// `assign X to Y`, `group X into Y`).
package struct BriefAnalyzer: Sendable {
    package init() {}

    /// Analyses a brief.
    ///
    /// - Throws: `AIOSError(.invalidInput)` when the brief names no actor, entity or feature the
    ///   analyser can use (for example only stop words or keyboard mashing).
    package func analyze(_ brief: Brief) throws(AIOSError) -> BriefAnalysis {
        if let language = Language.foreign(brief.spec) {
            throw AIOSError(
                .invalidInput,
                "The brief is written in \(language), not English: the builtin engine reads English briefs only. Write it in English, or run it with an LLM engine, which reads \(language).",
                details: ["path": "spec", "missing": .strings(["an English brief"]), "language": .string(language)])
        }
        var work = Work(brief: brief)
        work.run()
        guard !work.entities.isEmpty else {
            var missing = ["domain entities"]
            if work.actors.isEmpty { missing.insert("actors or roles", at: 0) }
            if work.features.isEmpty { missing.append("features (verb + object)") }
            let said = [work.actors.isEmpty ? "no users" : nil, "no records they work with", work.features.isEmpty ? "no actions" : nil].compactMap { $0 }
            throw AIOSError(
                .invalidInput,
                "The brief does not describe a product the engine can use: it names \(StrategyAgent.list(said)). Say who uses the product and what they do, e.g. \"Teachers create quizzes; students take them and see their scores.\"",
                details: [
                    "path": "spec",
                    "missing": .strings(missing),
                    "found_words": .integer(work.meaningfulWordCount),
                ])
        }
        return work.result()
    }

    /// Whether a sentence of a brief is no one's step (a verbless line, a price): see `Work.statesNoStep`.
    package static func statesNoStep(_ text: String) -> Bool { Work.statesNoStep(text) }
}

/// The analyser's working state; one value per analysis.
private struct Work {
    let brief: Brief
    let sentences: [Tokenizer.Sentence]
    let lowered: SearchText
    /// Each sentence as searchable text, in order.
    let sentenceTexts: [SearchText]

    var actors: [BriefAnalysis.Actor] = []
    var entities: [BriefAnalysis.Entity] = []
    var features: [BriefAnalysis.Feature] = []
    var roleHolder: Term? = nil
    var featureStatements: Set<String> = []
    /// Sentences that produced a clause feature; sentence-level rules skip them.
    var clauseSentences: Set<String> = []
    /// The subject of the last clause, for "they".
    var lastSubject: Term? = nil
    /// The sentence the last clause's subject was read in, and the sentence being read: a passive
    /// without an agent takes the actor of the clause before only from this sentence or the one before.
    var lastSubjectSentence = -10
    /// Whether the clause being read is the consequence of an `if`/`unless` condition: a passive
    /// in it without an agent is a rule of the product and takes no actor from the clauses before.
    var consequence = false
    /// Whether the clause being read is a `when`/`if`/`once`/`after` condition: a passive in it
    /// without an agent (`When a quote is accepted`) is no one's action and takes no actor from the
    /// clauses before (issue 18, session 8).
    var condition = false
    /// Nouns read as a state given to records (`flag spam`): no record in later clauses either.
    var states: Set<Term> = []
    var sentenceIndex = 0
    /// The subjects of clauses so far, latest last, once each (`both sides`).
    var recentSubjects: [Term] = []
    /// The records the last clause acted on, for "it" and "them".
    var recentObjects: [Term] = []
    /// Records named as objects or places, latest last, with whether they were written in the
    /// plural: "it" names the latest singular one, "them" the latest plural one.
    var mentions: [(term: Term, plural: Bool)] = []
    /// Entities made from a verb pattern (an assignment, an attempt): their parents come from
    /// the sentence, not from the lexicon.
    var joinEntities: Set<Term> = []
    /// Objects kept in a frame though the reader could not file them when read (`books a
    /// check-up`): the feature's statement and the object's words; `classifyPendingObjects`
    /// decides over the whole brief which of them are records.
    var pendingObjects: [(statement: String, words: [String])] = []
    var roles: [String] = []
    var meaningfulWordCount = 0
    /// The tagger's reading of each run of words tagged so far (`tags(of:)`).
    var taggedRuns: [[String]: [PartOfSpeech.Token]] = [:]
    /// Lines under a heading that sets a priority (`## Nice to have`).
    let sections: [(words: [String], priority: String)]
    /// Whether the brief mentions a lexicon name, kept per name (see `preferredName`).
    let mentionMemo = MentionMemo()

    final class MentionMemo {
        var known: [String: Bool] = [:]
    }

    init(brief: Brief) {
        self.brief = brief
        self.sentences = Tokenizer.sentences(brief.spec).map { Self.withArticlesRestored(Self.withSlashedVerbsAsOr($0)) }
        self.lowered = SearchText(brief.spec)
        self.sentenceTexts = sentences.map { SearchText($0.text) }
        self.sections = Self.sections(brief.spec)
    }

    /// `the surgery approves/rejects the request`: two verbs of the same form joined by a slash
    /// are two verbs, read as `approves or rejects`. Nouns after a determiner (`the date/time`)
    /// stay as written.
    static func withSlashedVerbsAsOr(_ sentence: Tokenizer.Sentence) -> Tokenizer.Sentence {
        var tokens = sentence.tokens
        for k in tokens.indices.dropFirst().dropLast() where tokens[k].text == "/" && tokens[k - 1].isWord && tokens[k + 1].isWord {
            let before = tokens[k - 1].text, after = tokens[k + 1].text
            guard let first = verb(before), let second = verb(after), !DomainLexicon.stopWords.contains(before), !DomainLexicon.stopWords.contains(after),
                  (before == first) == (after == second), k < 2 || !thingDeterminers.contains(tokens[k - 2].text) else { continue }
            tokens[k] = Tokenizer.Token(text: "or", original: "or", isWord: true)
        }
        return Tokenizer.Sentence(tokens: tokens, text: sentence.text)
    }

    /// `- pharmacist checks the bag`, `…, surgery approves it`: a note drops the article of a
    /// subject; a singular common noun (written in lower case) that opens a clause before a verb
    /// in the third person is read with `the`, as the clause reader expects a subject.
    static func withArticlesRestored(_ sentence: Tokenizer.Sentence) -> Tokenizer.Sentence {
        let tokens = sentence.tokens
        // A candidate first, without the tagger (most of the reader's cost): a lowercase word that
        // is no verb, opening the sentence or a part after a comma, before a word in `s`.
        func candidate(_ k: Int) -> Bool {
            (k == 0 || tokens[k - 1].text == ",") && k + 1 < tokens.count && tokens[k].isWord && tokens[k].original.first?.isLowercase == true
                && tokens[k + 1].text.hasSuffix("s") && verb(tokens[k].text) == nil && !DomainLexicon.stopWords.contains(tokens[k].text)
                && !auxiliaries.contains(tokens[k + 1].text)
        }
        guard tokens.indices.contains(where: candidate) else { return sentence }
        let tags = tagged(tokens)
        guard tags.count == tokens.count else { return sentence }
        var kept: [Tokenizer.Token] = []
        for k in tokens.indices {
            // A noun that is also a verb may be one of a list of verbs (`borrow books, reserve books`).
            if candidate(k), tags[k].tag == "NN",
               // The tagger reads a verb after a bare noun as a plural noun as often (`checks/NNS`).
               tags[k + 1].tag == "VBZ" || tags[k + 1].tag == "NNS" && tokens[k + 1].text.hasSuffix("s") && verb(tokens[k + 1].text).map({ $0 != tokens[k + 1].text }) == true {
                kept.append(Tokenizer.Token(text: "the", original: "the", isWord: true))
            }
            kept.append(tokens[k])
        }
        return kept.count == tokens.count ? sentence : Tokenizer.Sentence(tokens: kept, text: sentence.text)
    }

    static let nounIndex: [String: Int] = {
        var index: [String: Int] = [:]
        for (i, noun) in DomainLexicon.nouns.enumerated() {
            for phrase in [noun.name] + noun.aliases where index[phrase] == nil { index[phrase] = i }
        }
        return index
    }()

    static let actorIndex: [String: Bool] = {
        var index: [String: Bool] = [:]
        for actor in DomainLexicon.actors where index[actor.name] == nil { index[actor.name] = actor.entity }
        return index
    }()

    /// Verbs that take their object after a preposition (`reply to tickets`, `sign up for shifts`).
    static let particles: [(verb: String, particle: String)] = [
        ("reply", "to"), ("respond", "to"), ("comment", "on"), ("vote", "on"), ("vote", "for"), ("apply", "to"), ("apply", "for"),
        ("subscribe", "to"), ("enroll", "in"), ("enrol", "in"), ("register", "for"), ("sign", "up"), ("sign up", "for"),
        ("look", "up"), ("look", "for"), ("drop", "off"), ("check", "in"), ("book", "in"), ("clock", "in"), ("clock", "out"), ("clock", "on"), ("clock", "off"),
        ("sign", "in"), ("sign", "out"), ("log", "in"), ("log", "out"), ("log", "off"), ("check", "out"), ("pick", "up"), ("hand", "in"), ("top", "up"), ("tick", "off"), ("check", "off"), ("cross", "off"), ("search", "for"), ("ask", "for"), ("pay", "for"), ("chat", "with"), ("message", "about"),
        ("turn", "down"), ("sign", "off"), ("pass", "on"), ("hand", "over"), ("pay", "out"), ("send", "back"), ("send", "out"), ("follow", "up"), ("write", "up"),
        ("fill", "in"), ("fill", "out"), ("set", "up"), ("put", "up"), ("take", "down"), ("turn", "up"), ("turn up", "for"), ("hand", "out"), ("give", "back"), ("call", "back"), ("take", "in"), ("bring", "in"),
        // "gets rid of old stock": one verb, to dispose of, whose object follows "of".
        ("get", "rid"), ("get rid", "of"),
        // Verbs with a preposition that takes the object (`goes through the takings`, `deals with complaints`).
        ("make", "up"), ("go", "through"), ("go", "over"), ("withdraw", "from"), ("look", "at"), ("look", "through"), ("deal", "with"), ("work", "through"), ("sort", "through"),
    ]

    /// Adverb particles of phrasal verbs (`put down`, `throw away`, `write down`, `cross out`).
    static let adverbParticles: Set<String> = ["down", "away", "out", "off", "back"]

    static let modals: Set<String> = ["can", "may", "should", "must", "will", "also", "then", "only", "easily", "quickly", "able", "to", "be", "are", "want", "wants", "need", "needs", "shall", "could", "would", "directly", "instantly", "securely", "each", "all", "either",
                                          // Adverbs of time that stand before a verb ("and afterwards logs each dive").
                                          "afterwards", "later", "finally", "usually", "always", "immediately", "normally", "often", "sometimes"]

    // MARK: - Lookups

    /// The base form of a verb as written, from the general English verb lexicon
    /// (`borrows`, `approved`, `scheduling`, `lent`), or nil.
    static func verb(_ word: String) -> String? {
        if DomainLexicon.verbKinds[word] != nil { return word }
        let base = Inflector.singular(word)
        if DomainLexicon.verbKinds[base] != nil { return base }
        if word.hasSuffix("es"), DomainLexicon.verbKinds[String(word.dropLast(2))] != nil { return String(word.dropLast(2)) }
        return EnglishVerbs.base(of: word)
    }

    /// Whether a word read where a noun could stand is a verb there: an inflected form
    /// (`approved`, `scheduling`, `lent`) or a verb that is rarely a noun (`describe`, `keep`).
    /// A verb that is as often a noun (`walk`, `swap`) is a noun in the plural or after a
    /// determiner (`the plays`, `a swap`).
    static func isVerbNotNoun(_ word: String, determined: Bool) -> Bool {
        guard let base = verb(word) else { return false }
        if EnglishVerbs.isInflected(word) { return true }
        // After a determiner or another word of the phrase ("the language pairs"), a base or
        // plural form is a noun.
        if determined, word != base || !EnglishVerbs.isPureVerb(base) { return false }
        if EnglishVerbs.isNounVerb(base) { return !(determined || (word != base && Inflector.singular(word) == base)) }
        return true
    }

    /// Lexicon nouns that keep the lexicon's name whatever the brief calls them: they carry
    /// tenancy and membership.
    static let canonicalNouns: Set<String> = ["workspace", "member", "audit log"]

    /// A lexicon alias gives way to the lexicon's own name when the brief uses that name too
    /// (`apartments` and `listings`: listing).
    func preferredName(_ term: Term) -> Term {
        guard let index = Self.nounIndex[term.phrase] else { return term }
        let name = DomainLexicon.nouns[index].name
        guard name != term.phrase else { return term }
        // Asked once per clause: a name the brief does not use would be searched for through the
        // whole brief every time, so each answer is kept.
        let mentioned = mentionMemo.known[name] ?? {
            let found = lowered.mentions(name)
            mentionMemo.known[name] = found
            return found
        }()
        return mentioned ? Term(parsing: name) : term
    }

    /// The lexicon's name for an entity found under an alias, else its own phrase.
    static func canonical(_ term: Term) -> String {
        nounIndex[term.phrase].map { DomainLexicon.nouns[$0].name } ?? term.phrase
    }

    /// The entity a lexicon noun found in the brief names: the brief's own words (`episode`,
    /// `quote`), with the lexicon's fields and parents found through its alias.
    static func lexiconTerm<Words: Collection<String>>(_ noun: DomainLexicon.Noun, _ words: Words) -> Term {
        if canonicalNouns.contains(noun.name) { return Term(parsing: noun.name) }
        let term = Term(words: Array(words))
        return nounIndex[term.phrase] != nil ? term : Term(parsing: noun.name)
    }

    /// An entity already found for the same lexicon noun under another of its names
    /// (`rating` after `review`), or the term itself.
    static func sameLexiconEntity(_ term: Term, in entities: [BriefAnalysis.Entity]) -> Term {
        guard let index = nounIndex[term.phrase] else { return term }
        return entities.first { $0.term == term || ($0.actor == nil && nounIndex[$0.term.phrase] == index) }?.term ?? term
    }

    /// The lexicon noun that a phrase of words ends with (longest match), and its length.
    static func lexiconNoun<Words: RandomAccessCollection<String>>(endingAt words: Words) -> (noun: DomainLexicon.Noun, length: Int)? {
        for length in stride(from: min(3, words.count), through: 1, by: -1) {
            var phrase = Array(words.suffix(length))
            phrase[phrase.count - 1] = Inflector.singular(phrase[phrase.count - 1])
            if let i = nounIndex[phrase.joined(separator: " ")] { return (DomainLexicon.nouns[i], length) }
        }
        return nil
    }

    /// The lexicon noun that starts at `words[i]` (longest match, up to three words).
    static func lexiconNoun(startingAt i: Int, in words: [String]) -> (noun: DomainLexicon.Noun, length: Int)? {
        for length in stride(from: min(3, words.count - i), through: 2, by: -1) {
            var phrase = Array(words[i..<(i + length)])
            phrase[phrase.count - 1] = Inflector.singular(phrase[phrase.count - 1])
            if let found = nounIndex[phrase.joined(separator: " ")] { return (DomainLexicon.nouns[found], length) }
        }
        return nil
    }

    /// The actor named at `words[i]`: a two-word role (`clinic managers`), a compound with a
    /// role head, or a single word.
    static func actor(at i: Int, in words: [String]) -> (term: Term, entity: Bool, length: Int)? {
        if i + 1 < words.count {
            let second = Inflector.singular(words[i + 1])
            let pair = words[i] + " " + second
            if let entity = actorIndex[pair] { return (Term(words: [words[i], second]), entity, 2) }
            if DomainLexicon.compoundRoleHeads.contains(second), !DomainLexicon.stopWords.contains(words[i]),
               // "finance lead", "sales manager": a department may name the compound's first word, also one the lexicon knows as an actor.
               !DomainLexicon.modifiers.contains(words[i]), actorIndex[words[i]] == nil || EnglishWords.departments.contains(words[i]), verb(words[i]) == nil {
                return (Term(words: [words[i], second]), false, 2)
            }
        }
        // "a copy editor", "the claims handler", "the fraud officer": a noun before a person noun makes a compound role.
        if i + 1 < words.count, case let second = Inflector.singular(words[i + 1]), actorIndex[second] != nil || EnglishWords.personNouns.contains(second),
           actorIndex[words[i]] == nil, !EnglishWords.ordinals.contains(words[i]),
           !DomainLexicon.stopWords.contains(words[i]), !DomainLexicon.modifiers.contains(words[i]), !isPersonNoun(Inflector.singular(words[i])),
           // After a determiner only: a heading's last word before a sentence's subject ("Communication Coaches …") is no modifier.
           // A hyphenated compound ("Pick-up drivers", "night-shift nurses") is one without it; one
           // made of a participle ("locked-out customers", "self-employed drivers") says a state.
           i > 0 && ["the", "a", "an", "each", "every", "any", "our", "their", "your", "its"].contains(words[i - 1])
               || words[i].contains("-") && !words[i].split(separator: "-").contains { EnglishVerbs.isInflected(String($0)) },
           !EnglishWords.adverbsAndAdjectives.contains(words[i]), !EnglishVerbs.isInflected(words[i]), !words[i].hasSuffix("ly"),
           words[i].count > 2, !words[i].allSatisfy(\.isNumber) {
            return (Term(words: [words[i], second]), actorIndex[second] ?? false, 2)
        }
        let single = Inflector.singular(words[i])
        if let entity = actorIndex[single] { return (Term(words: [single]), entity, 1) }
        return nil
    }

    /// A noun that names a person: a lexicon role, a general person noun (`clerk`, `officer`),
    /// or an agent noun made from a verb (`adjuster`, `handler`, `supervisor`) or in `-ist`, `-ian`, `-eer`.
    static func isPersonNoun(_ word: String) -> Bool {
        if actorIndex[word] != nil || EnglishWords.personNouns.contains(word) { return true }
        guard word.count > 5, lexiconNoun(endingAt: [word]) == nil, verb(word) == nil, !EnglishWords.thingsInEr.contains(word) else { return false }
        // A list is a thing (`checklist`, `playlist`: a word and `list`); `journalist`, `stylist` are people.
        if word.hasSuffix("list"), case let stem = String(word.dropLast(4)), stem.count >= 3 {
            return verb(stem) == nil && lexiconNoun(endingAt: [stem]) == nil && !EnglishWords.adverbsAndAdjectives.contains(stem)
        }
        if word.hasSuffix("ist") { return !word.hasSuffix("list") }
        if word.hasSuffix("ian") || word.hasSuffix("eer") { return true }
        // "foreman", "chairman", "fisherman", "spokeswoman", "chairperson".
        if word.hasSuffix("person") || (word.hasSuffix("man") && Inflector.isCompoundOfMan(word)) { return true }
        for suffix in ["er", "or", "r"] where word.hasSuffix(suffix) {
            let stem = String(word.dropLast(suffix.count))
            if stem.count >= 4, let base = EnglishVerbs.base(of: stem), base == stem || base == stem + "e" { return true }
            if stem.count >= 4, EnglishVerbs.base(of: stem + "e") != nil { return true }
        }
        return false
    }

    /// Articles and possessives: the word right after one is a noun.
    static let articles: Set<String> = ["a", "an", "the", "their", "his", "her", "our", "your", "my", "its", "each", "every", "any"]

    enum Resolution { case entity(Term), actor(Term, Bool), other(String), none }

    /// What a noun phrase names: a lexicon entity, an actor, a non-entity (reports), an unknown
    /// noun (becomes an entity) or nothing.
    /// - Parameter object: The phrase is the object of a verb ("swap produce"): a word that is
    ///   also a verb is a noun there, as it is after a determiner.
    /// - Parameter article: An article or a possessive stood right before the phrase (`a query`).
    static func resolve(_ phrase: [String], object: Bool = false, article afterArticle: Bool = false) -> Resolution {
        let words = phrase.filter { !DomainLexicon.modifiers.contains($0) }
        guard let last = words.last else { return .none }
        // "judge a learner ready", "keep the room clean": an adjective after the object is its complement.
        if words.count >= 2, phrase.last == last, EnglishWords.complements.contains(last) {
            return resolve(Array(phrase.dropLast()), object: object)
        }
        // "the seating plan", "tasting notes": a gerund before a noun names a thing of its own with it.
        if words.count >= 2, case let previous = words[words.count - 2], previous.hasSuffix("ing"), EnglishVerbs.isInflected(previous) || previous.count > 6,
           !EnglishWords.adverbsAndAdjectives.contains(previous),
           lexiconNoun(endingAt: words.suffix(2))?.length != 2, lexiconNoun(endingAt: [previous]) == nil, actor(at: words.count - 1, in: words) == nil,
           !DomainLexicon.nonEntities.contains(Inflector.singular(last)), verb(last) == nil || EnglishVerbs.isNounVerb(Inflector.singular(last)) {
            return .entity(Term(words: [previous, Inflector.singular(last)]))
        }
        if let (noun, length) = lexiconNoun(endingAt: words) { return .entity(lexiconTerm(noun, words.suffix(length))) }
        if let found = actor(at: words.count - 1, in: words) { return .actor(found.term, found.entity) }
        if words.count >= 2, let found = actor(at: words.count - 2, in: words), found.length == 2 { return .actor(found.term, found.entity) }
        let head = Inflector.singular(last)
        if DomainLexicon.nonEntities.contains(head) || DomainLexicon.nonEntities.contains(last) {
            return .other(phrase.joined(separator: " "))
        }
        // "raises a query", "enters the total": after an article or a possessive, a verb in its base
        // form is a noun, though the lexicon knows it mostly as a verb.
        let article = (afterArticle && words.count == 1 || phrase.count >= 2 && phrase.last == last && Self.articles.contains(phrase[phrase.count - 2]))
            && !EnglishVerbs.isInflected(last)
        // "publish the ranking", "see all spending": a gerund as an object names the activity, an
        // object but no record of its own.
        if words.count == 1, object || phrase.count > words.count, last.hasSuffix("ing"), EnglishVerbs.isInflected(last) {
            return .other(phrase.joined(separator: " "))
        }
        if DomainLexicon.stopWords.contains(head) || (head.count < 3 && !EnglishWords.twoLetterNouns.contains(head)) || head.contains("-") || head.allSatisfy({ $0.isNumber })
            // An adverb in -ly takes no plural and no determiner: "families", "each supply" are nouns.
            || (head.hasSuffix("ly") && last == head && phrase.count == words.count)
            || (!article && isVerbNotNoun(last, determined: object || phrase.count > words.count || words.count >= 2))
            // A product is one: a product word in the plural ("hot desks", "grooming services") names records.
            || (DomainLexicon.productKinds.contains(head) && (last == head || !Inflector.isPlural(last)))
            // "always" is no plural of "alway".
            || EnglishWords.adverbsAndAdjectives.contains(head) || EnglishWords.adverbsAndAdjectives.contains(last) {
            return .none
        }
        // "the maximum depth", "the water temperature": a measure is a property of a record, no record of its own.
        if EnglishWords.measures.contains(head) { return .other(phrase.joined(separator: " ")) }
        // "anything broken", "someone": an indefinite pronoun names no record.
        if EnglishWords.indefinitePronouns.contains(last) { return .other(phrase.joined(separator: " ")) }
        // "inspection records", "maintenance records": the records of a noun are that noun.
        if words.count >= 2, head == "record", case let previous = words[words.count - 2], isPlainNoun(previous), Inflector.isPlural(last) {
            return resolve(Array(words.dropLast()), object: object)
        }
        // "language pair", "show note": a head that is also a verb is named with the noun before it.
        if words.count >= 2, verb(last) != nil, case let previous = words[words.count - 2], previous.count > 2,
           verb(previous) == nil, !DomainLexicon.stopWords.contains(previous), !EnglishWords.adverbsAndAdjectives.contains(previous),
           !previous.hasSuffix("ly"), !(previous.first?.isNumber ?? true), actor(at: 0, in: [previous]) == nil {
            return .entity(Term(words: [previous, head]))
        }
        return .entity(Term(words: [head]))
    }

    // MARK: - Registration

    /// The actor a name means: `agent` is the `support agent` already named.
    func canonicalActor(_ term: Term) -> Term {
        if term.words.count == 1, let existing = actors.first(where: { $0.term.words.count > 1 && $0.term.head == term.head }) { return existing.term }
        return term
    }

    mutating func addActor(_ term: Term, entity: Bool, role: Bool) {
        let term = canonicalActor(term)
        if let i = actors.firstIndex(where: { $0.term == term }) {
            if role { actors[i].isRole = true; actors[i].isEntity = false }
            return
        }
        actors.append(.init(term: term, isEntity: entity && !role, isRole: role))
    }

    @discardableResult
    mutating func addEntity(_ term: Term, actor: Term? = nil) -> Term {
        let term = actor == nil ? Self.sameLexiconEntity(preferredName(term), in: entities) : term
        if let i = entities.firstIndex(where: { $0.term == term }) {
            if let actor, entities[i].actor == nil {
                entities[i].actor = actor
                if Self.nounIndex[term.phrase].map({ DomainLexicon.nouns[$0].name != term.phrase }) ?? true { entities[i].fields = ["full_name:text", "email:email:optional"] }
            }
            return term
        }
        // A person whose name the lexicon files under another record (a tenant is no workspace) gets a person's fields.
        let noun = Self.nounIndex[term.phrase].map { DomainLexicon.nouns[$0] }.flatMap { actor == nil || Term(parsing: $0.name) == term ? $0 : nil }
        let fields = noun?.fields ?? (actor != nil ? ["full_name:text", "email:email:optional"] : ["name:text", "description:longtext:optional"])
        entities.append(.init(term: term, fields: fields, parents: [], references: [], actor: actor, searchable: []))
        return term
    }

    /// Records a feature once: a brief that repeats itself states each feature once.
    mutating func addFeature(_ feature: BriefAnalysis.Feature) {
        var feature = feature
        feature.statement = Self.withoutAdditiveAdverb(feature.statement)
        guard featureStatements.insert(feature.statement.lowercased()).inserted else { return }
        features.append(feature)
    }

    /// "online customers can buy gift boxes too": an adverb that adds the clause to what was said
    /// before (`too`, `also`, `as well`, `either`) is no part of the requirement's text, at its end
    /// or before the parenthesis that names its record ("… them too (gift boxes).").
    static func withoutAdditiveAdverb(_ statement: String) -> String {
        let adverbs = [" too", " also", " as well", " either"]
        var head = statement.withoutFinalPeriod()
        var rest = ""
        if head.hasSuffix(")"), let open = head.lastIndex(of: "("), open > head.startIndex, head[head.index(before: open)] == " " {
            rest = String(head[head.index(before: open)...])
            head = String(head[..<head.index(before: open)])
        }
        for adverb in adverbs where head.lowercased().hasSuffix(adverb) && head.count > adverb.count + 8 {
            head = String(head.dropLast(adverb.count))
            while head.hasSuffix(",") { head = String(head.dropLast()) }
            return head + rest + "."
        }
        return statement
    }

    mutating func addParent(_ parent: Term, to child: Term) {
        guard parent != child, let i = entities.firstIndex(where: { $0.term == child }) else { return }
        if !entities[i].parents.contains(parent) { entities[i].parents.append(parent) }
    }

    mutating func addField(_ spec: String, to term: Term) {
        guard let i = entities.firstIndex(where: { $0.term == term }) else { return }
        let name = String(spec.prefix { $0 != ":" })
        if let existing = entities[i].fields.firstIndex(where: { $0.hasPrefix(name + ":") }) {
            entities[i].fields[existing] = spec
        } else {
            entities[i].fields.append(spec)
        }
    }

    /// Resolves a noun phrase, also by the last word of an entity already found (`each request`
    /// after `leave requests`) and by `attendee list` meaning the attendees.
    /// Nouns that are no record when read or mentioned (`see reports`), but are one when
    /// someone makes or acts on them (`researchers submit reports`, `walkers publish their
    /// availability`). A card is paid by (`pay by card`) and handled (`cashiers top up cards`).
    static let recordsWhenActedOn: Set<String> = [
        "report", "request", "message", "slot", "balance", "availability", "score", "rule", "result", "answer",
        "content", "confirmation", "notification", "reminder", "alert", "statistic", "cost", "fee", "share", "deadline", "summary",
        "card",
    ]

    /// Heads that name a property, a time, a measure or the product: no record even when acted on
    /// and named with a noun before them (`the delivery date`, `the order total`, `the booking system`).
    static let propertyHeads: Set<String> = [
        "name", "number", "amount", "price", "total", "title", "description", "status", "priority", "type", "kind", "weight", "date", "time",
        "day", "week", "month", "year", "hour", "minute", "second", "way", "thing", "app", "application", "system", "platform", "product", "tool",
        "service", "website", "page", "screen", "feature", "email", "sms", "phone", "code", "link", "csv", "pdf", "excel", "online", "web",
        "mobile", "detail", "information", "info", "access", "role", "permission", "password", "login", "sign", "everything", "something",
        "rate", "progress", "history", "data", "list", "city", "availability", "utilisation", "utilization", "support",
    ]

    func resolveInContext(_ phrase: [String], verbs: [String] = [], article: Bool = false) -> Resolution {
        var words = phrase.filter { !DomainLexicon.modifiers.contains($0) }
        // "the member list" is the members; "the waiting list" (a gerund before it) is a list of its own.
        if words.count >= 2, ["list", "lists", "roster", "directory"].contains(words[words.count - 1]), !EnglishVerbs.isInflected(words[words.count - 2]) {
            words.removeLast()
            words[words.count - 1] = Inflector.singular(words[words.count - 1])
        }
        // The determiners go along: "the file" is a noun where "file" alone may be a verb.
        let resolution = Self.resolve(phrase.filter { DomainLexicon.modifiers.contains($0) } + words, object: !verbs.isEmpty, article: article)
        switch resolution {
        case .entity, .actor:
            return resolution
        default:
            guard let last = words.last else { return resolution }
            let head = Inflector.singular(last)
            for entity in entities {
                let names = [entity.term.phrase] + (Self.nounIndex[entity.term.phrase].map { DomainLexicon.nouns[$0].aliases } ?? [])
                if names.contains(where: { $0.split(separator: " ").last.map(String.init) == head }) { return .entity(entity.term) }
            }
            // "blocks the fuel card", "pays the renewal fee": a noun before such a head names a record of its own.
            let compound = words.count >= 2 && Self.isPlainNoun(words[words.count - 2]) && !Self.propertyHeads.contains(head)
                && !EnglishWords.measures.contains(head) && !EnglishWords.indefinitePronouns.contains(last) && !DomainLexicon.stopWords.contains(head)
                && !["one", "ones", "other", "others", "lot"].contains(last) && Self.actor(at: 0, in: [words[words.count - 2]]) == nil
            if case .other = resolution, Self.recordsWhenActedOn.contains(head) || compound,
               verbs.contains(where: { ![.read, .export].contains(DomainLexicon.verbKinds[$0]) }) {
                // Numbers qualify, they name nothing ("10-visit cards" is visit cards; a table name starts with a letter).
                let kept = words.filter { !DomainLexicon.stopWords.contains($0) && !EnglishWords.adverbsAndAdjectives.contains($0) && !($0.first?.isNumber ?? true) }
                if !kept.isEmpty { return .entity(Term(words: kept)) }
            }
            return resolution
        }
    }

    /// Turns a resolved noun phrase into an entity term (actor-entities included).
    mutating func entityTerm(for resolution: Resolution) -> Term? {
        switch resolution {
        case .entity(let term):
            if Self.actorIndex[term.phrase] == true, !actors.contains(where: { $0.term == term && $0.isRole }) {
                addActor(term, entity: true, role: false)
                return addEntity(term, actor: term)
            }
            return addEntity(term)
        case .actor(let term, let isEntity):
            addActor(term, entity: isEntity, role: false)
            guard isEntity else { return nil }
            return addEntity(term, actor: term)
        case .other, .none:
            return nil
        }
    }

    // MARK: - Passes

    mutating func run() {
        meaningfulWordCount = sentences.flatMap(\.words).filter { !DomainLexicon.stopWords.contains($0) && $0.count > 2 }.count
        findRoles()
        for (index, sentence) in sentences.enumerated() {
            sentenceIndex = index
            let before = features.count
            findClauses(in: sentence)
            findTaggedClauses(in: sentence, featuresFrom: before)
            findObjectRelatives(in: sentence, featuresFrom: before)
        }
        classifyPendingObjects()
        for sentence in sentences { findHasRelations(in: sentence) }
        for sentence in sentences { findLooseEntities(in: sentence) }
        for sentence in sentences { findCountedThings(in: sentence) }
        for sentence in sentences { findRecordsMadeByVerbs(in: sentence) }
        guard !entities.isEmpty else { return }
        if actors.isEmpty { addActor(Term(words: ["user"]), entity: false, role: false) }
        if qualityKinds.contains("audit") || qualityKinds.contains("hipaa") { addEntity(Term(words: ["audit", "log"])) }
        applyLexiconParents()
        applyTenant()
        for sentence in sentences { findSentenceFeatures(in: sentence) }
        dropNonFunctionalEntities()
    }

    /// Whether a sentence states a constraint or a quality (`must run on the council's own
    /// servers`, `work offline in the galleries`, `Data stays in the EU and is encrypted`) rather
    /// than only what people do with the product.
    func isNonFunctional(_ index: Int) -> Bool {
        let lower = " " + sentences[index].text.lowercased() + " "
        if Self.constraintMarkers.contains(where: { lower.includes($0) }) { return true }
        return DomainLexicon.qualities.contains { quality in
            !DomainLexicon.domainWordQualities.contains(quality.kind) && quality.triggers.contains { sentenceTexts[index].mentions($0) }
        }
    }

    /// A thing named only in sentences that state constraints or qualities (servers, galleries,
    /// stock levels), that no feature acts on and no record belongs to or points at, is no record
    /// the product keeps (issue 18, "nothing invented"): no entity, so no assumed create, view,
    /// update and delete either.
    /// A parent kept only for such a thing (`the county's own servers`) goes with it.
    mutating func dropNonFunctionalEntities() {
        let acted = Set(features.flatMap(\.objects))
        // Read a sentence's words and kind only for the few candidates (most records are acted on).
        var sentenceWords: [[String]?] = Array(repeating: nil, count: sentences.count)
        var nonFunctional: [Bool?] = Array(repeating: nil, count: sentences.count)
        while true {
            let linked = Set(entities.flatMap { $0.parents + $0.references })
            var gone = Set<Term>()
            for entity in entities where entity.actor == nil && !acted.contains(entity.term) && !linked.contains(entity.term)
                // The audit log is the product's own, kept because a quality asks for it.
                && entity.term.snake != "audit_log" {
                var named = false, onlyThere = true
                for index in sentences.indices {
                    let words = sentenceWords[index] ?? EntityMatcher.words(sentences[index].text)
                    sentenceWords[index] = words
                    guard EntityMatcher.contains(words, entity.term.words) else { continue }
                    named = true
                    let stated = nonFunctional[index] ?? isNonFunctional(index)
                    nonFunctional[index] = stated
                    if !stated { onlyThere = false; break }
                }
                if named, onlyThere { gone.insert(entity.term) }
            }
            guard !gone.isEmpty else { return }
            entities.removeAll { gone.contains($0.term) }
        }
    }

    /// `members with roles (owner, admin, accountant)`: the roles become actors and a `role`
    /// enum on the entity that holds them.
    mutating func findRoles() {
        for sentence in sentences {
            let tokens = sentence.tokens
            for (i, token) in tokens.enumerated() where token.text == "roles" || token.text == "role" {
                var j = i + 1
                while j < tokens.count, ["such", "as", "like", "of", "including", ":"].contains(tokens[j].text) { j += 1 }
                guard j < tokens.count, tokens[j].text == "(" || tokens[j].isWord else { continue }
                let closing = tokens[j].text == "(" ? ")" : "."
                if tokens[j].text == "(" { j += 1 }
                var found: [String] = []
                var current: [String] = []
                while j < tokens.count, tokens[j].text != closing {
                    let word = tokens[j].text
                    if word == "," || word == "and" || word == "or" || word == "/" {
                        if !current.isEmpty { found.append(current.joined(separator: " ")) }
                        current = []
                    } else if tokens[j].isWord, !DomainLexicon.stopWords.contains(word) || word == "owner" {
                        current.append(Inflector.singular(word))
                    }
                    j += 1
                }
                if !current.isEmpty { found.append(current.joined(separator: " ")) }
                guard found.count >= 2 else { continue }
                let words = sentence.words
                if let position = words.firstIndex(where: { $0 == "role" || $0 == "roles" }) {
                    let before = Array(words[..<position]).filter { $0 != "with" }
                    for k in stride(from: before.count - 1, through: 0, by: -1) {
                        if let holder = Self.actor(at: k, in: before), holder.entity {
                            roleHolder = holder.term
                            break
                        }
                    }
                }
                for role in found where roles.count < 8 {
                    roles.append(role.split(separator: " ").joined(separator: "_"))
                    addActor(Term(parsing: role), entity: false, role: true)
                }
                return
            }
        }
    }

    /// Words that open a subordinate clause (`When a walk ends, …`, `…, once a client accepts it, …`).
    static let subordinators: Set<String> = ["when", "whenever", "once", "after", "before", "if", "while", "until", "as soon as"]

    /// `When/Once/After … , MAIN CLAUSE`: the subordinate clause is read on its own, up to its
    /// comma, and the main clause after it.
    mutating func findClauses(in sentence: Tokenizer.Sentence) {
        if readHastyLine(sentence) { return }
        // "- Approve timesheets (managers)", "Coordinators: assign volunteers to shifts".
        if readImperative(sentence) { return }
        let tokens = freeRelativeAsUser(Self.withListedExamplesAsOne(sentence.tokens))
        // "Renewing a licence is done by the holder": the agent does what the gerund says.
        if let active = gerundSubjectClause(tokens) {
            findClauses(active, sentence: sentence)
            return
        }
        // "The clerk who receives a claim files it": the relative clause and the main clause are
        // each the subject's clause.
        if let (subject, relative, main) = relativeSplit(tokens) {
            if !relative.isEmpty { findClauses(in: Tokenizer.Sentence(tokens: subject + relative, text: sentence.text)) }
            findClauses(in: Tokenizer.Sentence(tokens: subject + main, text: sentence.text))
            return
        }
        // "When a quote is accepted it becomes a job": without its comma, a condition in the passive
        // ends after its verb group where a subject pronoun and its verb open the main clause.
        if let first = tokens.firstIndex(where: \.isWord), first <= 1, Self.subordinators.contains(tokens[first].text),
           let end = Self.passiveConditionEnd(tokens, from: first + 1) {
            condition = true
            findClauses(Array(tokens[(first + 1)..<end]), sentence: sentence)
            condition = false
            consequence = ["if", "unless"].contains(tokens[first].text)
            findClauses(Array(tokens[end...]), sentence: sentence, mainClause: true)
            consequence = false
        } else if let first = tokens.firstIndex(where: \.isWord), first <= 1, Self.subordinators.contains(tokens[first].text),
           let comma = tokens.firstIndex(where: { $0.text == "," }), comma > first + 1, comma + 1 < tokens.count {
            condition = true
            findClauses(Array(tokens[(first + 1)..<comma]), sentence: sentence)
            condition = false
            // "If the member has not been inducted, the booking is refused": what follows a
            // condition without an agent is the product's rule, not the act of whoever came before.
            consequence = ["if", "unless"].contains(tokens[first].text)
            findClauses(Array(tokens[(comma + 1)...]), sentence: sentence, mainClause: true)
            consequence = false
        } else {
            findClauses(tokens, sentence: sentence)
        }
    }

    /// Lines typed in haste, without a subject (issue 18, session 8): they are the brief owner's
    /// (`I`, the user), or the role of the list's label when it has one (`Managers:`).
    /// - `need to see stock …`, `want to export …`, `must be able to cancel …`: a line that opens
    ///   with a wish or a need and a verb;
    /// - `- beans are roasted in batches, note roast time per batch`: in a list item, a verb in its
    ///   base form after a comma, with an object, is an instruction of its own.
    mutating func readHastyLine(_ sentence: Tokenizer.Sentence) -> Bool {
        let tokens = sentence.tokens
        let texts = tokens.map(\.text)
        func asOwner(_ words: [Tokenizer.Token]) {
            // The label's role, as "Managers: approve timesheets" is read; else the brief's owner.
            let bare = Tokenizer.Sentence(tokens: words, text: sentence.text)
            if readImperative(bare) { return }
            findClauses(words.first?.text == "i" ? words : [Tokenizer.Token(text: "i", original: "I", isWord: true)] + words, sentence: sentence)
        }
        let leads: [[String]] = [["need", "to"], ["needs", "to"], ["want", "to"], ["wants", "to"], ["would", "like", "to"],
                                 ["must", "be", "able", "to"], ["should", "be", "able", "to"]]
        if tokens.first?.isWord == true, let lead = leads.first(where: { texts.starts(with: $0) }), lead.count + 1 < tokens.count,
           case let v = lead.count, let base = Self.verb(texts[v]), base == texts[v] || EnglishVerbs.base(of: texts[v]) == texts[v],
           !Self.modals.contains(texts[v]) {
            asOwner(Array(tokens[v...]))
            return true
        }
        func opensWithBaseVerb(_ words: ArraySlice<Tokenizer.Token>) -> Bool {
            guard let first = words.first, first.isWord, let base = Self.verb(first.text),
                  base == first.text || EnglishVerbs.base(of: first.text) == first.text,
                  !Self.modals.contains(first.text), !DomainLexicon.stopWords.contains(first.text) else { return false }
            // "request goes to the surgery": a noun-verb before a finite verb is the subject.
            let tags = Self.tagged(Array(words.prefix(2)))
            return tags.count < 2 || !["VBZ", "VBD", "MD"].contains(tags[1].tag)
        }
        // "need to:" / "- text the patient when it is ready, or add them to the round": an item
        // under a lead-in is a verb phrase, whose subject is the lead-in's (read as a label's) or
        // the owner's; so is each part after a comma that opens with a verb, and a part that does
        // not is a clause of its own (`…, request goes to the surgery`).
        if Self.isListItem(sentence), opensWithBaseVerb(tokens[...]), let label = listLabel(of: sentence), label.leadIn {
            var start = 0
            while start < tokens.count {
                let end = tokens[start...].firstIndex { $0.text == "," } ?? tokens.count
                var part = tokens[start..<end]
                if let first = part.first, ["and", "or", "then"].contains(first.text) { part = part.dropFirst() }
                if opensWithBaseVerb(part) {
                    asOwner(Array(part))
                } else if !part.isEmpty {
                    findClauses(in: Tokenizer.Sentence(tokens: Array(part), text: sentence.text))
                }
                start = end + 1
            }
            return true
        }
        guard let comma = texts.firstIndex(of: ","), comma >= 3, comma + 2 < tokens.count, tokens[comma + 1].isWord,
              case let v = comma + 1, let base = Self.verb(texts[v]), base == texts[v], !Self.modals.contains(texts[v]),
              !DomainLexicon.stopWords.contains(texts[v]),
              !texts[(v + 1)...].contains(","), Self.isListItem(sentence) else { return false }
        let tags = tags(of: tokens)
        // The tagger often reads a bare verb there as a noun (`note/NN roast time`): what counts is
        // that the part before the comma is a clause (it has a finite verb) and a noun phrase follows.
        guard v + 1 < tags.count, tags[..<comma].contains(where: { ["VBP", "VBZ", "VBD", "MD"].contains($0.tag) }),
              ["DT", "NN", "NNS", "JJ", "PRP$", "CD"].contains(tags[v + 1].tag), !["NNS", "VBZ", "VBD", "VBN"].contains(tags[v].tag) else { return false }
        findClauses(in: Tokenizer.Sentence(tokens: Array(tokens[..<comma]), text: sentence.text))
        asOwner(Array(tokens[v...]))
        return true
    }

    /// The line ending in a colon that heads the list this sentence is an item of (`Managers:`
    /// heads every item under it, not only the first), or the line right before a sentence that
    /// is no list item: the words before the colon, without a lead-in (`patients need to:` gives
    /// `patients`, `need to:` nothing), and whether it had one.
    func listLabel(of sentence: Tokenizer.Sentence) -> (subject: [String], leadIn: Bool)? {
        guard case var above = sentenceIndex - 1, above >= 0 else { return nil }
        while above > 0, Self.isListItem(sentences[above]), Self.isListItem(sentence) { above -= 1 }
        let label = sentences[above].tokens
        guard label.last?.text == ":", label.count >= 2, label.dropLast().allSatisfy(\.isWord) else { return nil }
        var words = label.dropLast().map(\.text)
        guard let lead = EnglishWords.listLeadIns.first(where: { words.count >= $0.count && Array(words.suffix($0.count)) == $0 }) else {
            return (1...3).contains(words.count) ? (words, false) : nil
        }
        words.removeLast(lead.count)
        // "we need to:", "the app must:": the owner, or the product itself, which the owner uses.
        if words.count == 1, ["we", "i", "you"].contains(words[0]) { words = [] }
        return words.count <= 3 ? (words, true) : nil
    }

    /// Whether the sentence is an item of a bulleted list (`- …`, `* …`: its text keeps the bullet).
    static func isListItem(_ sentence: Tokenizer.Sentence) -> Bool {
        sentence.text.hasPrefix("- ") || sentence.text.hasPrefix("* ")
    }

    /// Where a condition in the passive with no comma after it ends (`a quote is accepted | it
    /// becomes a job`): after its first verb group in the passive, before the comma if there is
    /// one, where a subject pronoun (`it`, `they`, `he`, `she`) and a verb follow.
    static func passiveConditionEnd(_ tokens: [Tokenizer.Token], from start: Int) -> Int? {
        let limit = tokens.firstIndex(where: { $0.text == "," }) ?? tokens.count
        var k = start
        while k < limit, tokens[k].isWord {
            if let group = passiveGroup(tokens, at: k, shared: false), group.verb > k {
                let end = group.verb + 1
                guard end + 1 < limit, ["it", "they", "he", "she"].contains(tokens[end].text), tokens[end + 1].isWord else { return nil }
                var v = end + 1
                while v < limit, modals.contains(tokens[v].text) { v += 1 }
                return v < limit && tokens[v].isWord && verb(tokens[v].text) != nil ? end : nil
            }
            k += 1
        }
        return nil
    }

    /// "whoever finds it reports the fault", "anyone who spots a leak logs it": a free relative
    /// names no role; it is anyone using the product, the subject `user` of the verb after it.
    func freeRelativeAsUser(_ tokens: [Tokenizer.Token]) -> [Tokenizer.Token] {
        guard let w = tokens.firstIndex(where: { $0.text == "whoever" || $0.text == "anyone" || $0.text == "anybody" }) else { return tokens }
        var verbAt = w + 1
        if tokens[w].text != "whoever" {
            guard verbAt < tokens.count, tokens[verbAt].text == "who" else { return tokens }
            verbAt += 1
        }
        guard verbAt < tokens.count, tokens[verbAt].isWord, Self.verb(tokens[verbAt].text) != nil else { return tokens }
        var end = readNounPhrase(tokens, from: verbAt + 1).end
        // "whoever finds a lost dog posts a notice": the noun phrase read "dog posts" as one noun.
        if !(end < tokens.count && tokens[end].isWord && Self.verb(tokens[end].text) != nil), end - 1 > verbAt + 1, Self.verb(tokens[end - 1].text) != nil { end -= 1 }
        guard end < tokens.count, tokens[end].isWord, Self.verb(tokens[end].text) != nil else { return tokens }
        return Array(tokens[..<w]) + [Tokenizer.Token(text: "users", original: "users", isWord: true)] + Array(tokens[end...])
    }

    /// The tokens with a parenthesis that lists examples ("materials from the shelf (acrylic
    /// sheet, filament, plywood)") as one token that is no word: its commas are not the
    /// sentence's, and reading them as clause breaks cut a requirement inside the parenthesis.
    /// The statement still quotes it. A parenthesis without a comma stays as it is ("- Approve
    /// timesheets (managers)" names who acts).
    static func withListedExamplesAsOne(_ tokens: [Tokenizer.Token]) -> [Tokenizer.Token] {
        var kept: [Tokenizer.Token] = []
        var i = 0
        while i < tokens.count {
            if tokens[i].text == "(", let close = tokens[(i + 1)...].firstIndex(where: { $0.text == ")" || $0.text == "(" }), tokens[close].text == ")",
               tokens[(i + 1)..<close].contains(where: { $0.text == "," }) {
                let quoted = "(" + join(tokens[(i + 1)..<close].map(\.written)) + ")"
                kept.append(Tokenizer.Token(text: quoted.lowercased(), original: quoted, isWord: false))
                i = close + 1
                continue
            }
            kept.append(tokens[i])
            i += 1
        }
        return kept
    }

    /// A gerund subject whose doer is named after `is done by`, `is handled by` or `is the job /
    /// responsibility / task of`: `Renewing a fishing licence is done by the licence holder`,
    /// `Stock counting is done by shop assistants`, `Scheduling the viva is the job of the
    /// examinations officer`. Returns the clause in the active voice (`the licence holder renew a
    /// fishing licence`), or nil.
    func gerundSubjectClause(_ tokens: [Tokenizer.Token]) -> [Tokenizer.Token]? {
        guard let be = tokens.firstIndex(where: { ["is", "was"].contains($0.text) }), be >= 1, be <= 6, tokens[..<be].allSatisfy(\.isWord) else { return nil }
        let texts = tokens.map(\.text)
        var agentStart: Int? = nil
        if be + 2 < tokens.count, ["done", "handled", "carried"].contains(texts[be + 1]) {
            var k = be + 2
            if texts[k] == "out" { k += 1 }
            if k < tokens.count, texts[k] == "by" { agentStart = k + 1 }
        } else if be + 3 < tokens.count, texts[be + 1] == "the", ["job", "responsibility", "task", "duty"].contains(texts[be + 2]), texts[be + 3] == "of" {
            agentStart = be + 4
        }
        guard let agentStart, agentStart < tokens.count else { return nil }
        let agentEnd = readNounPhrase(tokens, from: agentStart).end
        guard agentEnd > agentStart else { return nil }
        let verb: Tokenizer.Token, object: [Tokenizer.Token]
        if Self.isIngVerb(tokens, at: 0) {
            verb = tokens[0]; object = Array(tokens[1..<be])
        } else if Self.isIngVerb(tokens, at: be - 1), be >= 2 {
            // "Stock counting …": the sentence's capital goes, the object is no longer first.
            verb = tokens[be - 1]
            object = tokens[0..<(be - 1)].enumerated().map { i, token in
                i == 0 && token.original.dropFirst().allSatisfy(\.isLowercase) ? token.lowercased : token
            }
        } else {
            return nil
        }
        guard !object.isEmpty, let base = EnglishVerbs.base(of: verb.text) else { return nil }
        let agent = Array(tokens[agentStart..<agentEnd])
        let first = agent.first.map { ["the", "a", "an"].contains($0.text) ? [] : [Tokenizer.Token(text: "the", original: "the", isWord: true)] } ?? []
        return first + agent + [Tokenizer.Token(text: base, original: base, isWord: true)] + object + Array(tokens[agentEnd...])
    }

    /// Whether a noun (in the singular) at the head of the phrase a relative clause is about
    /// names someone who acts: a person, a role of the brief, an organisation, or an agent noun no
    /// lexicon files as a record (`the porter who …`, `growers who …`, `the subcontractor, who …`).
    func namesPerson(_ head: String) -> Bool {
        Self.isPersonNoun(head) || actors.contains(where: { $0.term.head == head }) || Self.organisationActors.contains(head)
            || (["er", "or", "ist", "ian", "ant", "ent", "eer"].contains(where: { head.hasSuffix($0) }) && Self.lexiconNoun(endingAt: [head]) == nil
                && !EnglishWords.thingsInEr.contains(head))
    }

    /// The person `who` stands for after a comma (`…, to the night editor, who …`): the last one
    /// named before the comma, past a parenthesis of examples (one token, `withListedExamplesAsOne`)
    /// and a phrase after a preposition that qualifies the person (`sent to the subcontractor for
    /// that trade (electrician, plumber …), who fixes it`). `who` names people only, so a noun
    /// there that no lexicon knows as a person is one when it reads as an agent (`namesPerson`).
    func whoAntecedent(_ tokens: [Tokenizer.Token], who: Int) -> (term: Term, entity: Bool)? {
        var end = who > 0 && tokens[who - 1].text == "," ? who - 1 : who
        if end > 0, !tokens[end - 1].isWord, tokens[end - 1].text.hasPrefix("("), tokens[end - 1].text.count > 1 { end -= 1 }
        let words = tokens.map(\.text)
        for last in stride(from: end - 1, through: max(0, end - 6), by: -1) where tokens[last].isWord {
            // Between the person and the comma: nothing, or one phrase after a preposition.
            if last + 1 < end, !(Self.postModifiers.contains(words[last + 1]) && readNounPhrase(tokens, from: last + 2).end == end) { continue }
            for k in max(0, last - 2)...last {
                if let person = Self.actor(at: k, in: words), k + person.length == last + 1 { return (person.term, person.entity) }
            }
            let head = Inflector.singular(words[last])
            if let known = actors.first(where: { $0.term.head == head }) { return (known.term, known.isEntity) }
            if namesPerson(head), !DomainLexicon.stopWords.contains(words[last]) {
                // "each party has a party leader, who …": plain nouns before the head name the person with it.
                var first = last
                while first > max(0, last - 2), tokens[first - 1].isWord, tokens[first - 1].possessive.isEmpty, Self.isPlainNoun(words[first - 1]) { first -= 1 }
                return (Term(words: Array(words[first..<last]) + [head]), false)
            }
        }
        return nil
    }

    /// A sentence that opens with a subject and a relative clause about it (`The clerk who
    /// receives a claim files it`, `Any lecturer who marks an essay can leave feedback`, `A ranger,
    /// who patrols the reserve, records …`, `Breeders whose litter is registered can …`): the
    /// subject's tokens, the relative clause's predicate (empty after `whose`) and the main
    /// clause's predicate. Nil when the sentence is no such thing.
    func relativeSplit(_ tokens: [Tokenizer.Token]) -> (subject: [Tokenizer.Token], relative: [Tokenizer.Token], main: [Tokenizer.Token])? {
        guard let w = tokens.firstIndex(where: { ["who", "that", "whose"].contains($0.text) }), w >= 1, w <= 5 else { return nil }
        let comma = tokens[w - 1].text == ","
        let subjectEnd = comma ? w - 1 : w
        guard subjectEnd >= 1, tokens[..<subjectEnd].allSatisfy(\.isWord), readNounPhrase(tokens, from: 0).end == subjectEnd else { return nil }
        let subject = Array(tokens[..<subjectEnd])
        guard let head = subject.last.map({ Inflector.singular($0.text) }), namesPerson(head) else { return nil }
        // The relative clause's verb, right after the relative word (and its own subject after `whose`).
        let relativeStart = w + 1
        guard let relativeVerb = tokens[w].text == "whose" ? (relativeStart..<min(tokens.count, relativeStart + 5)).first(where: { k in
            tokens[k].isWord && (Self.auxiliaries.contains(tokens[k].text) || Self.verb(tokens[k].text) != nil && k > relativeStart) })
            // "Applicants who were refused can …": a passive verb group is the relative clause's verb too.
            : nextVerb(tokens, after: relativeStart) ?? Self.passiveGroup(tokens, at: relativeStart, shared: false)?.verb else { return nil }
        // The main verb: after a closing comma, or the first verb after a noun of the relative
        // clause's object that has an object or a modal of its own.
        var mainStart: Int? = nil
        if comma {
            if let close = tokens[relativeStart...].firstIndex(where: { $0.text == "," }), close + 1 < tokens.count, nextVerb(tokens, after: close + 1) != nil {
                mainStart = close + 1
            }
        } else {
            for k in (relativeVerb + 1)..<tokens.count where tokens[k].isWord {
                // "the jurors who have turned up are checked in": a passive verb group is the main verb.
                if tokens[k].text == "are" || tokens[k].text == "is", tokens[k - 1].isWord,
                   Self.passiveGroup(tokens, at: k, shared: false) != nil {
                    mainStart = k
                    break
                }
                let previous = tokens[k - 1]
                guard previous.isWord, !DomainLexicon.modifiers.contains(previous.text), !DomainLexicon.stopWords.contains(previous.text) || ["it", "them"].contains(previous.text) else { continue }
                if ["can", "may", "must", "should", "will"].contains(tokens[k].text) { mainStart = k; break }
                if let base = EnglishVerbs.base(of: tokens[k].text), !EnglishVerbs.isInflected(tokens[k].text), Self.verb(tokens[k].text) != nil,
                   k + 1 < tokens.count, tokens[k + 1].isWord, Self.thingDeterminers.contains(tokens[k + 1].text) || ["it", "them"].contains(tokens[k + 1].text),
                   base != "be" {
                    mainStart = k
                    break
                }
            }
        }
        guard let mainStart else { return nil }
        let relativeEnd = comma ? mainStart - 1 : mainStart
        let relative = tokens[w].text == "whose" ? [] : Array(tokens[relativeStart..<relativeEnd])
        return (subject, relative, Array(tokens[mainStart...]))
    }

    /// `- Approve timesheets (managers)`, `Log a vaccination for each calf (vet)`, and a label line
    /// before an imperative (`Coordinators: assign volunteers to shifts`, `Dispatch: print …`): the
    /// person in the parenthesis or the label does what the imperative says.
    mutating func readImperative(_ sentence: Tokenizer.Sentence) -> Bool {
        var tokens = sentence.tokens
        while let last = tokens.last, !last.isWord, last.text != ")" { tokens.removeLast() }
        guard tokens.count >= 2, tokens[0].isWord, let base = Self.verb(tokens[0].text), base == tokens[0].text || EnglishVerbs.base(of: tokens[0].text) == tokens[0].text,
              !Self.modals.contains(tokens[0].text), !DomainLexicon.stopWords.contains(tokens[0].text) else { return false }
        var named: [String]? = nil
        if tokens.last?.text == ")", let open = tokens.lastIndex(where: { $0.text == "(" }), open >= 2, tokens[(open + 1)..<(tokens.count - 1)].allSatisfy(\.isWord),
           case let inner = tokens[(open + 1)..<(tokens.count - 1)].map(\.text), (1...3).contains(inner.count) {
            named = inner
            tokens = Array(tokens[..<open])
        } else if let label = listLabel(of: sentence), !label.subject.isEmpty {
            named = label.subject
        }
        guard var words = named?.filter({ !DomainLexicon.modifiers.contains($0) }), let last = words.last else { return false }
        let single = Inflector.singular(last)
        words[words.count - 1] = single
        let term: Term
        if let found = Self.actor(at: words.count - 1, in: words) ?? (words.count >= 2 ? Self.actor(at: words.count - 2, in: words) : nil) {
            term = found.term
        } else if Self.isPersonNoun(single) || actors.contains(where: { $0.term.head == single }) {
            term = Term(words: words)
        } else if words.count == 1, EnglishWords.departments.contains(single) {
            term = Term(words: [single, "team"])
        } else {
            return false
        }
        guard !readNounPhrase(tokens, from: 1).words.isEmpty || tokens.count > 2 else { return false }
        // The statement says "Managers can approve …", not "… can Approve …".
        tokens[0] = tokens[0].lowercased
        let actor = canonicalActor(term)
        let isEntity = actors.first { $0.term == actor }?.isEntity ?? Self.actorIndex[actor.phrase] ?? false
        addActor(actor, entity: isEntity, role: false)
        if isEntity { addEntity(actor, actor: actor) }
        noteSubject(actor)
        _ = parsePredicate(tokens, from: 0, actor: actor, actorIsEntity: isEntity, sentence: sentence)
        return true
    }

    /// The subject of a main clause after a subordinate one (`When …, the office books a test`):
    /// a noun phrase before a verb that has an object of its own names who acts, though no
    /// lexicon knows it as a person.
    func mainClauseSubject(_ tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        // The noun phrase may swallow a verb that is also a noun (`the office books a test`):
        // the subject ends before the first such verb that has an object after it.
        let np = readNounPhrase(tokens, from: 0)
        var end = np.end
        // (The first noun after the determiners is the subject's, though it is also a verb: "the monitor raises".)
        let firstNoun = tokens.firstIndex { !DomainLexicon.modifiers.contains($0.text) } ?? 0
        for k in (firstNoun + 1)..<max(firstNoun + 1, np.end) where Self.verb(tokens[k].text) != nil && !DomainLexicon.modifiers.contains(tokens[k - 1].text) == true {
            if !DomainLexicon.modifiers.contains(tokens[k].text), !readNounPhrase(tokens, from: k + 1).words.isEmpty { end = k; break }
        }
        let kept = tokens[..<end].map(\.text).filter { !DomainLexicon.modifiers.contains($0) }
        guard let last = kept.last, kept.count <= 3, tokens[..<end].allSatisfy(\.isWord), !DomainLexicon.productKinds.contains(Inflector.singular(last)),
              !DomainLexicon.stopWords.contains(last), !entities.contains(where: { $0.actor == nil && $0.term.head == Inflector.singular(last) }),
              !["it", "they", "them", "this", "that"].contains(last),
              let verbIndex = nextVerb(tokens, after: end), !EnglishVerbs.isInflected(tokens[verbIndex].text) || Self.afterAuxiliary(tokens, verb: verbIndex),
              !readNounPhrase(tokens, from: verbIndex + 1).words.isEmpty else { return nil }
        let words = Array(kept.suffix(2).dropLast()) + [Inflector.singular(last)]
        return (Term(words: words), false, end)
    }

    /// Forms of `be` (and `get`) that make a participle after them passive.
    static let auxiliaries: Set<String> = ["is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"]

    /// Adverbs that may stand inside a verb group (`is then reviewed`, `are also checked`).
    static let groupAdverbs: Set<String> = ["then", "also", "later", "first", "usually", "always", "immediately", "automatically", "only", "finally",
                                            "again", "each", "all", "normally", "often", "sometimes", "never", "quickly", "promptly"]

    /// Prepositions that let a phrase qualify the noun before it (`claims outside the cover`).
    static let postModifiers: Set<String> = ["of", "in", "on", "at", "from", "with", "without", "for", "outside", "inside", "under", "over",
                                             "above", "below", "within", "near", "older", "newer", "longer"]

    /// Verbs that, in the passive without an agent, state how things are rather than what someone
    /// did (`photos are stored for a year`, `prices are based on weight`): no actor is inherited.
    static let passiveStates: Set<String> = statesVerbs.union(["store", "keep", "base", "allow", "limit", "display", "price", "charge", "expect", "lock",
                                                               "hide", "save", "encrypt", "retain", "require", "make", "know", "call", "name", "link",
                                                               "relate", "tie", "attach", "connect", "locate", "set", "fix", "design", "build", "mean", "carry",
                                                               "intend", "suppose", "meant", "send", "notify", "remind", "inform", "email", "tell",
                                                               "give", "show", "see", "view", "read", "spread", "split", "divide", "group", "sort", "order",
                                                               "rank", "number", "measure", "count", "weigh", "size", "rate", "cap"])

    /// The person a passive's `by` phrase names (`by the claims manager`, `by any handler`, `by
    /// policyholders`) as an actor term with its compound modifier, or nil when the phrase names
    /// no person (`sorted by date`, `informed by email`).
    func passiveAgent(_ tokens: [Tokenizer.Token], from start: Int) -> (term: Term, entity: Bool, end: Int)? {
        // "declared by the returning officer".
        let ing = start < tokens.count && ["the", "a", "an"].contains(tokens[start].text) ? start + 1 : start
        if let role = Self.ingRole(tokens, at: ing), ing + 2 == tokens.count || !tokens[ing + 2].isWord || !Self.isPlainNoun(tokens[ing + 2].text) {
            return (role, false, ing + 2)
        }
        let agent = readNounPhrase(tokens, from: start)
        let kept = agent.words.filter { !DomainLexicon.modifiers.contains($0) }
        guard let last = kept.last, kept.count <= 3 else { return nil }
        let single = Inflector.singular(last)
        let person = Self.actor(at: kept.count - 1, in: kept) != nil || (kept.count >= 2 && Self.actor(at: kept.count - 2, in: kept)?.length == 2)
            || actors.contains { $0.term.head == single } || Self.organisationActors.contains(single) || EnglishWords.personNouns.contains(single)
            || ["er", "or", "ist", "ian", "ant", "eer"].contains { single.hasSuffix($0) } && Self.verb(single) == nil && Self.lexiconNoun(endingAt: [single]) == nil
            // "raised by accounts": a department.
            || EnglishWords.departments.contains(last) || EnglishWords.departments.contains(single)
            // "opened by the paralegal": a singular noun after `the` that names no record, thing or time.
            || (agent.original.first?.lowercased() == "the" && kept.count == 1 && last == single && single.count > 3 && Self.isPlainNoun(single)
                && Self.lexiconNoun(endingAt: [single]) == nil && !DomainLexicon.nonEntities.contains(single) && !DomainLexicon.productKinds.contains(single)
                && !Self.timeNouns.contains(single) && !Self.measureWords.contains(single) && !EnglishWords.thingsInEr.contains(single)
                && !Self.abstractSuffixes.contains(where: { single.hasSuffix($0) }) && entity(Term(words: [single])) == nil)
        guard person else { return nil }
        if kept.count >= 2, let known = Self.actor(at: kept.count - 2, in: kept), known.length == 2 { return (known.term, known.entity, agent.end) }
        let entity = Self.actor(at: kept.count - 1, in: kept)?.entity ?? false
        // "the claims manager", "a loss adjuster", "the finance team": a noun before the person keeps its place in the role's name.
        if kept.count >= 2, case let first = kept[kept.count - 2], Self.isCompoundModifier(first) {
            return (Term(words: [first, single]), entity, agent.end)
        }
        if let known = Self.actor(at: kept.count - 1, in: kept) { return (known.term, known.entity, agent.end) }
        return (Term(words: [single]), entity, agent.end)
    }

    /// Words of time, place and measure: the noun after `by the` in a passive is no agent (`by the hour`).
    static let measureWords: Set<String> = ["hour", "minute", "second", "date", "time", "end", "start", "beginning", "middle", "deadline", "kilo", "kilogram",
                                            "gram", "litre", "liter", "metre", "meter", "mile", "pound", "dozen", "batch", "side", "door", "gate", "entrance",
                                            "window", "road", "way", "system", "rule", "law", "book", "hand", "phone", "email", "post", "mail", "letter"]

    /// Endings of abstract nouns and nominalisations (`the instruction`, `the agreement`): no agent.
    static let abstractSuffixes: [String] = ["tion", "sion", "ment", "ness", "ity", "ance", "ence", "ing", "ure", "age", "ism", "ship", "ics"]

    /// A word that may stand before a person noun as part of a role's name (`claims` in `claims
    /// handler`, `fraud` in `fraud officer`): a noun, plural or not, but no adjective, adverb,
    /// participle, number or function word.
    static func isCompoundModifier(_ word: String) -> Bool {
        word.count > 2 && !DomainLexicon.stopWords.contains(word) && !DomainLexicon.modifiers.contains(word)
            && !EnglishWords.adverbsAndAdjectives.contains(word) && !word.hasSuffix("ly") && !word.allSatisfy(\.isNumber)
            && !EnglishVerbs.isInflected(word) && !(verb(word) != nil && !Inflector.isPlural(word) && !EnglishVerbs.isNounVerb(word))
            && !["senior", "junior", "head", "chief", "new", "main", "other", "every", "any"].contains(word)
    }

    /// Whether a passive verb group starts at `k`: auxiliaries, modals or adverbs (at least one
    /// `be` unless `shared`), then a past participle.
    static func passiveGroup(_ tokens: [Tokenizer.Token], at start: Int, shared: Bool) -> (verb: Int, base: String)? {
        var k = start
        var be = shared
        while k < tokens.count, tokens[k].isWord, auxiliaries.contains(tokens[k].text) || modals.contains(tokens[k].text) || groupAdverbs.contains(tokens[k].text) {
            if auxiliaries.contains(tokens[k].text) { be = true }
            k += 1
        }
        guard be, k < tokens.count, tokens[k].isWord,
              EnglishVerbs.isInflected(tokens[k].text) || EnglishWords.sameFormParticiples.contains(tokens[k].text), !tokens[k].text.hasSuffix("ing"),
              let base = EnglishVerbs.base(of: tokens[k].text) else { return nil }
        // "and signed forms": a participle before a noun qualifies it; a coordinated passive verb stands before a preposition, a particle or the end.
        // ("… and carried out by our engineers": `out` is the verb's particle.)
        if shared, k == start, k + 1 < tokens.count, tokens[k + 1].isWord, !DomainLexicon.stopWords.contains(tokens[k + 1].text),
           !prepositions.contains(tokens[k + 1].text), !groupAdverbs.contains(tokens[k + 1].text), !EnglishWords.complements.contains(tokens[k + 1].text),
           !(adverbParticles.contains(tokens[k + 1].text) && k + 2 < tokens.count && tokens[k + 2].text == "by") {
            return nil
        }
        return (k, base)
    }

    /// A passive clause read in the active voice, through the same steps as any clause: the
    /// subject noun phrase (with the phrases that qualify it: `claims outside the cover`) is the
    /// object; the actor is the `by` phrase wherever it stands in the clause (`Claims are filed
    /// online by policyholders`, `Each claim is checked against the policy by a claims handler`),
    /// else — for a verb of action — the actor of the clause before, in this sentence or the one
    /// before (`… by a claims handler: claims outside the cover are declined`); coordinated
    /// participles share the subject (`approved by the claims manager and paid out by the
    /// finance team`, `can be flagged by any handler and is then reviewed by the fraud officer`);
    /// `who` after the agent opens a clause of the agent's (`arranged by the adjuster, who then
    /// writes an assessment`); `the rest`, `it`, `they` name the latest record.
    /// Returns false, touching nothing, for a clause that is no passive or has no actor.
    mutating func readPassive(_ tokens: [Tokenizer.Token], sentence: Tokenizer.Sentence) -> Bool {
        // "For claims above £5,000 a site visit is arranged by the adjuster": a fronted phrase
        // before the subject is a condition of the clause; the subject is the noun phrase before
        // the verb group, and the phrase goes after the predicate.
        if let first = tokens.first, first.isWord, ["for", "in", "on", "at", "after", "before", "during", "with", "within", "from", "on"].contains(first.text),
           let aux = tokens.indices.first(where: { $0 > 2 && $0 < 14 && Self.auxiliaries.contains(tokens[$0].text) }),
           Self.passiveGroup(tokens, at: aux, shared: false) != nil {
            var start = aux
            while start > 1, tokens[start - 1].isWord, !Self.prepositions.contains(tokens[start - 1].text), !tokens[start - 1].text.allSatisfy(\.isNumber),
                  !DomainLexicon.stopWords.contains(tokens[start - 1].text) || DomainLexicon.modifiers.contains(tokens[start - 1].text),
                  !DomainLexicon.modifiers.contains(tokens[start].text) || start == aux {
                start -= 1
            }
            if start > 1, start < aux, !tokens[start].text.allSatisfy(\.isNumber) {
                var fronted = Array(tokens[..<start])
                if fronted[0].original.dropFirst().allSatisfy({ !$0.isUppercase }) {
                    fronted[0] = fronted[0].lowercased
                }
                return readPassive(Array(tokens[start...]), sentence: sentence, fronted: fronted)
            }
        }
        return readPassive(tokens, sentence: sentence, fronted: [])
    }

    mutating func readPassive(_ tokens: [Tokenizer.Token], sentence: Tokenizer.Sentence, fronted: [Tokenizer.Token]) -> Bool {
        var subject = readNounPhrase(tokens, from: 0)
        guard !subject.words.isEmpty, subject.end < tokens.count else { return false }
        // "A site visit is arranged": a word before the auxiliary is the subject's head noun, though it is also a verb.
        if subject.end + 1 < tokens.count, tokens[subject.end].isWord, !DomainLexicon.stopWords.contains(tokens[subject.end].text),
           Self.auxiliaries.contains(tokens[subject.end + 1].text) || ["can", "may", "must", "should", "will"].contains(tokens[subject.end + 1].text) {
            subject.words.append(tokens[subject.end].text)
            subject.end += 1
        }
        var k = subject.end
        // "Expenses (travel, meals and loss of earnings) are claimed …": a parenthesis listing
        // examples (one token, `withListedExamplesAsOne`) stands between the subject and its verb.
        if k < tokens.count, !tokens[k].isWord, tokens[k].text.hasPrefix("("), tokens[k].text.count > 1 { k += 1 }
        var hops = 0
        while hops < 2, k + 1 < tokens.count, tokens[k].isWord, Self.postModifiers.contains(tokens[k].text), Self.passiveGroup(tokens, at: k, shared: false) == nil {
            let np = readNounPhrase(tokens, from: k + 1)
            // "panels of fifteen are selected": a number qualifies the subject too.
            guard !np.words.isEmpty || np.end > k + 1 else { break }
            k = np.end
            hops += 1
        }
        guard Self.passiveGroup(tokens, at: k, shared: false) != nil else { return false }
        let kept = subject.words.filter { !DomainLexicon.modifiers.contains($0) }
        var object = Array(tokens[..<subject.end])
        if let first = object.first, first.original.dropFirst().allSatisfy({ !$0.isUppercase }) {
            object[0] = first.lowercased
        }
        if kept.isEmpty || ["rest", "it", "they", "others", "remainder"].contains(kept.last ?? "") {
            guard kept.count <= 1, let latest = mentions.last?.term else { return false }
            object = latest.pluralPhrase.split(separator: " ").map { Tokenizer.Token(text: String($0), original: String($0), isWord: true) }
        }
        // A person as the subject ("members are notified") is told something; they do nothing.
        let subjectIsPerson: Bool = { if case .actor = Self.resolve(kept.isEmpty ? subject.words : kept) { return true } else { return false } }()
        // "Their bookings are suspended until …", "his licence is revoked": a thing of the person
        // before is done to them, by the product or someone unnamed, not by them.
        let subjectIsOwned = tokens.first.map { ["their", "his", "her"].contains($0.text) } == true
        var clauses: [(actor: Term, entity: Bool, predicate: [Tokenizer.Token])] = []
        var lastAgent: Term? = nil
        var shared = false
        var rest: [Tokenizer.Token] = []
        while let group = Self.passiveGroup(tokens, at: k, shared: shared) {
            let verb = Tokenizer.Token(text: group.base, original: group.base, isWord: true)
            var end = group.verb + 1
            var agent: (term: Term, entity: Bool, by: Int, end: Int)? = nil
            scan: while end < tokens.count {
                let word = tokens[end].text
                // "Each claim is checked twice, by two different accountants": a `by` phrase set off
                // by a comma still names who does it; the comma and the phrase leave the predicate.
                if word == ",", agent == nil, end + 2 < tokens.count, tokens[end + 1].text == "by", let found = passiveAgent(tokens, from: end + 2) {
                    agent = (found.term, found.entity, end, found.end)
                    end = found.end
                    continue
                }
                if [",", ";", ":", "(", ")", "who", "which", "whose", "where", "while", "but", "so", "because"].contains(word) { break }
                if ["and", "or"].contains(word) {
                    if Self.passiveGroup(tokens, at: end + 1, shared: true) != nil { break scan }
                    if let clause = clauseSubject(tokens, at: end + 1), nextVerb(tokens, after: end + 1 + clause.length) != nil { break scan }
                    if nextVerb(tokens, after: end + 1) != nil, readNounPhrase(tokens, from: end + 1).words.isEmpty { break scan }
                    // "a meter is installed and the recordings are reviewed by the officer": a noun
                    // phrase with a passive verb group of its own opens a passive clause of its own,
                    // whose `by` names its agent, not this one's.
                    if passiveClauseWithAgent(tokens, at: end + 1) { break scan }
                }
                if word == "by", agent == nil, let found = passiveAgent(tokens, from: end + 1) {
                    agent = (found.term, found.entity, end, found.end)
                    end = found.end
                    continue
                }
                end += 1
            }
            let between = agent.map { Array(tokens[(group.verb + 1)..<$0.by]) + Array(tokens[$0.end..<end]) } ?? Array(tokens[(group.verb + 1)..<end])
            let actor: (term: Term, entity: Bool)?
            if let agent {
                actor = (agent.term, agent.entity)
            } else if lastAgent == nil, let last = lastSubject, lastSubjectSentence + 1 >= sentenceIndex, !subjectIsPerson,
                      !subjectIsOwned, !consequence, !condition, !Self.passiveStates.contains(group.base), handedOver(by: last),
                      // "Every page is transcribed twice, by two different volunteers": an agent past a comma.
                      !tokens[group.verb...].contains(where: { $0.text == "by" }) {
                // "Residents report noise … Every complaint is acknowledged": the one who handed a
                // thing over does not handle it; the generic user does.
                actor = (Term(words: ["user"]), false)
            } else if let last = lastAgent ?? lastSubject, lastAgent != nil || lastSubjectSentence + 1 >= sentenceIndex, !subjectIsPerson,
                      lastAgent != nil || (!subjectIsOwned && !consequence && !condition),
                      // "Cleaners who finish a room are paid by the hour": no one does to themselves what is done to them.
                      kept.last.map({ Inflector.singular($0) }) != last.head,
                      !Self.passiveStates.contains(group.base),
                      // "New tickets are posted to Slack": a named service does it, not the person before.
                      !between.contains(where: { $0.isWord && $0.original.first?.isUppercase == true }) {
                actor = (last, isEntityActor(last))
            } else {
                actor = nil
            }
            if let actor {
                // "carried out by our engineers": the particle goes with the verb, "carry out inspections".
                if let particle = between.first, particle.isWord, Self.adverbParticles.contains(particle.text), agent?.by == group.verb + 2 {
                    clauses.append((actor.term, actor.entity, [verb, particle] + object + between.dropFirst() + fronted))
                } else {
                    clauses.append((actor.term, actor.entity, [verb] + object + between + fronted))
                }
                lastAgent = actor.term
            }
            k = end
            if k < tokens.count, ["and", "or"].contains(tokens[k].text), Self.passiveGroup(tokens, at: k + 1, shared: true) != nil {
                k += 1
                shared = true
                continue
            }
            if k + 1 < tokens.count, tokens[k].text == ",", ["and", "or"].contains(tokens[k + 1].text), Self.passiveGroup(tokens, at: k + 2, shared: true) != nil {
                k += 2
                shared = true
                continue
            }
            // "claimed by the juror at the end, approved by the clerk and paid by transfer": a
            // participle after a comma with its own `by` phrase goes on the chain.
            if k + 2 < tokens.count, tokens[k].text == ",", let next = Self.passiveGroup(tokens, at: k + 1, shared: true), next.verb == k + 1,
               next.verb + 1 < tokens.count, tokens[next.verb + 1].text == "by" {
                k += 1
                shared = true
                continue
            }
            rest = Array(tokens[k...])
            break
        }
        // "the jurors are checked in at the desk, and panels are selected … by the usher": a
        // passive that gives no requirement (people told or handled) still leaves the clause after
        // its `, and` to be read.
        if clauses.isEmpty, rest.count > 2, rest[0].text == ",", rest[1].text == "and", k > subject.end {
            findClauses(Array(rest.dropFirst(2)), sentence: sentence)
            return true
        }
        // "a meter is installed and the recordings are reviewed by the officer": so does a passive
        // clause of its own after a bare `and`.
        if clauses.isEmpty, rest.count > 2, rest[0].text == "and", k > subject.end, passiveClauseWithAgent(rest, at: 1) {
            findClauses(Array(rest.dropFirst()), sentence: sentence)
            return true
        }
        // "Residents are reminded a month before and can renew online": a person told something
        // does what the active predicate after `and` says.
        if clauses.isEmpty, subjectIsPerson || kept.last.map({ Self.isPersonNoun(Inflector.singular($0)) }) == true,
           rest.count > 2, rest[0].text == "and", k > subject.end,
           nextVerb(rest, after: 1) != nil, readNounPhrase(rest, from: 1).words.isEmpty {
            // (Who acts is the person, not a possessor before it: "the association's bee inspector".)
            let person = tokens[..<subject.end].lastIndex { !$0.possessive.isEmpty }.map { subject.end > $0 + 1 ? $0 + 1 : 0 } ?? 0
            findClauses(Array(tokens[person..<subject.end]) + rest.dropFirst(), sentence: sentence)
            return true
        }
        guard !clauses.isEmpty else { return false }
        // ", with photos of the damage": a phrase that qualifies the last clause stays with it.
        var separate = rest
        while let first = separate.first, [",", "and", ";"].contains(first.text) { separate.removeFirst() }
        if let first = separate.first, first.isWord, Self.postModifiers.contains(first.text) || ["within", "via", "using", "through", "during", "after", "before"].contains(first.text) {
            clauses[clauses.count - 1].predicate += rest
            separate = []
        }
        for clause in clauses {
            let actor = canonicalActor(clause.actor)
            addActor(actor, entity: clause.entity, role: false)
            if clause.entity { addEntity(actor, actor: actor) }
            noteSubject(actor)
            let end = parsePredicate(clause.predicate, from: 0, actor: actor, actorIsEntity: clause.entity, sentence: sentence, together: [actor])
            if end < clause.predicate.count { findClauses(Array(clause.predicate[end...]), sentence: sentence) }
        }
        if let first = separate.first, first.text == "who", let agent = whoAntecedent(tokens, who: tokens.count - separate.count)?.term ?? lastAgent {
            // "…, who then writes an assessment": the person just named acts (the agent, or the
            // person the thing went to: "is sent to the subcontractor, who fixes it").
            let name = agent.words.map { Tokenizer.Token(text: $0, original: $0, isWord: true) }
            findClauses([Tokenizer.Token(text: "the", original: "the", isWord: true)] + name + separate.dropFirst(), sentence: sentence, mainClause: true)
        } else if !separate.isEmpty {
            findClauses(separate, sentence: sentence)
        }
        return true
    }

    /// Whether `actor`, in this sentence or the one before, hands a thing over
    /// (`DomainLexicon.submissionVerbs`: `Residents report noise …, giving the address`).
    func handedOver(by actor: Term) -> Bool {
        let recent = Set([sentenceIndex, sentenceIndex - 1].filter { sentences.indices.contains($0) }.map { sentences[$0].text })
        return features.contains { feature in
            feature.actor == actor && recent.contains(feature.source)
                && feature.verbs.contains { DomainLexicon.submissionVerbs.contains(String($0.split(separator: " ").first ?? "")) }
        }
    }

    /// Whether a passive clause with its own subject and its own `by` agent starts at `start`
    /// (`the recordings are reviewed by the officer`), before the next comma or semicolon. Clauses
    /// without an agent are left to the rules for agentless passives.
    func passiveClauseWithAgent(_ tokens: [Tokenizer.Token], at start: Int) -> Bool {
        let subject = readNounPhrase(tokens, from: start)
        return !subject.words.isEmpty && passiveGroupWithAgent(tokens, at: subject.end)
    }

    /// Whether a passive verb group with its own `by` agent starts at `start` (`are visited at
    /// home by the officer`), before the next comma or semicolon.
    func passiveGroupWithAgent(_ tokens: [Tokenizer.Token], at start: Int) -> Bool {
        guard let group = Self.passiveGroup(tokens, at: start, shared: false) else { return false }
        var k = group.verb + 1
        while k < tokens.count, ![",", ";", ":"].contains(tokens[k].text) {
            if tokens[k].text == "by", passiveAgent(tokens, from: k + 1) != nil { return true }
            k += 1
        }
        return false
    }

    /// Records the subject of a clause just read, for `they`, `who`, `both sides` and passives without an agent.
    mutating func noteSubject(_ term: Term) {
        lastSubject = term
        lastSubjectSentence = sentenceIndex
        recentSubjects.removeAll { $0 == term }
        recentSubjects.append(term)
    }

    /// Verbs whose object does what the next verb says (`lets groups book`, `helps students find`).
    static let permissiveVerbs: Set<String> = ["let", "lets", "help", "helps", "allow", "allows", "enable", "enables", "permit", "permits"]

    /// The subject of the verb after a verb of letting: `lets groups book`, `allows members to
    /// reserve`, `lets you track` (a user).
    func permittedSubject(at i: Int, in tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        if tokens[i].text == "you" || tokens[i].text == "us" || tokens[i].text == "me" {
            guard let verbIndex = nextVerb(tokens, after: i + 1), EnglishVerbs.base(of: tokens[verbIndex].text) == tokens[verbIndex].text else { return nil }
            return (Term(words: ["user"]), false, 1)
        }
        // The noun phrase may take the verb for a noun (`groups book`, `book` being a record too):
        // the subject ends before the first verb in its base form with an object or after `to`.
        guard let verbIndex = ((i + 1)..<min(tokens.count, i + 5)).first(where: { k in
            tokens[k].isWord && EnglishVerbs.base(of: tokens[k].text) == tokens[k].text && !DomainLexicon.modifiers.contains(tokens[k].text)
                && (tokens[k - 1].text == "to" || !readNounPhrase(tokens, from: k + 1).words.isEmpty)
        }) else { return nil }
        let end = tokens[verbIndex - 1].text == "to" ? verbIndex - 1 : verbIndex
        let kept = tokens[i..<end].map(\.text).filter { !DomainLexicon.modifiers.contains($0) }
        guard let last = kept.last, kept.count <= 3, tokens[i..<end].allSatisfy(\.isWord), !DomainLexicon.productKinds.contains(Inflector.singular(last)),
              !DomainLexicon.nonEntities.contains(Inflector.singular(last)), !DomainLexicon.stopWords.contains(last),
              kept.allSatisfy({ Self.verb($0) == nil || Inflector.isPlural($0) }) else { return nil }
        // "lets people book", "I'd like people to browse": people at large are the product's users.
        if kept == ["people"] { return (Term(words: ["user"]), false, end - i) }
        if let known = Self.actor(at: kept.count - 1, in: kept) ?? (kept.count >= 2 ? Self.actor(at: kept.count - 2, in: kept) : nil) {
            return (known.term, known.entity, end - i)
        }
        let words = Array(kept.suffix(2).dropLast()) + [Inflector.singular(last)]
        return (Term(words: words), false, end - i)
    }

    /// Verbs that state what a thing is or holds rather than what someone does.
    static let statesVerbs: Set<String> = ["include", "contain", "show", "list", "cost", "need", "require", "hold", "belong", "have", "mean",
                                           "seem", "remain", "get", "take", "last", "match", "cover", "use", "run", "start", "end", "open", "close", "follow"]

    /// `The front desk marks rooms as checked out`: a definite noun phrase of one or two nouns no
    /// lexicon knows, then a verb in the third person singular with an object. Not a product, a
    /// record already named or a word that names no record (`the dashboard shows …`).
    func definiteSubject(_ tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        guard let found = mainClauseSubject(tokens), let last = found.term.words.last, found.term.words.count <= 2,
              let verbIndex = nextVerb(tokens, after: found.length),
              (tokens[verbIndex].text.hasSuffix("s") && EnglishVerbs.base(of: tokens[verbIndex].text) != tokens[verbIndex].text) || Self.afterAuxiliary(tokens, verb: verbIndex),
              !Self.statesVerbs.contains(EnglishVerbs.base(of: tokens[verbIndex].text) ?? ""),
              // One lexicon noun is a record ("the ticket includes …"); a compound of two acts ("the front desk").
              // "The monitor raises a query": one word after `the` is a noun, though it is also a verb.
              Self.verb(last) == nil || (found.length == 2 && verbIndex == 2 && !EnglishVerbs.isInflected(last)),
              found.term.words.count == 2 || Self.lexiconNoun(endingAt: found.term.words) == nil, !DomainLexicon.nonEntities.contains(last),
              !EnglishWords.adverbsAndAdjectives.contains(last), found.term.words.dropLast().allSatisfy({ Self.verb($0) == nil }),
              // "The league table updates itself": a thing that acts on itself is no person.
              !(verbIndex + 1 < tokens.count && ["itself", "themselves"].contains(tokens[verbIndex + 1].text)) else { return nil }
        return found
    }

    /// `ACTOR [can] VERB[, VERB or VERB] OBJECT [and OBJECT] [with …][, VERB OBJECT …]`.
    mutating func findClauses(_ tokens: [Tokenizer.Token], sentence: Tokenizer.Sentence, mainClause: Bool = false) {
        // "Invoices are approved by the finance lead": read as "the finance lead approves invoices".
        if readPassive(tokens, sentence: sentence) { return }
        let words = tokens.map(\.text)
        var i = 0
        var clauseTags: [PartOfSpeech.Token]? = nil
        while i < tokens.count {
            var coordinated: [(term: Term, entity: Bool)] = []
            var found = tokens[i].isWord ? departmentSubject(at: i, in: tokens) ?? Self.actor(at: i, in: words) : nil
            // "Audience members buy …", "the ticket office checks …": the nouns the tagger reads
            // before the subject's head, in its noun phrase, are part of the actor's name.
            if tokens[i].isWord, found.map({ $0.length == 1 }) ?? true {
                if clauseTags == nil { clauseTags = tags(of: tokens) }
                if let compound = compoundSubject(at: i, in: tokens, tags: clauseTags ?? []) { found = compound }
            }
            if found == nil, tokens[i].isWord, words[i] == "they", let they = theySubject(at: i, in: tokens) {
                found = (they.term, they.entity, 1)
            }
            // "… passes it to the night editor, who schedules the story": `who` is the person just named.
            if found == nil, words[i] == "who", i > 1, words[i - 1] == ",", nextVerb(tokens, after: i + 1) != nil,
               let person = whoAntecedent(tokens, who: i) {
                found = (person.term, person.entity, 1)
            }
            // "we want to register …", "she must be able to write …", "my son and me record …":
            // a pronoun or a possessed person opening a clause is who acts.
            if found == nil, tokens[i].isWord { found = pronounSubject(at: i, in: tokens) }
            if found == nil, tokens[i].isWord { found = unknownActor(at: i, in: tokens) }
            if found == nil, tokens[i].isWord { found = knownSubject(at: i, in: tokens) }
            if found == nil, tokens[i].isWord { found = singularActor(at: i, in: tokens) }
            if found == nil { found = compoundOrganisation(at: i, in: tokens) }
            // "the front desk confirms the booking", "the prep kitchen prepares each order".
            if found == nil, tokens[i].isWord {
                if clauseTags == nil { clauseTags = tags(of: tokens) }
                found = unitSubject(at: i, in: tokens, tags: clauseTags ?? [])
            }
            if found == nil, mainClause, i == 0 { found = mainClauseSubject(tokens) }
            // "Lockbox lets groups book …", "allows members to reserve …": the object of a verb of
            // letting is the subject of the verb after it.
            // "I'd like customers to approve …", "we want members to reserve …": so is the object of a wish.
            if found == nil, i > 0, tokens[i].isWord, Self.permissiveVerbs.contains(words[i - 1]) || EnglishWords.wantingVerbs.contains(words[i - 1])
                || Self.isWouldWish(words, at: i - 1) {
                found = permittedSubject(at: i, in: tokens)
            }
            // "The front desk marks rooms …": a definite noun phrase opening a clause before a verb
            // in the third person with an object names who acts.
            if found == nil, i == 0, words[0] == "the" { found = definiteSubject(tokens) }
            // "Payroll exports the approved hours": a bare noun opening the sentence before a verb in
            // the third person with an object is a department that acts.
            if found == nil, i == 0 { found = bareSubject(tokens) }
            // "Both sides rate each other": the two actors of the clauses before.
            if found == nil, words[i] == "both", i + 1 < tokens.count, ["sides", "parties"].contains(words[i + 1]), recentSubjects.count >= 2,
               nextVerb(tokens, after: i + 2) != nil {
                let pair = Array(recentSubjects.suffix(2))
                found = (pair[0], isEntityActor(pair[0]), 2)
                coordinated = [(pair[1], isEntityActor(pair[1]))]
            }
            // "whoever", "someone": an indefinite pronoun names no role.
            guard var subject = found, !EnglishWords.indefinitePronouns.contains(subject.term.words.first ?? "") else { i += 1; continue }
            // "the council's own servers", "each member's trainer approves …": a possessor says
            // whose thing follows; it is not who acts.
            if case let last = min(i + subject.length, tokens.count) - 1, last >= i, !tokens[last].possessive.isEmpty { i += 1; continue }
            subject.term = canonicalActor(subject.term)
            var j = i + subject.length
            // "Owners and sitters message each other": coordinated subjects share the predicate.
            var k = j
            var others: [(term: Term, entity: Bool)] = []
            while k + 1 < tokens.count, ["and", "or", ","].contains(words[k]) {
                let start = words[k] == "," && k + 2 < tokens.count && ["and", "or"].contains(words[k + 1]) ? k + 2 : k + 1
                guard let other = clauseSubject(tokens, at: start) ?? unknownActor(at: start, in: tokens).map({ ($0.term, $0.entity, $0.length) }),
                      other.term.words != ["they"] else { break }
                others.append((canonicalActor(other.term), other.entity))
                k = start + other.length
            }
            if !others.isEmpty, nextVerb(tokens, after: k) != nil {
                coordinated += others
                j = k
            }
            // "Journalists and photographers apply online": a plural person noun no lexicon lists,
            // opening the clause before `and` and the subject found, shares its predicate.
            // (The subject found may hold the pair when the tagger read it as one noun phrase.)
            if let and = (max(1, i - 1)..<min(j, tokens.count)).first(where: { ["and", "or"].contains(words[$0]) }), and >= 1, and - 1 <= i,
               tokens[and - 1].isWord, and == 1 || [",", ";", ":"].contains(words[and - 2]),
               Inflector.isPlural(words[and - 1]), case let single = Inflector.singular(words[and - 1]), Self.isPersonNoun(single),
               single != subject.term.head, !coordinated.contains(where: { $0.term.head == single }) {
                coordinated.insert((canonicalActor(Term(words: [single])), false), at: 0)
            }
            // "Visitors to the city museum scan …": a prepositional phrase between subject and verb.
            if j + 1 < tokens.count, ["to", "of", "at", "in", "from", "on"].contains(words[j]) {
                var np = readNounPhrase(tokens, from: j + 1)
                // "The clerk of works from the housing association does …": a second phrase qualifies the first.
                if !np.words.isEmpty, nextVerb(tokens, after: np.end) == nil, np.end + 1 < tokens.count, ["of", "at", "in", "from", "on"].contains(words[np.end]),
                   case let second = readNounPhrase(tokens, from: np.end + 1), !second.words.isEmpty, verbAfterQualifiers(tokens, at: second.end) != nil {
                    np = second
                }
                if !np.words.isEmpty, nextVerb(tokens, after: np.end) != nil {
                    j = np.end
                } else if !np.words.isEmpty, let k = verbWithObject(tokens, in: (j + 2)..<np.end) {
                    // "members of a coworking space book hot desks": the phrase took the verb for a noun.
                    j = k
                }
            }
            var passive = false
            while j < tokens.count {
                // "Analysts finish uploading …", "Archivists are responsible for cataloguing …".
                let skip = Self.catenative(tokens, at: j)
                if skip > 0 { j += skip; continue }
                guard Self.modals.contains(words[j]) || Self.aspectAuxiliary(tokens, at: j)
                        || (Self.wishes.contains(words[j]) && j + 1 < tokens.count && words[j + 1] == "to") else { break }
                if ["be", "are", "is", "been"].contains(words[j]), !Self.aspectAuxiliary(tokens, at: j) { passive = true }
                j += 1
            }
            guard j < tokens.count, tokens[j].isWord, Self.verb(words[j]) != nil || lightVerbAction(tokens, at: j) != nil,
                  !(passive && EnglishVerbs.isInflected(words[j])) else { i += 1; continue }
            // "we'd like an app for the boathouse": a wish for a thing is the brief's pitch, not a step.
            if j + 1 < tokens.count, words[j + 1] != "to",
               EnglishWords.wantingVerbs.contains(words[j]) || Self.isWouldWish(words, at: j) {
                i = j + 1
                continue
            }
            // "every vendor booked for it gets a refund": a participle before a preposition qualifies its noun.
            if words[j].hasSuffix("ed"), EnglishVerbs.isInflected(words[j]), j + 1 < tokens.count,
               ["for", "by", "to", "in", "at", "on", "with", "from", "into"].contains(words[j + 1]) { i += 1; continue }
            // "assign pieces to singers …": a noun after a verb's preposition is its object, but `I`
            // and `they` are only ever subjects ("Each time I brew, I start a batch").
            if i > 0, ["to", "of", "for", "with", "by", "from", "and", ","].contains(words[i - 1]), Self.verb(words[i - 1]) == nil, i > 1, Self.verb(words[i - 2]) != nil,
               !["i", "they", "we", "she", "he"].contains(words[i]),
               // "… sells day passes and members can book classes": a modal after the noun makes it a subject.
               !(i + subject.length < tokens.count && ["can", "may", "must", "should", "will", "shall"].contains(words[i + subject.length])) {
                i += 1
                continue
            }
            let subjects = [(term: subject.term, entity: subject.entity)] + coordinated
            var end = j
            for one in subjects {
                addActor(one.term, entity: one.entity, role: false)
                if one.entity { addEntity(one.term, actor: one.term) }
                noteSubject(one.term)
                end = parsePredicate(tokens, from: j, actor: one.term, actorIsEntity: one.entity, sentence: sentence,
                                     together: subjects.map(\.term))
            }
            // "Families apply to become hosts and are visited at home by the officer": the passive
            // predicate coordinated with the active one is done to the same subject, by its agent.
            // (The predicate ends at the `and`, or after it when the tagger saw a clause open there.)
            if let and = [end, end - 1].first(where: { $0 > j && $0 + 1 < tokens.count && tokens[$0].text == "and" }),
               passiveGroupWithAgent(tokens, at: and + 1),
               readPassive(Array(tokens[i..<(i + subject.length)]) + Array(tokens[(and + 1)...]), sentence: sentence) {
                return
            }
            i = end
        }
    }

    /// `would like`, `'d also love`: a verb of liking after `would` (and an adverb of the verb group) is a wish.
    static func isWouldWish(_ words: [String], at j: Int) -> Bool {
        guard j > 0, EnglishWords.wouldWishes.contains(words[j]) else { return false }
        return words[j - 1] == "would" || j > 1 && words[j - 2] == "would" && groupAdverbs.contains(words[j - 1])
    }

    /// An object the reader could not file when read but that may name a record: a hyphenated noun
    /// (`a check-up`, `the fill-up`) or a word mostly a verb after other words (`a weekly update`).
    static func isUndecidedObject(_ words: [String]) -> Bool {
        guard let last = words.last, last.count > 3, !DomainLexicon.stopWords.contains(last), !EnglishWords.adverbsAndAdjectives.contains(last),
              !EnglishVerbs.isInflected(last), !last.hasSuffix("ly"), !(last.first?.isNumber ?? true) else { return false }
        if last.contains("-") { return last.split(separator: "-").allSatisfy { $0.count >= 2 && $0.allSatisfy(\.isLetter) } }
        return verb(last) != nil && !EnglishVerbs.isPureVerb(Inflector.singular(last)) || words.count >= 2
    }

    /// The object half of "keep every clause, classify later": an object kept undecided is a
    /// record when a role acts on it (a verb that makes, changes or acts, not one that reads or
    /// exports), unless it names a time, a measure, a property, the product or a person. The
    /// record joins every frame that named it.
    mutating func classifyPendingObjects() {
        var decided: [String: Term?] = [:]
        for pending in pendingObjects {
            guard let index = features.firstIndex(where: { $0.statement == pending.statement }), let last = pending.words.last else { continue }
            let head = Inflector.singular(last)
            let term: Term? = decided[head] ?? {
                let parts = head.split(separator: "-").map(String.init)
                guard !Self.propertyHeads.contains(head), !EnglishWords.measures.contains(head), !Self.timeNouns.contains(head), !Self.measureWords.contains(head),
                      !Self.isPersonNoun(head), !DomainLexicon.productKinds.contains(head), !DomainLexicon.nonEntities.contains(head),
                      features[index].verbs.contains(where: { ![.read, .export].contains(DomainLexicon.verbKinds[$0]) && !Self.statesVerbs.contains($0) }) else { return nil }
                return Term(words: parts)
            }()
            decided[head] = term
            guard let term else { continue }
            let record = addEntity(term)
            if !features[index].objects.contains(record) { features[index].objects.append(record) }
            features[index].kind = .entity
        }
    }

    /// Makes an actor a record of its own (`rate each other`: a rating names the person rated).
    mutating func actorRecord(_ term: Term) -> Term {
        if let i = actors.firstIndex(where: { $0.term == term }), !actors[i].isRole { actors[i].isEntity = true }
        return addEntity(term, actor: term)
    }

    /// Records that are bookings of a time themselves: booking one makes no booking record beside it.
    static let timedRecords: Set<String> = ["booking", "appointment", "session", "lesson", "class", "shift", "slot", "meeting", "reservation", "visit",
                                            "event", "trip", "ride", "tour", "stay", "course", "consultation", "call", "test", "exam", "ticket", "time"]

    /// Organisations that act in a brief as people do (`Companies publish programs`).
    static let organisationActors: Set<String> = ["company", "business", "agency", "school", "club", "shop", "store", "salon", "clinic", "museum", "nursery",
                                                  // Collective nouns for groups of people.
                                                  "board", "committee", "council", "panel", "team", "office", "department", "crew", "staff", "jury", "foundation"]

    /// Possessives before a person who opens a clause (`my son`, `our vet`).
    static let possessives: Set<String> = ["my", "our", "his", "her", "their"]

    /// A pronoun or a possessed person opening a clause: `we` (the writer's side, a user),
    /// `she`/`he` (the person named last before it in the sentence or the one before, else the
    /// last subject), `my son` (a person noun after a possessive, also before `and me`).
    func pronounSubject(at i: Int, in tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        let word = tokens[i].text
        let atStart = i == 0 || !tokens[i - 1].isWord || Self.clauseOpeners.contains(tokens[i - 1].text) || Self.subordinators.contains(tokens[i - 1].text)
            // "In the shop my brother sells …": after a short fronted phrase of place or time.
            || (i <= 5 && ["in", "at", "on", "during", "every", "each"].contains(tokens[0].text) && tokens[..<i].allSatisfy(\.isWord))
        // `we`, `she` and `he` are only ever subjects; a possessed person opens a clause.
        if word == "we", nextVerb(tokens, after: i + 1) != nil { return (Term(words: ["user"]), false, 1) }
        if word == "she" || word == "he", nextVerb(tokens, after: i + 1) != nil {
            let before = tokens[..<i].filter(\.isWord).map(\.text)
            let earlier = sentenceIndex > 0 ? sentences[sentenceIndex - 1].tokens.filter(\.isWord).map(\.text) : []
            // The nearest person before the pronoun, in this sentence first, then in the one before;
            // in each, an actor this brief has already named (`The homeowner receives the offer and
            // he signs it`) before a word that only looks like a person (`panel` in `the panel layout`).
            // `he` and `she` name one person: a plural (`The nurse meets the patients and she weighs
            // them`) is not who they are.
            for words in [before, earlier] {
                let candidates = words.reversed().filter { !Inflector.isPlural($0) }.map(Inflector.singular).filter { !Self.possessives.contains($0) }
                if let known = candidates.lazy.compactMap({ single in self.actors.first { $0.term.head == single } }).first {
                    return (known.term, known.isEntity, 1)
                }
                if let single = candidates.first(where: Self.isPersonNoun) { return (Term(words: [single]), false, 1) }
            }
            return lastSubject.map { last in (last, isEntityActor(last), 1) }
        }
        if atStart, Self.possessives.contains(word), i + 1 < tokens.count, tokens[i + 1].isWord, case let single = Inflector.singular(tokens[i + 1].text),
           EnglishWords.personNouns.contains(single) || Self.isPersonNoun(single), Self.lexiconNoun(endingAt: [single]) == nil,
           nextVerb(tokens, after: i + 2) != nil || (i + 3 < tokens.count && ["and", "or"].contains(tokens[i + 2].text)) {
            return (Term(words: [single]), false, 2)
        }
        return nil
    }

    /// Whether the actor named `term` is one the brief gives data (false when no actor has that name).
    func isEntityActor(_ term: Term) -> Bool {
        actors.first { $0.term == term }?.isEntity ?? false
    }

    /// Who `they` opening a clause at `i` is: the last subject where its sentence names it in the
    /// plural before `they`; else the first people its sentence names in the plural before it, as
    /// a pronoun that is a subject takes a subject before a nearer object (`The office emails the
    /// passengers and they confirm the date`, `Crews get a list of the panels, and they photograph
    /// each one`); else the last subject.
    func theySubject(at i: Int, in tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool)? {
        let plurals = tokens[..<i].filter(\.isWord).map(\.text).filter(Inflector.isPlural).map(Inflector.singular)
        if let last = lastSubject, plurals.contains(last.head) { return (last, isEntityActor(last)) }
        for single in plurals {
            if let known = actors.first(where: { $0.term.head == single }) { return (known.term, known.isEntity) }
            if Self.isPersonNoun(single) { return (Term(words: [single]), false) }
        }
        return lastSubject.map { last in (last, isEntityActor(last)) }
    }

    /// `Payroll exports the approved hours every fortnight`, `Finance approves refunds`: a
    /// capitalised noun with no determiner opening the sentence, then a verb in the third person
    /// singular (not one that states) with an object, is a department or person that acts.
    func bareSubject(_ tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        guard tokens.count > 3, tokens[0].isWord, tokens[1].isWord, let first = tokens[0].original.first, first.isUppercase,
              case let word = tokens[0].text, word.count > 3, !Inflector.isPlural(word) || Inflector.singular(word) == word,
              !DomainLexicon.stopWords.contains(word), !DomainLexicon.modifiers.contains(word), Self.verb(word) == nil,
              !EnglishWords.adverbsAndAdjectives.contains(word), !DomainLexicon.nonEntities.contains(word), !DomainLexicon.productKinds.contains(word),
              !word.hasSuffix("ing"), !word.hasSuffix("ly"),
              case let verbWord = tokens[1].text, verbWord.hasSuffix("s"), let base = EnglishVerbs.base(of: verbWord), base != verbWord,
              !Self.statesVerbs.contains(base), !Self.permissiveVerbs.contains(verbWord),
              !(tokens[2].isWord && ["itself", "themselves"].contains(tokens[2].text)),
              !readNounPhrase(tokens, from: 2).words.isEmpty else { return nil }
        // A department named by its work is a team: "Payroll exports …" is the payroll team.
        return (Term(words: [word, "team"]), false, 1)
    }

    /// `Accounts payable approves invoices`, `Customer support answers tickets`, `then Human
    /// Resources checks …`: a department named by two words (one of them a department followed by
    /// an adjective or after a noun, or a pair the lexicon knows) opening a clause, before a verb
    /// in the third person with an object, is a team that acts, as `bareSubject` reads one word.
    func departmentSubject(at i: Int, in tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        guard i + 3 < tokens.count, tokens[i].isWord, tokens[i + 1].isWord,
              i == 0 || !tokens[i - 1].isWord || ["the", "and", "then", "when", "once", "after", "until"].contains(tokens[i - 1].text) else { return nil }
        let (first, second) = (tokens[i].text, tokens[i + 1].text)
        let known = EnglishWords.departmentPhrases.contains(first + " " + second)
        let named = EnglishWords.departments.contains(first) && PartOfSpeech.Model.shared.lexicon(second) == "JJ"
            || EnglishWords.departments.contains(second) && Self.isPlainNoun(first) && !Inflector.isPlural(first)
        guard known || named, nextVerb(tokens, after: i + 2) == i + 2, case let verbWord = tokens[i + 2].text, verbWord.hasSuffix("s"),
              let base = EnglishVerbs.base(of: verbWord), base != verbWord, !Self.statesVerbs.contains(base),
              !readNounPhrase(tokens, from: i + 3).words.isEmpty else { return nil }
        return (Term(words: [first, second, "team"]), false, 2)
    }

    /// A subject that is no lexicon actor: `I` (the brief's writer, a user), an actor already
    /// named in the singular (`the walker shares …`), an organisation that acts.
    func knownSubject(at i: Int, in tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        let word = tokens[i].text
        guard nextVerb(tokens, after: i + 1) != nil else { return nil }
        if word == "i", tokens[i].original == "I" { return (Term(words: ["user"]), false, 1) }
        let atStart = i == 0 || !tokens[i - 1].isWord || ["the", "a", "an", "each", "every", "and", "then", "where", "so", "when"].contains(tokens[i - 1].text)
        guard atStart else { return nil }
        let single = Inflector.singular(word)
        if let actor = actors.first(where: { $0.term.head == single }) { return (actor.term, actor.isEntity, 1) }
        if Self.organisationActors.contains(single), Inflector.isPlural(word) || (i > 0 && tokens[i - 1].text == "the") {
            return (Term(words: [single]), false, 1)
        }
        return nil
    }

    /// `the exam office appoints …`: a collective noun after a noun of its own names who acts,
    /// as after an -ing word that says what it does (`the dispensing team makes up …`); so does a
    /// person after such an -ing word (`the returning officer sets up …`, `visiting nurses record …`).
    func compoundOrganisation(at i: Int, in tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        guard i + 1 < tokens.count, tokens[i].isWord, tokens[i + 1].isWord,
              i == 0 || !tokens[i - 1].isWord || ["the", "and", "then", "when", "once", "after"].contains(tokens[i - 1].text),
              !DomainLexicon.stopWords.contains(tokens[i].text), !DomainLexicon.modifiers.contains(tokens[i].text),
              nextVerb(tokens, after: i + 2) != nil else { return nil }
        if Self.organisationActors.contains(tokens[i + 1].text), Self.verb(tokens[i].text) == nil || Self.isIngVerb(tokens[i]) {
            return (Term(words: [tokens[i].text, tokens[i + 1].text]), false, 2)
        }
        guard let role = Self.ingRole(tokens, at: i), nextVerb(tokens, after: i + 2) == i + 2 || Self.modals.contains(tokens[i + 2].text) else { return nil }
        return (role, false, 2)
    }

    /// `returning officer`, `visiting nurses`: an -ing word before a person noun at `k` is part of
    /// the role's name (the verb it comes from says what the person does), or nil.
    static func ingRole(_ tokens: [Tokenizer.Token], at k: Int) -> Term? {
        guard k + 1 < tokens.count, isIngVerb(tokens[k]), tokens[k + 1].isWord, case let person = Inflector.singular(tokens[k + 1].text),
              isPersonNoun(person) else { return nil }
        return Term(words: [tokens[k].text, person])
    }

    /// The first word in `range` that is a verb with a noun phrase after it, where a noun phrase
    /// took a verb that is also a noun for one of its own words (`a coworking space book hot desks`).
    func verbWithObject(_ tokens: [Tokenizer.Token], in range: Range<Int>) -> Int? {
        range.first { k in
            k < tokens.count && tokens[k].isWord && Self.verb(tokens[k].text) != nil && !EnglishVerbs.isInflected(tokens[k].text)
                && !DomainLexicon.modifiers.contains(tokens[k].text) && !readNounPhrase(tokens, from: k + 1).words.isEmpty
        }
    }

    /// Words that open a clause of their own: a noun phrase after them may be its subject.
    static let clauseOpeners: Set<String> = ["and", "then", "when", "once", "after", "before", "if", "where", "so", "while", "until", "but"]

    /// A singular person the lexicon does not know, after a determiner at the start of a clause
    /// and before a verb (`the estimator visits`, `When a walk ends, the walker uploads photos`):
    /// an agent noun (`-er`, `-or`, `-ist`, `-ian`, `-ant`, `-eer`) names a person.
    func singularActor(at i: Int, in tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        let determiners: Set<String> = ["the", "a", "an", "each", "every", "any", "their", "our", "your"]
        guard i >= 1 else { return nil }
        // "the head housekeeper assigns …": a noun before the agent noun makes a compound role.
        if !determiners.contains(tokens[i - 1].text), i >= 2, tokens[i - 1].isWord, Self.isPlainNoun(tokens[i - 1].text),
           determiners.contains(tokens[i - 2].text), i + 1 < tokens.count, tokens[i + 1].isWord,
           let single = singularActor(at: i - 1, in: Array(tokens[..<(i - 1)]) + [tokens[i]] + Array(tokens[(i + 1)...])) {
            return (Term(words: [tokens[i - 1].text] + single.term.words), single.entity, single.length)
        }
        guard determiners.contains(tokens[i - 1].text) else { return nil }
        let word = tokens[i].text
        // "the pilot enters …", "the clerk files …": a person noun after a determiner is a noun, though it is also a verb.
        let personNoun = EnglishWords.personNouns.contains(word) && !EnglishWords.collectiveNouns.contains(word)
        guard word.count > 2, personNoun || word.count > 4, !Inflector.isPlural(word) || Inflector.singular(word) == word, personNoun || Self.verb(word) == nil,
              !DomainLexicon.stopWords.contains(word), !DomainLexicon.modifiers.contains(word), Self.lexiconNoun(endingAt: [word]) == nil,
              !DomainLexicon.nonEntities.contains(word), !EnglishWords.adverbsAndAdjectives.contains(word),
              personNoun || ["er", "or", "ist", "ian", "ant", "eer", "man"].contains(where: { word.hasSuffix($0) }),
              // "Technicians repair boilers. Every boiler must run on gas": a thing in -er or -or (a
              // machine) already named as a record, and never as a person, does not act.
              personNoun || !EnglishWords.thingsInEr.contains(word) || entity(Term(words: [word])) == nil || actors.contains(where: { $0.term.head == word }),
              let verbIndex = nextVerb(tokens, after: i + 1) ?? verbAfterPhrase(tokens, at: i + 1),
              !EnglishVerbs.isInflected(tokens[verbIndex].text) || Self.afterAuxiliary(tokens, verb: verbIndex)
                // "The surveyor measured every plot": a past tense before a determiner is active.
                || (personNoun || ["er", "or", "ist", "ian", "eer", "man"].contains(where: { word.hasSuffix($0) })) && verbIndex == i + 1
                    && !tokens[verbIndex].text.hasSuffix("ing") && verbIndex + 1 < tokens.count
                    && (["every", "each", "the", "a", "an", "all", "their", "his", "her"].contains(tokens[verbIndex + 1].text)
                        || tokens[verbIndex + 1].isWord && !DomainLexicon.stopWords.contains(tokens[verbIndex + 1].text) && Inflector.isPlural(readNounPhrase(tokens, from: verbIndex + 1).words.last ?? "")) else { return nil }
        // "Every morning the head housekeeper …": a time of day or week before the subject opens the clause too.
        let atStart = i == 1 || !tokens[i - 2].isWord || Self.clauseOpeners.contains(tokens[i - 2].text)
            || Self.timeNouns.contains(Inflector.singular(tokens[i - 2].text))
            // "After the match the referee enters …": a short fronted phrase without its comma.
            || (i <= 6 && tokens.first.map { Self.subordinators.contains($0.text) || ["on", "at", "in", "during", "every", "each"].contains($0.text) } == true
                && tokens[1..<(i - 1)].allSatisfy(\.isWord))
        return atStart ? (Term(words: [word]), false, 1) : nil
    }

    /// `the foreman of each site checks …`: the verb after a prepositional phrase that qualifies
    /// the subject.
    func verbAfterPhrase(_ tokens: [Tokenizer.Token], at j: Int) -> Int? {
        guard j + 1 < tokens.count, ["of", "at", "in", "on", "from"].contains(tokens[j].text) else { return nil }
        let np = readNounPhrase(tokens, from: j + 1)
        guard !np.words.isEmpty else { return nil }
        // "the clerk of works from the housing association does …": a second phrase qualifies the first.
        if nextVerb(tokens, after: np.end) == nil, np.end + 1 < tokens.count, ["of", "at", "in", "on", "from"].contains(tokens[np.end].text),
           case let second = readNounPhrase(tokens, from: np.end + 1), !second.words.isEmpty, let verb = verbAfterQualifiers(tokens, at: second.end) {
            return verb
        }
        // "the foreman of each site checks the entries": the phrase took the verb for a noun.
        return nextVerb(tokens, after: np.end) ?? verbWithObject(tokens, in: (j + 2)..<np.end)
    }

    /// The verb after a subject's second qualifying phrase, unless another verb follows it straight:
    /// in `the warden from the wildlife trust adds …` the phrase took its own noun (`trust`) for the verb.
    func verbAfterQualifiers(_ tokens: [Tokenizer.Token], at j: Int) -> Int? {
        guard let verb = nextVerb(tokens, after: j), nextVerb(tokens, after: verb + 1) != verb + 1 else { return nil }
        return verb
    }

    /// Times that open a sentence as an adverbial (`Every morning`, `Each week`, `On the day`).
    static let timeNouns: Set<String> = ["morning", "afternoon", "evening", "night", "day", "week", "weekend", "month", "year", "season", "term",
                                         "spring", "summer", "autumn", "winter", "quarter", "fortnight",
                                         "today", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// A plural noun the lexicon does not know, at the start of a clause and followed by a verb
    /// (`Librarians add books`, `sales reps manage contacts`): a person who acts.
    func unknownActor(at i: Int, in tokens: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        let word = tokens[i].text
        // "Judges score the projects": a noun that is also a verb, in the plural, before a verb
        // in its base form, is the subject.
        let nounVerbSubject = EnglishVerbs.isNounVerb(Inflector.singular(word)) && i + 1 < tokens.count
            && EnglishVerbs.base(of: tokens[i + 1].text) == tokens[i + 1].text && !EnglishVerbs.isInflected(tokens[i + 1].text)
        guard Inflector.isPlural(word), word.count > 3, !DomainLexicon.stopWords.contains(word), !DomainLexicon.modifiers.contains(word),
              Self.verb(word) == nil || nounVerbSubject, Self.lexiconNoun(endingAt: [word]) == nil, !DomainLexicon.nonEntities.contains(Inflector.singular(word)),
              // "Rowers at the club book boats": a phrase may qualify the subject before its verb.
              nextVerb(tokens, after: i + 1) != nil || ((Self.isPersonNoun(Inflector.singular(word))
                  || ["er", "or", "ist", "ian", "eer"].contains(where: { Inflector.singular(word).hasSuffix($0) }) && !EnglishWords.thingsInEr.contains(Inflector.singular(word)))
                  && verbAfterPhrase(tokens, at: i + 1) != nil) else { return nil }
        let single = Inflector.singular(word)
        let opensClause = { (k: Int) -> Bool in
            k == 0 || !tokens[k - 1].isWord || ["where", "who", "that", "so", "then", "and", "both", "while", "but"].contains(tokens[k - 1].text)
                // "Our counsellors are writing …": a possessive opening the clause.
                || (k == 1 && Self.possessives.contains(tokens[0].text))
                // "In the harvest season the farmers bring …": a short fronted phrase before the subject's determiner.
                || (k >= 3 && k <= 7 && ["the", "our", "their", "my"].contains(tokens[k - 1].text)
                    && ["in", "on", "at", "during", "every", "each", "after", "before"].contains(tokens[0].text) && tokens[1..<(k - 1)].allSatisfy(\.isWord)
                    && Self.timeNouns.contains(Inflector.singular(tokens[k - 2].text)) || (k >= 3 && ["the", "our", "their"].contains(tokens[k - 1].text) && Self.subordinators.contains(tokens[k - 2].text)))
        }
        let previousIsNoun = i >= 1 && tokens[i - 1].isWord && Self.isPlainNoun(tokens[i - 1].text)
        let personLike = ["er", "or", "ist", "ian", "ant", "ent", "ee", "eer", "ess", "ive", "ar"].contains { single.hasSuffix($0) } || EnglishWords.personNouns.contains(single)
            || (i + 1 < tokens.count && ["can", "may", "should", "must"].contains(tokens[i + 1].text) && !EnglishWords.adverbsAndAdjectives.contains(single))
            // "Mechanics log the work": a plural opening the sentence, then a verb in its base form with an object;
            // also opening a clause after `and` or a comma, or after a noun of its own ("…, and tour guides publish walks").
            || ((i == 0 || ((Self.verb(word) == nil || nounVerbSubject) && (opensClause(i) || previousIsNoun && opensClause(i - 1))))
                && i + 1 < tokens.count && EnglishVerbs.base(of: tokens[i + 1].text) == tokens[i + 1].text
                && (!readNounPhrase(tokens, from: i + 2).words.isEmpty || Self.catenative(tokens, at: i + 1) > 0) && !EnglishWords.adverbsAndAdjectives.contains(single))
        guard personLike else { return nil }
        if opensClause(i) { return (Term(words: [word]), false, 1) }
        // "The hygienists book …": an agent noun after `the` opening the sentence.
        if i == 1, tokens[0].text == "the", ["er", "or", "ist", "ian", "eer"].contains(where: { single.hasSuffix($0) }) || EnglishWords.personNouns.contains(single) {
            return (Term(words: [word]), false, 1)
        }
        // "game masters record …", "the pet sitters write …": a compound whose first noun opens the clause.
        if previousIsNoun, opensClause(i - 1) || i >= 2 && ["the", "our", "their"].contains(tokens[i - 2].text) && opensClause(i - 2) {
            return (Term(words: [tokens[i - 1].text, word]), false, 1)
        }
        return nil
    }

    /// A word that can stand as the first noun of a compound (`game` in `game masters`): no
    /// function word, determiner, verb, adjective or adverb.
    static func isPlainNoun(_ word: String) -> Bool {
        word.count > 2 && !DomainLexicon.stopWords.contains(word) && !DomainLexicon.modifiers.contains(word) && verb(word) == nil
            && !EnglishWords.adverbsAndAdjectives.contains(word) && !word.hasSuffix("ly") && !word.allSatisfy(\.isNumber)
    }

    /// The subject of a clause starting at `start` after "and" or a comma ("…, and the lab manager
    /// approves …", "they …"): a role, with its determiner, or an actor already named. The length
    /// counts the determiner.
    func clauseSubject(_ tokens: [Tokenizer.Token], at start: Int) -> (term: Term, entity: Bool, length: Int)? {
        guard var found = bareClauseSubject(tokens, at: start) else { return nil }
        // "the volunteers on shift weigh …": a prepositional phrase between the subject and its verb.
        let end = start + found.length
        if end + 1 < tokens.count, ["on", "of", "at", "in", "from", "with"].contains(tokens[end].text), nextVerb(tokens, after: end) == nil {
            let np = readNounPhrase(tokens, from: end + 1)
            if !np.words.isEmpty, nextVerb(tokens, after: np.end) != nil { found.length = np.end - start }
        }
        return found
    }

    func bareClauseSubject(_ tokens: [Tokenizer.Token], at start: Int) -> (term: Term, entity: Bool, length: Int)? {
        var k = start
        if k < tokens.count, ["the", "a", "an", "each", "every", "any", "their", "our", "its"].contains(tokens[k].text) { k += 1 }
        guard k < tokens.count, tokens[k].isWord else { return nil }
        let texts = tokens.map(\.text)
        if texts[k] == "they" { return (Term(words: ["they"]), false, 1) }
        // "my son and me record …", "the shop and we …": the writer's side, a user.
        if k == start, ["me", "we"].contains(texts[k]) { return (Term(words: ["user"]), false, 1) }
        // "Each time I brew, I start a batch": the writer, as `I` is read at a clause's start.
        if k == start, texts[k] == "i", tokens[k].original == "I" { return (Term(words: ["user"]), false, 1) }
        if let found = Self.actor(at: k, in: texts) { return (found.term, found.entity, found.length + k - start) }
        // "…, and the foundation tracks …": an organisation named with its article acts.
        if k > start, tokens[k - 1].text == "the", Self.organisationActors.contains(texts[k]) { return (Term(words: [texts[k]]), false, 1 + k - start) }
        for offset in 0..<2 where k + offset < tokens.count && tokens[k + offset].isWord {
            let single = Inflector.singular(texts[k + offset])
            if let actor = actors.first(where: { $0.term.head == single }) { return (actor.term, actor.isEntity, offset + 1 + k - start) }
        }
        // "…, and game masters record …": people no lexicon knows, in the plural, one or two nouns.
        if let found = unknownActor(at: k, in: tokens) { return (found.term, found.entity, 1 + k - start) }
        // "…, and the pilot enters the landing time": a person in the singular after its determiner.
        if k > start, let found = singularActor(at: k, in: tokens), found.term.words.count == 1 { return (found.term, found.entity, 1 + k - start) }
        if k + 1 < tokens.count, tokens[k + 1].isWord, let found = unknownActor(at: k + 1, in: tokens), found.term.words.count == 2 {
            return (found.term, found.entity, 2 + k - start)
        }
        return nil
    }

    /// Verbs of wishing before `to` and a verb (`I would like to log`, `members love to share`): the verb after `to` is the action.
    static let wishes: Set<String> = ["like", "love", "wish", "hope", "prefer", "plan", "have", "has", "try", "expect", "intend", "get"]

    func nextVerb(_ tokens: [Tokenizer.Token], after j: Int) -> Int? {
        var k = j
        while k < tokens.count {
            let skip = Self.catenative(tokens, at: k)
            if skip > 0 { k += skip; continue }
            guard Self.modals.contains(tokens[k].text) || Self.aspectAuxiliary(tokens, at: k)
                    || (Self.wishes.contains(tokens[k].text) && k + 1 < tokens.count && tokens[k + 1].text == "to") else { break }
            k += 1
        }
        guard k < tokens.count, tokens[k].isWord, Self.verb(tokens[k].text) != nil || lightVerbAction(tokens, at: k) != nil else { return nil }
        // A verb followed straight by a preposition is more likely a noun ("reports by month").
        return k
    }

    /// `is weighing`, `are sending`, `has signed`, `have paid`: a form of `be` before a verb in
    /// `-ing`, or of `have` before a past participle, is the verb's aspect; the clause is active
    /// (`is signed` is a passive, read by `readPassive`; `have to` is no perfect).
    /// Words before a verb in `-ing` that leave the action to it: `finish uploading`, `start
    /// checking`, `keep logging`, `are responsible for cataloguing`, `take care of planning`, `is in
    /// charge of ordering`, and `log in to` before a verb. The number of tokens to skip to reach the verb, or 0.
    static func catenative(_ tokens: [Tokenizer.Token], at k: Int) -> Int {
        guard k >= 0, k < tokens.count, tokens[k].isWord else { return 0 }
        let word = tokens[k].text
        let text = { (i: Int) -> String in i < tokens.count ? tokens[i].text : "" }
        if let base = EnglishVerbs.base(of: word), ["finish", "start", "stop", "keep", "begin", "continue", "resume"].contains(base), Self.isIngVerb(tokens, at: k + 1) { return 1 }
        if ["is", "are", "am", "be"].contains(word), text(k + 1) == "responsible", text(k + 2) == "for", Self.isIngVerb(tokens, at: k + 3) { return 3 }
        if ["is", "are", "am", "be"].contains(word), text(k + 1) == "in", text(k + 2) == "charge", text(k + 3) == "of", Self.isIngVerb(tokens, at: k + 4) { return 4 }
        if EnglishVerbs.base(of: word) == "take", text(k + 1) == "care", text(k + 2) == "of", Self.isIngVerb(tokens, at: k + 3) { return 3 }
        // `Marshals log in to claim a point`, `sign on to see their shifts`: signing in is the way,
        // the verb after `to` is the action.
        if let base = EnglishVerbs.base(of: word), ["log", "sign"].contains(base), ["in", "on"].contains(text(k + 1)), text(k + 2) == "to",
           case let next = text(k + 3), EnglishVerbs.base(of: next) == next {
            return 3
        }
        return 0
    }

    /// Whether the verb at `v` follows an auxiliary of aspect or a catenative (`is weighing`,
    /// `finish uploading`), so that its `-ing` or past form is still the clause's finite verb.
    static func afterAuxiliary(_ tokens: [Tokenizer.Token], verb v: Int) -> Bool {
        aspectAuxiliary(tokens, at: v - 1) || (1...4).contains { n in v - n >= 0 && catenative(tokens, at: v - n) == n }
    }

    static func aspectAuxiliary(_ tokens: [Tokenizer.Token], at k: Int) -> Bool {
        guard k >= 0, k + 1 < tokens.count, tokens[k + 1].isWord else { return false }
        let next = tokens[k + 1].text
        switch tokens[k].text {
        case "is", "are", "am", "was", "were": return next.hasSuffix("ing") && EnglishVerbs.isInflected(next)
        case "has", "have", "had": return !next.hasSuffix("ing") && EnglishVerbs.isInflected(next)
        default: return false
        }
    }

    /// Verbs that take a person and a thing (`give the farmer a ticket`, `send him the invoice`).
    static let ditransitives: Set<String> = ["give", "send", "hand", "offer", "show", "email", "lend", "grant", "award", "sell", "tell", "text",
                                             "mail", "bring", "assign", "pass", "pay", "teach", "owe", "issue", "post", "write", "leave", "promise"]

    /// Verbs of answering: what they answer with follows `with` (`replies with a quote`).
    static let answeringVerbs: Set<String> = ["reply", "respond", "answer", "react", "retort"]

    /// Determiners that open the second noun phrase after a verb taking a person and a thing.
    static let thingDeterminers: Set<String> = ["a", "an", "the", "their", "his", "her", "its", "our", "your", "my", "each", "every", "some", "any"]

    /// Where the person a thing goes to ends, after a verb that takes both: `the farmer` in
    /// `gives the farmer a ticket`, `to the farmer` in `gives to the farmer a ticket`, `him` in
    /// `sends him the invoice`. Nil unless a person and then a noun phrase with its determiner follow.
    func recipientEnd(_ tokens: [Tokenizer.Token], at j: Int) -> Int? {
        guard j < tokens.count, tokens[j].isWord else { return nil }
        let start = tokens[j].text == "to" ? j + 1 : j
        guard start < tokens.count, tokens[start].isWord else { return nil }
        var end: Int
        if ["him", "her", "me", "us", "them", "you"].contains(tokens[start].text) {
            end = start + 1
        } else {
            let np = readNounPhrase(tokens, from: start)
            guard let head = np.words.last, np.words.count <= 3 else { return nil }
            let single = Inflector.singular(head)
            var person = Self.isPersonNoun(single) || actors.contains { $0.term.head == single }
            if !person, case .actor = Self.resolve(np.words, object: true) { person = true }
            guard person else { return nil }
            end = np.end
        }
        guard end < tokens.count, Self.thingDeterminers.contains(tokens[end].text), !readNounPhrase(tokens, from: end).words.isEmpty else { return nil }
        return end
    }

    /// Words after which a noun phrase has ended: prepositions, conjunctions, relative words.
    static let phraseEnders: Set<String> = ["of", "to", "in", "on", "with", "for", "by", "at", "from", "into", "before", "after", "and", "or",
                                            "but", "that", "which", "who", "whom", "whose", "when", "where", "as", "per", "they", "it", "until", "once", "if"]

    /// Prepositions the stop-word list does not hold; a noun phrase ends before them.
    static let prepositions: Set<String> = ["until", "till", "next", "near", "unless", "since", "except", "despite", "toward", "towards", "beside",
                                            "behind", "inside", "outside", "around", "among", "along", "against", "beyond", "throughout", "upon"]

    /// Nouns that the stop-word list holds as noise (`test test test`) but that head a phrase
    /// after another word (`a driving test`, `a blood test`).
    static let nounsAmongStopWords: Set<String> = ["test"]

    /// Reads a noun phrase at `j`; returns its words and the index after it.
    func readNounPhrase(_ tokens: [Tokenizer.Token], from start: Int) -> (words: [String], original: [String], end: Int) {
        var j = start
        var words: [String] = []
        var original: [String] = []
        while j < tokens.count, tokens[j].isWord, DomainLexicon.modifiers.contains(tokens[j].text) || tokens[j].text.allSatisfy(\.isNumber) {
            original.append(tokens[j].original)
            j += 1
        }
        let texts = tokens.map(\.text)
        while j < tokens.count, tokens[j].isWord {
            if let (_, length) = Self.lexiconNoun(startingAt: j, in: texts), length >= 2, tokens[j..<(j + length)].allSatisfy(\.isWord) {
                for k in j..<(j + length) { words.append(texts[k]); original.append(tokens[k].original) }
                j += length
                continue
            }
            let word = texts[j]
            if DomainLexicon.phraseBreakers.contains(word) { break }
            if !words.isEmpty, word.hasSuffix("ed"), word.count > 4, Self.lexiconNoun(endingAt: [word]) == nil { break }
            // "teachers near them", "the application until the deadline": a preposition ends the phrase.
            if !words.isEmpty, Self.prepositions.contains(word) { break }
            // "renew loans twice a year": an adverb after the head ends the phrase.
            if !words.isEmpty, EnglishWords.trailingAdverbs.contains(word) { break }
            // "a driving test": a noun the noise list holds ("test") is a head after a word of the phrase.
            if DomainLexicon.stopWords.contains(word) && !(words.isEmpty && (word == "them" || word == "it"))
                && !(!words.isEmpty && Self.nounsAmongStopWords.contains(word)) { break }
            // "tasting notes", "audio tracks": a verb that is as often a noun, in the plural, ends the phrase as its head.
            let pluralNoun = !words.isEmpty && EnglishVerbs.isNounVerb(Inflector.singular(word)) && Inflector.isPlural(word)
                && !(j + 1 < tokens.count && tokens[j + 1].isWord && !DomainLexicon.stopWords.contains(texts[j + 1]) && !DomainLexicon.modifiers.contains(texts[j + 1]))
            // "the translated file", "surplus produce with …": a verb form after the phrase's first
            // words, with no object after it, is the phrase's head noun.
            let headNoun = !words.isEmpty && !EnglishVerbs.isInflected(word) && !EnglishVerbs.isPureVerb(word)
                && !(j + 1 < tokens.count && tokens[j + 1].isWord && !Self.phraseEnders.contains(texts[j + 1]))
            if !words.isEmpty, !pluralNoun, !headNoun, Self.verb(word) != nil, Self.lexiconNoun(endingAt: words + [word]) == nil,
               Self.actor(at: 0, in: [word]) == nil, !DomainLexicon.nonEntities.contains(Inflector.singular(word)) {
                break
            }
            words.append(word)
            original.append(tokens[j].original)
            j += 1
            if word == "them" || word == "it" { break }
        }
        return (words, original, j)
    }

    /// A light verb and its action noun at `k` (`does an independent inspection of a sample of
    /// flats`, `carries out a check of the hoists`): the noun's verb is the action and what follows
    /// `of` its object, as `inspect a sample of flats`. Returns the action's verb and where its
    /// object (or the verb's own particle, `makes an application for a permit`: `apply for`)
    /// starts. After `for` or `to` that is not the verb's particle stands whom it is done for
    /// (`does an inspection for the council`), so only the particle reads. `give` before a noun
    /// that is the verb's own form hands a thing over (`gives a copy of the plan`): no action.
    func lightVerbAction(_ tokens: [Tokenizer.Token], at k: Int) -> (verb: String, next: Int)? {
        guard k < tokens.count, tokens[k].isWord, let light = EnglishVerbs.lightVerb(tokens[k].text) else { return nil }
        var n = k + 1
        if light == "carry" {
            guard n < tokens.count, tokens[n].text == "out" else { return nil }
            n += 1
        }
        let np = readNounPhrase(tokens, from: n)
        guard let noun = np.words.last.map(Inflector.singular), np.end + 1 < tokens.count,
              let verb = EnglishVerbs.verb(ofActionNoun: noun), !(light == "give" && verb == noun) else { return nil }
        let preposition = tokens[np.end].text
        let particle = Self.particles.contains { $0.verb == verb && $0.particle == preposition }
        guard preposition == "of" || particle, !readNounPhrase(tokens, from: np.end + 1).words.isEmpty else { return nil }
        return (verb, particle ? np.end : np.end + 1)
    }

    /// - Parameter together: The clause's coordinated subjects (`owners and sitters`), whom
    ///   `each other` names.
    mutating func parsePredicate(_ tokens: [Tokenizer.Token], from start: Int, actor: Term, actorIsEntity: Bool, sentence: Tokenizer.Sentence,
                                 together: [Term] = []) -> Int {
        var j = start
        // "it" and "them" name the last records a clause acted on, in this sentence or the one before
        // ("a reviewer proofreads it", "once a client accepts it").
        var previousObjects: [Term] = []
        let earlierObjects = recentObjects
        defer { recentObjects = previousObjects.isEmpty ? earlierObjects : previousObjects }
        // Whether a clause of its own starts after the `and` or comma at `k` ("… and hosts review the
        // guest"): a subject the reader knows and its verb, or, on the tagger's reading, a noun phrase
        // and a finite verb group after `and`, `but`, `or`, `then`, `;` or a comma ("…, and the ticket
        // office checks …", "… and the client has to sign …"). The predicate ends there.
        var tagged: [PartOfSpeech.Token]? = nil
        func opensClause(at k: Int) -> Bool {
            if k + 1 < tokens.count, [",", "and"].contains(tokens[k].text), let clause = clauseSubject(tokens, at: k + 1),
               nextVerb(tokens, after: k + 1 + clause.length) != nil { return true }
            if tagged == nil { tagged = tags(of: tokens) }
            let tags = tagged ?? []
            if Self.opensTaggedClause(tokens, tags, at: k) { return true }
            // "…, and approved requests are sent …": a participle before the noun phrase is one of
            // its modifiers; the clause opens as it would without it.
            guard k + 1 < tokens.count, [",", "and"].contains(tokens[k].text) else { return false }
            var s = k + 1
            if tokens[k].text == ",", tokens[s].text == "and" { s += 1 }
            guard s + 2 < tokens.count, s < tags.count, tokens[s].isWord, tokens[s].text.hasSuffix("ed"),
                  ["VBN", "VBD", "JJ"].contains(tags[s].tag), Self.verb(tokens[s].text) != nil else { return false }
            var without = tokens
            var withoutTags = tags
            without.remove(at: s)
            withoutTags.remove(at: s)
            return Self.opensTaggedClause(without, withoutTags, at: k)
        }
        while j < tokens.count {
            let phraseStart = j
            var verbs: [String] = []
            var afterVerb = false
            // "does an independent inspection of …": the words from the light verb to `of` the statement writes as the action's verb.
            var lightVerbSpan: (words: Range<Int>, verb: String)? = nil
            while j < tokens.count {
                if verbs.isEmpty, let action = lightVerbAction(tokens, at: j) {
                    verbs.append(action.verb)
                    lightVerbSpan = (j..<action.next, action.verb)
                    afterVerb = true
                    j = action.next
                } else if tokens[j].isWord, let verb = Self.verb(tokens[j].text) {
                    // Two verbs in a row: the second one is the object ("add books").
                    if afterVerb { break }
                    verbs.append(verb)
                    afterVerb = true
                    j += 1
                } else if !verbs.isEmpty, [",", "or", "and", "/"].contains(tokens[j].text), let next = nextVerb(tokens, after: j + 1),
                          next + 1 < tokens.count, !(tokens[next + 1].text == "," && tokens[next].text == "and") {
                    // "book, reschedule or cancel appointments": verbs sharing one object.
                    if readNounPhrase(tokens, from: j + 1).words.isEmpty || next != j + 1 || Self.verb(tokens[next].text) != nil {
                        j = next
                        afterVerb = false
                    } else {
                        break
                    }
                } else {
                    break
                }
            }
            guard !verbs.isEmpty else { break }
            var particle: String? = nil
            // "puts down a visit", "throws away the bag", "writes down the method": an adverb
            // particle between a verb and a noun phrase belongs to the verb.
            while j < tokens.count, let last = verbs.last, Self.particles.contains(where: { $0.verb == last && $0.particle == tokens[j].text })
                    || Self.adverbParticles.contains(tokens[j].text) && j + 1 < tokens.count && tokens[j + 1].isWord
                    && (Self.thingDeterminers.contains(tokens[j + 1].text) || !readNounPhrase(tokens, from: j + 1).words.isEmpty) {
                particle = tokens[j].text
                if ["up", "rid"].contains(tokens[j].text) { verbs[verbs.count - 1] = last + " " + tokens[j].text }
                j += 1
            }
            var objects: [Term] = []
            var others: [String] = []
            var objectOriginal: [String] = []
            var pendingWords: [[String]] = []
            // Pronouns read as objects; the statement names their records instead.
            var pronouns: Set<Int> = []
            // Where `each other` stands; the statement names the others instead.
            var reciprocal: Int? = nil
            // "gives the farmer a ticket", "gives to the farmer a ticket", "sends him the invoice":
            // the person a thing goes to stands before the thing, which is the object.
            if let last = verbs.last, Self.ditransitives.contains(last), let end = recipientEnd(tokens, at: j) {
                objectOriginal += tokens[j..<end].map(\.original)
                j = end
            }
            // "replies with a quote", "responds with an estimate": a verb of answering names what it
            // answers with after `with`.
            if let last = verbs.last, Self.answeringVerbs.contains(last), j + 1 < tokens.count, tokens[j].text == "with",
               !readNounPhrase(tokens, from: j + 1).words.isEmpty {
                j += 1
            }
            // "schedule when each episode is published", "records what each log yields": the record
            // of the embedded clause is the object.
            if j + 1 < tokens.count, ["when", "whether", "where", "which", "how", "what"].contains(tokens[j].text),
               !readNounPhrase(tokens, from: j + 1).words.isEmpty {
                j += 1
            }
            // "tracks burners, baskets and flying hours", "book hot desks and meeting rooms": after
            // the list's comma or `and`, a word in `-ing` before a noun modifies it. A predicate
            // whose verb is written in `-ing` ("choosing dishes … and adding notes") or whose list
            // opens with one ("handle booking rooms and sending reminders") coordinates verbs.
            let listTakesModifiers = !tokens[phraseStart..<min(j + 1, tokens.count)].contains(where: Self.isIngVerb)
            while j < tokens.count {
                // "pickers sign in each morning", "write each day the depth": a time after `each` or
                // `every` says when; it is no object.
                if objects.isEmpty, j + 1 < tokens.count, ["each", "every"].contains(tokens[j].text),
                   Self.timeNouns.contains(Inflector.singular(tokens[j + 1].text)) {
                    objectOriginal += [tokens[j].original, tokens[j + 1].original]
                    j += 2
                    continue
                }
                // "message each other", "rate one another": the other subjects of the clause, or its own.
                if j + 1 < tokens.count, (tokens[j].text, tokens[j + 1].text) == ("each", "other") || (tokens[j].text, tokens[j + 1].text) == ("one", "another") {
                    let others = together.filter { $0 != actor }
                    for person in others.isEmpty ? [actor] : others {
                        let term = actorRecord(person)
                        if !objects.contains(term) { objects.append(term) }
                    }
                    if !others.isEmpty { reciprocal = j }
                    objectOriginal += [tokens[j].original, tokens[j + 1].original]
                    j += 2
                    break
                }
                let np = readNounPhrase(tokens, from: j)
                // "a small or a large share", "a short or long plan": adjectives coordinated before one head share it.
                if np.end > j, np.end + 1 < tokens.count, ["or", "and"].contains(tokens[np.end].text), np.words.allSatisfy({ EnglishWords.adverbsAndAdjectives.contains($0) }),
                   !readNounPhrase(tokens, from: np.end + 1).words.isEmpty {
                    objectOriginal += np.original + [tokens[np.end].original]
                    j = np.end + 1
                    continue
                }
                if np.words.isEmpty { break }
                if np.words == ["them"] || np.words == ["it"] { pronouns.insert(np.end - 1) }
                j = np.end
                objectOriginal += np.original
                if np.words == ["them"] || np.words == ["it"] {
                    // "register their number plate so my staff can look it up": the nearest record acted
                    // on before the pronoun in its own sentence, of its number, comes first.
                    if let nearest = nearestObject(before: tokens, pronoun: np.end - 1, in: sentence, plural: np.words == ["them"]),
                       let term = entityTerm(for: .entity(nearest)) {
                        mentions.append((term, np.words == ["them"]))
                        if !objects.contains(term) { objects.append(term) }
                        continue
                    }
                    if let agreeing = mentions.last(where: { $0.plural == (np.words == ["them"]) }),
                       previousObjects.contains(agreeing.term) || earlierObjects.contains(agreeing.term) || mentions.last?.term == agreeing.term {
                        if !objects.contains(agreeing.term) { objects.append(agreeing.term) }
                        continue
                    }
                    objects += (previousObjects.isEmpty ? earlierObjects : previousObjects).filter { !objects.contains($0) }
                } else {
                    // "the pickup and delivery addresses": a singular noun coordinated with the modifier
                    // of a plural head modifies that head too; it names no record.
                    if np.words.count == 1, !Inflector.isPlural(np.words[0]), j + 1 < tokens.count, ["and", "or"].contains(tokens[j].text) {
                        let next = readNounPhrase(tokens, from: j + 1)
                        if next.words.count >= 2, let last = next.words.last, Inflector.isPlural(last), next.original.first.map({ !DomainLexicon.modifiers.contains($0.lowercased()) }) ?? false,
                           Self.isPlainNoun(next.words[0]) || EnglishVerbs.isInflected(next.words[0]) {
                            objectOriginal.append(tokens[j].original)
                            j += 1
                            continue
                        }
                    }
                    let determiner = np.original.first?.lowercased()
                    var resolution = resolveInContext(np.words, verbs: verbs, article: np.words.count == 1 && Self.articles.contains(determiner ?? ""))
                    // "set its urgency": a noun after `its` is a property of the record just named, a field of it.
                    if determiner == "its", let owner = previousObjects.last, np.words.count <= 2,
                       case .entity(let term) = resolution, entity(term) == nil, let field = Self.fieldName(np.words) {
                        addField("\(field):text", to: owner)
                        resolution = .other(np.words.joined(separator: " "))
                    }
                    if let head = np.words.last, ["schedule", "set", "number", "series", "range", "variety", "group", "sample", "selection", "subset", "list", "kind", "type", "order", "sequence"].contains(Inflector.singular(head)),
                       j + 1 < tokens.count, tokens[j].text == "of" {
                        let inner = readNounPhrase(tokens, from: j + 1)
                        if !inner.words.isEmpty { resolution = resolveInContext(inner.words, verbs: verbs); j = inner.end }
                    }
                    // "mark duplicates", "flag spam": a state given to records, not a record of its own.
                    // "mark rooms as checked out" marks records: with `as`, the object is the record.
                    // "mark their attendance": what someone owns is a record too.
                    if verbs.allSatisfy({ ["mark", "flag"].contains($0) }), case .entity(let term) = resolution, entity(term) == nil,
                       !(j < tokens.count && tokens[j].text == "as"), !(Self.possessives.contains(determiner ?? "") || determiner == "your") {
                        resolution = .other(np.words.joined(separator: " "))
                        states.insert(term)
                    } else if case .entity(let term) = resolution, states.contains(term), entity(term) == nil {
                        // "Spam can be flagged by readers and is then removed by moderators": what was a state stays one.
                        resolution = .other(np.words.joined(separator: " "))
                    }
                    // "Caseworkers register families": people someone registers or adds are records.
                    if case .actor(let person, false) = resolution, person != actor,
                       // "parents find piano teachers": people someone searches for are kept as records to search.
                       verbs.contains(where: { DomainLexicon.verbKinds[$0] == .create && !["book", "hire", "order", "buy", "reserve"].contains($0)
                           || ["find", "search", "browse", "compare", "shortlist"].contains($0) }) {
                        addActor(person, entity: true, role: false)
                        resolution = .entity(actorRecord(person))
                    }
                    if let term = entityTerm(for: resolution) {
                        mentions.append((term, np.words.last.map(Inflector.isPlural) ?? false))
                        if !objects.contains(term) { objects.append(term) }
                    } else if case .other(let phrase) = resolution {
                        others.append(phrase)
                    } else if case .none = resolution, Self.isUndecidedObject(np.words) {
                        // "books a check-up", "posts a weekly update": the frame keeps its object; whether
                        // it is a record is decided once the whole brief is read.
                        others.append(np.original.joined(separator: " "))
                        pendingWords.append(np.words)
                    }
                }
                if opensClause(at: j) {
                    // "… and hosts review the guest": a new clause starts here.
                    break
                }
                let multiword = j + 1 < tokens.count ? Self.lexiconNoun(startingAt: j + 1, in: tokens.map(\.text)) : nil
                if j + 1 < tokens.count, tokens[j].text == "and" || tokens[j].text == ",",
                   nextVerb(tokens, after: j + 1) == nil || (multiword?.length ?? 0) >= 2 || listTakesModifiers && modifiesNoun(tokens, at: j + 1)
                    || isListedPlural(tokens, at: j + 1),
                   subordinateClause(tokens, at: j) == nil, !Self.opensBePredicate(tokens, at: j), asideBeforeVerb(tokens, at: j) == nil,
                   !["with", "by", "to", "into", "for", "as"].contains(tokens[j + 1].text) {
                    objectOriginal.append(tokens[j].original)
                    j += 1
                    continue
                }
                break
            }
            if j < tokens.count, tokens[j].text == "off" || tokens[j].text == "in" && verbs.contains("check") {
                // "ticks the forms off": the verb keeps its own name, so the statement writes its base.
                verbs = verbs.map { $0 == "check" || $0 == "tick" ? $0 + " off" : $0 }
                j += 1
            }
            // "announcements that every gardener sees": a relative clause whose subject acts on the
            // records just named.
            // "the final report the artist submits": the same without "that".
            let relative = j < tokens.count && ["that", "which"].contains(tokens[j].text) ? j + 1
                : j < tokens.count && ["the", "a", "an", "their", "each", "every"].contains(tokens[j].text) ? j : nil
            if !objects.isEmpty, let relative, let clause = clauseSubject(tokens, at: relative), clause.term.words != ["they"],
               let verbIndex = nextVerb(tokens, after: relative + clause.length), let relativeVerb = Self.verb(tokens[verbIndex].text),
               verbIndex + 1 >= tokens.count || !tokens[verbIndex + 1].isWord || Self.phraseEnders.contains(tokens[verbIndex + 1].text) {
                let other = canonicalActor(clause.term)
                addActor(other, entity: clause.entity, role: false)
                // Without "that", the clause belongs to the last record named only.
                let named = relative == j ? Array(objects.suffix(1)) : objects
                let statement = Self.sentenceCase(other.pluralTitle + " can " + relativeVerb + " " + StrategyAgent.list(named.map(\.pluralPhrase)))
                addFeature(.init(kind: .entity, actor: other, verbs: [relativeVerb], objects: named, objectPhrase: "",
                                 statement: statement, priority: priority(for: sentence, verbs: [relativeVerb], kind: .entity), source: sentence.text))
                j = verbIndex + 1
            }
            // The tail runs up to a separator followed by another verb phrase or another clause.
            let tailStart = j
            while j < tokens.count {
                if opensClause(at: j) { break }
                // ", who schedules the story": a relative clause about a person is a clause of its own.
                // (A `who` without a comma defines its noun: "athletes who missed workouts".)
                if tokens[j].text == "who", j > 0, tokens[j - 1].text == ",", nextVerb(tokens, after: j + 1) != nil {
                    if j > tailStart { j -= 1 }
                    break
                }
                if [",", "and", "or"].contains(tokens[j].text), nextVerb(tokens, after: j + 1) != nil,
                   !(j + 1 < tokens.count && ["by", "with"].contains(tokens[j + 1].text)) {
                    break
                }
                // "book a visit and, in the first two years, report defects": the next verb phrase
                // opens after a phrase set off by commas.
                if asideBeforeVerb(tokens, at: j) != nil { break }
                // "… apply to become hosts and are visited by the officer": a passive predicate with
                // its own agent, coordinated with this one, is a clause of its own.
                if tokens[j].text == "and", passiveGroupWithAgent(tokens, at: j + 1) { break }
                if Self.opensBePredicate(tokens, at: j) { break }
                if [",", "and"].contains(tokens[j].text) || Self.subordinators.contains(tokens[j].text), subordinateClause(tokens, at: j) != nil { break }
                // "When I open a bottle I record tasting notes": a subject pronoun starts a clause of its own.
                if Self.opensClauseAsPronoun(tokens, at: j) { break }
                // "… with the price and he can sign it": so does one after `and`.
                if ["and", ","].contains(tokens[j].text), Self.opensClauseAsPronoun(tokens, at: j + 1) { break }
                // "…, and at every visit they record …": a fronted phrase after `and`, then a subject and its verb.
                if ["and", ","].contains(tokens[j].text), case let k = j + 1 < tokens.count && tokens[j + 1].text == "and" ? j + 2 : j + 1,
                   k + 1 < tokens.count, ["at", "in", "on", "during", "after", "before", "for"].contains(tokens[k].text),
                   case let np = readNounPhrase(tokens, from: k + 1), !np.words.isEmpty, np.end < tokens.count,
                   let clause = clauseSubject(tokens, at: np.end), nextVerb(tokens, after: np.end + clause.length) != nil {
                    break
                }
                // "…, and once the client pays the deposit …": a subordinate clause after `and` opens a
                // clause of its own, with or without its comma.
                if ["and", ","].contains(tokens[j].text), j + 2 < tokens.count, Self.subordinators.contains(tokens[j + 1].text),
                   clauseSubject(tokens, at: j + 2) != nil {
                    break
                }
                // "once the client pays the deposit the artist books the session": a person already
                // named, with a verb and an object of its own, opens the main clause.
                if j == tailStart, Self.articles.contains(tokens[j].text), let clause = clauseSubject(tokens, at: j),
                   actors.contains(where: { $0.term == canonicalActor(clause.term) }), let verbIndex = nextVerb(tokens, after: j + clause.length),
                   !readNounPhrase(tokens, from: verbIndex + 1).words.isEmpty {
                    break
                }
                j += 1
            }
            let tail = Array(tokens[tailStart..<j])
            if objects.isEmpty, !previousObjects.isEmpty, !others.isEmpty,
               verbs.allSatisfy({ [.create, .update, .manage].contains(DomainLexicon.verbKinds[$0]) }) {
                // "set priority" after "close tickets": a field of the record just named.
                objects = previousObjects
            }
            var sentObject: Term? = nil
            // "shops order bars by the case, we ship on Tuesdays": the brief's owner (`we`, `I`) with a
            // verb of sending and no object sends the records the clause before, in this sentence,
            // named; any other verb is left as it is.
            if objects.isEmpty, others.isEmpty, pronouns.isEmpty, reciprocal == nil, phraseStart == start, start > 0,
               ["we", "i"].contains(tokens[start - 1].text), actor.words == ["user"],
               !verbs.isEmpty, verbs.allSatisfy({ ["ship", "deliver", "dispatch", "send", "mail", "pack"].contains($0) }),
               let recent = earlierObjects.last, sentence.words.contains(where: { Inflector.singular($0) == recent.head }) {
                objects = [recent]
                sentObject = recent
            }
            // "Vendors pay online when they book": a verb with no object of its own acts on the
            // record the clause before acted on.
            if objects.isEmpty, others.isEmpty, pronouns.isEmpty, reciprocal == nil,
               tail.first.map({ !$0.isWord || ["online", "when", "once", "until", "each", "and", "then", "later"].contains($0.text) || EnglishWords.trailingAdverbs.contains($0.text) }) ?? true,
               !verbs.contains(where: { ["arrive", "wait", "go", "come", "sign up", "log", "live", "work", "stay", "leave", "return"].contains($0) }),
               let recent = previousObjects.last {
                objects = [recent]
            }
            var eventObjects = applyVerbPatterns(verbs: verbs, objects: objects, tail: tail, actor: actorIsEntity ? actor : nil, particle: particle)
            notePlacesActedOn(verbs: verbs, tail: tail)
            // "Staff clock in and clock out at the door", "the carer checks in by tapping the tag": a
            // verb of attendance with its particle and no object records the attendance.
            if objects.isEmpty, others.isEmpty, pronouns.isEmpty, let particle, ["in", "out", "on", "off"].contains(particle),
               let record = verbs.last.flatMap({ DomainLexicon.attendanceRecords[$0] }) {
                let term = addEntity(Term(words: [record]))
                joinEntities.insert(term)
                if actorIsEntity { addParent(actor, to: term) }
                eventObjects.append(term)
            }
            // "customers pay by direct debit": paying with no object, and no record before it to
            // pay for, makes a payment; said how ("by", "online", "in instalments"), not bare
            // ("buyers must pay before …", "pay to have …").
            if objects.isEmpty, others.isEmpty, pronouns.isEmpty, eventObjects.isEmpty, verbs.count == 1,
               let record = DomainLexicon.objectlessRecords[verbs[0]],
               let next = tail.first, next.isWord, next.text != "to", !Self.opensSubordinateClause(next.text) {
                eventObjects.append(addEntity(Term(words: [record])))
            }
            if actorIsEntity, !["member", "user", "employee", "staff"].contains(actor.snake) {
                for object in objects where DomainLexicon.verbKinds[verbs.first ?? ""] == .create || verbs.contains("manage") {
                    if entity(object)?.actor == nil { addParent(actor, to: object) }
                }
            }
            // "The homeowner receives the offer and he signs it": the clause ends before `and he`,
            // so the statement does not end in `and`.
            var statementEnd = j
            // "…, so I can see …": nor in `so`.
            while statementEnd > phraseStart + 1, [",", "and", "or", "but", "then", "so"].contains(tokens[statementEnd - 1].text) { statementEnd -= 1 }
            let statementWords = tokens[phraseStart..<statementEnd].indices.compactMap { index -> String? in
                let token = tokens[index]
                if let lightVerbSpan, lightVerbSpan.words.contains(index) { return index == lightVerbSpan.words.lowerBound ? lightVerbSpan.verb : nil }
                if let reciprocal, index == reciprocal { return StrategyAgent.list(objects.map(\.pluralPhrase)) }
                if let reciprocal, index == reciprocal + 1 { return nil }
                if let sentObject, index == phraseStart { return token.original + " " + sentObject.pluralPhrase }
                if pronouns.contains(index), let first = objects.first { return first.pluralPhrase }
                if token.isWord, let base = Self.verb(token.text), base != token.text, verbs.contains(where: { $0.hasPrefix(base) }) { return base }
                return token.written
            }
            var statement = Self.sentenceCase(actor.pluralTitle + " can " + Self.join(statementWords))
            if !objects.isEmpty, EntityMatcher(objects).entities(in: statement).isEmpty, let object = objects.first {
                statement = statement.withoutFinalPeriod() + (others.isEmpty ? " (\(object.pluralPhrase))." : " of \(object.pluralPhrase).")
            }
            let messageWords: Set<String> = ["email", "sms", "notification", "confirmation", "reminder", "alert", "message", "push"]
            // "customers sign up online, pick a size, …": signing up with no object is the
            // actor's own sign-up, a requirement of its own among the list's verbs.
            let signsUp = objects.isEmpty && others.isEmpty && eventObjects.isEmpty && pronouns.isEmpty && verbs == ["sign up"]
            let kind: BriefAnalysis.Feature.Kind = signsUp ? .auth : others.contains(where: { $0.contains("dashboard") }) ? .dashboard
                : !objects.isEmpty || !eventObjects.isEmpty ? .entity
                : others.contains(where: { phrase in phrase.split(separator: " ").contains { messageWords.contains(Inflector.singular(String($0))) } }) ? .notification : .report
            if !objects.isEmpty || !eventObjects.isEmpty || !others.isEmpty || signsUp {
                addFeature(.init(kind: kind, actor: actor, verbs: verbs, objects: objects + eventObjects,
                                      objectPhrase: others.joined(separator: " and "), statement: statement,
                                      priority: priority(for: sentence, verbs: verbs, kind: kind), source: sentence.text))
                clauseSentences.insert(sentence.text)
                for words in pendingWords { pendingObjects.append((statement, words)) }
            }
            previousObjects = objects.isEmpty ? previousObjects : objects
            // "price each quote and, once a client accepts it, assign a translator": the
            // subordinate clause is read on its own, then the predicate goes on after its comma.
            if let (clauseStart, comma) = subordinateClause(tokens, at: j) {
                let subject = lastSubject
                // The main clause's pronouns after it name the main clause's records ("grounds a glider
                // when a member reports a defect on it, and releases it"), not the embedded clause's.
                let named = mentions
                findClauses(Array(tokens[clauseStart..<comma]), sentence: sentence)
                lastSubject = subject
                mentions = named
                // "…, and releases it again": the predicate goes on after the clause's comma, also after `and`.
                let after = comma + 1 < tokens.count && tokens[comma + 1].text == "and" ? comma + 2 : comma + 1
                guard let next = nextVerb(tokens, after: after) else { return comma + 1 }
                j = next
                continue
            }
            if opensClause(at: j) { return j + 1 }
            if Self.opensClauseAsPronoun(tokens, at: j) { return j }
            if j < tokens.count, tokens[j].text == "who" { return j }
            // "and are visited by the officer": a passive with its own agent is no verb of this predicate.
            if j < tokens.count, tokens[j].text == "and", passiveGroupWithAgent(tokens, at: j + 1) { return j }
            guard j < tokens.count, let next = nextVerb(tokens, after: asideBeforeVerb(tokens, at: j) ?? j + 1) else { break }
            j = next
        }
        return j
    }

    func entity(_ term: Term) -> BriefAnalysis.Entity? { entities.first { $0.term == term } }

    /// `and, in the first two years, report …`, `or, at any time, cancel …`: after `and` or `or`,
    /// a short phrase of time or place between commas (the fronted phrases the tail reader knows),
    /// then a verb. Where that verb stands, or nil.
    func asideBeforeVerb(_ tokens: [Tokenizer.Token], at j: Int) -> Int? {
        guard j + 3 < tokens.count, ["and", "or"].contains(tokens[j].text), tokens[j + 1].text == ",",
              let close = tokens[(j + 2)...].prefix(7).firstIndex(where: { !$0.isWord }), tokens[close].text == ",", close > j + 2,
              ["at", "in", "on", "during", "after", "before", "for", "within"].contains(tokens[j + 2].text),
              let verb = nextVerb(tokens, after: close + 1) else { return nil }
        return verb
    }

    /// `… give their availability and are allotted to sessions`: `and` before a finite `be` starts
    /// a predicate of its own, whether or not the participle after it is a verb the lexicon knows;
    /// no list of objects goes on through it.
    static func opensBePredicate(_ tokens: [Tokenizer.Token], at j: Int) -> Bool {
        tokens[j].text == "and" && j + 1 < tokens.count && ["is", "are", "was", "were"].contains(tokens[j + 1].text)
    }

    /// A verb form in `-ing` (`scheduling`, `flying`), not a noun that ends so (`ceiling`).
    static func isIngVerb(_ token: Tokenizer.Token) -> Bool {
        token.isWord && token.text.hasSuffix("ing") && EnglishVerbs.isInflected(token.text) && verb(token.text) != nil
    }

    /// Whether the token at `k`, if there is one, is a verb form in `-ing`.
    static func isIngVerb(_ tokens: [Tokenizer.Token], at k: Int) -> Bool {
        k < tokens.count && isIngVerb(tokens[k])
    }

    /// Whether the word in `-ing` at `k` stands straight before a noun (`flying hours`, `meeting
    /// rooms`), where it can modify it; before a determiner or a pronoun it takes an object
    /// (`adding a photo`, `sending them`).
    func modifiesNoun(_ tokens: [Tokenizer.Token], at k: Int) -> Bool {
        guard k + 1 < tokens.count, Self.isIngVerb(tokens[k]), tokens[k + 1].isWord,
              !Self.thingDeterminers.contains(tokens[k + 1].text), !Self.phraseEnders.contains(tokens[k + 1].text),
              !DomainLexicon.stopWords.contains(tokens[k + 1].text), !EnglishVerbs.isInflected(tokens[k + 1].text)
        else { return false }
        return !readNounPhrase(tokens, from: k + 1).words.isEmpty
    }

    /// Whether the word at `k`, in a list of objects, is one of them: the plural of a word that is
    /// as often a noun as a verb (`walks`, `swaps`) straight before the list's comma, `and` or `or`,
    /// with a noun phrase after it ("records dogs, walks and feeding times"). As a verb it would
    /// take its own object ("walks them and feeds them").
    func isListedPlural(_ tokens: [Tokenizer.Token], at k: Int) -> Bool {
        guard k + 2 < tokens.count, tokens[k].isWord, let base = Self.verb(tokens[k].text), tokens[k].text != base,
              Inflector.singular(tokens[k].text) == base, EnglishVerbs.isNounVerb(base),
              [",", "and", "or"].contains(tokens[k + 1].text), tokens[k + 2].isWord else { return false }
        return nextVerb(tokens, after: k + 2) == nil || modifiesNoun(tokens, at: k + 2)
    }

    /// The record a pronoun object (`it` at `pronoun` in `tokens`, `them` when `plural`) names in
    /// its own sentence: the nearest noun phrase before it that is the object of a verb (it stands
    /// right after one), resolves to a record and agrees in number (`register their number plate
    /// so my staff can look it up` → number plate). Nil when the pronoun cannot be placed in the
    /// sentence or no such phrase stands before it (the sentence before is then searched as before).
    func nearestObject(before tokens: [Tokenizer.Token], pronoun: Int, in sentence: Tokenizer.Sentence, plural: Bool) -> Term? {
        let all = sentence.tokens
        // The pronoun's place in the sentence: the same word after the same word.
        guard pronoun > 0, let p = all.indices.first(where: { $0 > 0 && all[$0].text == tokens[pronoun].text && all[$0 - 1].text == tokens[pronoun - 1].text }) else { return nil }
        var best: (end: Int, term: Term)? = nil
        // "reports a defect on it, and releases it": the same pronoun between carries on the record
        // it named; "set its urgency": a thing of a record is a property of it, not the record.
        let wh: Set<String> = ["whether", "when", "where", "which", "what", "who", "how", "its", "it", "them", "they"]
        for q in 1..<p where all[q].isWord && all[q - 1].isWord && Self.verb(all[q].text) == nil && !wh.contains(all[q].text) {
            // The verb right before the phrase, or before its particle ("makes up the bag").
            let v = q >= 2 && Self.adverbParticles.union(["up"]).contains(all[q - 1].text) && Self.verb(all[q - 2].text) != nil ? q - 2 : q - 1
            // "dispensing team makes up …": an -ing word opening the sentence modifies its subject.
            guard let verb = Self.verb(all[v].text), !(v == 0 && modifiesNoun(all, at: v)) else { continue }
            let np = readNounPhrase(all, from: q)
            guard np.end > q, np.end <= p, !all[np.end..<p].contains(where: { $0.text == all[p].text }), let head = np.words.last, !wh.contains(head),
                  Inflector.isPlural(head) == plural, !DomainLexicon.stopWords.contains(head) else { continue }
            guard case .entity(let term) = resolveInContext(np.words, verbs: [verb]) else { continue }
            if best.map({ np.end > $0.end }) ?? true { best = (np.end, term) }
        }
        return best?.term
    }

    /// Whether `I` before a verb stands at `j`: it opens a clause (`they` may open a relative clause,
    /// `the plays they record`, and `we` names no actor).
    static func opensClauseAsPronoun(_ tokens: [Tokenizer.Token], at j: Int) -> Bool {
        // "…, he must be able to write …", "… we want to note it": `we`, `she`, `he` too.
        guard j > 0, j + 1 < tokens.count, tokens[j].isWord, ["i", "we", "she", "he"].contains(tokens[j].text),
              tokens[j].text != "i" || tokens[j].original == "I" else { return false }
        var k = j + 1
        while k < tokens.count, modals.contains(tokens[k].text) { k += 1 }
        return k < tokens.count && tokens[k].isWord && verb(tokens[k].text) != nil
    }

    /// A subordinate clause set off by commas at `j` (`, once a client accepts it,`): where its
    /// own words start and the index of its closing comma.
    func subordinateClause(_ tokens: [Tokenizer.Token], at j: Int) -> (start: Int, comma: Int)? {
        var k = j
        while k < tokens.count, [",", "and"].contains(tokens[k].text) { k += 1 }
        guard k < tokens.count, Self.subordinators.contains(tokens[k].text),
              let comma = tokens[(k + 1)...].firstIndex(where: { $0.text == "," }), comma > k + 1 else { return nil }
        // "grounds a glider when a member reports a defect on it, and releases it …": without a comma
        // before it, the clause needs a subject of its own.
        if k == j, clauseSubject(tokens, at: k + 1) == nil { return nil }
        return (k + 1, comma)
    }

    // MARK: Clause boundaries and compound actors on the tagger's reading (issue 18, session 7, h18q)

    /// The tagger's reading (`PartOfSpeech.parse`, rule by rule) of `tokens`, as the tagged clause
    /// reader takes it.
    static func tagged(_ tokens: [Tokenizer.Token]) -> [PartOfSpeech.Token] {
        PartOfSpeech.parse(tokens.map(\.original), order: .ruleByRule)
    }

    /// `tagged(tokens)`, tagged once per run of words in an analysis: the clause reader, its
    /// predicates and the tagged clause reader read the same sentence or clause again
    /// (`findClauses`, `parsePredicate`, `findTaggedClauses`), and the tagger's contextual rules
    /// are most of the reader's cost. The key is the words as the tagger takes them, so the tags
    /// are the ones tagging again would give: a clause cut from a sentence (`When …, MAIN`) is
    /// still tagged on its own words, as before.
    mutating func tags(of tokens: [Tokenizer.Token]) -> [PartOfSpeech.Token] {
        let words = tokens.map(\.original)
        if let known = taggedRuns[words] { return known }
        let found = Self.tagged(tokens)
        taggedRuns[words] = found
        return found
    }

    /// Whether the tagger reads the word at `k` as a noun that may stand before a compound's head:
    /// tagged NN or NNS, or tagged as an adjective by a rule of context though its lexicon entry is
    /// a noun (`Audience members`: `audience` is NN in the lexicon, JJ before a plural).
    static func taggedNoun(_ tokens: [Tokenizer.Token], _ tags: [PartOfSpeech.Token], at k: Int) -> Bool {
        guard k < tokens.count, k < tags.count, tokens[k].isWord else { return false }
        if ["NN", "NNS"].contains(tags[k].tag) { return true }
        return tags[k].tag == "JJ" && ["NN", "NNS"].contains(PartOfSpeech.Model.shared.lexicon(tokens[k].text) ?? "")
    }

    /// The noun phrase the tagger reads at `s` (its start and head): a chunk from `B-NP` on with a
    /// noun or a subject pronoun at its head. A word tagged as a verb in its base form that is
    /// also a noun, before a plural noun and another verb, is the first noun of a compound
    /// (`… and pass holders reserve seats`: `pass holders` then `reserve`, as no verb takes an
    /// object and then a second verb without a coordinator).
    static func taggedNounPhrase(_ tokens: [Tokenizer.Token], _ tags: [PartOfSpeech.Token], at s: Int) -> (start: Int, head: Int)? {
        guard s < tokens.count, s < tags.count, tokens[s].isWord else { return nil }
        if tags[s].tag == "VB", EnglishVerbs.isNounVerb(tokens[s].text), s + 2 < tokens.count, tags[s + 1].tag == "NNS", tags[s + 1].chunk == "B-NP",
           tags[s + 2].chunk != "I-NP", ["VB", "VBP", "MD"].contains(tags[s + 2].tag) {
            return (s, s + 1)
        }
        // "…, which an editor accepts", "sees … and which dishes sold": a relative or embedded
        // clause is no clause of its own here.
        guard tags[s].chunk == "B-NP", !tags[s].tag.hasPrefix("W"), !["which", "what", "whose", "who", "whom"].contains(tokens[s].text) else { return nil }
        var k = s + 1
        while k < tokens.count, tags[k].chunk == "I-NP", !["PRP", "WDT", "WP"].contains(tags[k].tag) { k += 1 }
        let head = k - 1
        // A subject pronoun stands alone ("the cage they need": `they` opens a relative clause).
        guard ["NN", "NNS"].contains(tags[head].tag) || (head == s && tags[head].tag == "PRP" && ["he", "she", "it", "they", "we", "i"].contains(tokens[head].text)) else { return nil }
        return (s, head)
    }

    /// Whether a clause of its own starts after the coordinator or comma at `j` (`…, and the
    /// ticket office checks …`, `… and the client has to sign …`, `…; members are booking …`):
    /// the tagger reads a noun phrase (a noun at its head, or a subject pronoun) and then a finite
    /// verb group: a verb in the present or the past (VBZ, VBP, VBD), a modal, `has to`/`have to`,
    /// or `is`/`are` before a verb in -ing or a past participle. Adverbs may stand between them.
    static func opensTaggedClause(_ tokens: [Tokenizer.Token], _ tags: [PartOfSpeech.Token], at j: Int) -> Bool {
        let coordinators: Set<String> = ["and", "but", "or", "then"]
        guard j < tokens.count, j < tags.count, coordinators.contains(tokens[j].text) || [",", ";"].contains(tokens[j].text) else { return false }
        var s = j + 1
        // ", and", ", then", "and then".
        while s < tokens.count, s <= j + 2, coordinators.contains(tokens[s].text) { s += 1 }
        guard let phrase = taggedNounPhrase(tokens, tags, at: s) else { return false }
        var k = phrase.head + 1
        while k < tokens.count, ["RB", "RBR", "RBS"].contains(tags[k].tag) { k += 1 }
        guard k < tokens.count, tokens[k].isWord else { return false }
        let word = tokens[k].text
        if tags[k].tag == "MD" { return true }
        if ["has", "have"].contains(word) { return k + 1 < tokens.count && tokens[k + 1].text == "to" }
        if ["is", "are"].contains(word) {
            var m = k + 1
            while m < tokens.count, ["RB", "RBR", "RBS"].contains(tags[m].tag) { m += 1 }
            // "… and defects are recorded": a passive is a verb group of its own too.
            return m < tokens.count && ["VBG", "VBN"].contains(tags[m].tag)
        }
        if auxiliaryForms.contains(word) { return false }
        // "…, set a severity and mark duplicates": a bare singular that is a verb in its base form,
        // before a word in -s, is one more verb of the list with its object (a singular subject
        // takes a determiner).
        if phrase.head == phrase.start, tags[k].tag == "VBZ", tags[phrase.head].tag == "NN", verb(tokens[phrase.head].text) == tokens[phrase.head].text { return false }
        // The pass-holder compound is followed by a verb the tagger left in its base form.
        let finite = phrase.head == phrase.start + 1 && tags[phrase.start].tag == "VB" ? ["VB", "VBP"] : ["VBZ", "VBP", "VBD"]
        return finite.contains(tags[k].tag) && verb(word) != nil
    }

    /// A subject named by a noun compound at `i` (`audience members book …`, `the pass holders
    /// reserve …`, `the ticket office checks …`): the tagger reads nouns from `i` to the head of
    /// one noun phrase (`taggedNoun`, `taggedNounPhrase`), and a verb after it; the head is a
    /// subject by the reader's own tests, tested as it would stand opening the clause. Only nouns
    /// join the head: adjectives and determiners do not (`other collectors` is `collector`).
    func compoundSubject(at i: Int, in tokens: [Tokenizer.Token], tags: [PartOfSpeech.Token]) -> (term: Term, entity: Bool, length: Int)? {
        guard i + 1 < tokens.count, i < tags.count, tokens[i].isWord, !DomainLexicon.stopWords.contains(tokens[i].text) else { return nil }
        var head: Int
        if let phrase = Self.taggedNounPhrase(tokens, tags, at: i), phrase.start == i, tags[i].tag == "VB" {
            head = phrase.head
        } else {
            guard Self.taggedNoun(tokens, tags, at: i), tags[i].chunk.hasSuffix("NP"),
                  i == 0 || tags[i].chunk == "B-NP" || !Self.taggedNoun(tokens, tags, at: i - 1) else { return nil }
            head = i
            while head + 1 < tokens.count, tags[head + 1].chunk == "I-NP", Self.taggedNoun(tokens, tags, at: head + 1) { head += 1 }
        }
        guard head > i, head - i <= 2, head + 1 < tokens.count, tags[head].tag.hasPrefix("NN"), tags[head + 1].chunk != "I-NP",
              tags[head + 1].tag.hasPrefix("VB") || tags[head + 1].tag == "MD" || tags[head + 1].tag == "RB",
              tokens[i..<head].allSatisfy({ word in !DomainLexicon.stopWords.contains(word.text) && !DomainLexicon.modifiers.contains(word.text)
                  && !EnglishWords.adverbsAndAdjectives.contains(word.text) && (!Inflector.isPlural(word.text) || word.text.hasSuffix("ss")) }) else { return nil }
        // The head, as it would stand opening the clause.
        let rest = Array(tokens[head...])
        let the = Tokenizer.Token(text: "the", original: "the", isWord: true)
        let single = Inflector.singular(tokens[head].text)
        let found: (term: Term, entity: Bool)?
        if let known = Self.actor(at: 0, in: rest.map(\.text)), known.length == 1 {
            found = (known.term, known.entity)
        } else if let known = actors.first(where: { $0.term.words == [single] }) {
            found = (known.term, known.isEntity)
        } else if let person = unknownActor(at: 0, in: rest) ?? singularActor(at: 1, in: [the] + rest) {
            found = (person.term, person.entity)
        } else if Self.organisationActors.contains(single), nextVerb(tokens, after: head + 1) != nil {
            found = (Term(words: [single]), false)
        } else {
            found = nil
        }
        guard let found, found.term.words.count == 1 else { return nil }
        let words = tokens[i..<head].map(\.text) + [Inflector.singular(found.term.words[0])]
        return (Term(words: words), found.entity, head - i + 1)
    }

    /// Heads that name a unit of an organisation, which acts as a person does (issue 18, session 8).
    static let unitHeads: Set<String> = ["desk", "office", "team", "department", "kitchen", "crew", "staff", "board", "committee", "shop", "lab",
                                         "laboratory", "unit", "division", "counter", "reception", "helpdesk", "bureau", "workshop", "warehouse", "squad"]

    /// A subject that is an organisational unit or a named desk, team or office (`the front desk
    /// confirms the booking`, `the ticket office checks the card`, `the kitchen prepares each
    /// order`; issue 18, session 8): after `the`, the tagger reads a noun phrase of at most three
    /// nouns ending in a noun, then a verb in the present tense the lexicon knows, then an object.
    /// The noun phrase is no record the product keeps: its head names a unit (`unitHeads`) or a
    /// role already named (`the order ships the parcel` is no one's action). A product named as
    /// the subject (`Lunchbox lets …`, `the system emails …`) is no unit.
    func unitSubject(at i: Int, in tokens: [Tokenizer.Token], tags: [PartOfSpeech.Token]) -> (term: Term, entity: Bool, length: Int)? {
        guard i > 0, i < tokens.count, i < tags.count, tokens[i].isWord, tokens[i - 1].text == "the",
              tags[i].chunk.hasSuffix("NP") else { return nil }
        var head = i
        while head + 1 < tokens.count, tags[head + 1].chunk == "I-NP" { head += 1 }
        guard head - i <= 2, head + 2 < tokens.count, ["NN", "NNS"].contains(tags[head].tag),
              tokens[i...head].allSatisfy({ $0.isWord && $0.text.allSatisfy { $0.isLetter || $0 == "-" } && !DomainLexicon.stopWords.contains($0.text)
                  && !DomainLexicon.modifiers.contains($0.text) && !EnglishWords.adverbsAndAdjectives.contains($0.text) }),
              ["VBZ", "VBP"].contains(tags[head + 1].tag), let base = Self.verb(tokens[head + 1].text), base != tokens[head + 1].text || tags[head + 1].tag == "VBP",
              !readNounPhrase(tokens, from: head + 2).words.isEmpty else { return nil }
        let single = Inflector.singular(tokens[head].text)
        // A person or a role the reader knows is read by the other tests.
        if Self.actor(at: head, in: tokens.map(\.text)) != nil || Self.isPersonNoun(single) { return nil }
        let words = tokens[i..<head].map(\.text) + [single]
        let term = Term(words: words)
        if entity(term) != nil || entities.contains(where: { $0.term.head == single && $0.actor == nil && !actors.contains { $0.term.head == single } }) {
            guard Self.unitHeads.contains(single) else { return nil }
        }
        guard Self.unitHeads.contains(single) || actors.contains(where: { $0.term.head == single }) else { return nil }
        return (term, false, head - i + 1)
    }

    /// Relations, fields and event records implied by a verb phrase; returns event entities.
    /// - Parameter particle: The preposition the verb took (`register for`), if any.
    mutating func applyVerbPatterns(verbs: [String], objects: [Term], tail: [Tokenizer.Token], actor: Term?, particle: String? = nil) -> [Term] {
        var events: [Term] = []
        let tailWords = tail.map(\.text)
        func phrases(after keyword: String) -> [[String]] {
            guard let k = tailWords.firstIndex(of: keyword) else { return [] }
            var result: [[String]] = []
            var j = k + 1
            while j < tail.count {
                let np = readNounPhrase(tail, from: j)
                if np.words.isEmpty { break }
                j = np.end
                // "with the pickup and delivery addresses": the first noun modifies the plural head after it.
                if np.words.count == 1, !Inflector.isPlural(np.words[0]), j + 1 < tail.count, ["and", "or"].contains(tail[j].text) {
                    let next = readNounPhrase(tail, from: j + 1)
                    if next.words.count >= 2, let last = next.words.last, Inflector.isPlural(last), Self.isPlainNoun(next.words[0]) {
                        j += 1
                        continue
                    }
                }
                if let head = np.words.last, ["schedule", "set", "series", "range", "variety", "group", "list"].contains(Inflector.singular(head)),
                   j + 1 < tail.count, tail[j].text == "of" {
                    let inner = readNounPhrase(tail, from: j + 1)
                    if !inner.words.isEmpty {
                        result.append(inner.words)
                        j = inner.end
                        if j < tail.count, tail[j].text == "and" || tail[j].text == "," { j += 1; continue }
                        break
                    }
                }
                result.append(np.words)
                if j < tail.count, tail[j].text == "and" || tail[j].text == "," { j += 1; continue }
                break
            }
            return result
        }
        for object in objects {
            var fieldOwner = object
            if verbs.contains("assign") {
                for np in phrases(after: "to") {
                    guard let target = entityTerm(for: Self.resolve(np)) else { continue }
                    let plain = Term(words: ["assignment"])
                    let join = entities.contains { $0.term == plain } && !joinEntities.contains(plain)
                        ? Term(words: object.words + ["assignment"]) : plain
                    addEntity(join)
                    joinEntities.insert(join)
                    addParent(object, to: join)
                    addParent(target, to: join)
                    fieldOwner = join
                    events.append(join)
                }
            }
            for np in phrases(after: "with") {
                if np.last == "number" || np.last == "count" {
                    if let k = tailWords.firstIndex(of: "of"), k + 1 < tail.count {
                        let counted = readNounPhrase(tail, from: k + 1).words
                        if let name = counted.last.map({ Inflector.singular($0) }), name.allSatisfy(\.isLetter) { addField("\(name)_count:int", to: fieldOwner) }
                    }
                    continue
                }
                // "with their household size": a singular noun no lexicon or clause knows, owned by the
                // record ("their", "its"), is a field of it, as after "has".
                let kept = np.filter { !DomainLexicon.modifiers.contains($0) }
                if let last = kept.last, let with = tailWords.firstIndex(of: "with"), with + 1 < tailWords.count,
                   ["their", "its", "his", "her"].contains(tailWords[with + 1]), !Inflector.isPlural(last) || Inflector.singular(last) == last, Self.lexiconNoun(endingAt: kept) == nil,
                   Self.actor(at: kept.count - 1, in: kept) == nil, !entities.contains(where: { $0.term.head == last }),
                   kept.count <= 3, case .entity = resolveInContext(np), let field = Self.fieldName(kept) {
                    addField(field.hasSuffix("date") ? "\(field):date" : "\(field):text", to: fieldOwner)
                    continue
                }
                if let child = entityTerm(for: resolveInContext(np)) {
                    let lexiconParents = Self.nounIndex[child.phrase].map { DomainLexicon.nouns[$0].parents } ?? []
                    if lexiconParents.isEmpty || lexiconParents.contains(Self.canonical(fieldOwner)) || entity(child)?.actor != nil {
                        addParent(fieldOwner, to: child)
                    } else if let i = entities.firstIndex(where: { $0.term == fieldOwner }), !entities[i].references.contains(child) {
                        entities[i].references.append(child)
                    }
                } else if let field = Self.fieldName(np) {
                    let existing = entity(fieldOwner)?.fields ?? []
                    if field == "code", existing.contains(where: { $0.hasPrefix("code:") || $0.contains("_code:") }) { continue }
                    if field == "due_date", existing.contains(where: { $0.hasPrefix("due_") }) { continue }
                    addField(field.hasSuffix("date") ? "\(field):date" : field == "code" ? "code:text:unique" : "\(field):text", to: fieldOwner)
                }
            }
            for keyword in ["of"] where tailWords.first == "made" || tailWords.first == "consisting" || tailWords.first == "composed" {
                for np in phrases(after: keyword) {
                    if let child = entityTerm(for: Self.resolve(np)) { addParent(object, to: child) }
                }
            }
            if verbs.contains(where: { ["group", "organize", "organise", "sort", "collect"].contains($0) }) {
                for np in phrases(after: "into") + phrases(after: "in") {
                    if let parent = entityTerm(for: Self.resolve(np)) { addParent(parent, to: object) }
                }
            }
            if verbs.contains(where: { ["search", "filter", "browse", "find", "sort", "list"].contains($0) }) {
                for np in phrases(after: "by") {
                    if let field = Self.fieldName(np), let i = entities.firstIndex(where: { $0.term == object }) {
                        if !entities[i].fields.contains(where: { $0.hasPrefix(field + ":") }) { entities[i].fields.append("\(field):text") }
                        if !entities[i].searchable.contains(field) { entities[i].searchable.append(field) }
                    }
                }
            }
            // "add books to a shelf", "save exhibits to a personal tour": the place is a record that holds them.
            if verbs.contains(where: { ["add", "save", "put", "pin", "attach"].contains($0) }), let np = phrases(after: "to").first ?? phrases(after: "into").first,
               let parent = entityTerm(for: Self.resolve(np)) {
                mentions.append((parent, np.last.map(Inflector.isPlural) ?? false))
                addParent(parent, to: object)
            }
            let event: String? = {
                if verbs.contains("check off") || verbs.contains("tick off") { return "check-in" }
                if verbs.contains("take"), ["quiz", "exam", "test", "assessment", "course"].contains(object.head) { return "attempt" }
                if verbs.contains("join"), ["class", "course", "cohort"].contains(object.head) { return "enrollment" }
                if verbs.contains("join") { return "member" }
                if verbs.contains("attend") { return "registration" }
                let reviewable = Self.nounIndex["review"].map { DomainLexicon.nouns[$0].parents } ?? []
                if verbs.contains("rate") || verbs.contains("review") && (reviewable.contains(Self.canonical(object)) || entity(object)?.actor != nil) { return "review" }
                // "register for a class" makes a registration; "register a thesis topic" records the topic.
                if verbs.contains("sign up") || verbs.contains("register") && particle == "for" && entity(object)?.actor == nil { return "registration" }
                if verbs.contains("comment") { return "comment" }
                if verbs.contains("message"), entity(object)?.actor != nil { return "message" }
                if verbs.contains("vote") { return "vote" }
                if verbs.contains("apply") { return "application" }
                if verbs.contains("borrow") { return "loan" }
                // "book hot desks", "rent a stall": booking a thing makes a booking of it; a timed
                // record (an appointment, a session) is its own booking.
                if verbs.contains(where: { ["book", "reserve", "rent"].contains($0) }), !Self.timedRecords.contains(Self.canonical(object)),
                   !Self.timedRecords.contains(object.head), entity(object)?.actor == nil { return verbs.contains("rent") ? "rental" : "booking" }
                if verbs.contains("donate") { return "donation" }
                return nil
            }()
            if let event {
                let term = Term(parsing: event)
                if term != object {
                    addEntity(term)
                    joinEntities.insert(term)
                    addParent(object, to: term)
                    if let actor { addParent(actor, to: term) }
                    // "book hot desks and meeting rooms": one booking of either, named once.
                    if !events.contains(term) { events.append(term) }
                }
            }
        }
        return events
    }

    static func fieldName(_ words: [String]) -> String? {
        let kept = words.filter { !DomainLexicon.modifiers.contains($0) && !DomainLexicon.stopWords.contains($0) }
        guard !kept.isEmpty, kept.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "-" } }) else { return nil }
        let singular = kept.dropLast() + [Inflector.singular(kept[kept.count - 1])]
        return singular.joined(separator: "_").replacingHyphens()
    }

    /// `X has (many) Y and Z`, `X contains Y`, `each Y belongs to X`.
    mutating func findHasRelations(in sentence: Tokenizer.Sentence) {
        let tokens = sentence.tokens
        let words = tokens.map(\.text)
        for (k, word) in words.enumerated() where ["has", "have", "contains", "contain", "includes", "include", "owns", "own"].contains(word) {
            // "their own homes": `own` after a possessive determiner is no verb.
            guard k > 0, !(word == "own" && Self.ownedDeterminers.contains(words[k - 1])) else { continue }
            let subjectWords = Array(words[..<k]).filter { tokens.first?.isWord ?? true && $0 != "," }
            let resolution = Self.resolve(Array(subjectWords.suffix(3)))
            // "the customer's own account admin": `own` after a possessive is no verb either, but
            // what follows belongs to the possessor; a possessor no lexicon knows and no sentence has
            // made a record (`the borough's own tablets`) is no record for this alone.
            if word == "own", !tokens[k - 1].possessive.isEmpty, case .entity(let term) = resolution,
               Self.nounIndex[term.phrase] == nil, entity(term) == nil { continue }
            guard let parent = entityTerm(for: resolution) else { continue }
            var j = k + 1
            var named: [String] = []
            defer {
                // Fields the brief names replace the lexicon's guesses; one alone is added to them.
                if named.count >= 2, let i = entities.firstIndex(where: { $0.term == parent }) { entities[i].fields = named }
                else { for field in named { addField(field, to: parent) } }
            }
            var many = false
            while j < tokens.count, ["many", "multiple", "several", "one", "or", "more", "zero"].contains(words[j]) { many = true; j += 1 }
            while j < tokens.count {
                let np = readNounPhrase(tokens, from: j)
                if np.words.isEmpty { break }
                j = np.end
                // "Each pet has a name, species, breed and birth date": singular, unknown nouns are the pet's fields.
                let kept = np.words.filter { !DomainLexicon.modifiers.contains($0) }
                if !many, let last = kept.last, !Inflector.isPlural(last) || Inflector.singular(last) == last,
                   Self.nounIndex[kept.joined(separator: " ")] == nil, Self.actor(at: kept.count - 1, in: kept) == nil,
                   !entities.contains(where: { $0.term == Term(words: kept) }), let field = Self.fieldName(kept) {
                    let type = ["date", "birthday", "deadline"].contains(where: { field.hasSuffix($0) }) ? "date"
                        : ["number", "count", "age", "quantity"].contains(where: { field.hasSuffix($0) }) ? "int"
                        : ["price", "cost", "fee", "amount", "total"].contains(where: { field.hasSuffix($0) }) ? "money" : "text"
                    named.append("\(field):\(type)")
                } else if let child = entityTerm(for: Self.resolve(np.words)) { addParent(parent, to: child) }
                if j < tokens.count, words[j] == "and" || words[j] == "," { j += 1; continue }
                break
            }
        }
        if let k = words.firstIndex(of: "belongs") ?? words.firstIndex(of: "belong"), k + 2 < words.count, words[k + 1] == "to" {
            let child = entityTerm(for: Self.resolve(Array(words[..<k].suffix(3))))
            let parent = entityTerm(for: Self.resolve(readNounPhrase(tokens, from: k + 2).words))
            if let child, let parent { addParent(parent, to: child) }
        }
        // "the resident's medication", "each member's bookings": what a record's possessive names
        // belongs to that record, when both are records already (a possessive makes none).
        for (k, token) in tokens.enumerated() where token.isWord && !token.possessive.isEmpty && k + 1 < tokens.count {
            let np = readNounPhrase(tokens, from: words[k + 1] == "own" ? k + 2 : k + 1)
            guard let parent = Self.existingRecord(Self.resolve([words[k]]), in: entities),
                  let child = Self.existingRecord(Self.resolve(np.words), in: entities), parent != child,
                  !(entity(parent)?.parents.contains(child) ?? true) else { continue }
            addParent(parent, to: child)
        }
    }

    /// The record a resolved phrase names, if the brief has made it one under that very name.
    static func existingRecord(_ resolution: Resolution, in entities: [BriefAnalysis.Entity]) -> Term? {
        switch resolution {
        case .entity(let term), .actor(let term, true):
            return entities.contains { $0.term == term } ? term : nil
        default:
            return nil
        }
    }

    /// Lexicon nouns named anywhere, in plural or after an article, even outside a clause.
    mutating func findLooseEntities(in sentence: Tokenizer.Sentence) {
        let words = sentence.tokens.map(\.text)
        var i = 0
        while i < words.count {
            if let (noun, length) = Self.lexiconNoun(startingAt: i, in: words) ?? Self.lexiconNoun(endingAt: [words[i]]).map({ ($0.noun, 1) }) {
                let last = words[i + length - 1]
                let previous = i > 0 ? words[i - 1] : ""
                let strong = Inflector.isPlural(last) || ["a", "an", "each", "every", "their", "per"].contains(previous)
                let nextToken = i + length < sentence.tokens.count ? sentence.tokens[i + length] : nil
                let beforeVerb = i + length < words.count && (Self.verb(words[i + length]) != nil && !Inflector.isPlural(last)
                    || DomainLexicon.productKinds.contains(words[i + length]))
                    || (!Inflector.isPlural(last) && nextToken?.isWord == true && !DomainLexicon.stopWords.contains(nextToken?.text ?? ""))
                    || (nextToken?.text == "(" && i + length + 1 < words.count && Self.actor(at: i + length + 1, in: words) != nil)
                if !noun.ambiguous, strong, !beforeVerb, !entities.isEmpty || features.isEmpty {
                    if previous != "in" || last != "order" { addEntity(Self.lexiconTerm(noun, words[i..<(i + length)])) }
                }
                i += length
            } else {
                i += 1
            }
        }
    }

    /// `Customers are invoiced weekly`: a verb the tagger reads as one, whose doing makes a record
    /// (`DomainLexicon.recordsMadeByVerbs`), names that record.
    mutating func findRecordsMadeByVerbs(in sentence: Tokenizer.Sentence) {
        guard !entities.isEmpty else { return }
        let tagged = tags(of: sentence.tokens)
        for (k, (token, word)) in zip(sentence.tokens, tagged).enumerated() where token.isWord && word.tag.hasPrefix("VB") {
            // "choose a paid plan": a participle after an article qualifies the noun after it; nothing is done.
            if k > 0, Self.articles.contains(sentence.tokens[k - 1].text) { continue }
            guard let base = Self.verb(token.text), let made = DomainLexicon.recordsMadeByVerbs.first(where: { $0.verb == base }) else { continue }
            addEntity(Term(parsing: made.record))
        }
    }

    /// A lexicon noun's usual parents, when those are in the brief too.
    mutating func applyLexiconParents() {
        for entity in entities where !joinEntities.contains(entity.term) {
            guard let index = Self.nounIndex[entity.term.phrase] else { continue }
            for parent in DomainLexicon.nouns[index].parents {
                if let term = entities.first(where: { Self.canonical($0.term) == parent })?.term { addParent(term, to: entity.term) }
            }
        }
        if let holder = roleHolder, !roles.isEmpty {
            addField("role:enum(\(roles.joined(separator: "|")))", to: holder)
        }
    }

    /// With a tenant entity (a workspace), every top-level record belongs to a tenant.
    mutating func applyTenant() {
        let tenantWords = ["workspace", "organization", "organisation", "tenant"]
        // A person named "tenant" (a renter) is an actor, never the workspace that isolates data.
        guard let tenant = entities.first(where: { tenantWords.contains($0.term.head) && $0.term.head != "team" && $0.actor == nil })?.term
                ?? (lowered.contains("isolated per team") ? entities.first { $0.term.head == "team" }?.term : nil) else { return }
        let member = Term(words: ["member"])
        if !entities.contains(where: { $0.term == member }) {
            addEntity(member, actor: member)
            addActor(member, entity: true, role: false)
        }
        for i in entities.indices where entities[i].term != tenant && entities[i].parents.isEmpty && entities[i].term.snake != "audit_log" {
            entities[i].parents.append(tenant)
        }
    }

    /// Sentences without an actor clause that still state a feature: dashboards, reminders,
    /// sign-in, exports.
    mutating func findSentenceFeatures(in sentence: Tokenizer.Sentence) {
        let words = sentence.words
        let text = " " + words.joined(separator: " ") + " "
        let kind: BriefAnalysis.Feature.Kind
        if text.includes(" dashboard ") {
            kind = .dashboard
        } else if text.includes(" remind") || text.includes(" reminder") || text.includes(" notif") || text.includes(" alert") || text.includes(" trigger") {
            kind = .notification
        } else if (text.includes(" sign in ") || text.includes(" sign-in ") || text.includes(" sign up ") || text.includes(" sign-up ") || text.includes(" log in ") || text.includes(" login ")) && !text.includes(" sign up for ") && !text.includes(" sign-up for ") {
            kind = .auth
        } else {
            return
        }
        let opening = words.prefix(4).joined(separator: " ")
        // featureStatements holds every feature's statement, lowercased, once.
        guard !clauseSentences.contains(sentence.text),
              !featureStatements.contains(where: { $0.includes(opening) }) else { return }
        var objects: [Term] = []
        for i in words.indices {
            if let (noun, length) = Self.lexiconNoun(endingAt: words[...i]) {
                let term = Self.sameLexiconEntity(preferredName(Self.lexiconTerm(noun, words[...i].suffix(length))), in: entities)
                if entities.contains(where: { $0.term == term }), !objects.contains(term) { objects.append(term) }
            }
        }
        let statement = Self.sentenceCase(Self.join(sentence.tokens.map(\.written)))
        // A line without a verb names no one who acts: it is anyone's, not the last person named elsewhere.
        let actor = kind == .auth || Self.isVerbless(sentence.tokens) ? Term(words: ["user"]) : preferredManagerActor
        addFeature(.init(kind: kind, actor: actor, verbs: [], objects: kind == .auth ? [] : objects, objectPhrase: "",
                              statement: statement, priority: priority(for: sentence, verbs: [], kind: kind), source: sentence.text))
    }

    /// A line without a finite verb outside its subordinate clauses (`Card payments only.`, `Annual
    /// progress reports on approved studies, with a reminder 30 days before each is due.`): it
    /// names a thing or a rule, no one's step.
    static func isVerbless(_ tokens: [Tokenizer.Token]) -> Bool {
        let words = tokens.filter(\.isWord)
        // Each word's place among the tokens: a subordinate clause runs from its opener to the next comma.
        var subordinate: [Bool] = []
        var inClause = false
        for token in tokens {
            if !token.isWord { if [",", ";"].contains(token.text) { inClause = false }; continue }
            // (One opening the line may run to its end without a comma: "After payment the files are emailed".)
            if subordinators.contains(token.text), !subordinate.isEmpty { inClause = true }
            subordinate.append(inClause)
        }
        // A past form after a preposition (`on approved studies`) is a participle that qualifies a noun.
        return !tagged(words).enumerated().contains { k, token in
            !subordinate[k] && ["VB", "VBP", "VBZ", "VBD", "MD"].contains(token.tag)
                && !(token.tag == "VBD" && k > 0 && postModifiers.contains(words[k - 1].text))
        }
    }

    /// A sentence that is no one's step: a verbless line, or one that states a price (`The first
    /// permit costs £65 a year …`), a rule about what things cost.
    static func statesNoStep(_ text: String) -> Bool {
        guard let sentence = Tokenizer.sentences(text).first else { return true }
        if isVerbless(sentence.tokens) { return true }
        let words = sentence.tokens.filter(\.isWord)
        return words.indices.dropLast().contains { k in
            EnglishVerbs.base(of: words[k].text) == "cost" && words[k + 1].written.first.map { "£$€".contains($0) || $0.isNumber } == true
        }
    }

    var preferredManagerActor: Term {
        BriefAnalysis(productName: "", pitch: "", actors: actors, entities: [], features: [], integrations: [], qualities: [],
                      scale: [], constraints: [], budgetTier: "", tenant: nil, brief: brief).managerActor
    }

    // MARK: - Text helpers

    static func join(_ words: [String]) -> String {
        var out = ""
        for word in words {
            if word == "," || word == ")" || word == "." || word == ":" || word == ";" {
                out += word
            } else if out.hasSuffix("(") || out.isEmpty {
                out += word
            } else {
                out += " " + word
            }
        }
        return out
    }

    static func sentenceCase(_ text: String) -> String {
        var result = text.trimmingWhitespace()
        while let last = result.last, last == "," || last == ":" || last == ";" { result.removeLast() }
        if let first = result.first, first.isLowercase { result = first.uppercased() + result.dropFirst() }
        if let last = result.last, last != "." && last != "!" && last != "?" { result += "." }
        return result
    }

    /// A sentence's priority: its own words ("nice to have", "must"), else the heading of its
    /// section ("## Must have", "Nice to have:", "Later"), else what its kind usually is.
    func priority(for sentence: Tokenizer.Sentence, verbs: [String], kind: BriefAnalysis.Feature.Kind) -> String {
        if Self.explicitPriority(sentence.text) == nil, let section = sectionPriority(of: sentence) { return section }
        return Self.priority(for: sentence.text, verbs: verbs, kind: kind)
    }

    static func explicitPriority(_ text: String) -> String? {
        let lower = " " + text.lowercased() + " "
        for (word, priority) in [(" later", "wont"), (" future", "wont"), (" v2", "wont"), ("out of scope", "wont"), ("won't", "wont"), ("nice to have", "could"), ("optional", "could"), (" could ", "could"), (" ideally", "could"), (" should ", "should"), (" must ", "must"), (" required", "must")] where lower.includes(word) {
            return priority
        }
        return nil
    }

    /// The priority the heading above a sentence sets, if any.
    func sectionPriority(of sentence: Tokenizer.Sentence) -> String? {
        let words = BriefCoverage.words(sentence.text)
        guard !words.isEmpty else { return nil }
        return sections.first { BriefCoverage.contains($0.words, words) || BriefCoverage.contains(words, $0.words) }?.priority
    }

    /// Each line of the brief under a heading that sets a priority, with that priority.
    static func sections(_ spec: String) -> [(words: [String], priority: String)] {
        var result: [(words: [String], priority: String)] = []
        var current: String? = nil
        for (text, heading) in BriefCoverage.sentences(spec) {
            if heading {
                let lower = " " + text.lowercased().filter { $0 != ":" } + " "
                current = explicitPriority(lower) ?? (lower.includes("must") || lower.includes("core") || lower.includes("mvp") ? "must"
                    : lower.includes("should") ? "should" : lower.includes("nice") || lower.includes("could") ? "could" : nil)
                continue
            }
            if let current { result.append((BriefCoverage.words(text), current)) }
        }
        return result
    }

    static func priority(for text: String, verbs: [String], kind: BriefAnalysis.Feature.Kind) -> String {
        if let explicit = explicitPriority(text) { return explicit }
        switch kind {
        case .report, .dashboard, .notification: return "should"
        case .entity where verbs.allSatisfy({ DomainLexicon.verbKinds[$0] == .export || $0 == "export" }): return "should"
        default: return "must"
        }
    }

    // MARK: - Result

    func result() -> BriefAnalysis {
        var entities = entities
        var features = features
        // The data model has its own profiles table (one row per signed-in person): a record the
        // brief calls a profile is the profile of its main actor, a table of its own.
        // The same for names the generated code holds already: the `Report` schema of the reports
        // endpoint, the router's `Link` component.
        for reserved in ["profile", "user", "report", "link"] where entities.contains(where: { $0.term.snake == reserved && $0.actor == nil }) {
            let owner = actors.first { !$0.isRole && $0.term.snake != "user" }?.term.words ?? ["public"]
            let parent = ["report", "link"].contains(reserved) ? entities.first { $0.term.snake == reserved }?.parents.first?.words : nil
            let renamed = Term(words: (parent ?? owner) + [reserved])
            let old = Term(words: [reserved])
            for i in entities.indices {
                if entities[i].term == old { entities[i].term = renamed }
                entities[i].parents = entities[i].parents.map { $0 == old ? renamed : $0 }
                entities[i].references = entities[i].references.map { $0 == old ? renamed : $0 }
            }
            for i in features.indices { features[i].objects = features[i].objects.map { $0 == old ? renamed : $0 } }
        }
        var analysis = BriefAnalysis(
            productName: productName(), pitch: pitch(),
            actors: actors, entities: entities, features: features, integrations: integrations(),
            qualities: qualities(), scale: scale(), constraints: constraints(), budgetTier: budgetTier(),
            tenant: nil, brief: brief)
        let tenantWords = ["workspace", "organization", "organisation", "tenant"]
        analysis.tenant = entities.first { tenantWords.contains($0.term.head) && $0.actor == nil }?.term
        return analysis
    }

    /// The first real sentence of the brief: not a Markdown heading, not a bare label.
    func pitch() -> String {
        // The first sentence of a line that is no heading: "# Plotkeeper\n## Problem\nOur garden …" opens with "Our garden …".
        if let first = BriefCoverage.sentences(brief.spec).first(where: { !$0.1 && BriefCoverage.words($0.0).count >= 4 }) {
            return Self.sentenceCase(first.0)
        }
        let sentence = sentences.first { !$0.text.hasPrefix("#") && $0.words.count >= 4 } ?? sentences.first { !$0.text.hasPrefix("#") } ?? sentences.first
        var text = sentence?.text ?? ""
        while let first = text.first, first == "#" || first == "-" || first == "*" || first == " " { text.removeFirst() }
        return Self.sentenceCase(text)
    }

    func productName() -> String {
        if let explicit = brief.productName { return explicit }
        // A quoted name: "Ledgerly".
        for (open, close) in [("\"", "\""), ("“", "”")] {
            if let start = brief.spec.firstRange(of: open) {
                let rest = brief.spec[start.upperBound...]
                if let end = rest.firstRange(of: close) {
                    let quoted = String(rest[..<end.lowerBound]).trimmingWhitespace()
                    // Quotes also mark a status or a phrase (`"finished"`, `"no onions"`): a name is
                    // capitalised (`"Relay"`).
                    if !quoted.isEmpty, quoted.count <= 40, quoted.split(separator: " ").count <= 4,
                       quoted.first?.isUppercase == true { return quoted }
                }
            }
        }
        // A Markdown title: "# Coachly".
        for line in brief.spec.split(separator: "\n").prefix(3) {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.hasPrefix("# ") {
                let title = String(trimmed.dropFirst(2)).trimmingWhitespace()
                if !title.isEmpty, title.split(separator: " ").count <= 4 { return title }
            }
        }
        // "QuizLab is a …", "Shelfie runs …", "called Ledgerly", "named Ledgerly".
        let opening = sentences.firstIndex { !$0.text.hasPrefix("#") && $0.words.count >= 3 }
        for (index, sentence) in sentences.enumerated() {
            let tokens = sentence.tokens.filter(\.isWord)
            for (i, token) in tokens.enumerated() where (token.text == "called" || token.text == "named") && i + 1 < tokens.count {
                if let first = tokens[i + 1].original.first, first.isUppercase { return tokens[i + 1].original }
            }
            guard tokens.count > 2 else { continue }
            // An ordinary word opening a sentence names the product only in the brief's opening
            // sentence ("Tidy runs housekeeping …"); further on it is a record or a role ("Case
            // records are kept …", "Rain cancels the market", "Freight is carried …"). A coined word
            // ("Shelfie", "QuizLab") names it anywhere.
            let coined = Self.coinedName(tokens[0].original)
            guard coined || index == opening else { continue }
            let naming = ["is", "runs", "connects", "helps", "lets", "makes", "turns", "gives", "brings", "keeps", "matches", "tracks", "manages"]
            let namingVerb = naming.contains(tokens[1].text)
                || (coined && tokens[1].text.hasSuffix("s") && EnglishVerbs.base(of: tokens[1].text).map { $0 != tokens[1].text } == true)
            // "Homeowner is receiving …", "Surveillance is written up …": a verb group, not a definition.
            let verbGroup = !coined && tokens[1].text == "is" && (tokens[2].text.hasSuffix("ing") || tokens[2].text.hasSuffix("ed")
                || EnglishVerbs.base(of: tokens[2].text).map { $0 != tokens[2].text } == true)
            if namingVerb, !verbGroup, let first = tokens[0].original.first, first.isUppercase,
               !DomainLexicon.nameFillers.contains(tokens[0].text), DomainLexicon.stopWords.contains(tokens[0].text) == false,
               Self.actor(at: 0, in: [tokens[0].text]) == nil, Self.lexiconNoun(endingAt: [tokens[0].text]) == nil {
                return tokens[0].original
            }
        }
        // "a booking system for …": the words before the product kind.
        if let first = sentences.first {
            let words = first.words
            if let k = words.firstIndex(where: { DomainLexicon.productKinds.contains($0) }), k > 0 {
                // The nouns right before it ("sample tracking system", "orienteering club website"),
                // not words further back ("one system", "a proper system", "an application for …").
                // "Our orienteering club wants a website": the one who wants it names it.
                func nouns(endingAt end: Int) -> [String] {
                    let nounTags: Set<String> = ["NN", "NNS", "VBG", "JJ"]
                    let run = (0..<end).reversed().prefix { i in
                        let word = words[i]
                        return !DomainLexicon.nameFillers.contains(word) && !DomainLexicon.stopWords.contains(word) && word != "one"
                            && !(word.first?.isNumber ?? true) && (i == 0 || nounTags.contains(PartOfSpeech.Model.shared.lexicon(word) ?? "NN"))
                    }
                    let picked = Array(run.prefix(2).reversed())
                    // One word alone is a noun ("booking system"), or the brief's first ("Leave planner for …").
                    guard let last = picked.last, picked.count > 1 || last == 0
                            || ["NN", "NNS", "VBG"].contains(PartOfSpeech.Model.shared.lexicon(words[last]) ?? "NN") else { return [] }
                    return picked.map { words[$0] }
                }
                var before = nouns(endingAt: k)
                if before.isEmpty, k >= 3, ["wants", "needs", "want", "need"].contains(words[k - 2]), ["a", "an", "one"].contains(words[k - 1]) {
                    before = nouns(endingAt: k - 2)
                }
                if !before.isEmpty {
                    return (before + [words[k]]).map { Term.capitalized($0) }.joined(separator: " ")
                }
            }
        }
        // "Application App": a record named like software repeats the word the name ends in.
        let naming = { (term: Term) in !term.words.contains { DomainLexicon.softwareWords.contains($0) } }
        let featured = features.flatMap(\.objects).first { object in naming(object) && entities.contains { $0.term == object && $0.actor == nil } }
        let core = featured ?? entities.first { $0.actor == nil && naming($0.term) }?.term ?? entities.first { naming($0.term) }?.term
            ?? actors.first { $0.term.words != ["user"] && naming($0.term) }?.term ?? Term(words: ["product"])
        return core.words.map { Term.capitalized($0) }.joined(separator: " ") + " App"
    }

    /// Whether a word is coined as a name rather than ordinary English: capitals inside it
    /// ("QuizLab") or no entry in the tagger's lexicon ("Shelfie", "Ledgerly").
    static func coinedName(_ word: String) -> Bool {
        word.dropFirst().contains(where: \.isUppercase) || PartOfSpeech.Model.shared.lexicon(word.lowercased()) == nil
    }

    func integrations() -> [BriefAnalysis.Integration] {
        var result: [BriefAnalysis.Integration] = []
        for entry in DomainLexicon.integrations {
            guard let trigger = entry.triggers.first(where: { lowered.mentions($0) }) else {
                if entry.kind == "auth" { result.append(.init(kind: "auth", title: entry.title, provider: entry.provider, named: ["email"], evidence: "")) }
                continue
            }
            if entry.kind == "email" {
                // "Sign in with email" is a sign-in method, not a reason to send email.
                let signIn = ["sign in", "sign-in", "sign up", "sign-up", "log in", "login", "password"]
                let sending = sentenceTexts.filter { text in
                    entry.triggers.contains { text.mentions($0) } && !signIn.contains { text.contains($0) }
                }
                if sending.isEmpty { continue }
            }
            var named = entry.providers.filter { lowered.mentions($0) }
            if entry.kind == "auth" {
                // Only providers named where the brief talks about signing in ("Google Calendar" is not Google sign-in).
                let signIn = sentenceTexts.filter { text in
                    ["sign in", "sign-in", "sign up", "sign-up", "log in", "login", "sso", "single sign-on", "oauth"].contains { text.contains($0) }
                }
                named = entry.providers.filter { provider in signIn.contains { $0.mentions(provider) } }
                if !named.contains("email") { named.insert("email", at: 0) }
            }
            let provider = named.first { $0 != "email" && entry.kind != "auth" }.map { Term.capitalized($0) } ?? entry.provider
            result.append(.init(kind: entry.kind, title: entry.title, provider: provider, named: named, evidence: sentenceContaining(trigger)))
        }
        return result
    }

    var qualityKinds: [String] { qualities().map(\.kind) }

    func qualities() -> [BriefAnalysis.Quality] {
        var result: [BriefAnalysis.Quality] = []
        for entry in DomainLexicon.qualities {
            guard let trigger = entry.triggers.first(where: { lowered.mentions($0) }) else { continue }
            var level = ""
            if entry.kind == "wcag" { level = lowered.contains(" aaa") ? "AAA" : "AA" }
            result.append(.init(kind: entry.kind, title: entry.title, evidence: sentenceContaining(trigger), level: level))
        }
        return result
    }

    static func mentions(_ text: String, _ trigger: String) -> Bool {
        SearchText(text).mentions(trigger)
    }

    func sentenceContaining(_ trigger: String) -> String {
        let needle = trigger.trimmingWhitespace()
        // A list item's marker ("- Households pay by direct debit") is no part of the sentence.
        return sentences.indices.first { sentenceTexts[$0].mentions(needle) }
            .map { Self.sentenceCase(String(sentences[$0].text.drop { $0 == "-" || $0 == "*" || $0 == " " })) } ?? ""
    }

    func scale() -> [String] {
        var result: [String] = []
        let units: Set<String> = ["hour", "day", "minute", "second", "week", "month", "year", "ms", "percent", "time", "am", "pm"]
        for sentence in sentences {
            let words = sentence.words
            for (i, word) in words.enumerated() where i + 1 < words.count {
                let digits = word.filter(\.isNumber)
                guard !digits.isEmpty, word.first?.isNumber == true else { continue }
                let suffix = word.drop { $0.isNumber || $0 == "," || $0 == "." }
                guard suffix.isEmpty || ["k", "m", "mm"].contains(suffix) else { continue }
                let noun = Inflector.singular(words[i + 1])
                guard !units.contains(noun), !DomainLexicon.stopWords.contains(noun), noun.count > 2, Inflector.isPlural(words[i + 1]) else { continue }
                result.append("\(word) \(words[i + 1])")
            }
        }
        return result
    }

    /// Words that make a sentence a constraint on how the product is built or run.
    static let constraintMarkers = ["must use", "must be built", "must run on", "must integrate", "has to use", "have to use", "required to use", "must be hosted", "must be deployed", "deadline", "launch by", "within ", "budget of", "must support", "must be written", "only use"]

    func constraints() -> [String] {
        let rules = sentences.filter { sentence in
            let lower = " " + sentence.text.lowercased() + " "
            return Self.constraintMarkers.contains { lower.includes($0) }
        }.map { Self.sentenceCase($0.text) }
        // A rule the brief repeats is one constraint.
        var seen = Set<String>()
        return rules.filter { seen.insert($0).inserted }
    }

    func budgetTier() -> String {
        let tiers = ["startup", "scaleup", "enterprise"]
        if let explicit = brief.budgetTier?.lowercased(), tiers.contains(explicit) { return explicit }
        if let after = lowered.after("budget tier", length: 30) ?? lowered.after("budget:", length: 30) {
            for tier in tiers where after.contains(tier) { return tier }
            if after.contains("scale-up") { return "scaleup" }
        }
        if lowered.contains("enterprise") || lowered.contains(" sso") || lowered.contains("saml") { return "enterprise" }
        if lowered.contains("scale-up") || lowered.contains("scaleup") { return "scaleup" }
        return "startup"
    }
}

// MARK: - Clauses read on tags and chunks (issue 18, session 7)

extension Work {
    /// Forms of `be`, `have` and `do`: auxiliaries before a verb, or copulas and verbs of holding
    /// when they are the verb group's last verb (read elsewhere, or not actions).
    static let auxiliaryForms: Set<String> = ["be", "is", "are", "am", "was", "were", "been", "being", "has", "have", "had", "having", "do", "does", "did"]

    /// A verb group in the tagged sentence: modals, auxiliaries, adverbs between them and the
    /// verb (`is first asking`, `can also browse`), and the group's main verb.
    struct VerbGroup {
        let start: Int
        let end: Int
        let main: Int
    }

    static func verbGroups(_ tags: [String], _ tokens: [Tokenizer.Token]) -> [VerbGroup] {
        let adverbLike: Set<String> = ["RB", "RBR", "RBS", "JJ"]
        var groups: [VerbGroup] = []
        var i = 0
        while i < tags.count {
            guard tags[i].hasPrefix("VB") || tags[i] == "MD" else { i += 1; continue }
            var k = i
            var main: Int? = nil
            while k < tags.count {
                // "Logs are bought standing": an -ing word after a passive's participle says how
                // the thing is when it is done, an adverbial of the predicate, no verb of the group.
                if tags[k] == "VBG", let main, tags[main] == "VBN", !auxiliaryForms.contains(tokens[main].text) { break }
                if tags[k].hasPrefix("VB") || tags[k] == "MD" {
                    // The main verb is the first that is no auxiliary: `is measuring`, `has been
                    // approved`; in `submit leave requests` the second "verb" is the object's noun.
                    if tags[k].hasPrefix("VB"), main.map({ auxiliaryForms.contains(tokens[$0].text) }) ?? true { main = k }
                    k += 1
                    continue
                }
                // An adverb (or a word the tagger read as an adjective: `first`) between an
                // auxiliary and a verb: at most two words.
                let last = k - 1
                if tags[last] == "MD" || auxiliaryForms.contains(tokens[last].text), adverbLike.contains(tags[k]) {
                    var m = k
                    while m < tags.count, m - k < 2, adverbLike.contains(tags[m]) { m += 1 }
                    if m < tags.count, tags[m].hasPrefix("VB") {
                        k = m
                        continue
                    }
                }
                break
            }
            if let main { groups.append(VerbGroup(start: i, end: k, main: main)) }
            i = max(k, i + 1)
        }
        return groups
    }

    /// Whether the group at `start` stands in a subordinate or embedded clause: a subordinator
    /// (`When installation is finish, …`, `… once they have checked the claim`), a wh-word or
    /// `that` between its clause's start (the sentence's or a comma's) and the group (`where I
    /// bought a stamp`, `what I paid`).
    static func isSubordinate(_ start: Int, _ tags: [String], _ tokens: [Tokenizer.Token]) -> Bool {
        var k = start - 1
        while k >= 0, ![",", ";", ":", "(", ")"].contains(tokens[k].text) {
            if ["WRB", "WP", "WP$", "WDT"].contains(tags[k]) || tokens[k].text == "that" || opensSubordinateClause(tokens[k].text) { return true }
            k -= 1
        }
        return false
    }

    static func opensSubordinateClause(_ word: String) -> Bool {
        subordinateOpeners.contains(word)
    }

    /// `subordinators` and the other words that open a subordinate clause.
    static let subordinateOpeners = subordinators.union(["unless", "because", "although", "though", "since", "whether", "so"])

    /// The person or actor a tagged noun phrase names, by the reader's own tests: `I`, `we` and
    /// `you` are the user, `he` and `she` the person last named, `they` the last subject; a
    /// lexicon actor, an actor already named, a person noun, or an unknown actor in the plural.
    ///
    /// The noun is tested as it stands before its verb group: the group's verbs (without the
    /// adverbs among them) and what follows, so that `Homeowner is first asking a survey` is
    /// tested as `homeowner is asking a survey`, and a bare singular (`surveyor is measuring`, as a
    /// brief in non-native English has it) as the reader tests one after `the`.
    func taggedSubject(_ tokens: [Tokenizer.Token], tags: [String], from start: Int, head: Int, group: VerbGroup) -> (term: Term, entity: Bool)? {
        let word = tokens[head].text
        let predicate = (group.start..<group.end).filter { tags[$0].hasPrefix("VB") || tags[$0] == "MD" }.map { tokens[$0] } + tokens[group.end...]
        switch word {
        case "i", "we", "you": return (Term(words: ["user"]), false)
        case "he", "she": return pronounSubject(at: head, in: Array(tokens[...head]) + predicate).map { ($0.term, $0.entity) }
        case "they": return theySubject(at: head, in: tokens)
        default: break
        }
        guard tags[head].hasPrefix("NN"), tokens[head].isWord else { return nil }
        let words = tokens.map(\.text)
        for k in start...head {
            if let found = Self.actor(at: k, in: words), k + found.length == head + 1 { return (found.term, found.entity) }
        }
        let single = Inflector.singular(word)
        if let known = actors.first(where: { $0.term.head == single }) { return (known.term, known.isEntity) }
        if Self.isPersonNoun(single) { return (Term(words: [single]), false) }
        // A noun with a determiner was the rule reader's to read; a bare noun (`surveyor is
        // measuring`, `Homeowner is asking`) is read as the rule reader reads one opening a clause.
        guard !tags[start..<head].contains(where: { ["DT", "PDT", "PRP$", "CD", "POS"].contains($0) }),
              start == 0 || !tokens[start - 1].isWord || ["CC", "RB", "IN"].contains(tags[start - 1]) else { return nil }
        if let found = unknownActor(at: 0, in: [tokens[head]] + predicate) { return (found.term, found.entity) }
        let the = Tokenizer.Token(text: "the", original: "the", isWord: true)
        if let found = singularActor(at: 1, in: [the, tokens[head]] + predicate) { return (found.term, found.entity) }
        return nil
    }

    /// Participles that, after `be`, state how a thing is rather than what someone did to it.
    static let statedParticiples: Set<String> = ["bear", "finish", "need", "open", "close", "ready", "complete", "do", "involve", "include",
                                                 "use", "accept", "permit", "forbid", "prohibit", "enable", "disable", "expire", "post",
                                                 "publish", "list", "define", "determine", "cover", "own", "hold", "share", "base", "follow",
                                                 "break", "damage"]

    /// Words before a passive that make it a consequence or a clause after a condition or a time.
    static let conditionWords = subordinators.union(["unless", "otherwise", "else", "where", "as", "so", "then"])

    /// `possessives` and `its` and `your`: a phrase they open is a thing of someone's.
    static let ownedDeterminers = possessives.union(["its", "your"])

    /// The object an agentless passive group of a main clause acts on, as tokens to read after its
    /// verb (`Each load is measured` → `a load`, lowercased), or nil when the group is no such
    /// passive: it has an agent (`by …`, read by `readPassive`), it is negated, it follows a
    /// condition or time clause (`If …, the booking is refused`, `When papers are served, …`), its
    /// verb states a state (`is required`, `is stored`), or its subject is a person, a pronoun or a
    /// thing of a person (`their booking is suspended`). `chained` is the object of the passive it
    /// is coordinated with (`is bagged, labelled and entered`).
    func agentlessPassiveObject(_ tokens: [Tokenizer.Token], tags: [String], group: VerbGroup, before start: Int?, subjectEnd: Int? = nil,
                                chained: [Tokenizer.Token]?) -> [Tokenizer.Token]? {
        let words = tokens.map(\.text)
        let auxiliaries = words[group.start..<group.main]
        let isBe = auxiliaries.contains { ["be", "is", "are", "was", "were", "been", "get", "gets"].contains($0) }
        guard isBe || (chained != nil && group.start == group.main) else { return nil }
        // (`modals` holds `be` and `are` too, for the rule reader; here they are the passive's own auxiliary: `Orders are packed`.)
        guard !auxiliaries.contains(where: { ["not", "never", "being"].contains($0) || Self.modals.contains($0) && !["can", "be", "are"].contains($0) }),
              group.start == 0 || !["not", "never"].contains(words[group.start - 1]),
              let base = Self.verb(words[group.main]),
              // A state (`delivery is charged at cost`) unless a person is billed or told: checked at the subject below.
              DomainLexicon.billingVerbs.contains(base) || DomainLexicon.tellingVerbs.contains(base) || DomainLexicon.measuringVerbs.contains(base)
                || !Self.passiveStates.contains(base) && !Self.statedParticiples.contains(base),
              // A notification sent stays as it is read now; a person told is checked at the subject below.
              !["send", "email"].contains(base) else { return nil }
        // An agent anywhere after the verb: `readPassive` reads it.
        guard !words[group.end...].prefix(12).contains("by") else { return nil }
        // A consequence, or a clause after a condition or a time: no action of anyone's.
        // (A relative clause between the subject and the group, `where …`, is no condition: only the words before the subject's end count.)
        guard !words[..<(subjectEnd ?? group.start)].contains(where: { Self.conditionWords.contains($0) }) else { return nil }
        guard words[group.end...].first.map({ !["to", "as", "that", "for"].contains($0) }) ?? true else { return nil }
        if let chained { return chained }
        guard let start else { return nil }
        return passiveSubject(tokens, tags: tags, group: group, base: base, from: start, to: subjectEnd, asObject: true)
    }

    /// The subject phrase of a passive group, from `start` to the group (`Each load` of `Each load
    /// is measured`), lowercased, or nil when it is no thing: a person (unless `base` bills or pays
    /// one: `Customers are invoiced weekly`), a pronoun, a thing of a person's (`their booking`), a
    /// time, a non-entity or the product. The phrase ends at `end` when one is given (before a
    /// relative clause between it and the group: `Clashes, where …, are detected`). `asObject`: the
    /// phrase is the object of the act the passive states, not only a record to note, so a
    /// non-entity in the plural may be it (`results are entered after every game` → `Users can enter
    /// results …`): things handled one by one, though the lexicon keeps no record of them in
    /// general; a mass noun states a rule about it (`personal data is deleted after 90 days`).
    func passiveSubject(_ tokens: [Tokenizer.Token], tags: [String], group: VerbGroup, base: String, from start: Int, to end: Int? = nil, asObject: Bool = false) -> [Tokenizer.Token]? {
        let words = tokens.map(\.text)
        var stop = end ?? group.start
        while stop > start, ["RB", "RBR", "RBS", ","].contains(tags[stop - 1]) || words[stop - 1] == "," { stop -= 1 }
        // A pronoun in the phrase is a clause of its own (`Every time staff open a client's record it is logged`).
        guard stop > start, stop - start <= 6, !(start..<stop).contains(where: { tags[$0] == "PRP" }) else { return nil }
        let phrase = Array(tokens[start..<stop])
        // The noun the phrase is about: its first noun phrase's last noun.
        guard let head = (start..<stop).prefix(while: { !["IN", "VBN", "VBG", "WDT", "WP", ","].contains(tags[$0]) }).last(where: { tags[$0] == "NN" || tags[$0] == "NNS" }) else { return nil }
        guard !Self.ownedDeterminers.contains(words[start]), !["it", "they", "this", "that", "these", "those", "which", "rest", "others", "remainder"].contains(words[head]) else { return nil }
        let single = Inflector.singular(words[head])
        let person: Bool = {
            if case .actor = Self.resolve([single]) { return true }
            return Self.isPersonNoun(single) || actors.contains(where: { $0.term.head == single }) || Self.actor(at: head, in: words) != nil
                || EnglishWords.personNouns.contains(single) || Self.organisationActors.contains(single) || EnglishWords.departments.contains(single)
        }()
        // "Customers are invoiced weekly": a person billed or paid is the object of the one who keeps the accounts.
        let billed = DomainLexicon.billingVerbs.contains(base)
        // "Neighbours are notified a day before": a person told is the object of the one who runs the product; a thing is not
        // told. (Not a record to note: `the bee inspector is alerted`.)
        let told = asObject && DomainLexicon.tellingVerbs.contains(base)
        guard told ? person : billed ? person || !Self.passiveStates.contains(base) && !Self.statedParticiples.contains(base) : !person,
              !Self.timeNouns.contains(single), !DomainLexicon.nonEntities.contains(single) || asObject && tags[head] == "NNS" && words[head] != single,
              !DomainLexicon.productKinds.contains(single) else { return nil }
        var object = phrase
        if let first = object.first, first.original.dropFirst().allSatisfy({ !$0.isUppercase }) {
            object[0] = first.lowercased
        }
        return object
    }

    /// "a pump test is done", "When the casualty is found, …", "the recordings are reviewed by
    /// the officer": the thing a passive group handles is a record the brief keeps, whoever
    /// handles it and in whatever clause, though the clause may give no requirement. Only the
    /// record is noted; what the passive asks of anyone is `agentlessPassiveObject`'s and
    /// `readPassive`'s to read. Passives that state a state or a rule (`is stored`, `is based on`,
    /// `is required`) handle nothing.
    mutating func notePassiveRecord(_ tokens: [Tokenizer.Token], tags: [String], group: VerbGroup, from start: Int) {
        let auxiliaries = tokens[group.start..<group.main].map(\.text)
        guard auxiliaries.contains(where: { ["be", "is", "are", "was", "were", "been"].contains($0) }),
              let base = Self.verb(tokens[group.main].text),
              EnglishWords.handlingParticiples.contains(base) || !Self.passiveStates.contains(base) && !Self.statedParticiples.contains(base),
              // "TideMark is wanted by the county harbour": a wish for the product, no record.
              !Self.wishes.contains(base), base != "want",
              let subject = passiveSubject(tokens, tags: tags, group: group, base: base, from: start) else { return }
        // The first run of nouns is the thing (`claims outside the cover are declined`).
        let nouns = subject.indices.drop { !["NN", "NNS"].contains(tags[start + $0]) }.prefix { ["NN", "NNS"].contains(tags[start + $0]) }
        // A phrase right after a noun is the subject of a clause that qualifies that noun (`the
        // deadline a letter sets is entered`), one right after a verb is its object (`every
        // shipment that leaves the port is inspected`): the passive is the noun's before it. (The
        // tagger may take such a noun for a verb in -ing, `deadline/VBG`. A time before the phrase
        // is no such noun: `Each night the readings are sent`; nor is a participle in the phrase
        // itself, which opens with no article of its own: `an abandoned vehicle`.)
        let qualifying = start > 0 && tokens[start - 1].isWord && Self.articles.contains(tokens[start].text)
            && !Self.timeNouns.contains(Inflector.singular(tokens[start - 1].text))
            && (tags[start - 1].hasPrefix("NN") || tags[start - 1].hasPrefix("VB"))
        guard let last = nouns.last, !qualifying else { return }
        let words = subject[...last].map(\.text).filter { !DomainLexicon.stopWords.contains($0) || DomainLexicon.modifiers.contains($0) }
        let resolution = resolveInContext(words, verbs: [base])
        guard case .entity = resolution else { return }
        _ = entityTerm(for: resolution)
    }

    /// Reads an agentless passive as the generic user's action (`Users can bag evidence`): `base`
    /// with `object` and the words of `predicate` after the group, through `parsePredicate`. Kept
    /// only when every feature it adds uses a verb the tagger saw there and ends as a sentence
    /// does; nothing is read when a feature from this sentence (from `first` on) already uses the verb.
    mutating func readPassiveAsUser(base: String, object: [Tokenizer.Token], predicate: Range<Int>, tokens: [Tokenizer.Token], tags: [String],
                                    sentence: Tokenizer.Sentence, featuresFrom first: Int) {
        let used = Set(features[first...].flatMap(\.verbs).map { $0.split(separator: " ").first.map(String.init) ?? $0 })
        guard !used.contains(base) else { return }
        let snapshot = self
        let user = Term(words: ["user"])
        let words = [Tokenizer.Token(text: base, original: base, isWord: true)] + object + tokens[predicate]
        _ = parsePredicate(Array(words), from: 0, actor: user, actorIsEntity: false, sentence: sentence)
        let taggedVerbs = Set(predicate.filter { tags[$0].hasPrefix("VB") }.compactMap { Self.verb(tokens[$0].text) } + [base])
        let added = features[snapshot.features.count...]
        let agreed = added.allSatisfy { feature in
            feature.verbs.allSatisfy { taggedVerbs.contains(String($0.split(separator: " ").first ?? "")) }
                && !["and", "or", "but", "so", "if", "when", "then"].contains(feature.statement.withoutFinalPeriod().split(separator: " ").last.map { String($0).lowercased() } ?? "")
        }
        if added.isEmpty || !agreed { self = snapshot } else { addActor(user, entity: false, role: false) }
    }

    /// Where a relative clause set off by commas opens and where the noun phrase before it, which
    /// opens the clause, starts, when the comma before `group` closes such a relative clause
    /// (`Clashes, where a student has two exams at once, are detected`): the phrase is the group's
    /// subject. Nil otherwise.
    static func subjectBeforeRelativeClause(_ tokens: [Tokenizer.Token], tags: [String], chunks: [String], group: VerbGroup) -> (start: Int, end: Int)? {
        var p = group.start - 1
        while p >= 0, ["RB", "RBR", "RBS"].contains(tags[p]) { p -= 1 }
        guard p > 0, tokens[p].text == ",", let open = (0..<p).last(where: { [",", ";", ":", "(", ")"].contains(tokens[$0].text) }),
              open > 0, open + 2 < p, tokens[open].text == ",", ["WDT", "WP", "WP$", "WRB"].contains(tags[open + 1]),
              chunks[open - 1].hasSuffix("NP") else { return nil }
        var start = open - 1
        while start > 0, chunks[start] == "I-NP" { start -= 1 }
        guard start == 0 || [";", ":"].contains(tokens[start - 1].text) else { return nil }
        return (start, open)
    }

    /// The noun phrase a non-restrictive `which` clause is about (`the registers of the last two
    /// years, which must be exported`): from its start to the comma before `which`, taking in the
    /// phrases after `of` that it holds, up to six words (a longer phrase is cut after its first
    /// noun phrase: `the attendance registers`). Nil when no noun phrase stands before the comma.
    static func antecedent(_ tokens: [Tokenizer.Token], tags: [String], comma: Int) -> (start: Int, end: Int)? {
        // By the tags, not the chunks: the chunker splits `the last two years` after `the`.
        let inPhrase: Set<String> = ["DT", "PDT", "PRP$", "POS", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS"]
        func phraseStart(_ end: Int) -> Int? {
            guard end >= 0, ["NN", "NNS", "NNP", "NNPS"].contains(tags[end]) else { return nil }
            var start = end
            while start > 0, inPhrase.contains(tags[start - 1]) { start -= 1 }
            return start
        }
        guard var start = phraseStart(comma - 1) else { return nil }
        var end = comma
        while start >= 2, tokens[start - 1].text == "of", let earlier = phraseStart(start - 2) { (start, end) = (earlier, start - 1) }
        return (start, comma - start <= 6 ? comma : end)
    }

    /// The verb of a passive group that names an event, not a state (`is opened`, `are released`),
    /// with no agent after it: its base and where the group ends, or nil. A participle that states
    /// a state (`passiveStates`, `statedParticiples`) names an event only when its base is the state's adjective
    /// and the participle is not (`opened`, `completed`; not `closed`, `finished`). The tagger may
    /// leave such a participle out of the group (`is/VBZ opened/JJ`); it is the group's verb then.
    func laterStepPassive(_ tokens: [Tokenizer.Token], group: VerbGroup) -> (base: String, end: Int)? {
        let words = tokens.map(\.text)
        var (main, end) = (group.main, group.end)
        if Self.auxiliaryForms.contains(words[main]), end < words.count, tokens[end].isWord,
           let base = EnglishVerbs.base(of: words[end]), base != words[end], words[end].hasSuffix("ed") {
            (main, end) = (end, end + 1)
        }
        let auxiliaries = words[group.start..<main]
        guard auxiliaries.contains(where: { ["be", "is", "are", "was", "were", "been"].contains($0) }),
              !auxiliaries.contains(where: { ["not", "never", "being"].contains($0) }),
              let base = Self.verb(words[main]),
              EnglishWords.complements.contains(base) && !EnglishWords.complements.contains(words[main])
                || !Self.passiveStates.contains(base) && !Self.statedParticiples.contains(base),
              !words[end...].prefix(12).contains("by") else { return nil }
        return (base, end)
    }

    /// After the rule reader has read a sentence: the verb groups whose main verb no feature read
    /// from the sentence uses, read on the tagger's tags and chunks (`PartOfSpeech`). A group's
    /// subject is the noun phrase just before it (past a prepositional phrase that qualifies it:
    /// `Other collectors in my club can browse`), or, after `and`, `or`, `then` or a comma, the
    /// subject of the group it is coordinated with (`is measuring the roof and is taking photos`);
    /// the verb after a catenative (`want to record`) takes the catenative's subject. Groups of
    /// subordinate clauses, copulas, auxiliaries and passives are left alone. The verb's
    /// position then goes to `parsePredicate`, as every clause's does.
    mutating func findTaggedClauses(in sentence: Tokenizer.Sentence, featuresFrom first: Int) {
        let tokens = sentence.tokens
        guard tokens.count >= 3, tokens.count <= 80 else { return }
        let parsed = self.tags(of: tokens)
        let tags = parsed.map(\.tag)
        let chunks = parsed.map(\.chunk)
        let pnp = parsed.map(\.pnp)
        let groups = Self.verbGroups(tags, tokens)
        // What stands before each group: its own noun phrase (start, head), a coordinator, `to`, or nothing.
        enum Before { case nounPhrase(Int, Int), coordinated, infinitive, none }
        let before: [Before] = groups.map { group in
            var p = group.start - 1
            while p >= 0, ["RB", "RBR", "RBS"].contains(tags[p]) { p -= 1 }
            guard p >= 0 else { return .none }
            if pnp[p] != "O", chunks[p].hasSuffix("NP") {
                // "Other collectors in my club can browse": past the phrase to the noun it qualifies.
                var q = p
                while q >= 0, pnp[q] != "B-PNP" { q -= 1 }
                p = q - 1
                guard p >= 0, pnp[p] == "O", chunks[p].hasSuffix("NP") else { return .none }
            }
            if chunks[p].hasSuffix("NP"), pnp[p] == "O" {
                var start = p
                while start > 0, chunks[start] == "I-NP" { start -= 1 }
                return .nounPhrase(start, p)
            }
            if ["and", "or", ",", "then"].contains(tokens[p].text) { return .coordinated }
            return tags[p] == "TO" ? .infinitive : .none
        }
        let subordinate = groups.map { Self.isSubordinate($0.start, tags, tokens) }
        // "tracks drone maintenance (propellers, batteries, flying hours)": a verb inside a
        // parenthesis qualifies what stands before it; it is no clause of its own.
        var depth = 0
        let parenthesised: [Bool] = tokens.map { token in
            if token.text == "(" { depth += 1 } else if token.text == ")" { depth = max(0, depth - 1) }
            return depth > 0 || token.text == ")"
        }
        // A group's predicate ends where the next clause begins: the next group's own subject (and
        // the comma or conjunction before it), or the next subordinate clause.
        func limit(after index: Int) -> Int {
            for next in groups.indices where next > index {
                var boundary: Int
                if case .nounPhrase(let start, _) = before[next] {
                    boundary = start
                } else if case .coordinated = before[next], groups[next].start < groups[next].main,
                          Self.auxiliaryForms.contains(tokens[groups[next].start].text) || tags[groups[next].start] == "MD" {
                    // "is testing and is registering the system": a verb with its own auxiliary is a predicate of its own.
                    boundary = groups[next].start
                } else if subordinate[next] {
                    boundary = groups[next].start
                    while boundary > groups[index].end, ![",", ";", ":"].contains(tokens[boundary - 1].text), !Self.subordinators.contains(tokens[boundary - 1].text) { boundary -= 1 }
                    if boundary > groups[index].end, Self.subordinators.contains(tokens[boundary - 1].text) { boundary -= 1 }
                } else {
                    continue
                }
                // (`28 days before and can renew`: a subordinator after a time is an adverb of the predicate, not the next clause's opener.)
                while boundary > groups[index].end, [",", "and", "or", "then", "but"].contains(tokens[boundary - 1].text)
                        || Self.opensSubordinateClause(tokens[boundary - 1].text) && !Self.timeNouns.contains(Inflector.singular(tokens[boundary - 2].text))
                        || tags[boundary - 1] == "WRB" { boundary -= 1 }
                return max(boundary, groups[index].end)
            }
            return tokens.count
        }
        var previousSubject: (term: Term, entity: Bool)? = nil
        var inherited: (term: Term, entity: Bool)? = nil
        var lastPassive: (index: Int, object: [Tokenizer.Token])? = nil
        for (index, group) in groups.enumerated() {
            let carried = inherited
            inherited = nil
            let main = tokens[group.main].text
            // "record whether the bait was eaten": a clause opened between the noun and the group is the group's own.
            if tags[group.main] == "VBN", !parenthesised[group.start], case .nounPhrase(let start, let head) = before[index],
               !(head..<group.start).contains(where: { Self.opensSubordinateClause(tokens[$0].text) || ["WDT", "WP", "WRB"].contains(tags[$0]) || tokens[$0].text == "that" }) {
                notePassiveRecord(tokens, tags: tags, group: group, from: start)
            }
            // A passive in a subordinate clause that is a later step, done with the product by its
            // user: after a modal in a `which` clause set off by a comma, on the thing before it
            // ("Inspectors may ask for the registers, which must be exported within a day", as a main
            // clause's passive is read), and in a `before` clause inside another actor's clause ("The
            // client pays a retainer before a case is opened").
            if subordinate[index], !parenthesised[group.start], let step = laterStepPassive(tokens, group: group) {
                let inWhichClause = group.start >= 3 && tokens[group.start - 1].text == "which" && tokens[group.start - 2].text == ","
                    && tokens[group.start..<group.main].contains(where: { ["must", "should", "can"].contains($0.text) })
                let afterWhich = inWhichClause ? Self.antecedent(tokens, tags: tags, comma: group.start - 2).flatMap { phrase in
                    passiveSubject(tokens, tags: tags, group: group, base: step.base, from: phrase.start, to: phrase.end)
                } : nil
                let opener = (0..<group.start).last(where: { Self.opensSubordinateClause(tokens[$0].text) || [",", ";", ":"].contains(tokens[$0].text) })
                let afterBefore = opener.flatMap { opener in
                    tokens[opener].text == "before" && groups[..<index].contains(where: { $0.end <= opener })
                        ? passiveSubject(tokens, tags: tags, group: group, base: step.base, from: opener + 1) : nil
                }
                if let object = afterWhich ?? afterBefore {
                    readPassiveAsUser(base: step.base, object: object, predicate: step.end..<max(step.end, limit(after: index)), tokens: tokens, tags: tags,
                                      sentence: sentence, featuresFrom: first)
                    continue
                }
            }
            if subordinate[index] || parenthesised[group.start] { continue }
            // "Evidence is bagged, labelled and entered in a record": an agentless passive in a
            // main clause states an action someone does with the product (`Users can bag evidence`).
            // (Not under a heading glued to its paragraph, `## Problem Orders are taken by phone`:
            // the heading's word is no part of the subject, and a problem states how things are now.)
            if carried == nil, tags[group.main] == "VBN", !sentence.text.hasPrefix("#") {
                let chained = lastPassive
                lastPassive = nil
                let relative = Self.subjectBeforeRelativeClause(tokens, tags: tags, chunks: chunks, group: group)
                if let object = agentlessPassiveObject(tokens, tags: tags, group: group, before: {
                    if case .nounPhrase(let start, _) = before[index] { return start } else { return relative?.start }
                }(), subjectEnd: relative?.end, chained: { if case .coordinated = before[index], let chained, chained.index == index - 1 { return chained.object } else { return nil } }()),
                   let base = Self.verb(main) {
                    lastPassive = (index, object)
                    var end = limit(after: index)
                    // "is bagged, labelled and entered": the next participle of the chain ends this one's predicate.
                    if index + 1 < groups.count, case .coordinated = before[index + 1], tags[groups[index + 1].main] == "VBN",
                       groups[index + 1].start == groups[index + 1].main {
                        end = groups[index + 1].start
                        while end > group.end, [",", "and", "or", "then"].contains(tokens[end - 1].text) { end -= 1 }
                    }
                    readPassiveAsUser(base: base, object: object, predicate: group.end..<end, tokens: tokens, tags: tags, sentence: sentence, featuresFrom: first)
                    // "The officer is alerted and can quarantine the herd": the person told does the verb after `and`.
                    if DomainLexicon.tellingVerbs.contains(base), case .nounPhrase(let start, let head) = before[index] {
                        previousSubject = taggedSubject(tokens, tags: tags, from: start, head: head, group: group)
                    }
                    continue
                }
            } else {
                lastPassive = nil
            }
            var subject = carried
            var coordinated = carried != nil
            if subject == nil {
                switch before[index] {
                case .nounPhrase(let start, let head):
                    subject = taggedSubject(tokens, tags: tags, from: start, head: head, group: group)
                    if subject == nil { previousSubject = nil }
                case .coordinated:
                    subject = previousSubject
                    coordinated = true
                case .infinitive, .none:
                    break
                }
            }
            guard let subject else { continue }
            previousSubject = subject
            // `want to record`, `is going to measure`: the verb after `to` is the action.
            let base = Self.verb(main)
            if Self.wishes.contains(main) || Self.modals.contains(main) || main == "going" || Self.wishes.contains(base ?? "") || Self.modals.contains(base ?? ""),
               group.end + 1 < tokens.count, tokens[group.end].text == "to", tags[group.end + 1].hasPrefix("VB") {
                inherited = subject
                continue
            }
            // "A judge never sees other judges' scores": a negated verb states what does not happen.
            if (max(0, group.start - 1)..<group.end).contains(where: { ["not", "never"].contains(tokens[$0].text) }) { continue }
            // "the owner gets told": a passive with `get`.
            if tags[group.main] == "VBN", (group.start..<group.main).contains(where: { Self.verb(tokens[$0].text) == "get" }) { continue }
            // "manage departments, public holidays and leave policies": after a list of nouns, a
            // word both noun and verb before a noun is a noun the tagger took for a verb.
            if coordinated, carried == nil, group.start == group.main, let base, EnglishVerbs.isNounVerb(base),
               group.end < tokens.count, tags[group.end].hasPrefix("NN") || tags[group.end] == "JJ" { continue }
            // "manage departments, public holidays and leave policies": the item before `and` has
            // no verb of its own, so the list is one of nouns and the last item is a noun too.
            if coordinated, carried == nil, index > 0, group.start >= 1,
               case let coordinator = group.start - 1, ["and", "or"].contains(tokens[coordinator].text),
               let comma = (groups[index - 1].end..<coordinator).last(where: { tokens[$0].text == "," }),
               !groups.contains(where: { $0.start > comma && $0.start < coordinator }) { continue }
            // "does an independent inspection of a sample of flats": a light verb's action is its noun's verb.
            let lightAction = lightVerbAction(tokens, at: group.main)
            // Auxiliaries and copulas as the last verb, and `need`/`want` without `to`, are no action.
            if Self.auxiliaryForms.contains(main) && lightAction == nil || Self.modals.contains(main) { continue }
            // "is finish", "are approved": a passive (or a participle after `be`) is read elsewhere.
            if tags[group.main] == "VBN", (group.start..<group.main).contains(where: { ["be", "is", "are", "am", "was", "were", "been", "being"].contains(tokens[$0].text) }) { continue }
            // A verb in -ing with no auxiliary qualifies the noun before it ("volunteers helping at the
            // gate"), unless it is coordinated with a verb before ("mark" tagged VBG after a comma).
            if tags[group.main] == "VBG", !coordinated, !(group.start..<group.main).contains(where: { Self.auxiliaryForms.contains(tokens[$0].text) }) { continue }
            // "log flights and flying hours": after the objects of a verb not in -ing, a word in -ing
            // before a noun modifies it, as the predicate's reader takes it (`parsePredicate`). After
            // a comma it is a list's item only if the list goes on ("…, mostly serving restaurants"
            // and "…, serving restaurants." are clauses).
            if coordinated, carried == nil, group.start == group.main, index > 0, Self.isIngVerb(tokens[group.main]),
               !Self.isIngVerb(tokens[groups[index - 1].main]), groups[index - 1].end < group.start,
               !Self.isIngVerb(tokens[groups[index - 1].end]), modifiesNoun(tokens, at: group.main),
               case let end = readNounPhrase(tokens, from: group.main + 1).end,
               ["and", "or"].contains(tokens[group.main - 1].text) || tokens[group.main - 1].text == "," && end < tokens.count && [",", "and", "or"].contains(tokens[end].text) {
                continue
            }
            guard let base = lightAction?.verb ?? base else { continue }
            let used = Set(features[first...].flatMap(\.verbs).map { $0.split(separator: " ").first.map(String.init) ?? $0 })
            guard !used.contains(base) else { continue }
            // What the reader notes of a clause (its actor, the last subject, its records) stands
            // only if the clause gives a requirement the tags agree with: every verb of it is a
            // word the tagger tagged as a verb (`search the catalogue by species, collector or
            // place`: `place` is a noun), and its sentence does not end on a conjunction.
            let snapshot = self
            let end = limit(after: index)
            let actor = canonicalActor(subject.term)
            addActor(actor, entity: subject.entity, role: false)
            if subject.entity { addEntity(actor, actor: actor) }
            noteSubject(actor)
            _ = parsePredicate(Array(tokens[..<end]), from: group.main, actor: actor, actorIsEntity: subject.entity, sentence: sentence)
            let taggedVerbs = Set((group.main..<end).filter { tags[$0].hasPrefix("VB") }.compactMap { Self.verb(tokens[$0].text) } + [lightAction?.verb].compactMap { $0 })
            let added = features[snapshot.features.count...]
            let agreed = added.allSatisfy { feature in
                feature.verbs.allSatisfy { taggedVerbs.contains(String($0.split(separator: " ").first ?? "")) }
                    && !["and", "or", "but", "so", "if", "when", "then"].contains(feature.statement.withoutFinalPeriod().split(separator: " ").last.map { String($0).lowercased() } ?? "")
            }
            if added.isEmpty || !agreed { self = snapshot }
        }
    }
}

// MARK: - Object relative clauses anywhere in the sentence (issue 18, session 9, h18ms)

extension Work {
    /// `…, and they can raise a concern, which the film office answers`, `each order gets a quote,
    /// which the client accepts online`, `an agreement that the researcher must sign`: an object
    /// relative clause — `which`, `that` or `whom`, then a subject and its verb with no object of
    /// its own — says that its subject acts on the noun phrase before the relative word, whoever
    /// (or whatever) the clause around it is about. The predicate reader reads such a clause only
    /// straight after the object of a person's verb; this reads the rest. Clauses whose subject
    /// and verb a feature of this sentence already has are left as they were read.
    mutating func findObjectRelatives(in sentence: Tokenizer.Sentence, featuresFrom first: Int) {
        let tokens = sentence.tokens
        for r in tokens.indices where ["which", "that", "whom"].contains(tokens[r].text) {
            // `that` defines its noun and takes no comma; `which` and `whom` may follow one.
            let end = r > 0 && tokens[r - 1].text == "," && tokens[r].text != "that" ? r - 1 : r
            // The relative clause is read as a clause of its own, from its first word.
            var relative = Array(tokens[(r + 1)...])
            // "a gallery that only the parents can see": `only` before the subject limits it; it is no part of it.
            if relative.count > 2, relative[0].text == "only" { relative.removeFirst() }
            // "that the customer care team triages": nouns before the subject's head are part of its
            // name, as where a clause opens (else `customer` is read as the subject and `care` as its verb).
            guard end >= 1, tokens[end - 1].isWord, !relative.isEmpty,
                  let clause = compoundRelativeSubject(relative) ?? clauseSubject(relative, at: 0) ?? relativeOrganisation(relative, at: 0),
                  !["they", "it"].contains(clause.term.words.first ?? ""),
                  let v = nextVerb(relative, after: clause.length), let verb = Self.verb(relative[v].text) else { continue }
            // "which an editor accepts or rejects", "that the team triages and passes to …": verbs
            // coordinated in the clause, in the same form, share its subject and its object.
            var verbs = [verb], last = v
            while last + 2 < relative.count, ["and", "or"].contains(relative[last + 1].text), relative[last + 2].isWord,
                  let next = Self.verb(relative[last + 2].text), !verbs.contains(next),
                  relative[last + 2].text.hasSuffix("s") == relative[v].text.hasSuffix("s") {
                verbs.append(next)
                last += 2
            }
            // The gap: the verb's object is the relative word, so nothing that opens a noun phrase
            // follows it (an adverb, a preposition, a conjunction, the end of the clause).
            let after = last + 1
            let gap = after >= relative.count || !relative[after].isWord
                || (Self.phraseEnders.contains(relative[after].text) && !["it", "they"].contains(relative[after].text))
                || Self.prepositions.contains(relative[after].text) || EnglishWords.trailingAdverbs.contains(relative[after].text)
            guard gap else { continue }
            // The antecedent: a noun phrase with its determiner ending at the relative word (`so
            // that`, `says that` and `now that` have none).
            // A plural with no determiner right after its verb is one too (`report defects that …`).
            let tagged = tags(of: tokens)
            // "a material transfer agreement": by the tags, a compound whose nouns may be verbs too (`transfer`).
            func taggedCompound(from s: Int) -> Bool {
                s + 2 <= end && end <= tagged.count && ["NN", "NNS"].contains(tagged[end - 1].tag)
                    && ((s + 1)..<end).allSatisfy { tokens[$0].isWord && ["NN", "NNS", "JJ"].contains(tagged[$0].tag) }
            }
            guard let start = (max(0, end - 6)..<end).first(where: { s in
                tokens[s].isWord && Self.thingDeterminers.contains(tokens[s].text) && (readNounPhrase(tokens, from: s).end == end || taggedCompound(from: s))
            }) ?? (max(1, end - 3)..<end).first(where: { s in
                // (The tagger may read the verb as a noun after `and`, a comma or a modal: `can book a visit and report defects`.)
                tokens[s].isWord && s < tagged.count && ["NN", "NNS", "JJ"].contains(tagged[s].tag)
                    && (tagged[s - 1].tag.hasPrefix("VB") || s >= 2 && Self.verb(tokens[s - 1].text) != nil && (["and", "or", "to", ","].contains(tokens[s - 2].text) || Self.modals.contains(tokens[s - 2].text)))
                    && tagged[end - 1].tag == "NNS" && readNounPhrase(tokens, from: s).end == end
            }) else { continue }
            let read = readNounPhrase(tokens, from: start)
            let phrase = read.end == end ? read.words : ((start + 1)..<end).map { tokens[$0].text }
            guard !phrase.isEmpty else { continue }
            let actor = canonicalActor(clause.term)
            let unread = verbs.filter { verb in !features[first...].contains(where: { $0.actor == actor && $0.verbs.contains(verb) }) }
            guard !unread.isEmpty else { continue }
            // Only a record is an object of a requirement, as in the predicate reader.
            guard let object = entityTerm(for: resolveInContext(phrase, verbs: unread, article: true)), object != actor else { continue }
            addActor(actor, entity: clause.entity, role: false)
            if clause.entity { addEntity(actor, actor: actor) }
            let statement = Self.sentenceCase(actor.pluralTitle + " can " + StrategyAgent.list(unread) + " " + object.pluralPhrase)
            addFeature(.init(kind: .entity, actor: actor, verbs: unread, objects: [object], objectPhrase: "",
                             statement: statement, priority: priority(for: sentence, verbs: unread, kind: .entity), source: sentence.text))
        }
    }

    /// `that the customer care team triages`: a group of people (`organisationActors`) named with
    /// one or two nouns before it, after `the` and before its verb. The nouns may be verbs too
    /// (`care`), so the head and the verb after it decide.
    func compoundRelativeSubject(_ relative: [Tokenizer.Token]) -> (term: Term, entity: Bool, length: Int)? {
        guard relative.count > 3, relative[0].text == "the" else { return nil }
        for head in 2...min(3, relative.count - 2) where Self.organisationActors.contains(relative[head].text) {
            guard relative[1..<head].allSatisfy({ $0.isWord && $0.text.allSatisfy(\.isLetter) && !DomainLexicon.stopWords.contains($0.text)
                      && !DomainLexicon.modifiers.contains($0.text) && !EnglishWords.adverbsAndAdjectives.contains($0.text) && !Inflector.isPlural($0.text) }),
                  relative[head + 1].isWord, relative[head + 1].text.hasSuffix("s"), Self.verb(relative[head + 1].text) != nil else { return nil }
            return (Term(words: relative[1...head].map(\.text)), false, head + 1)
        }
        return nil
    }

    /// `which the film office answers`, `that the council approves`: an organisation after `the`
    /// before its verb, as the clause reader takes it when it opens a clause.
    func relativeOrganisation(_ tokens: [Tokenizer.Token], at i: Int) -> (term: Term, entity: Bool, length: Int)? {
        guard i + 1 < tokens.count, tokens[i].text == "the" else { return nil }
        if let compound = compoundOrganisation(at: i + 1, in: tokens) { return (compound.term, compound.entity, compound.length + 1) }
        guard Self.organisationActors.contains(tokens[i + 1].text), nextVerb(tokens, after: i + 2) != nil else { return nil }
        return (Term(words: [tokens[i + 1].text]), false, 2)
    }
}

// MARK: - Things counted one by one (issue 18, session 10, h18en)

extension Work {
    /// `the agenda for each meeting`, `a sample from each batch`, `prices are set per site`: a
    /// thing the brief counts one by one (`each`, `every`, `per`), in whatever clause or phrase it
    /// stands, is a kind of thing the product tells apart, so a record; unless it names a time, a
    /// measure, a property, the product or a person (those are read elsewhere or are no record).
    /// A thing named so only where the brief states constraints goes again with
    /// `dropNonFunctionalEntities`.
    mutating func findCountedThings(in sentence: Tokenizer.Sentence) {
        guard !entities.isEmpty else { return }
        let tokens = sentence.tokens
        let tagged = tags(of: tokens)
        for q in tokens.indices where ["each", "every", "per"].contains(tokens[q].text) {
            let np = readNounPhrase(tokens, from: q + 1)
            guard let last = np.words.last, np.end - 1 < tagged.count, tokens[np.end - 1].text == last, ["NN", "NNS"].contains(tagged[np.end - 1].tag) else { continue }
            // "each group's finish time": the possessor is counted, and the time after it is its property.
            if tokens[(q + 1)..<np.end].contains(where: { !$0.possessive.isEmpty }) { continue }
            // "each pair of colleagues", "rate per word": the thing counted is after `of`; a rate's unit is no record.
            if np.end < tokens.count, tokens[np.end].text == "of" { continue }
            if tokens[q].text == "per", q > 0, Self.propertyHeads.contains(Inflector.singular(tokens[q - 1].text)) { continue }
            addNamedThing(np.words)
        }
    }

    /// Whether a noun at the head of a phrase names no record: a time, a measure, a property, the
    /// product, a person, a manner or step of doing, or a word that stands for another noun.
    static func namesNoRecord(_ last: String) -> Bool {
        let head = Inflector.singular(last)
        return propertyHeads.contains(head) || EnglishWords.measures.contains(head) || timeNouns.contains(head) || measureWords.contains(head)
            || isPersonNoun(head) || DomainLexicon.productKinds.contains(head) || DomainLexicon.nonEntities.contains(head) || DomainLexicon.mannerNouns.contains(head)
            || EnglishWords.indefinitePronouns.contains(last) || ["one", "other", "others", "time", "kind", "sort"].contains(head)
    }

    /// Keeps the thing a noun phrase names as a record, unless it names a person or no record.
    mutating func addNamedThing(_ phrase: [String]) {
        let kept = phrase.filter { !DomainLexicon.modifiers.contains($0) && !DomainLexicon.stopWords.contains($0) && !EnglishWords.adverbsAndAdjectives.contains($0) }
        // "at the moment everything lives …": a phrase that runs on into a clause names no thing.
        guard let last = kept.last, !Self.namesNoRecord(last), kept.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "-" } }),
              !kept.contains(where: EnglishWords.indefinitePronouns.contains) else { return }
        switch resolveInContext(phrase) {
        case .actor:
            return
        case .entity(let term):
            // "in supermarket car parks": the lexicon knows the head alone, but a plain noun before it
            // makes a compound of its own, unless the brief keeps the head as a record already.
            if term.words == [Inflector.singular(last)], kept.count >= 2, Self.isPlainNoun(kept[kept.count - 2]),
               PartOfSpeech.Model.shared.lexicon(kept[kept.count - 2]) == "NN",
               Self.actor(at: 0, in: [kept[kept.count - 2]]) == nil, !entities.contains(where: { $0.term == term }) {
                addEntity(Term(words: [kept[kept.count - 2], term.words[0]]))
            } else {
                addEntity(term)
            }
        case .other, .none:
            if Self.actor(at: kept.count - 1, in: kept) != nil { return }
            addEntity(Term(words: kept.dropLast() + [Inflector.singular(last)]))
        }
    }

    /// `put lifeguards on towers`, `place talks into rooms`, `buy beans from farms`: in a clause
    /// whose verb makes or acts on something, the things in the plural the action goes to, into,
    /// onto or comes from are kinds of things the product tells apart, so records. A singular
    /// after such a preposition is most often a place or a means (`at the till`, `on a map`), so
    /// it is left, unless it is one thing of a kind the action is for or goes to.
    mutating func notePlacesActedOn(verbs: [String], tail: [Tokenizer.Token]) {
        guard verbs.contains(where: { ![.read, .export].contains(DomainLexicon.verbKinds[$0]) && !Self.statesVerbs.contains($0) }) else { return }
        for k in tail.indices where Self.placePrepositions.contains(tail[k].text) {
            let np = readNounPhrase(tail, from: k + 1)
            // "book a slot for a class", "attach the photo to a claim": one thing of a kind the action is
            // for or goes to, named with `a`; not a limit (`up to a week ahead`).
            // An adjective of judgement before it names how the thing is done, not a thing (`sorted
            // into a sensible order`); a noun before it or a plain modifier (`a new class`) does not.
            let indefinite = k + 1 < tail.count && ["a", "an"].contains(tail[k + 1].text) && ["for", "to", "into"].contains(tail[k].text)
                && !(k > 0 && tail[k - 1].text == "up")
                && !tail[(k + 2)..<max(k + 2, np.end - 1)].contains { PartOfSpeech.Model.shared.lexicon($0.text) == "JJ" && !DomainLexicon.modifiers.contains($0.text) }
            guard let last = np.words.last, np.end > 0, tail[np.end - 1].text == last, indefinite || Inflector.isPlural(last) && Inflector.singular(last) != last,
                  !EnglishVerbs.isPureVerb(Inflector.singular(last)), !EnglishVerbs.isInflected(last),
                  !(np.end < tail.count && tail[np.end].text == "of"),
                  !tail[(k + 1)..<np.end].contains(where: { !$0.possessive.isEmpty }) else { continue }
            addNamedThing(np.words)
        }
    }

    /// Prepositions that name where an action's thing goes or comes from.
    static let placePrepositions: Set<String> = ["to", "into", "onto", "on", "at", "from", "for", "in", "between"]
}
