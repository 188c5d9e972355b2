import Foundation
import Testing
@testable import MCPCore
@testable import AIOSAgents

/// Issue 18, item 5: what the builtin engine writes reads as English. Every brief of the quality
/// set (`Tests/Quality/briefs/*/`) and every example goes through the strategy, and no
/// functional requirement or user story may take a shape known to be ungrammatical: a second
/// verb group in the passive glued to an `X can …` sentence (`Handlers can flag fraud and is
/// then reviewed …`), `is` before a verb in the third person (`Shelfie is runs …`), a doubled
/// article, a verb in the third person or the past after `can` or `want to`, a list marker.
@Suite struct EngineGrammarTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static func briefs() -> [(name: String, text: String)] {
        var found: [(String, String)] = []
        let quality = root.appendingPathComponent("Tests/Quality/briefs")
        let parts = ((try? FileManager.default.contentsOfDirectory(atPath: quality.path)) ?? []).sorted()
        for part in parts {
            let folder = quality.appendingPathComponent(part)
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where file.hasSuffix(".md") {
                if let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) { found.append((part + "/" + file, text)) }
            }
        }
        for name in EngineFixtures.names {
            if let text = try? EngineFixtures.brief(name) { found.append(("examples/" + name, text)) }
        }
        return found
    }

    /// Verbs in -s or -ed that are also base forms, or nouns read after `can`, that the check lets pass.
    static let baseFormsInS: Set<String> = ["access", "discuss", "process", "focus", "pass", "address", "express", "toss", "dress", "cross", "guess",
                                            "miss", "press", "assess", "bless", "bus", "canvas", "embed", "need", "feed", "seed", "speed", "proceed",
                                            "succeed", "exceed", "breed", "bleed", "shred", "wed", "bias"]

    /// The bad shapes a text takes, by name.
    static func problems(_ text: String) -> [String] {
        let words = text.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" }).map { $0.lowercased() }
        var found: [String] = []
        for (i, word) in words.enumerated() {
            let next = i + 1 < words.count ? words[i + 1] : ""
            if ["a", "an", "the"].contains(word), ["a", "an", "the"].contains(next) { found.append("doubled article") }
            if word == "is", next.hasSuffix("s"), EnglishVerbs.base(of: next).map({ $0 != next }) ?? false,
               ["runs", "helps", "lets", "makes", "allows", "tracks", "manages", "connects", "keeps"].contains(next) { found.append("is + verb") }
            if word == "can" || (word == "to" && i > 0 && words[i - 1] == "want"), !baseFormsInS.contains(next),
               let base = EnglishVerbs.base(of: next), base != next, next.hasSuffix("s") || next.hasSuffix("ed"),
               !(next.hasSuffix("ed") && EnglishVerbs.base(of: next) == nil) {
                found.append("third person or past after can/want to: \(next)")
            }
        }
        // "Handlers can flag fraud and is then reviewed": an `X can` sentence takes no second verb in the singular passive.
        if let can = text.range(of: " can "), let glued = text.range(of: #" and (is|are)( then| also| later)? \w+(ed|en)\b"#, options: .regularExpression),
           can.upperBound <= glued.lowerBound {
            found.append("'and is' glued to 'can'")
        }
        if text.hasPrefix("- ") || text.hasPrefix("* ") { found.append("list marker") }
        // "Clerks can check motions and.": a clause cut before the next clause's subject keeps its `and`.
        if let last = words.last, ["and", "or", "but"].contains(last) { found.append("ends in a conjunction: \(last)") }
        // "Members can use materials from the shop shelf (acrylic sheet.": a clause cut inside a parenthesis.
        if text.filter({ $0 == "(" }).count != text.filter({ $0 == ")" }).count { found.append("unbalanced parenthesis") }
        // "Whoevers can find machines …": an indefinite pronoun made a role.
        if let first = words.first, first.hasSuffix("s"), EnglishWords.indefinitePronouns.contains(String(first.dropLast())) {
            found.append("indefinite pronoun as a role: \(first)")
        }
        return found
    }

    @Test func theCheckRefusesTheKnownBadShapes() {
        #expect(!Self.problems("Handlers can flag suspected fraud and is then reviewed by the fraud officer.").isEmpty)
        #expect(!Self.problems("Shelfie is runs a book club.").isEmpty)
        #expect(!Self.problems("Editors can publish the the story.").isEmpty)
        #expect(!Self.problems("Editors can publishes stories.").isEmpty)
        #expect(!Self.problems("As an editor, I want to approved drafts so that readers see them.").isEmpty)
        #expect(!Self.problems("- Households subscribe to a share.").isEmpty)
        #expect(!Self.problems("Members can use materials from the shop shelf (acrylic sheet.").isEmpty)
        #expect(!Self.problems("Whoevers can find machines.").isEmpty)
        #expect(!Self.problems("Clerks can check motions and.").isEmpty)
        #expect(Self.problems("Members can use materials from the shop shelf (acrylic sheet, filament).").isEmpty)
        #expect(Self.problems("Claims handlers can decline claims with a reason.").isEmpty)
        #expect(Self.problems("Assessors can assess each claim and pass it on.").isEmpty)
    }

    @Test func everyRequirementAndStoryOfEveryBriefReadsAsEnglish() throws {
        let briefs = Self.briefs()
        #expect(briefs.count >= 46)
        var bad: [String] = []
        for (name, text) in briefs {
            let strategy = try BuiltinEngine().run(.strategy, input: ["spec": .string(text)])
            let functional = strategy["requirements"]?.objectValue?["functional"]?.arrayValue ?? []
            let stories = strategy["user_stories"]?.arrayValue ?? []
            #expect(!functional.isEmpty, "\(name): no requirement")
            for actor in functional.compactMap({ $0.objectValue?["actor"]?.stringValue }) where EnglishWords.indefinitePronouns.contains(actor) {
                bad.append("\(name): indefinite pronoun as an actor: \(actor)")
            }
            let texts = functional.compactMap { $0.objectValue?["description"]?.stringValue } + stories.compactMap { $0.objectValue?["story"]?.stringValue }
            for line in texts {
                for problem in Self.problems(line) { bad.append("\(name): \(problem): \(line)") }
            }
        }
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }
}
