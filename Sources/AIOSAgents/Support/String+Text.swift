/// Small text transformations the agents share.
extension String {
    /// The string without leading and trailing whitespace and newlines.
    package func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// The sentence without its final full stops.
    package func withoutFinalPeriod() -> String {
        var result = trimmingWhitespace()
        while let last = result.last, last == "." { result.removeLast() }
        return result
    }

    /// `multiple-choice` → `multiple_choice`: an identifier.
    package func replacingHyphens() -> String { String(map { $0 == "-" ? "_" : $0 }) }

    /// `check-off` → `check off`: words.
    package func replacingHyphensWithSpaces() -> String { String(map { $0 == "-" ? " " : $0 }) }

    /// `text_muted` → `text-muted`: CSS names and element ids.
    package func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }

    /// `Client id` → `Client`: a form label for a foreign key.
    package func replacingIDLabel() -> String { hasSuffix(" id") ? String(dropLast(3)) : self }

    /// Text safe inside JSX: braces and angle brackets escaped.
    package func replacingJSX() -> String {
        var out = ""
        for character in self {
            switch character {
            case "{": out += "&#123;"
            case "}": out += "&#125;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
