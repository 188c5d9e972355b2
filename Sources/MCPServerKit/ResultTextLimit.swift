/// The bound on every tool result's text content, so that a result fits a host's context.
///
/// Hosts cap tool output (Claude Code warns above 10 000 tokens and cuts at 25 000), so a result's
/// `text` block is a summary sized for a model, never the whole artifact: the complete data is in
/// `structuredContent` and behind the result's `resource_link`s. A text longer than the limit is
/// cut at the last line break before it, with a note saying where the rest is.
public struct ResultTextLimit: Sendable, Equatable {
    /// The most characters (Unicode scalars) a result's text blocks hold together.
    public var maxCharacters: Int

    /// 12 000 characters: about 3 000 tokens of English or markdown.
    public static let `default` = ResultTextLimit(maxCharacters: 12_000)
    /// The smallest limit accepted: a summary with its ids and links must fit.
    public static let minimum = 2_000

    public init(maxCharacters: Int) {
        self.maxCharacters = max(Self.minimum, maxCharacters)
    }

    /// What is appended to a text cut at the limit.
    package static func cutNote(_ limit: Int) -> String {
        "\n\n… (cut at \(limit) characters, the result text limit AIOS_RESULT_TEXT_LIMIT; the complete data is in structuredContent and the linked resources, and aios_get_artifact returns any part page by page)"
    }

    /// `text`, or its beginning up to the last line break that leaves room for the cut note.
    public func bounded(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > maxCharacters else { return text }
        let note = Self.cutNote(maxCharacters)
        let room = maxCharacters - note.unicodeScalars.count
        let end = scalars.index(scalars.startIndex, offsetBy: room)
        var cut = end
        if let lineBreak = scalars[..<end].lastIndex(of: "\n"), scalars.distance(from: scalars.startIndex, to: lineBreak) > room / 2 {
            cut = lineBreak
        }
        return String(scalars[..<cut]) + note
    }
}
