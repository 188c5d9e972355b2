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

    /// The readiness review as a markdown document.
    public static func review(_ review: JSONObject) -> String {
        var lines = ["# Readiness review: \(review["verdict"]?.stringValue ?? "?")", "", review["summary"]?.stringValue ?? "", ""]
        let findings = review["findings"]?.arrayValue ?? []
        if !findings.isEmpty {
            lines += ["| Id | Severity | Check | Artifacts | Refs | Finding |", "| --- | --- | --- | --- | --- | --- |"]
            for finding in findings {
                let cells = [finding["id"]?.stringValue ?? "", finding["severity"]?.stringValue ?? "", finding["check"]?.stringValue ?? "",
                             (finding["artifacts"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", "),
                             (finding["refs"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", "),
                             finding["message"]?.stringValue ?? ""]
                lines.append("| " + cells.map(Markdown.cell).joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
