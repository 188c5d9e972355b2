/// A domain name (an entity, an actor, a role) held as lowercase singular words, with every
/// spelling the artifacts need derived from those words in one place.
///
/// `Term(parsing: "LineItems")`, `Term(parsing: "line_item")` and `Term(parsing: "line items")`
/// are the same term, so names read back from a user-supplied artifact line up with derived ones.
package struct Term: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Lowercase words, the last one singular.
    package let words: [String]
    /// The words with the last one plural: every table, route and title asks for them, so they
    /// are inflected once.
    private let pluralWords: [String]
    /// The index of each word written after a hyphen (`drop-off host`: 1): the spellings a user
    /// reads (`phrase`, `title`) keep the hyphen, identifiers do not. No part of equality.
    private let hyphenated: [Int]

    /// A word that holds anything but letters and digits (`wheel-throwing`, `drop-off`) is split
    /// there, so that every spelling below is an identifier (a table `wheel_throwing_courses`).
    package init(words: [String]) {
        var cleaned: [String] = []
        var hyphenated: [Int] = []
        for word in words {
            let before = cleaned.count
            for piece in word.lowercased().split(separator: "-") {
                let parts = piece.split { !$0.isLetterOrNumber }.map(String.init)
                if !parts.isEmpty, cleaned.count > before { hyphenated.append(cleaned.count) }
                cleaned += parts
            }
        }
        if let last = cleaned.last { cleaned[cleaned.count - 1] = Inflector.singular(last) }
        self.words = cleaned
        self.hyphenated = hyphenated
        if let last = cleaned.last {
            pluralWords = cleaned.dropLast() + [Inflector.plural(last)]
        } else {
            pluralWords = []
        }
    }

    /// Splits any identifier spelling: spaces, `_`, `-`, `.`, `/` and lower-to-upper case changes.
    package init(parsing text: String) {
        var words: [String] = []
        var current = ""
        var previous: Character? = nil
        for character in text {
            if character.isLetterOrNumber {
                if character.isUppercase, let previous, previous.isLowercase || previous.isNumber, !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        self.init(words: words)
    }

    package var isEmpty: Bool { words.isEmpty }
    package var head: String { words.last ?? "" }

    /// `line_item`
    package var snake: String { words.joined(separator: "_") }
    /// `line_items`: table names.
    package var pluralSnake: String { pluralWords.joined(separator: "_") }
    /// `line-items`: URL path segments and file names.
    package var pluralKebab: String { pluralWords.joined(separator: "-") }
    /// `line-item`
    package var kebab: String { words.joined(separator: "-") }
    /// `LineItem`: schema and type names.
    package var pascal: String { words.map(Self.capitalized).joined() }
    /// `LineItems`
    package var pluralPascal: String { pluralWords.map(Self.capitalized).joined() }
    /// `lineItem`
    package var camel: String {
        guard let first = words.first else { return "" }
        return first + words.dropFirst().map(Self.capitalized).joined()
    }
    /// `lineItems`
    package var pluralCamel: String {
        guard let first = pluralWords.first else { return "" }
        return first + pluralWords.dropFirst().map(Self.capitalized).joined()
    }
    /// `line item`, `drop-off host`
    package var phrase: String { Self.joined(words, hyphenated: hyphenated) }
    /// `line items`, `drop-off hosts`
    package var pluralPhrase: String { Self.joined(pluralWords, hyphenated: hyphenated) }

    private static func joined(_ words: [String], hyphenated: [Int]) -> String {
        guard !hyphenated.isEmpty else { return words.joined(separator: " ") }
        return words.indices.map { i in i == 0 ? words[i] : (hyphenated.contains(i) ? "-" : " ") + words[i] }.joined()
    }
    /// `Line item`
    package var title: String { Self.capitalized(phrase) }
    /// `Line items`
    package var pluralTitle: String { Self.capitalized(pluralPhrase) }

    package var description: String { snake }

    package static func < (lhs: Term, rhs: Term) -> Bool { lhs.snake < rhs.snake }

    // The plural words follow from the words.
    package static func == (lhs: Term, rhs: Term) -> Bool { lhs.words == rhs.words }
    package func hash(into hasher: inout Hasher) { hasher.combine(words) }

    /// Words written in capitals wherever they start a title.
    package static let acronyms: Set<String> = ["hr", "qa", "ceo", "cto", "crm", "api", "sla", "saml", "sso", "csv", "pdf", "sms", "url", "faq", "hvac"]

    package static func capitalized(_ word: String) -> String {
        if let ascii = capitalizedASCII(word) { return ascii }
        guard let first = word.first else { return word }
        let leading = String(word.prefix { $0.isLetterQuickly })
        if acronyms.contains(leading) { return leading.uppercased() + word.dropFirst(leading.count) }
        return first.uppercased() + word.dropFirst()
    }

    /// `capitalized(word)` by bytes, for a word of ASCII without CR (one Character per byte,
    /// where a letter is `A`–`Z` or `a`–`z`); nil for any other word.
    private static func capitalizedASCII(_ word: String) -> String? {
        var bytes = Array(word.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        let letters = bytes.prefix { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }.count
        let upper = acronyms.contains(String(decoding: bytes[..<letters], as: UTF8.self)) ? letters : 1
        for i in 0..<upper where bytes[i] >= 0x61 && bytes[i] <= 0x7A { bytes[i] -= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
