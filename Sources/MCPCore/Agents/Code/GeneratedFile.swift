/// One file of the code artifact, with the requirements it implements.
struct GeneratedFile: Sendable, Hashable {
    var path: String
    var content: String
    var language: String
    var requirementIDs: [String]

    init(_ path: String, _ content: String, requirements: [String] = []) {
        self.path = path
        self.content = content
        self.language = Self.language(for: path)
        self.requirementIDs = UXAgent.sorted(Array(Set(requirements)))
    }

    var json: JSONValue {
        ["path": .string(path), "content": .string(content), "language": .string(language), "requirement_ids": .strings(requirementIDs)]
    }

    static func language(for path: String) -> String {
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
