import Testing
@testable import MCPCore

/// The engine's byte-level text helpers answer exactly what the Character-level standard
/// library answers: only the speed differs. The reference for `includes` is the standard
/// library's `firstRange(of:)`, which MCPCore's `contains(_:)` calls; here Foundation's
/// `contains(_:)` would be picked instead, and it answers differently.
@Suite struct EngineTextTests {
    /// Texts and needles where Characters and bytes disagree, or nearly do.
    static let searches: [(String, String)] = [
        ("a\r\nb", "\n"), ("a\r\nb", "\r"), ("a\r\nb", "a\r"), ("a\r\nb", "\r\nb"), ("a\r\nb", "b"),
        ("cafe\u{301}", "cafe"), ("cafe\u{301}s", "cafe"), ("cafe\u{301} cafe", "cafe"), ("e\u{301}", "e"),
        ("\u{212A}elvin", "Kelvin"), ("x\u{37E}y", ";"), ("\u{1FEF}", "`"), ("\u{600}a", "a"),
        ("café owners", "owners"), ("café owners", "caf"), ("naïve", "na"), ("résumé", "sum"),
        ("abc", ""), ("", ""), ("", "a"), ("ab", "abc"), ("ABC", "abc"), ("ＡＢＣ", "ABC"),
        ("sign-in page", "sign-in"), ("a dashboard", " dashboard"), ("dashboard", " dashboard"),
        ("🇫🇷a", "a"), ("👍🏽x", "x"), ("a\u{200D}b", "b"), ("über", "ber"), ("über", "über"),
        ("Teachers create quizzes; students take them and see their scores.", "take them"),
    ]

    @Test(arguments: searches)
    func includesAnswersLikeTheStandardLibrary(_ text: String, _ needle: String) {
        #expect(text.includes(needle) == (text.firstRange(of: needle) != nil))
        let slice = text.dropFirst()
        #expect(slice.includes(needle) == (slice.firstRange(of: needle) != nil))
    }

    @Test func includesAnswersLikeTheStandardLibraryOnRandomText() {
        let alphabet: [String] = ["a", "b", "e", " ", "-", ";", "K", "\r", "\n", "\r\n", "\u{301}", "é", "\u{212A}", "\u{37E}", "\u{600}", "中"]
        var random = SeededRandom(seed: 42)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...16, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" }.joined()
            let scalars = Array(text.unicodeScalars)
            let needle: String
            if !scalars.isEmpty, Bool.random(using: &random) {
                let start = Int.random(in: 0..<scalars.count, using: &random)
                let end = Int.random(in: start...min(scalars.count, start + 4), using: &random)
                needle = String(String.UnicodeScalarView(scalars[start..<end]))
            } else {
                needle = (0..<Int.random(in: 0...3, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" }.joined()
            }
            #expect(text.includes(needle) == (text.firstRange(of: needle) != nil), "\(text.debugDescription) includes \(needle.debugDescription)")
        }
    }

    @Test func characterClassesMatchTheStandardLibrary() {
        var characters: [Character] = (0...0x7F).map { Character(Unicode.Scalar(UInt8($0))) }
        characters += ["\r\n", "é", "ß", "中", "٣", "Ⅻ", "e\u{301}", "😀", "\u{212A}", "\u{A0}", "ª"]
        for character in characters {
            #expect(character.isLetterOrNumber == (character.isLetter || character.isNumber), "\(character.debugDescription)")
            #expect(character.isLetterQuickly == character.isLetter, "\(character.debugDescription)")
        }
    }

    @Test(arguments: [
        ("line items", "Line items"), ("hr manager", "HR manager"), ("sms", "SMS"), ("csv2 export", "CSV2 export"),
        ("sso-login", "SSO-login"), ("Qa", "Qa"), ("1st place", "1st place"), ("élan", "Élan"), ("", ""), ("x", "X"),
    ])
    func titlesCapitalizeTheFirstWordOrAnAcronym(_ word: String, _ title: String) {
        #expect(Term.capitalized(word) == title)
    }

    @Test func markdownCellsEscapePipesAndFoldLineBreaks() {
        #expect(Markdown.cell("a|b") == "a\\|b")
        #expect(Markdown.cell("one\ntwo") == "one two")
        #expect(Markdown.cell("") == " ")
        #expect(Markdown.cell("Café owners") == "Café owners")
        #expect(Markdown.inline("one\ntwo\rthree") == "one two three")
        #expect(Markdown.inline("no break") == "no break")
    }
}
