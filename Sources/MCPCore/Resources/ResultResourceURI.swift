/// The URIs of synchronous agent results kept by ``RecentResults``:
/// `aios://results/{result_id}/{type}` (JSON) and `…/{type}.md` (markdown).
public struct ResultResourceURI: Sendable, Hashable {
    public var id: String
    public var phase: Phase
    public var markdown: Bool

    static let scheme = "aios://results/"

    public init(id: String, phase: Phase, markdown: Bool) {
        self.id = id
        self.phase = phase
        self.markdown = markdown
    }

    /// Parses a URI; `nil` when it is not a result URI.
    public init?(_ uri: String) {
        guard uri.hasPrefix(Self.scheme) else { return nil }
        let parts = uri.dropFirst(Self.scheme.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, RecentResults.isResultID(String(parts[0])) else { return nil }
        let markdown = parts[1].hasSuffix(".md")
        guard let phase = Phase(rawValue: String(markdown ? parts[1].dropLast(3) : parts[1])) else { return nil }
        self.init(id: String(parts[0]), phase: phase, markdown: markdown)
    }

    public var uri: String { Self.scheme + id + "/" + phase.rawValue + (markdown ? ".md" : "") }
    public var mimeType: String { markdown ? "text/markdown" : "application/json" }

    /// `resource_link`s to a result: its JSON and its markdown.
    public static func links(_ id: String, _ phase: Phase) -> [JSONObject] {
        let json = ResultResourceURI(id: id, phase: phase, markdown: false)
        let markdown = ResultResourceURI(id: id, phase: phase, markdown: true)
        return [
            Tool.resourceLink(
                uri: json.uri, name: "\(id)-\(phase.rawValue)", title: "\(phase.rawValue) output (\(phase.agent)), JSON",
                description: "The complete output of this call, kept by this server while it runs.", mimeType: json.mimeType),
            Tool.resourceLink(
                uri: markdown.uri, name: "\(id)-\(phase.rawValue).md", title: "\(phase.rawValue) output (\(phase.agent)), markdown",
                description: "The same output as one markdown document.", mimeType: markdown.mimeType),
        ]
    }
}
