/// Finds which entities a sentence names, by their singular or plural words.
///
/// Architecture, UX and code map requirements to entities through this one function, for derived
/// and user-supplied requirements alike, so every phase draws the same links.
package struct EntityMatcher: Sendable {
    private let candidates: [Term]

    package init(_ candidates: [Term]) {
        // Longer names first, so "line item" wins over "item".
        self.candidates = candidates.sorted { $0.words.count != $1.words.count ? $0.words.count > $1.words.count : $0 < $1 }
    }

    /// The entities `text` names, in the order of `candidates` given at init (longest first).
    package func entities(in text: String) -> [Term] {
        let words = Self.words(text)
        var found: [Term] = []
        for term in candidates where Self.contains(words, term.words) {
            if !found.contains(where: { $0.words.count > term.words.count && Array($0.words.suffix(term.words.count)) == term.words && Self.contains(words, $0.words) && Self.count(words, term.words) == Self.count(words, $0.words) }) {
                found.append(term)
            }
        }
        return found
    }

    /// The entities `text` names, ordered by where each is first named.
    package func entitiesInOrder(_ text: String) -> [Term] {
        let words = Self.words(text)
        return entities(in: text).map { term in (term, Self.firstIndex(words, term.words) ?? Int.max) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map(\.0)
    }

    package static func firstIndex(_ words: [String], _ phrase: [String]) -> Int? {
        guard !phrase.isEmpty, words.count >= phrase.count else { return nil }
        for start in 0...(words.count - phrase.count) where matches(words, phrase, at: start) { return start }
        return nil
    }

    /// Lowercase singular words of a text, hyphens splitting words. The second part of a
    /// hyphenated word (`answer` in `short-answer`) comes back as `-answer`, so it names nothing
    /// on its own, while `check-in` still matches the words `check`, `in` through `"-in"`.
    package static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var joined = false
        var previous: Character = " "
        for character in text.lowercased() {
            if character.isLetterOrNumber {
                if current.isEmpty { joined = previous == "-" && !(result.last?.isEmpty ?? true) }
                current.append(character)
            } else if !current.isEmpty {
                result.append((joined ? "-" : "") + Inflector.singular(current))
                current = ""
            }
            previous = character
        }
        if !current.isEmpty { result.append((joined ? "-" : "") + Inflector.singular(current)) }
        return result
    }

    package static func contains(_ words: [String], _ phrase: [String]) -> Bool { count(words, phrase) > 0 }

    package static func count(_ words: [String], _ phrase: [String]) -> Int {
        guard !phrase.isEmpty, words.count >= phrase.count else { return 0 }
        var hits = 0
        for start in 0...(words.count - phrase.count) where matches(words, phrase, at: start) { hits += 1 }
        return hits
    }

    /// Whether `phrase` starts at `start`: its first word whole, later words possibly the
    /// hyphen-joined parts of one written word (`check-in`).
    package static func matches(_ words: [String], _ phrase: [String], at start: Int) -> Bool {
        for (offset, word) in phrase.enumerated() {
            let candidate = words[start + offset]
            if candidate == word { continue }
            if offset > 0, candidate == "-" + word { continue }
            return false
        }
        return true
    }
}
