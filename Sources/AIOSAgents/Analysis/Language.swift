/// Tells an English brief from one in another language, by its function words: every sentence
/// of any length has some (`the`, `and`, `to` — `der`, `und`, `zu`), and they differ between
/// languages far more than content words do.
package enum Language {
    private static let english: Set<String> = [
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "can", "their", "they", "each",
        "by", "from", "at", "as", "be", "it", "this", "that", "who", "when", "what", "which", "has", "have", "will",
        "should", "must", "we", "our", "i", "my", "your", "them", "into", "after", "before", "every", "not", "no",
    ]

    private static let others: [(name: String, words: Set<String>)] = [
        ("German", ["der", "die", "das", "und", "ist", "mit", "für", "ein", "eine", "einen", "den", "dem", "von", "zu", "auf", "nicht",
                    "sie", "es", "werden", "können", "oder", "im", "des", "ihre", "ihren", "wir", "sich", "auch", "nach", "bei"]),
        ("French", ["le", "la", "les", "des", "une", "un", "et", "est", "pour", "avec", "dans", "du", "de", "sur", "ne", "pas",
                    "qui", "que", "ou", "au", "aux", "sont", "peuvent", "leur", "leurs", "où", "nous", "par", "ils", "elles"]),
        ("Spanish", ["el", "los", "las", "y", "es", "para", "con", "en", "del", "por", "una", "que", "su", "sus", "pueden",
                     "lo", "se", "al", "como", "pero", "sus", "nuestro", "nuestra"]),
        ("Italian", ["il", "gli", "e", "è", "per", "con", "della", "di", "che", "una", "sono", "possono", "dei", "delle",
                     "nel", "nella", "alla", "loro", "anche"]),
        ("Dutch", ["de", "het", "een", "en", "van", "voor", "met", "zijn", "kunnen", "op", "niet", "ook", "naar", "hun", "wij"]),
        ("Portuguese", ["o", "os", "as", "e", "para", "com", "uma", "não", "são", "podem", "do", "da", "dos", "das", "em", "seu", "sua"]),
    ]

    /// The language of a brief that is not English, when that is clear; nil for English, for a
    /// brief too short to tell, and for a mixed one.
    package static func foreign(_ text: String) -> String? {
        var words: [String] = []
        var current = ""
        var letters = 0
        var latin = 0
        for c in text.lowercased() {
            if c.isLetter {
                current.append(c)
                letters += 1
                if c.isASCII || ("à"..."ÿ").contains(c) { latin += 1 }
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        // Another script: Cyrillic, Greek, Arabic, CJK, …
        if letters >= 12, latin * 2 < letters { return "a language other than English" }
        guard words.count >= 6 else { return nil }
        let englishCount = words.filter { english.contains($0) }.count
        var best: (name: String, count: Int)? = nil
        for language in others {
            let count = words.filter { language.words.contains($0) && !english.contains($0) }.count
            if count > (best?.count ?? 0) { best = (language.name, count) }
        }
        guard let best, best.count >= 3, best.count > englishCount * 2 else { return nil }
        return best.name
    }
}
