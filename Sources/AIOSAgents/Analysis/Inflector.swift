/// English singular/plural forms for the nouns a product brief uses.
///
/// Rules plus a table of irregular words; enough for domain nouns (`categories`, `statuses`,
/// `people`, `analyses`), not a general-purpose inflection engine.
package enum Inflector {
    private static let irregular: [(singular: String, plural: String)] = [
        ("person", "people"), ("child", "children"), ("man", "men"), ("woman", "women"),
        ("foot", "feet"), ("tooth", "teeth"), ("mouse", "mice"), ("goose", "geese"),
        ("analysis", "analyses"), ("diagnosis", "diagnoses"), ("thesis", "theses"),
        ("criterion", "criteria"), ("medium", "media"), ("datum", "data"), ("quiz", "quizzes"),
        ("leaf", "leaves"), ("life", "lives"), ("wife", "wives"), ("knife", "knives"),
        ("half", "halves"), ("shelf", "shelves"), ("staff", "staff"), ("series", "series"),
        ("species", "species"), ("news", "news"), ("equipment", "equipment"), ("feedback", "feedback"),
        ("information", "information"), ("software", "software"), ("time off", "time off"),
        ("sheep", "sheep"), ("fish", "fish"), ("status", "statuses"), ("bus", "buses"),
        ("campus", "campuses"), ("virus", "viruses"), ("canvas", "canvases"), ("atlas", "atlases"),
        ("alias", "aliases"), ("census", "censuses"), ("syllabus", "syllabuses"), ("menu", "menus"),
        ("photo", "photos"), ("video", "videos"), ("piano", "pianos"), ("memo", "memos"),
        ("demo", "demos"), ("logo", "logos"), ("hero", "heroes"), ("potato", "potatoes"),
        ("tomato", "tomatoes"), ("cafe", "cafes"), ("safe", "safes"), ("chef", "chefs"),
        ("roof", "roofs"), ("proof", "proofs"), ("belief", "beliefs"), ("movie", "movies"),
        ("cookie", "cookies"), ("tie", "ties"), ("lie", "lies"), ("pie", "pies"),
        ("genre", "genres"), ("axis", "axes"), ("crisis", "crises"), ("basis", "bases"),
        ("address", "addresses"), ("class", "classes"), ("business", "businesses"),
        ("process", "processes"), ("access", "access"), ("progress", "progress"),
        ("availability", "availability"), ("inventory", "inventories"), ("data", "data"),
        ("sms", "sms"), ("off", "off"), ("in", "ins"), ("up", "ups"), ("analytics", "analytics"), ("statistics", "statistics"),
        // Nouns used only in the plural: one of them is no `clothe` or `good`.
        ("clothes", "clothes"), ("goods", "goods"), ("premises", "premises"), ("belongings", "belongings"),
        ("headquarters", "headquarters"), ("takings", "takings"), ("earnings", "earnings"),
        // Singular nouns that end in `s` (`a summons`, `a lens`): no `summon` or `len`.
        ("summons", "summonses"), ("lens", "lenses"), ("gas", "gases"), ("bias", "biases"), ("chaos", "chaos"),
        ("physics", "physics"), ("mathematics", "mathematics"), ("economics", "economics"), ("logistics", "logistics"),
        ("electronics", "electronics"), ("athletics", "athletics"), ("gymnastics", "gymnastics"),
        // Mass nouns: a record of cash is no `cashes` (`equipment`, `feedback` above are some too).
        ("cash", "cash"), ("money", "money"), ("luggage", "luggage"), ("baggage", "baggage"), ("furniture", "furniture"),
        ("clothing", "clothing"), ("firewood", "firewood"), ("hay", "hay"), ("gravel", "gravel"), ("compost", "compost"),
        ("mulch", "mulch"), ("rubbish", "rubbish"), ("advice", "advice"), ("homework", "homework"), ("research", "research"),
        ("knowledge", "knowledge"), ("machinery", "machinery"), ("jewellery", "jewellery"), ("jewelry", "jewelry"),
        ("merchandise", "merchandise"), ("traffic", "traffic"), ("wildlife", "wildlife"), ("livestock", "livestock"),
        ("poultry", "poultry"), ("cutlery", "cutlery"), ("crockery", "crockery"), ("stationery", "stationery"),
    ]

    private static let pluralToSingular: [String: String] = {
        var table: [String: String] = [:]
        for pair in irregular { table[pair.plural] = pair.singular }
        return table
    }()

    private static let singularToPlural: [String: String] = {
        var table: [String: String] = [:]
        for pair in irregular { table[pair.singular] = pair.plural }
        return table
    }()

    private static let pluralEsSuffixes = ["s", "x", "z", "ch", "sh"]
    private static let singularEsSuffixes = ["sses", "xes", "zzes", "ches", "shes"]

    /// The plural of a lowercase singular word.
    package static func plural(_ word: String) -> String {
        if let known = singularToPlural[word] { return known }
        if word.isEmpty { return word }
        // "foreman" → "foremen", "chairwoman" → "chairwomen" (not "german", "human").
        if word.hasSuffix("man"), isCompoundOfMan(word) { return String(word.dropLast(3)) + "men" }
        for suffix in pluralEsSuffixes where word.hasSuffix(suffix) { return word + "es" }
        if word.hasSuffix("y"), let before = word.dropLast().last, !"aeiou".contains(before) {
            return String(word.dropLast()) + "ies"
        }
        // "echo": `echoes`; "wolf": `wolves`, where the lexicon knows only that plural.
        if word.hasSuffix("o") { return knownPlural(word + "s", or: word + "es") }
        if word.hasSuffix("f") { return knownPlural(word + "s", or: String(word.dropLast()) + "ves") }
        return word + "s"
    }

    /// The rule's plural, unless only the other spelling is a plural the tagger's lexicon knows.
    private static func knownPlural(_ ruled: String, or other: String) -> String {
        let lexicon = PartOfSpeech.Model.shared
        guard lexicon.lexicon(ruled) == nil, lexicon.lexicon(other) == "NNS" else { return ruled }
        return other
    }

    /// The singular of a lowercase word that may be plural; singular words come back unchanged.
    package static func singular(_ word: String) -> String {
        if let known = pluralToSingular[word] { return known }
        if singularToPlural[word] != nil { return word }
        // Counting Characters is slow; an ASCII word without CR has one per byte.
        if word.utf8.count <= 3 || (word.utf8.contains { $0 >= 0x80 || $0 == 0x0D } && word.count <= 3) { return word }
        if word.hasSuffix("men"), case let single = String(word.dropLast(3)) + "man", isCompoundOfMan(single) { return single }
        if word.hasSuffix("ies") { return known(String(word.dropLast(3)) + "y", or: String(word.dropLast())) }
        for suffix in singularEsSuffixes where word.hasSuffix(suffix) {
            return known(String(word.dropLast(2)), or: String(word.dropLast()))
        }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("oes") || word.hasSuffix("uses") { return known(String(word.dropLast()), or: String(word.dropLast(2))) }
        if word.hasSuffix("ves") { return known(String(word.dropLast()), or: String(word.dropLast(3)) + "f") }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        return word
    }

    /// Where the spelling allows two singulars (`caches`: `cach` or `cache`; `calories`,
    /// `bonuses`, `echoes`, `wolves`), the rule's, unless only the other one is a noun the
    /// tagger's lexicon knows.
    private static func known(_ ruled: String, or other: String) -> String {
        let lexicon = PartOfSpeech.Model.shared
        guard lexicon.lexicon(ruled) == nil, lexicon.lexicon(other)?.hasPrefix("NN") == true else { return ruled }
        return other
    }

    /// A compound of `man` (`foreman`, `chairman`, `policewoman`): a consonant or `e` before
    /// `man`, and no word that only ends in the letters (`german`, `human`, `roman`, `shaman`;
    /// `specimen`, `abdomen` have a vowel before `men`). The one rule for it: the reader's person
    /// nouns (`BriefAnalyzer.isPersonNoun`) ask it too.
    package static func isCompoundOfMan(_ word: String) -> Bool {
        guard word.utf8.count > 5, !["german", "shaman", "ottoman", "talisman", "caiman", "cayman"].contains(word) else { return false }
        if word.hasSuffix("woman") { return true }
        let before = word.dropLast(3).last ?? "a"
        return !"aiouy".contains(before)
    }

    /// Whether the word reads as a plural (it differs from its singular).
    package static func isPlural(_ word: String) -> Bool {
        singular(word) != word || (pluralToSingular[word] != nil && singularToPlural[word] == nil)
    }
}
