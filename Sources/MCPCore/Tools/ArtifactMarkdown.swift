/// Renders a phase's output as one markdown document, for `format: markdown`.
public enum ArtifactMarkdown {
    public static func render(_ phase: Phase, _ output: JSONObject) -> String {
        if let key = AgentSchemas.markdownKey(for: phase), let markdown = output[key]?.stringValue { return markdown }
        // The code artifact has no document of its own: list its files.
        var lines = ["# Generated code", ""]
        if let setup = output["setup_instructions"] {
            lines += ["## Setup", ""]
            if let steps = setup.arrayValue {
                lines += steps.compactMap(\.stringValue).enumerated().map { "\($0.offset + 1). \($0.element)" }
            } else if let text = setup.stringValue {
                lines.append(text)
            }
            lines.append("")
        }
        for file in output["files"]?.arrayValue ?? [] {
            guard let path = file["path"]?.stringValue, let content = file["content"]?.stringValue else { continue }
            let fence = content.contains("```") ? "````" : "```"
            lines += ["## `\(path)`", "", fence + (file["language"]?.stringValue ?? ""), content, fence, ""]
        }
        return lines.joined(separator: "\n")
    }
}
