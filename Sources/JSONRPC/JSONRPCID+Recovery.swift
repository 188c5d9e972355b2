import AIOSJSON

extension JSONRPCID {
    /// Parse errors whose text may still be well-formed JSON: the parser refused a value it
    /// cannot represent (an integer beyond 64 bits, a double that overflows, a lone surrogate
    /// escape) or nesting past its limit. Only for these is the request id looked for.
    package static let recoverableParseErrors: Set<JSONError.Code> = [.numberOutOfRange, .invalidEscape, .depthLimitExceeded]

    /// The id of a request the parser refused, read from its text: `nil` unless the text is one
    /// well-formed JSON object (by RFC 8259's grammar, whatever the values' ranges and however
    /// deep it nests) with exactly one top-level `id` member holding a valid id. Nothing else of
    /// the message is trusted; the answer is still a parse error.
    ///
    /// The scan keeps its nesting on a heap stack, so any depth the line limit allows is read
    /// without recursion.
    package init?(recoveringFrom bytes: [UInt8]) {
        var scanner = RecoveryScanner(bytes: bytes)
        guard let range = scanner.topLevelID(), let value = try? JSONValue.parse(Array(bytes[range])),
            let id = JSONRPCID(value)
        else { return nil }
        self = id
    }
}

/// A grammar-only JSON scanner: checks structure, string escapes and number syntax, but not
/// ranges, surrogate pairing or depth, which are what the real parser refused.
private struct RecoveryScanner {
    let bytes: [UInt8]
    var index = 0

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The byte range of the top-level object's only `id` member's value, if it is a scalar.
    mutating func topLevelID() -> Range<Int>? {
        var containers: [Bool] = []  // true: object
        var found: Range<Int>?
        var idCount = 0
        var valueIsID = false
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else { return nil }
        /// Reads a member's key and colon; notes when it is the top-level `id`.
        func key(_ scanner: inout RecoveryScanner) -> Bool {
            scanner.skipWhitespace()
            let start = scanner.index
            guard scanner.peek == UInt8(ascii: "\""), scanner.string() else { return false }
            if containers.count == 1, (try? JSONValue.parse(Array(scanner.bytes[start..<scanner.index]))) == "id" {
                idCount += 1
                valueIsID = true
            }
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: ":") else { return false }
            scanner.index += 1
            return true
        }
        while true {
            skipWhitespace()
            guard let first = peek else { return nil }
            let start = index
            let readingID = valueIsID
            valueIsID = false
            switch first {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                index += 1
                skipWhitespace()
                let close = first == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if peek == close {
                    index += 1
                } else {
                    containers.append(first == UInt8(ascii: "{"))
                    if first == UInt8(ascii: "{") { guard key(&self) else { return nil } }
                    continue
                }
            case UInt8(ascii: "\""):
                guard string() else { return nil }
                if readingID { found = start..<index }
            default:
                guard scalar() else { return nil }
                if readingID { found = start..<index }
            }
            // After a value: close what ends here, then expect the next element.
            closing: while true {
                skipWhitespace()
                guard let isObject = containers.last else {
                    return index == bytes.count && idCount == 1 ? found : nil
                }
                switch peek {
                case UInt8(ascii: ","):
                    index += 1
                    if isObject { guard key(&self) else { return nil } }
                    break closing
                case UInt8(ascii: "}") where isObject, UInt8(ascii: "]") where !isObject:
                    index += 1
                    containers.removeLast()
                default:
                    return nil
                }
            }
        }
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    /// A string, standing on its opening quote: escapes by the grammar, no raw control bytes.
    private mutating func string() -> Bool {
        index += 1
        while let byte = peek {
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return true
            case 0..<0x20:
                return false
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return false }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard index + 6 <= bytes.count, bytes[(index + 2)..<(index + 6)].allSatisfy(Self.isHexDigit) else { return false }
                    index += 6
                default:
                    return false
                }
            default:
                index += 1
            }
        }
        return false
    }

    /// A number by the grammar (any size), or `true`, `false`, `null`.
    private mutating func scalar() -> Bool {
        for literal in ["true", "false", "null"] {
            let utf8 = Array(literal.utf8)
            if index + utf8.count <= bytes.count, Array(bytes[index..<(index + utf8.count)]) == utf8 {
                index += utf8.count
                return true
            }
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let lead = peek, Self.isDigit(lead) else { return false }
        index += 1
        if lead != UInt8(ascii: "0") { digits() }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let next = peek, Self.isDigit(next) else { return false }
            digits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let next = peek, Self.isDigit(next) else { return false }
            digits()
        }
        return true
    }

    private mutating func digits() {
        while let byte = peek, Self.isDigit(byte) { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
