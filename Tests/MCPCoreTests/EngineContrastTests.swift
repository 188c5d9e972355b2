import Foundation
import Testing
@testable import MCPCore
@testable import AIOSAgents

/// Design tokens meet WCAG contrast, recomputed here from the hex values with a separate
/// implementation of the WCAG 2.x formula.
@Suite struct EngineContrastTests {
    static func channel(_ hex: String, _ offset: Int) -> Double {
        let digits = Array(hex.dropFirst())
        let value = Int(String(digits[offset...offset + 1]), radix: 16) ?? 0
        let srgb = Double(value) / 255
        return srgb <= 0.04045 ? srgb / 12.92 : Foundation.pow((srgb + 0.055) / 1.055, 2.4)
    }

    static func ratio(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double { 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 2) + 0.0722 * channel(hex, 4) }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// Text that sits on a background in the generated stylesheet and components.
    static let textPairs = [("text", "background"), ("text", "surface"), ("text_muted", "background"), ("text_muted", "surface"),
                            ("primary", "background"), ("on_primary", "primary"), ("on_secondary", "secondary"),
                            ("danger", "background"), ("success", "background"), ("warning", "background")]
    static let uiPairs = [("input_border", "background"), ("focus", "background")]

    @Test(arguments: ["minimal", "corporate", "playful"], ["AA", "AAA"])
    func tokensMeetTheLevelAsked(_ style: String, _ level: String) throws {
        let spec = level == "AAA" ? "Teachers create quizzes; students take them. It must meet WCAG 2.1 AAA." : "Teachers create quizzes; students take them."
        let ux = try BuiltinEngine().run(.ux, input: ["spec": .string(spec), "style_preference": .string(style)])
        let tokens = try #require(JSONValue.object(ux).at("ux_spec", "design_tokens"))
        #expect(tokens["style"]?.stringValue == style)
        let colors = try #require(tokens["colors"]?.objectValue)
        func hex(_ name: String) throws -> String {
            let value = try #require(colors[name]?.stringValue, "no colour \(name)")
            #expect(value.count == 7 && value.hasPrefix("#"))
            return value
        }
        let minimum = level == "AAA" ? 7.0 : 4.5
        for (foreground, background) in Self.textPairs {
            let computed = Self.ratio(try hex(foreground), try hex(background))
            #expect(computed >= minimum, "\(style) \(level): \(foreground) on \(background) is \(computed)")
        }
        for (foreground, background) in Self.uiPairs {
            #expect(Self.ratio(try hex(foreground), try hex(background)) >= 3.0, "\(style): \(foreground) on \(background)")
        }
        #expect(JSONValue.object(ux).at("ux_spec", "accessibility", "wcag_level")?.stringValue == level)
        // The checks the artifact reports are the ratios of its own tokens.
        let checks = JSONValue.object(ux).at("ux_spec", "accessibility", "checks")?.arrayValue ?? []
        let contrast = checks.filter { $0["ratio"] != nil }
        #expect(contrast.count >= Self.textPairs.count)
        for check in contrast {
            let reported = try #require(check["ratio"]?.doubleValue)
            let computed = Self.ratio(check["foreground"]?.stringValue ?? "", check["background"]?.stringValue ?? "")
            #expect(abs(reported - computed) < 0.011)
            #expect(check["status"]?.stringValue == "pass")
            #expect(reported >= check["minimum"]?.doubleValue ?? 99)
        }
    }

    @Test func stylesLookDifferent() throws {
        var palettes: Set<String> = []
        for style in AgentSchemas.styles {
            let ux = try BuiltinEngine().run(.ux, input: ["spec": "Users create habits.", "style_preference": .string(style)])
            palettes.insert(JSONValue.object(ux).at("ux_spec", "design_tokens", "colors")?.jsonText ?? "")
        }
        #expect(palettes.count == AgentSchemas.styles.count)
    }

    @Test func adjustmentFixesAFailingSeed() throws {
        // A light grey on white fails; the adjusted colour passes and stays in the same hue family.
        let grey = try #require(ContrastColor(hex: "#aaaaaa"))
        let white = ContrastColor.white
        #expect(ContrastColor.ratio(grey, white) < 4.5)
        let fixed = try #require(grey.adjusted(against: white, minimum: 4.5))
        #expect(Self.ratio(fixed.hex, "#ffffff") >= 4.5)
        #expect(fixed.red == fixed.green && fixed.green == fixed.blue)
    }
}
