import Foundation
import Testing
@testable import AIOSAgents

/// Issue 18, session 7: the Swift port of TextBlob's tagger and chunker against TextBlob itself.
/// Tests/Quality/pos-golden.txt was written once by scripts/make_pos_golden.py running TextBlob
/// 0.20.1 over Tests/Quality/pos-sentences.txt (62 sentences written for this test); each token line
/// is `word, tag, chunk, pnp` as TextBlob's code gives them, then the same three with the
/// contextual rules applied rule by rule (Brill's order).
@Suite struct PartOfSpeechTests {
    struct Sentence {
        let text: String
        let words: [String]
        let textBlob: [[String]]
        let ruleByRule: [[String]]
    }

    static let golden: [Sentence] = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let path = url.appendingPathComponent("Tests/Quality/pos-golden.txt").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var sentences: [Sentence] = []
        for block in text.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n").map(String.init)
            guard let head = lines.first, head.hasPrefix("# ") else { continue }
            let rows = lines.dropFirst().map { $0.components(separatedBy: "\t") }
            sentences.append(Sentence(
                text: String(head.dropFirst(2)), words: rows.map { $0[0] },
                textBlob: rows.map { Array($0[1...3]) }, ruleByRule: rows.map { Array($0[4...6]) }))
        }
        return sentences
    }()

    @Test func theGoldenFileIsThere() {
        #expect(Self.golden.count >= 60)
        #expect(Self.golden.map(\.words.count).reduce(0, +) > 700)
    }

    @Test func tagsChunksAndPrepositionsAgreeWithTextBlobTokenByToken() {
        var tokens = 0
        var differences: [String] = []
        for sentence in Self.golden {
            let parsed = PartOfSpeech.parse(sentence.words, order: .textBlob)
            for (token, expected) in zip(parsed, sentence.textBlob) {
                tokens += 1
                let got = [token.tag, token.chunk, token.pnp]
                if got != expected { differences.append("\(token.word): \(got) ≠ \(expected) in “\(sentence.text)”") }
            }
        }
        #expect(tokens > 700)
        #expect(differences.isEmpty, "\(differences.count) of \(tokens) tokens differ:\n\(differences.joined(separator: "\n"))")
    }

    @Test func brillsRuleByRuleOrderAgreesWithTheReferenceScript() {
        var differences: [String] = []
        for sentence in Self.golden {
            let parsed = PartOfSpeech.parse(sentence.words, order: .ruleByRule)
            for (token, expected) in zip(parsed, sentence.ruleByRule) where [token.tag, token.chunk, token.pnp] != expected {
                differences.append("\(token.word): \([token.tag, token.chunk, token.pnp]) ≠ \(expected) in “\(sentence.text)”")
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test func unknownWordsFollowTheUnknownWordRules() {
        // Not in the lexicon: a capitalised word is a proper noun, digits a number, and the
        // morphology rules read the rest from the suffix (-ed: VBN, which a contextual rule makes VBD
        // after a proper noun).
        #expect(PartOfSpeech.tags(["the", "Zorblax", "flimbled", "12-34", "glorpness"], order: .textBlob) == ["DT", "NNP", "VBD", "CD", "NN"])
        #expect(PartOfSpeech.isTitle("Homeowner") && PartOfSpeech.isTitle("U.S.") && !PartOfSpeech.isTitle("iPhone") && !PartOfSpeech.isTitle("AI"))
    }

    @Test func aSentenceInitialCapitalFallsBackToTheLowerCaseEntry() {
        // "Plumbers" is not in the lexicon as written, "plumbers" is; at the start of a sentence the
        // lower-case entry is used. Elsewhere a capitalised unknown word is a proper noun.
        #expect(PartOfSpeech.tags(["Plumbers", "fix", "leaks"], order: .textBlob) == ["NNS", "VBP", "NNS"])
        #expect(PartOfSpeech.tags(["the", "Plumbers"], order: .textBlob) == ["DT", "NNP"])
    }

    @Test func chunksFollowTextBlobsPatterns() {
        let tags = ["DT", "JJ", "NN", "MD", "RB", "VB", "IN", "PRP$", "NN", "."]
        #expect(PartOfSpeech.chunks(tags) == ["B-NP", "I-NP", "I-NP", "B-VP", "I-VP", "I-VP", "B-PP", "B-NP", "I-NP", "O"])
        #expect(PartOfSpeech.prepositions(tags: tags, chunks: PartOfSpeech.chunks(tags)) == ["O", "O", "O", "O", "O", "O", "B-PNP", "I-PNP", "I-PNP", "O"])
        // A conjunction does not begin a chunk; a predeterminer does (its `DT` is matched inside `PDT`).
        #expect(PartOfSpeech.chunks(["CC", "NN"]) == ["O", "B-NP"])
        #expect(PartOfSpeech.chunks(["PDT", "DT", "NNS"]) == ["B-NP", "I-NP", "I-NP"])
    }
}
