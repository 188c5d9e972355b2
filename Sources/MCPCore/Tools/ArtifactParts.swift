/// One part of an artifact, a page at a time: what `aios_get_artifact` returns with `part`.
///
/// A part is named by a dotted path into the phase's output (`openapi`, `sql_migration`,
/// `architecture.api_design.endpoints`, `ux_spec.pages`, …), or by one of:
/// - `markdown`: the artifact as one markdown document (as `format: markdown` gives it);
/// - `files`: the code artifact's file index (path, language, bytes), without contents;
/// - `files/PATH`: one generated file's content.
///
/// A list comes as pages of whole items; anything else as text (a string as it is, other JSON
/// indented), in pages cut at line breaks. Each page fits the result text limit, and
/// `next_cursor` (when there is more) resumes after it.
public enum ArtifactParts {
    /// One page of a part.
    public struct Page: Sendable {
        /// `items` for a list, `text` otherwise.
        public var kind: String
        public var text: String?
        public var items: [JSONValue]?
        /// Where the page starts: an item index, or a character (Unicode scalar) offset.
        public var offset: Int
        /// How many items or characters the part has.
        public var total: Int
        public var nextCursor: String?
        /// How the text is fenced in the result's text block (a language, `""` for none).
        public var language: String
    }

    /// The parts a summary suggests for `phase` (those present in `output`).
    public static func suggested(_ phase: Phase, _ output: JSONObject) -> [String] {
        let candidates: [String]
        switch phase.pipelinePhase {
        case .strategy:
            candidates = ["prd_markdown", "requirements.functional", "requirements.non_functional", "requirements.constraints", "personas", "user_stories", "success_metrics"]
        case .architecture:
            candidates = ["architecture_markdown", "openapi", "sql_migration", "architecture.data_model", "architecture.api_design.endpoints", "architecture.security.rls_policies"]
        case .ux:
            candidates = ["ux_markdown", "ux_spec.pages", "ux_spec.user_flows", "ux_spec.design_tokens", "ux_spec.accessibility.checks", "ux_spec.component_library.components"]
        case .code:
            var parts = ["files"]
            if let first = output["files"]?.arrayValue?.first?["path"]?.stringValue { parts.append("files/\(first)") }
            candidates = parts + ["traceability", "dependencies", "setup_instructions"]
        }
        return candidates.filter { $0.hasPrefix("files") || (try? value(of: $0, in: phase, output)) != nil }
    }

    /// The value a part names.
    ///
    /// - Throws: ``AIOSError`` `.invalidInput` naming the part and the suggested ones.
    public static func value(of part: String, in phase: Phase, _ output: JSONObject) throws(AIOSError) -> JSONValue {
        if part == "markdown" { return .string(ArtifactMarkdown.render(phase, output)) }
        if phase == .code, part == "files" {
            let files = output["files"]?.arrayValue ?? []
            return .array(files.map { (file: JSONValue) -> JSONValue in
                var entry = JSONObject()
                entry["path"] = file["path"] ?? .null
                entry["language"] = file["language"] ?? .null
                entry["bytes"] = .integer(file["content"]?.stringValue?.utf8.count ?? 0)
                return .object(entry)
            })
        }
        if phase == .code, part.hasPrefix("files/") {
            let path = String(part.dropFirst("files/".count))
            guard let file = output["files"]?.arrayValue?.first(where: { $0["path"]?.stringValue == path }),
                let content = file["content"]?.stringValue
            else {
                throw AIOSError(.invalidInput, "the code artifact has no file '\(path)'; part 'files' lists them", details: [
                    "path": "part", "part": .string(part),
                ])
            }
            return .string(content)
        }
        var current = JSONValue.object(output)
        for key in part.split(separator: ".", omittingEmptySubsequences: false) {
            if let object = current.objectValue, let next = object[String(key)] {
                current = next
            } else if let array = current.arrayValue, let index = Int(key), array.indices.contains(index) {
                current = array[index]
            } else {
                throw AIOSError(
                    .invalidInput,
                    "the \(phase.rawValue) artifact has no part '\(part)'; parts: \(suggested(phase, output).joined(separator: ", ")), markdown, or any dotted path into its JSON",
                    details: ["path": "part", "part": .string(part), "suggested": .strings(suggested(phase, output))])
            }
        }
        return current
    }

    /// How a part's text is fenced: markdown as it is, SQL, JSON, or a file's language.
    static func language(of part: String, in phase: Phase, _ output: JSONObject, value: JSONValue) -> String {
        if case .string = value {
            if part.hasSuffix("markdown") { return "" }
            if part == "sql_migration" { return "sql" }
            if part.hasPrefix("files/") {
                let path = String(part.dropFirst("files/".count))
                return output["files"]?.arrayValue?.first { $0["path"]?.stringValue == path }?["language"]?.stringValue ?? ""
            }
            return "text"
        }
        return "json"
    }

    /// The page of `value` starting at `cursor`, at most `room` characters of text.
    ///
    /// - Throws: ``AIOSError`` `.invalidInput` for a cursor this part did not issue.
    public static func page(_ value: JSONValue, cursor: String?, room: Int, language: String) throws(AIOSError) -> Page {
        if let items = value.arrayValue {
            let start = try offset(cursor, prefix: "i", total: items.count)
            var end = start
            var used = 0
            while end < items.count {
                let size = items[end].jsonText.unicodeScalars.count + 1
                if end > start && used + size > room { break }
                used += size
                end += 1
            }
            return Page(
                kind: "items", text: nil, items: Array(items[start..<end]), offset: start, total: items.count,
                nextCursor: end < items.count ? "i\(end)" : nil, language: "json")
        }
        let text = value.stringValue ?? value.prettyPrinted()
        let scalars = Array(text.unicodeScalars)
        let start = try offset(cursor, prefix: "t", total: scalars.count)
        var end = min(scalars.count, start + room)
        if end < scalars.count, let lineBreak = scalars[start..<end].lastIndex(of: "\n"), lineBreak - start > room / 2 {
            end = lineBreak + 1
        }
        var chunk = String.UnicodeScalarView()
        chunk.append(contentsOf: scalars[start..<end])
        return Page(
            kind: "text", text: String(chunk), items: nil, offset: start, total: scalars.count,
            nextCursor: end < scalars.count ? "t\(end)" : nil, language: language)
    }

    private static func offset(_ cursor: String?, prefix: Character, total: Int) throws(AIOSError) -> Int {
        guard let cursor else { return 0 }
        guard cursor.first == prefix, let value = Int(cursor.dropFirst()), value >= 0, value < max(total, 1) else {
            throw AIOSError(.invalidInput, "cursor '\(cursor)' was not issued for this part: pass the next_cursor of the previous page", details: [
                "path": "cursor", "cursor": .string(cursor),
            ])
        }
        return value
    }

    /// The result text of a page: a line saying what it is and how to get the next, then the content.
    static func text(_ page: Page, part: String, phase: Phase, source: (key: String, id: String)) -> String {
        var lines: [String] = []
        let what = "`\(part)` of the \(phase.rawValue) artifact of \(source.id)"
        if page.kind == "items" {
            let last = page.offset + (page.items?.count ?? 0)
            lines.append("\(what): items \(page.offset + 1)–\(last) of \(page.total).")
        } else {
            lines.append("\(what): characters \(page.offset)–\(page.offset + (page.text?.unicodeScalars.count ?? 0)) of \(page.total).")
        }
        if let next = page.nextCursor {
            lines.append("Next page: `aios_get_artifact` with the same arguments and `cursor`: \"\(next)\".")
        } else {
            lines.append("This is the last page.")
        }
        lines.append("")
        if page.kind == "items" {
            lines.append("```json")
            lines += (page.items ?? []).map(\.jsonText)
            lines.append("```")
        } else if page.language.isEmpty {
            lines.append(page.text ?? "")
        } else {
            let body = page.text ?? ""
            let fence = body.contains("```") ? "````" : "```"
            lines += [fence + page.language, body.hasSuffix("\n") ? String(body.dropLast()) : body, fence]
        }
        return lines.joined(separator: "\n")
    }

    /// The structured content of a page.
    static func json(_ page: Page, part: String, phase: Phase, source: (key: String, id: String)) -> JSONObject {
        var object: JSONObject = [source.key: .string(source.id), "artifact_type": .string(phase.rawValue), "part": .string(part)]
        object["kind"] = .string(page.kind)
        if let items = page.items { object["items"] = .array(items) }
        if let text = page.text { object["text"] = .string(text) }
        object["offset"] = .integer(page.offset)
        object["total"] = .integer(page.total)
        object["next_cursor"] = page.nextCursor.map(JSONValue.string) ?? .null
        return object
    }

    /// The output schema of a page.
    static let pageSchema: JSONValue = [
        "type": "object",
        "description": "With part: one page of one part of the artifact.",
        "properties": [
            "job_id": ["type": "string"], "result_id": ["type": "string"],
            "artifact_type": ["type": "string"], "part": ["type": "string"],
            "kind": ["type": "string", "enum": ["text", "items"]],
            "text": ["type": "string", "description": "kind text: this page of the part's text (a string part as it is, other JSON indented)."],
            "items": ["type": "array", "description": "kind items: this page of the list."],
            "offset": ["type": "integer", "minimum": 0, "description": "Where the page starts: item index or character offset."],
            "total": ["type": "integer", "minimum": 0, "description": "Items or characters in the whole part."],
            "next_cursor": ["type": ["string", "null"], "description": "Pass as cursor for the next page; null on the last page."],
        ],
        "required": ["artifact_type", "part", "kind", "offset", "total", "next_cursor"],
        "additionalProperties": false,
    ]
}
