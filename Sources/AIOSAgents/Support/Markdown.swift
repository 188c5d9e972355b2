/// A small Markdown writer: headings, paragraphs, lists and tables, with cell text escaped.
package struct Markdown: Sendable {
    private(set) var text = ""

    package mutating func heading(_ level: Int, _ title: String) {
        if !text.isEmpty && !text.hasSuffix("\n\n") { text += "\n" }
        text += String(repeating: "#", count: level) + " " + Self.inline(title) + "\n\n"
    }

    package mutating func paragraph(_ body: String) { text += Self.inline(body) + "\n\n" }

    package mutating func bullets(_ items: [String]) {
        guard !items.isEmpty else { return }
        for item in items { text += "- " + Self.inline(item) + "\n" }
        text += "\n"
    }

    package mutating func table(_ header: [String], _ rows: [[String]]) {
        guard !rows.isEmpty else { return }
        text += "| " + header.map(Self.cell).joined(separator: " | ") + " |\n"
        text += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { text += "| " + row.map(Self.cell).joined(separator: " | ") + " |\n" }
        text += "\n"
    }

    package mutating func code(_ language: String, _ body: String) {
        text += "```" + language + "\n" + body + (body.hasSuffix("\n") ? "" : "\n") + "```\n\n"
    }

    package static func inline(_ text: String) -> String {
        // Most text has no line break: keep it as it is rather than rebuild it by Characters.
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        return String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    package static func cell(_ text: String) -> String {
        if !text.isEmpty, !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: "|") }) { return text }
        var out = ""
        for character in inline(text) {
            if character == "|" { out += "\\|" } else { out.append(character) }
        }
        return out.isEmpty ? " " : out
    }
}
