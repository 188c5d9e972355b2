import AIOSJSON

/// What a caller asked for as `style_preference`, read from free text.
///
/// Hosts pass what the user said ("friendly, high-contrast, large touch targets"), not a preset
/// name. The text is split into phrases (at commas, semicolons, slashes, newlines and "and");
/// words that name or describe a preset choose it (the preset named most often wins, the first
/// named on a tie), a few accessibility wishes are applied to the tokens, and every phrase that
/// was not recognised is kept verbatim, so nothing the user said is lost.
package struct StylePreference: Sendable, Equatable {
    /// How the preset was chosen.
    package enum Source: String, Sendable {
        /// Words in the text named it.
        case text
        /// The text named none (or there was no text): the brief's default.
        case `default`
    }

    /// The caller's text, trimmed; `nil` when none was given.
    package let text: String?
    package let preset: StylePreset
    package let source: Source
    /// The words of the text that chose the preset.
    package let matched: [String]
    /// Text contrast of at least 7:1 (WCAG AAA, 1.4.6) was asked for.
    package let highContrast: Bool
    /// Touch targets of at least 48 by 48 CSS px were asked for.
    package let largeTouchTargets: Bool
    /// The phrases that were not recognised, verbatim.
    package let kept: [String]

    /// Words that choose a preset, by preset.
    package static let vocabulary: [(preset: StylePreset, words: Set<String>)] = [
        (.minimal, ["minimal", "minimalist", "minimalistic", "clean", "simple", "sleek", "quiet", "calm", "airy", "understated", "light", "neutral", "modern", "sparse", "elegant"]),
        (.corporate, ["corporate", "professional", "business", "enterprise", "formal", "serious", "conservative", "trustworthy", "institutional", "banking", "dense", "sober"]),
        (.playful, ["playful", "friendly", "fun", "warm", "colorful", "colourful", "whimsical", "cheerful", "bright", "vibrant", "rounded", "bubbly", "joyful", "cute", "kids", "casual"]),
    ]

    /// Reads `text` (nil or blank: the default preset).
    package init(text: String?, defaultPreset: StylePreset) {
        let trimmed = text?.trimmingWhitespace()
        self.text = (trimmed?.isEmpty ?? true) ? nil : trimmed
        var counts: [StylePreset: Int] = [:]
        var firstSeen: [StylePreset: Int] = [:]
        var matched: [String] = []
        var highContrast = false, largeTouchTargets = false
        var kept: [String] = []
        var position = 0
        for phrase in Self.phrases(self.text ?? "") {
            let words = Self.words(phrase)
            var recognised = false
            if words.contains("contrast") && (words.contains("high") || words.contains("higher") || words.contains("strong") || words.contains("aaa"))
                || words.contains("aaa")
            {
                highContrast = true
                recognised = true
            }
            if (words.contains("touch") || words.contains("tap") || words.contains("finger")) && (words.contains("target") || words.contains("targets") || words.contains("large") || words.contains("big"))
                || (words.contains("large") || words.contains("big")) && (words.contains("buttons") || words.contains("targets"))
            {
                largeTouchTargets = true
                recognised = true
            }
            for word in words {
                position += 1
                guard let preset = Self.vocabulary.first(where: { $0.words.contains(word) })?.preset else { continue }
                counts[preset, default: 0] += 1
                if firstSeen[preset] == nil { firstSeen[preset] = position }
                if !matched.contains(word) { matched.append(word) }
                recognised = true
            }
            if !recognised { kept.append(phrase) }
        }
        let chosen = counts.max { a, b in
            a.value != b.value ? a.value < b.value : firstSeen[a.key, default: 0] > firstSeen[b.key, default: 0]
        }?.key
        self.preset = chosen ?? defaultPreset
        self.source = chosen == nil ? .default : .text
        self.matched = chosen.map { preset in matched.filter { Self.vocabulary.first { $0.preset == preset }?.words.contains($0) ?? false } } ?? []
        self.highContrast = highContrast
        self.largeTouchTargets = largeTouchTargets
        self.kept = kept
    }

    /// What was applied beyond the preset, as short phrases.
    package var applied: [String] {
        var result: [String] = []
        if highContrast { result.append("high contrast: text pairs meet WCAG AAA (7:1)") }
        if largeTouchTargets { result.append("large touch targets: at least 48 by 48 CSS px") }
        return result
    }

    /// The smallest touch target, in CSS px.
    package var touchTargetPixels: Int { largeTouchTargets ? 48 : 44 }

    /// One sentence saying which preset was used and why, for the UX markdown and summaries.
    package var sentence: String {
        var parts: [String] = []
        switch (source, text) {
        case (.text, _):
            parts.append("Style preset **\(preset.rawValue)**, chosen from \(matched.map { "\"\($0)\"" }.joined(separator: ", ")) in the style preference.")
        case (.default, let text?):
            parts.append("Style preset **\(preset.rawValue)** (the default): the style preference \"\(text)\" names no preset (\(StylePreset.allCases.map(\.rawValue).joined(separator: ", "))).")
        case (.default, nil):
            parts.append("Style preset **\(preset.rawValue)** (the default).")
        }
        if !applied.isEmpty { parts.append("Also applied: \(applied.joined(separator: "; ")).") }
        if !kept.isEmpty { parts.append("Kept for the designers: \(kept.map { "\"\($0)\"" }.joined(separator: ", ")).") }
        return parts.joined(separator: " ")
    }

    /// The `design_tokens.style_request` object.
    package var json: JSONValue {
        [
            "text": text.map(JSONValue.string) ?? .null,
            "preset": .string(preset.rawValue),
            "chosen_by": .string(source.rawValue),
            "matched": .strings(matched),
            "applied": .strings(applied),
            "kept": .strings(kept),
        ]
    }

    package static func phrases(_ text: String) -> [String] {
        var phrases: [String] = []
        var current = ""
        func flush() {
            let phrase = current.trimmingWhitespace()
            if !phrase.isEmpty { phrases.append(phrase) }
            current = ""
        }
        for character in text {
            if ",;/\n|".contains(character) { flush() } else { current.append(character) }
            if current.lowercased().hasSuffix(" and ") {
                current.removeLast(5)
                flush()
            }
        }
        flush()
        return phrases
    }

    package static func words(_ phrase: String) -> [String] {
        phrase.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
