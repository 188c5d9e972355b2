extension JSONValue {
    /// The compact JSON text of the value, as UTF-8.
    ///
    /// The output is one line: every control character in strings is escaped, so it never
    /// holds a raw newline (or any byte below 0x20). U+2028 and U+2029 are escaped too, so the
    /// text is also safe inside JavaScript. `/` and other non-ASCII characters are emitted as-is.
    /// Doubles use the shortest text that reads back to the same bits and always keep a
    /// fraction or exponent (`1.0`, `1e+20`), so they reparse as doubles. Non-finite doubles,
    /// which JSON cannot express, are written as `null`. Object keys keep their order.
    ///
    /// - Returns: The UTF-8 bytes; does not throw.
    public func serialized() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(128)
        serialize(into: &buffer)
        return buffer
    }

    /// Appends the compact JSON text of the value to `buffer`; see `serialized()`.
    ///
    /// - Parameter buffer: Receives the UTF-8 bytes.
    public func serialize(into buffer: inout [UInt8]) {
        switch self {
        case .null: Self.appendLiteral("null", to: &buffer)
        case .bool(let value): Self.appendLiteral(value ? "true" : "false", to: &buffer)
        case .int(let value): Self.appendInteger(value, to: &buffer)
        case .double(let value): Self.appendDouble(value, to: &buffer)
        case .string(let value): Self.appendString(value, to: &buffer)
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                element.serialize(into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let object):
            buffer.append(UInt8(ascii: "{"))
            for position in 0..<object.count {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                Self.appendString(object.keys[position], to: &buffer)
                buffer.append(UInt8(ascii: ":"))
                object.values[position].serialize(into: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    /// The compact JSON text of the value; see `serialized()`.
    public var jsonText: String {
        String(decoding: serialized(), as: UTF8.self)
    }

    /// The JSON text indented for people: two spaces per level, `": "` between key and value,
    /// `{}` and `[]` for empty containers. Strings are escaped as in `serialized()`.
    ///
    /// - Returns: The text, without a trailing newline.
    public func prettyPrinted() -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        prettyPrint(into: &buffer, indent: 0)
        return String(decoding: buffer, as: UTF8.self)
    }

    private func prettyPrint(into buffer: inout [UInt8], indent: Int) {
        switch self {
        case .array(let elements) where !elements.isEmpty:
            buffer.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(0x0A)
                Self.appendIndent(indent + 1, to: &buffer)
                element.prettyPrint(into: &buffer, indent: indent + 1)
            }
            buffer.append(0x0A)
            Self.appendIndent(indent, to: &buffer)
            buffer.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            buffer.append(UInt8(ascii: "{"))
            for position in 0..<object.count {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(0x0A)
                Self.appendIndent(indent + 1, to: &buffer)
                Self.appendString(object.keys[position], to: &buffer)
                buffer.append(UInt8(ascii: ":"))
                buffer.append(UInt8(ascii: " "))
                object.values[position].prettyPrint(into: &buffer, indent: indent + 1)
            }
            buffer.append(0x0A)
            Self.appendIndent(indent, to: &buffer)
            buffer.append(UInt8(ascii: "}"))
        default:
            serialize(into: &buffer)
        }
    }

    private static func appendIndent(_ level: Int, to buffer: inout [UInt8]) {
        for _ in 0..<(level * 2) { buffer.append(UInt8(ascii: " ")) }
    }

    private static func appendLiteral(_ literal: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var position = 20
            while magnitude > 0 {
                position -= 1
                digits[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[position..<20]))
        }
    }

    private static func appendDouble(_ value: Double, to buffer: inout [UInt8]) {
        guard value.isFinite else {
            appendLiteral("null", to: &buffer)
            return
        }
        // Swift's description is the shortest round-trip form and already valid JSON for finite
        // values ("1.0", "1e+16", "5e-324", "-0.0"); the check keeps the double kind if that ever changes.
        let text = value.description
        let start = buffer.count
        buffer.append(contentsOf: text.utf8)
        if !buffer[start...].contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            buffer.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "0")])
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendString(_ value: String, to buffer: inout [UInt8]) {
        var value = value
        buffer.append(UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            let count = utf8.count
            var runStart = 0
            var i = 0
            while i < count {
                while i + 8 <= count {
                    let word = UnsafeRawPointer(utf8.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self)
                    if JSONParser.needsAttention(word) { break }
                    i += 8
                }
                guard i < count else { break }
                let byte = utf8[i]
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0xE2 {
                    i += 1
                    continue
                }
                if byte == 0xE2 {
                    guard i + 2 < count, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 else {
                        i += 1
                        continue
                    }
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                    appendLiteral(utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", to: &buffer)
                    i += 3
                    runStart = i
                    continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                buffer.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: buffer.append(UInt8(ascii: "\""))
                case 0x5C: buffer.append(UInt8(ascii: "\\"))
                case 0x08: buffer.append(UInt8(ascii: "b"))
                case 0x0C: buffer.append(UInt8(ascii: "f"))
                case 0x0A: buffer.append(UInt8(ascii: "n"))
                case 0x0D: buffer.append(UInt8(ascii: "r"))
                case 0x09: buffer.append(UInt8(ascii: "t"))
                default:
                    buffer.append(contentsOf: [
                        UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                        hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)],
                    ])
                }
                i += 1
                runStart = i
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
