import AIOSJSON

/// Text helpers for generated source files: string literals and pretty JSON for the JSON files
/// of a scaffold (package.json, tsconfig.json, openapi.json).
package enum SourceText {
    /// A double-quoted string literal valid in JSON, TypeScript and JavaScript.
    package static func quote(_ text: String) -> String { JSONValue.string(text).jsonText }

    /// JSON text with two-space indentation and a final newline.
    package static func prettyJSON(_ value: JSONValue) -> String { value.prettyPrinted() + "\n" }

    /// `Ledgerly Pro!` → `ledgerly-pro`: an npm package name.
    package static func slug(_ text: String) -> String {
        let words = Term(parsing: text).words
        let joined = words.joined(separator: "-")
        return joined.isEmpty ? "app" : String(joined.prefix(60))
    }
}
