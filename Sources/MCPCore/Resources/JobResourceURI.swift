/// The URIs of the job resources: `aios://jobs/{job_id}` (status, JSON) and
/// `aios://jobs/{job_id}/artifacts/{type}` (an artifact as JSON, or as markdown with `.md`).
public enum JobResourceURI: Sendable, Hashable {
    case status(JobID)
    case artifact(JobID, Phase, markdown: Bool)

    static let scheme = "aios://jobs/"

    /// Parses a URI; `nil` when it is not a job resource URI.
    public init?(_ uri: String) {
        guard uri.hasPrefix(Self.scheme) else { return nil }
        let parts = uri.dropFirst(Self.scheme.count).split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, let id = try? JobID(validating: String(first)), id.rawValue == first else { return nil }
        switch parts.count {
        case 1:
            self = .status(id)
        case 3 where parts[1] == "artifacts":
            let markdown = parts[2].hasSuffix(".md")
            guard let phase = Phase(rawValue: String(markdown ? parts[2].dropLast(3) : parts[2])) else { return nil }
            self = .artifact(id, phase, markdown: markdown)
        default:
            return nil
        }
    }

    public var jobID: JobID {
        switch self {
        case .status(let id), .artifact(let id, _, _): id
        }
    }

    public var uri: String {
        switch self {
        case .status(let id): Self.scheme + id.rawValue
        case .artifact(let id, let phase, let markdown):
            Self.scheme + id.rawValue + "/artifacts/" + phase.rawValue + (markdown ? ".md" : "")
        }
    }

    public var mimeType: String {
        if case .artifact(_, _, markdown: true) = self { return "text/markdown" }
        return "application/json"
    }
}
