/// Text helpers for generated source files: string literals, indentation, and pretty JSON for
/// the JSON files of a scaffold (package.json, tsconfig.json, openapi.json).
enum SourceText {
    /// A double-quoted string literal valid in JSON, TypeScript and JavaScript.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// JSON text with two-space indentation and a final newline.
    static func prettyJSON(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .double(let number):
            if number.isFinite, number == number.rounded(), abs(number) < 1e15 { out += String(Int64(number)) + ".0" } else if number.isFinite { out += "\(number)" } else { out += "null" }
        case .string(let text): out += quote(text)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                write(item, indent: indent + 1, into: &out)
                out += index + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .object(let object):
            guard !object.isEmpty else { out += "{}"; return }
            out += "{\n"
            var index = 0
            for (key, item) in object {
                out += pad + quote(key) + ": "
                write(item, indent: indent + 1, into: &out)
                index += 1
                out += index < object.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        }
    }

    /// `Ledgerly Pro!` → `ledgerly-pro`: an npm package name.
    static func slug(_ text: String) -> String {
        let words = Term(parsing: text).words
        let joined = words.joined(separator: "-")
        return joined.isEmpty ? "app" : String(joined.prefix(60))
    }
}
