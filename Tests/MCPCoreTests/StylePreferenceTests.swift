import Testing
@testable import MCPCore
@testable import AIOSAgents

@Suite struct StylePreferenceTests {
    static func tokens(_ style: JSONValue?) throws -> JSONValue {
        var input: JSONObject = ["spec": "Users create habits and check them off every day."]
        if let style { input["style_preference"] = style }
        let ux = try BuiltinEngine().run(.ux, input: input)
        return try #require(ux["ux_spec"]?["design_tokens"])
    }

    @Test func hostTextChoosesAPresetAppliesWishesAndKeepsTheRest() throws {
        let preference = StylePreference(text: "friendly, high-contrast, large touch targets, teal like our logo", defaultPreset: .minimal)
        #expect(preference.preset == .playful)
        #expect(preference.source == .text)
        #expect(preference.matched == ["friendly"])
        #expect(preference.highContrast && preference.largeTouchTargets)
        #expect(preference.kept == ["teal like our logo"])
        #expect(preference.sentence.contains("**playful**, chosen from \"friendly\""))
    }

    @Test func presetNamesAndSynonymsAreRecognised() {
        #expect(StylePreference(text: "Corporate", defaultPreset: .minimal).preset == .corporate)
        #expect(StylePreference(text: "clean and professional, professional", defaultPreset: .playful).preset == .corporate)
        // A tie goes to the preset named first.
        #expect(StylePreference(text: "clean, professional", defaultPreset: .playful).preset == .minimal)
        #expect(StylePreference(text: "sleek", defaultPreset: .corporate).preset == .minimal)
    }

    @Test func textNamingNoPresetKeepsTheDefaultAndSaysSo() {
        let preference = StylePreference(text: "brutalist", defaultPreset: .corporate)
        #expect(preference.preset == .corporate && preference.source == .default)
        #expect(preference.kept == ["brutalist"])
        #expect(preference.sentence.contains("names no preset"))
        let none = StylePreference(text: "   ", defaultPreset: .minimal)
        #expect(none.text == nil && none.source == .default && none.kept.isEmpty)
    }

    @Test func theArtifactRecordsTheRequestAndAppliesIt() throws {
        let tokens = try Self.tokens("friendly, high-contrast, large touch targets")
        #expect(tokens["style"] == "playful")
        let request = try #require(tokens["style_request"])
        #expect(request["text"] == "friendly, high-contrast, large touch targets")
        #expect(request["chosen_by"] == "text")
        #expect(request["applied"]?.arrayValue?.count == 2)
        let ux = try BuiltinEngine().run(.ux, input: ["spec": "Users create habits.", "style_preference": "friendly, high-contrast"])
        #expect(ux["ux_spec"]?["accessibility"]?["wcag_level"] == "AAA")
        #expect(ux["ux_markdown"]?.stringValue?.contains("chosen from \"friendly\"") == true)
        // Without text: the default, recorded as such.
        #expect(try Self.tokens(nil)["style_request"]?["chosen_by"] == "default")
    }

    @Test func unknownTextIsNotAnError() throws {
        #expect(try Self.tokens("brutalist")["style"] == "minimal")
    }
}
