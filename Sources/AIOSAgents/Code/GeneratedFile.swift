import AIOSJSON

/// One file of the code artifact, with the requirements it implements.
package struct GeneratedFile: Sendable, Hashable {
    package var path: String
    package var content: String
    package var language: String
    package var requirementIDs: [String]

    package init(_ path: String, _ content: String, requirements: [String] = []) {
        self.path = path
        self.content = content
        self.language = Self.language(for: path)
        self.requirementIDs = UXAgent.sorted(Array(Set(requirements)))
    }

    package var json: JSONValue {
        ["path": .string(path), "content": .string(content), "language": .string(language), "requirement_ids": .strings(requirementIDs)]
    }

    package static func language(for path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasPrefix(".env") { return "dotenv" }
        if name.hasSuffix(".tsx") { return "tsx" }
        if name.hasSuffix(".ts") { return "typescript" }
        if name.hasSuffix(".mjs") || name.hasSuffix(".js") { return "javascript" }
        if name.hasSuffix(".json") { return "json" }
        if name.hasSuffix(".sql") { return "sql" }
        if name.hasSuffix(".md") { return "markdown" }
        if name.hasSuffix(".css") { return "css" }
        if name.hasSuffix(".html") { return "html" }
        if name.hasSuffix(".toml") { return "toml" }
        return "text"
    }
}
