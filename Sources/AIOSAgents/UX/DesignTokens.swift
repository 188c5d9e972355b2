import AIOSJSON

/// Design tokens for a style preset, with colours adjusted so that each text pair meets the
/// WCAG contrast level asked for, and the computed ratios kept as evidence.
package struct DesignTokens: Sendable {
    package struct Pair: Sendable, Hashable {
        package var foreground: String
        package var background: String
        package var minimum: Double
        /// `text` (normal text), `large-text` or `ui` (component boundaries, focus rings).
        package var kind: String
        package var ratio: Double
        package var criterion: String
    }

    package let preset: StylePreset
    package let level: String
    private(set) var colors: [(name: String, hex: String)] = []
    private(set) var pairs: [Pair] = []

    /// The pairs that must meet a ratio: (foreground token, background token, kind).
    package static let requiredPairs: [(String, String, String)] = [
        ("text", "background", "text"), ("text", "surface", "text"),
        ("text_muted", "background", "text"), ("text_muted", "surface", "text"),
        ("primary", "background", "text"), ("primary", "surface", "text"),
        ("on_primary", "primary", "text"), ("on_secondary", "secondary", "text"),
        ("accent", "background", "text"),
        ("success", "background", "text"), ("warning", "background", "text"),
        ("danger", "background", "text"), ("info", "background", "text"),
        ("input_border", "background", "ui"), ("focus", "background", "ui"), ("focus", "surface", "ui"),
    ]

    /// The style preference the preset was read from, recorded as `style_request`.
    package let request: StylePreference?

    package init(preset: StylePreset, level: String, request: StylePreference? = nil) {
        self.preset = preset
        self.level = level
        self.request = request
        var colors: [(name: String, hex: String)] = preset.seeds
        func color(_ name: String) -> ContrastColor? { colors.first { $0.name == name }.flatMap { ContrastColor(hex: $0.hex) } }
        func set(_ name: String, _ value: ContrastColor) {
            if let i = colors.firstIndex(where: { $0.name == name }) { colors[i].hex = value.hex }
        }
        let textMinimum = level == "AAA" ? 7.0 : 4.5
        // Foregrounds are adjusted against every background they sit on; a background used under
        // text (primary under on_primary) is darkened when the text alone cannot get there.
        for _ in 0..<3 {
            for (fg, bg, kind) in Self.requiredPairs {
                let minimum = kind == "text" ? textMinimum : 3.0
                guard let foreground = color(fg), let background = color(bg) else { continue }
                if ContrastColor.ratio(foreground, background) >= minimum { continue }
                if let fixed = foreground.adjusted(against: background, minimum: minimum) {
                    set(fg, fixed)
                } else if let fixedBackground = background.adjusted(against: foreground, minimum: minimum) {
                    set(bg, fixedBackground)
                }
            }
        }
        self.colors = colors
        var pairs: [Pair] = []
        for (fg, bg, kind) in Self.requiredPairs {
            guard let foreground = color(fg), let background = color(bg) else { continue }
            let minimum = kind == "text" ? textMinimum : 3.0
            let criterion = kind == "ui" ? "1.4.11 Non-text Contrast" : (level == "AAA" ? "1.4.6 Contrast (Enhanced)" : "1.4.3 Contrast (Minimum)")
            pairs.append(Pair(foreground: fg, background: bg, minimum: minimum, kind: kind,
                              ratio: ContrastColor.reportedRatio(foreground, background), criterion: criterion))
        }
        self.pairs = pairs
    }

    package func hex(_ name: String) -> String? { colors.first { $0.name == name }?.hex }

    /// The `design_tokens` object.
    package var json: JSONValue {
        var colorObject = JSONObject()
        for (name, hex) in colors { colorObject[name] = .string(hex) }
        var scale = JSONObject()
        let steps = ["xs", "sm", "base", "lg", "xl", "2xl", "3xl", "4xl"]
        for (index, step) in steps.enumerated() {
            var size = 1.0
            let power = index - 2
            if power > 0 { for _ in 0..<power { size *= preset.scaleRatio } }
            if power < 0 { for _ in 0..<(-power) { size /= preset.scaleRatio } }
            scale[step] = .string(Self.rem(size))
        }
        var spacing = JSONObject()
        for (name, value) in [("0", "0"), ("1", "0.25rem"), ("2", "0.5rem"), ("3", "0.75rem"), ("4", "1rem"), ("5", "1.25rem"), ("6", "1.5rem"), ("8", "2rem"), ("10", "2.5rem"), ("12", "3rem"), ("16", "4rem")] {
            spacing[name] = .string(value)
        }
        var radii = JSONObject()
        for (name, value) in preset.radii { radii[name] = .string(value) }
        var object: JSONObject = [
            "style": .string(preset.rawValue),
            "colors": .object(colorObject),
            "typography": [
                "font_family": .string(preset.fontFamily),
                "heading_family": .string(preset.headingFamily),
                "mono_family": "ui-monospace, 'JetBrains Mono', SFMono-Regular, Menlo, monospace",
                "base_size": "16px",
                "scale_ratio": .double(preset.scaleRatio),
                "scale": .object(scale),
                "line_height": ["tight": "1.25", "normal": "1.5", "relaxed": "1.75"],
                "weights": ["regular": 400, "medium": 500, "semibold": 600, "bold": 700],
            ],
            "spacing": .object(spacing),
            "radii": .object(radii),
        ]
        if let request { object["style_request"] = request.json }
        return .object(object)
    }

    /// A size in rem, three decimals at most, no trailing zeros.
    package static func rem(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        var text = "\(thousandths / 1000)"
        var fraction = thousandths % 1000
        if fraction > 0 {
            var digits = ""
            var divisor = 100
            while fraction > 0 && divisor > 0 {
                digits += "\(fraction / divisor)"
                fraction %= divisor
                divisor /= 10
            }
            text += "." + digits
        }
        return text + "rem"
    }
}
