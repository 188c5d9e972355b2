/// Finds which entities a sentence names, by their singular or plural words.
///
/// Architecture, UX and code map requirements to entities through this one function, for derived
/// and user-supplied requirements alike, so every phase draws the same links.
struct EntityMatcher: Sendable {
    private let candidates: [Term]

    init(_ candidates: [Term]) {
        // Longer names first, so "line item" wins over "item".
        self.candidates = candidates.sorted { $0.words.count != $1.words.count ? $0.words.count > $1.words.count : $0 < $1 }
    }

    /// The entities `text` names, in the order of `candidates` given at init (longest first).
    func entities(in text: String) -> [Term] {
        let words = Self.words(text)
        var found: [Term] = []
        for term in candidates where Self.contains(words, term.words) {
            if !found.contains(where: { $0.words.count > term.words.count && Array($0.words.suffix(term.words.count)) == term.words && Self.contains(words, $0.words) && Self.count(words, term.words) == Self.count(words, $0.words) }) {
                found.append(term)
            }
        }
        return found
    }

    /// Lowercase singular words of a text, hyphens splitting words.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                result.append(Inflector.singular(current))
                current = ""
            }
        }
        if !current.isEmpty { result.append(Inflector.singular(current)) }
        return result
    }

    static func contains(_ words: [String], _ phrase: [String]) -> Bool { count(words, phrase) > 0 }

    static func count(_ words: [String], _ phrase: [String]) -> Int {
        guard !phrase.isEmpty, words.count >= phrase.count else { return 0 }
        var hits = 0
        for start in 0...(words.count - phrase.count) where Array(words[start..<(start + phrase.count)]) == phrase { hits += 1 }
        return hits
    }
}
