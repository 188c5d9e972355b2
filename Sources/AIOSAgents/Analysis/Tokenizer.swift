/// Splits brief text into sentences of word and punctuation tokens.
///
/// Sentences end at `.`, `!`, `?`, `;`, `:` and blank lines or list bullets; a dot between digits
/// (`2.1`) or inside `e.g.`/`i.e.` does not end one. An arrow (`->`, `→`) is read as a comma.
package enum Tokenizer {
    package struct Token: Sendable, Hashable {
        /// Lowercased word, or the punctuation character.
        package let text: String
        /// The word as written, for names.
        package let original: String
        package let isWord: Bool
        /// The possessive ending the word was written with (`'s` in `the council's`, `'` in
        /// `customers'`), taken off `text` and `original` so the noun reads as itself; empty for
        /// any other word.
        package var possessive: String = ""
        /// The sign a number was written with (`£` of `£12`, `%` of `40%`), taken off `text` and
        /// `original` so rules and the tagger read the number as they read any; empty otherwise.
        package var currency: String = ""
        package var percent: String = ""
        /// The word as written, with its signs and possessive ending, for text that quotes the brief.
        package var written: String { currency + original + percent + possessive }
        /// The same word written in lower case (a sentence's first word moved inside a clause).
        package var lowercased: Token {
            Token(text: text, original: original.lowercased(), isWord: isWord, possessive: possessive, currency: currency, percent: percent)
        }
    }

    package struct Sentence: Sendable {
        package let tokens: [Token]
        /// The sentence as written, trimmed.
        package let text: String
        package var words: [String] { tokens.filter(\.isWord).map(\.text) }
    }

    /// Contractions and the word they stand for.
    static let contractions: [(suffix: String, full: String)] = [("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("n't", "not"), ("'m", "am")]

    /// Spellings of quick notes and the word they stand for.
    static let noteSpellings: [String: String] = ["thru": "through", "tho": "though", "thro": "through"]

    package static func sentences(_ text: String) -> [Sentence] {
        var result: [Sentence] = []
        var tokens: [Token] = []
        var raw = ""
        var word = ""
        // The sign written before the number being read (`£12`), or after it (`40%`).
        var currency = "", percent = ""
        let characters = Array(text)

        func flushWord() {
            defer { currency = ""; percent = "" }
            guard !word.isEmpty else { return }
            var trimmed = word
            var possessive = ""
            while let last = trimmed.last, last == "-" || last == "'" || last == "’" {
                // "customers' orders": an apostrophe after a plural's `s` makes it possessive.
                if last != "-", possessive.isEmpty, trimmed.dropLast().last == "s" { possessive = String(last) }
                trimmed.removeLast()
            }
            while let first = trimmed.first, first == "-" || first == "'" || first == "’" { trimmed.removeFirst() }
            if trimmed.hasSuffix("'s") || trimmed.hasSuffix("’s") { possessive = String(trimmed.suffix(2)); trimmed.removeLast(2) }
            // "they're", "we've", "don't": a contraction is two words ("they are", "do not").
            let lowered = String(trimmed.lowercased().map { $0 == "’" ? "'" : $0 })
            for (suffix, full) in Self.contractions where lowered.hasSuffix(suffix) && lowered.count > suffix.count {
                var stem = String(trimmed.dropLast(suffix.count))
                if suffix == "n't" { stem = lowered == "can't" ? "can" : lowered == "won't" ? "will" : stem }
                tokens.append(Token(text: stem.lowercased(), original: stem, isWord: true))
                tokens.append(Token(text: full, original: full, isWord: true))
                word = ""
                return
            }
            // "thru": a note's spelling of a word is the word.
            if let full = Self.noteSpellings[trimmed.lowercased()] { trimmed = full }
            if !trimmed.isEmpty {
                let number = trimmed.first?.isNumber == true
                tokens.append(Token(text: trimmed.lowercased(), original: trimmed, isWord: true, possessive: possessive,
                                    currency: number ? currency : "", percent: number ? percent : ""))
            }
            word = ""
        }
        func flushSentence() {
            flushWord()
            let trimmed = raw.trimmingWhitespace()
            if tokens.contains(where: \.isWord) { result.append(Sentence(tokens: tokens, text: trimmed)) }
            tokens = []
            raw = ""
        }

        var i = 0
        while i < characters.count {
            let c = characters[i]
            let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
            let previous: Character? = i > 0 ? characters[i - 1] : nil
            if c.isLetterOrNumber {
                word.append(c)
                raw.append(c)
            } else if (c == "-" || c == "–" || c == "—") && previous?.isWhitespace == true && next?.isWhitespace == true && tokens.contains(where: \.isWord)
                        && !(i >= 2 && characters[i - 2].isNumber && i + 2 < characters.count && characters[i + 2].isNumber) {
                // "controlled drugs - the patient shows ID": a spaced dash inside a line (not its
                // bullet) sets a heading or an aside off from the clause, as a comma does; between
                // numbers it is a range ("9 - 5").
                flushWord()
                raw.append(c)
                tokens.append(Token(text: ",", original: ",", isWord: false))
            } else if c == "/" && word.lowercased() == "w" && (next?.isWhitespace ?? true) {
                // "w/" in a note is "with".
                word = "with"
                raw.append(c)
            } else if (c == "-" && next == ">") || c == "→" {
                // "the surgery approves -> we get the script": an arrow between steps of a note
                // ends a clause, as a comma does.
                flushWord()
                raw.append(c)
                if c == "-" { raw.append(">"); i += 1 }
                tokens.append(Token(text: ",", original: ",", isWord: false))
            } else if ["£", "$", "€"].contains(c), word.isEmpty, next?.isNumber == true {
                // "a £12 admin fee": the sign stays with the number for text that quotes it.
                currency = String(c)
                raw.append(c)
            } else if c == "%", previous?.isNumber == true, !word.isEmpty {
                // "40% of each sale", likewise.
                percent = "%"
                raw.append(c)
                flushWord()
            } else if (c == "-" || c == "'" || c == "’") && !word.isEmpty {
                word.append(c)
                raw.append(c)
            } else if (c == "." || c == ",") && (previous?.isNumber ?? false) && (next?.isNumber ?? false) {
                word.append(c)
                raw.append(c)
            } else if c == "." && word.count == 1 && (next?.isLetter ?? false) {
                // "e.g." and "i.e.": keep going, drop the dots.
                raw.append(c)
            } else if c == "." || c == "!" || c == "?" || c == ";" || c == ":" {
                flushWord()
                raw.append(c)
                if c == ":" || c == ";" {
                    tokens.append(Token(text: String(c), original: String(c), isWord: false))
                }
                if c != ":" || next == nil || next?.isWhitespace == true { flushSentence() }
            } else if c == "\n" {
                flushWord()
                let afterNext: Character? = i + 2 < characters.count ? characters[i + 2] : nil
                let blank = next == "\n" || next == "-" || next == "*" || next == "#"
                    || ((next?.isNumber ?? false) && (afterNext == "." || afterNext == ")"))
                if blank { flushSentence() } else { raw.append(" ") }
            } else if c == "," || c == "(" || c == ")" || c == "/" || c == "&" || c == "\"" || c == "“" || c == "”" {
                flushWord()
                raw.append(c)
                tokens.append(Token(text: c == "&" ? "and" : String(c), original: String(c), isWord: c == "&"))
            } else {
                flushWord()
                raw.append(c == "\t" || c == "\r" ? " " : c)
            }
            i += 1
        }
        flushSentence()
        return result
    }
}
