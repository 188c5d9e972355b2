/// What became of every sentence of the brief: the requirements and constraints read from it,
/// or why it was not used. The strategy artifact carries it as `brief_coverage` and in the PRD.
///
/// Sentences are the brief's lines (Markdown list and heading marks removed) split after `.`,
/// `!` or `?`; a requirement belongs to the sentence its source sentence lies in.
package struct BriefCoverage {
    package struct Entry {
        package var sentence: String
        package var ids: [String]
        /// `requirement`, `summary`, `persona`, `heading` or `not used`.
        package var use: String
        package var reason: String
    }

    private(set) var entries: [Entry] = []

    /// - Parameters:
    ///   - functional: Each functional requirement's source sentence (empty for a standard
    ///     addition) and its description, in FR order.
    ///   - nonFunctional: Each non-functional requirement's source sentence, in NFR order.
    ///   - constraints: The constraint list; a sentence that states a rule ("must", "only", "no
    ///     …") and became nothing else is added to it, so that no such sentence is lost.
    package init(spec: String, analysis: BriefAnalysis, functional: [(source: String, description: String)], nonFunctional: [String], scaleID: String?, constraints: inout [String]) {
        let pitch = Self.words(analysis.pitch)
        let actorWords = Set(analysis.actors.flatMap { [$0.term.head, Inflector.plural($0.term.head)] })
        // Every source is tokenized once (a long brief has thousands of sentences), and a sentence
        // the brief repeats word for word is read once: its entry is reused.
        let functionalSources = functional.map { Source($0.source) }
        let nonFunctionalSources = nonFunctional.map { Source($0) }
        let scaleSources = analysis.scale.map { Self.words($0) }
        var constraintSources = constraints.map { Source($0) }
        var seen: [[String]: (ids: [String], use: String, reason: String)] = [:]
        for (sentence, heading) in Self.sentences(spec) {
            let words = Self.words(sentence)
            guard !words.isEmpty else { continue }
            if let known = seen[words] {
                entries.append(.init(sentence: sentence, ids: known.ids, use: known.use, reason: known.reason))
                continue
            }
            let sentenceSet = Set(words)
            func from(_ source: Source) -> Bool {
                guard let first = source.words.first else { return false }
                return (sentenceSet.contains(first) && Self.contains(words, source.words))
                    || (source.set.contains(words[0]) && Self.contains(source.words, words))
            }
            var ids: [String] = []
            var stated = false
            for (index, source) in functionalSources.enumerated() where from(source) {
                ids.append("FR-\(index + 1)")
                stated = true
            }
            for (index, source) in nonFunctionalSources.enumerated() where from(source) { ids.append("NFR-\(index + 1)") }
            if let scaleID, scaleSources.contains(where: { Self.contains(words, $0) }), !ids.contains(scaleID) {
                ids.append(scaleID)
            }
            for (index, source) in constraintSources.enumerated() where from(source) { ids.append("CON-\(index + 1)") }
            let entry: Entry
            if !ids.isEmpty {
                let kinds = Set(ids.map { String($0.prefix { $0 != "-" }) })
                let what = [("FR", "functional requirement"), ("NFR", "non-functional requirement"), ("CON", "constraint")]
                    .filter { kinds.contains($0.0) }.map(\.1)
                entry = .init(sentence: sentence, ids: ids, use: "requirement",
                              reason: stated ? "Read as \(StrategyAgent.list(what))." : "States a quality or a rule: \(StrategyAgent.list(what)).")
            } else if heading {
                entry = .init(sentence: sentence, ids: [], use: "heading", reason: "A heading: it names the section of the lines that follow.")
            } else if !pitch.isEmpty, Self.contains(pitch, words) || Self.contains(words, pitch) {
                entry = .init(sentence: sentence, ids: [], use: "summary", reason: "The product's pitch: it opens the summary.")
            } else if Self.isRule(words) {
                let constraint = Self.sentenceCase(sentence)
                constraints.append(constraint)
                constraintSources.append(Source(constraint))
                entry = .init(sentence: sentence, ids: ["CON-\(constraints.count)"], use: "requirement", reason: "States a rule the product must keep: a constraint.")
            } else if let actor = words.first(where: { actorWords.contains($0) }) {
                let people = Inflector.plural(Inflector.singular(actor))
                if words.count > 3, words.contains(where: { $0 != actor && EnglishVerbs.base(of: $0) != nil }) {
                    entry = .init(sentence: sentence, ids: [], use: "not used",
                                  reason: "Names \(people) doing something, but the engine could not read an action on a record in it: review it by hand.")
                } else {
                    entry = .init(sentence: sentence, ids: [], use: "persona",
                                  reason: "Says who the \(people) are; their personas carry it, it states no action of its own.")
                }
            } else {
                entry = .init(sentence: sentence, ids: [], use: "not used",
                              reason: "No one doing something the engine could read: context, not a requirement.")
            }
            entries.append(entry)
            seen[words] = (entry.ids, entry.use, entry.reason)
        }
    }

    /// A requirement's or constraint's source, tokenized once.
    private struct Source {
        let words: [String]
        let set: Set<String>
        init(_ text: String) {
            words = BriefCoverage.words(text)
            set = Set(words)
        }
    }

    package static func sentenceCase(_ text: String) -> String {
        var result = text.trimmingWhitespace()
        if let first = result.first, first.isLowercase { result = first.uppercased() + result.dropFirst() }
        if let last = result.last, last != "." && last != "!" && last != "?" { result += "." }
        return result
    }

    /// A sentence that sets a rule: "must", "must not", "only", "never", "no …".
    package static func isRule(_ words: [String]) -> Bool {
        words.contains { ["must", "only", "never", "should", "cannot", "mustn't", "shall"].contains($0) } || words.first == "no"
    }

    /// The brief's sentences, with whether each is a heading.
    package static func sentences(_ spec: String) -> [(String, Bool)] {
        var result: [(String, Bool)] = []
        for rawLine in spec.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = String(rawLine).trimmingWhitespace()
            var line = Substring(trimmed)
            while let first = line.first, first == "-" || first == "*" || first == "#" { line = line.dropFirst() }
            let text = String(line).trimmingWhitespace()
            guard !text.isEmpty else { continue }
            let isHeading = trimmed.hasPrefix("#") || text.hasSuffix(":")
                || (!text.contains(where: { $0 == "." || $0 == "!" || $0 == "?" }) && text.split(separator: " ").count <= 3 && !trimmed.hasPrefix("-"))
            var current = ""
            let characters = Array(text)
            for (i, c) in characters.enumerated() {
                current.append(c)
                if c == "." || c == "!" || c == "?", i + 1 < characters.count, characters[i + 1].isWhitespace {
                    result.append((current.trimmingWhitespace(), isHeading))
                    current = ""
                }
            }
            if !current.trimmingWhitespace().isEmpty { result.append((current.trimmingWhitespace(), isHeading)) }
        }
        return result
    }

    /// Lowercase words of letters and digits.
    package static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for c in text.lowercased() {
            if c.isLetterOrNumber { current.append(c) } else if !current.isEmpty { result.append(current); current = "" }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Whether `needle` occurs in `haystack` as a run of words.
    package static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}
