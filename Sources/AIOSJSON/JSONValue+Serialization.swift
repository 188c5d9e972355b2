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

    package static func appendString(_ value: String, to buffer: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            // Most strings (every key, ids, codes) are short plain ASCII: copied as they are.
            if isPlainASCII(utf8) {
                buffer.append(UInt8(ascii: "\""))
                buffer.append(contentsOf: utf8)
                buffer.append(UInt8(ascii: "\""))
                return
            }
            // Measure first, then write in place: the code artifact's strings run to hundreds of
            // kilobytes with an escape every few bytes, too many runs to append one by one.
            let start = buffer.count
            let length = escapedLength(utf8) + 2
            buffer.append(contentsOf: repeatElement(0, count: length))
            buffer.withUnsafeMutableBufferPointer { output in
                guard let target = output.baseAddress.map({ $0 + start }) else { return }
                writeEscaped(utf8, to: target, length: length)
            }
        }
    }

    /// Whether every byte of `utf8` is ASCII that JSON takes as it is (no quote, backslash or
    /// control character): eight bytes per step, the last few padded with spaces.
    @inline(__always)
    private static func isPlainASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return true }
        let count = utf8.count
        var i = 0
        while i + 8 <= count {
            if JSONParser.needsAttention(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))) {
                return false
            }
            i += 8
        }
        guard i < count else { return true }
        var tail: UInt64 = 0x2020_2020_2020_2020
        withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + i, count: count - i)) }
        return !JSONParser.needsAttention(UInt64(littleEndian: tail))
    }

    /// The bytes `utf8` takes once escaped, without the quotes.
    private static func escapedLength(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = utf8.baseAddress else { return 0 }
        let count = utf8.count
        var length = count
        var i = 0
        while i < count {
            if i + 8 <= count {
                // Skip to the first byte that may need escaping (the lowest one flagged).
                let mask = JSONParser.attentionMask(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                i += mask == 0 ? 8 : mask.trailingZeroBitCount / 8
                if mask == 0 { continue }
            }
            let byte = utf8[i]
            if byte == 0x22 || byte == 0x5C || byte == 0x08 || byte == 0x0C || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                length += 1
            } else if byte < 0x20 {
                length += 5
            } else if isLineOrParagraphSeparator(utf8, at: i) {
                length += 3
                i += 2
            }
            i += 1
        }
        return length
    }

    /// Writes the quoted, escaped string: exactly `length` bytes (see `escapedLength`).
    private static func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to output: UnsafeMutablePointer<UInt8>, length: Int) {
        var out = output
        out.pointee = UInt8(ascii: "\"")
        out += 1
        if let base = utf8.baseAddress {
            let count = utf8.count
            var i = 0
            while i < count {
                if i + 8 <= count {
                    // Copy the eight bytes, keep those before the first that may need escaping.
                    // At least eight input bytes remain, so at least nine output bytes do.
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let mask = JSONParser.attentionMask(UInt64(littleEndian: word))
                    UnsafeMutableRawPointer(out).storeBytes(of: word, as: UInt64.self)
                    let plain = mask == 0 ? 8 : mask.trailingZeroBitCount / 8
                    out += plain
                    i += plain
                    if mask == 0 { continue }
                }
                let byte = utf8[i]
                i += 1
                if byte >= 0x20, byte != 0x22, byte != 0x5C {
                    if byte == 0xE2, isLineOrParagraphSeparator(utf8, at: i - 1) {
                        for escaped in utf8[i + 1] == 0xA8 ? "\\u2028".utf8 : "\\u2029".utf8 {
                            out.pointee = escaped
                            out += 1
                        }
                        i += 2
                    } else {
                        out.pointee = byte
                        out += 1
                    }
                    continue
                }
                out.pointee = UInt8(ascii: "\\")
                out += 1
                switch byte {
                case 0x22: out.pointee = UInt8(ascii: "\"")
                case 0x5C: out.pointee = UInt8(ascii: "\\")
                case 0x08: out.pointee = UInt8(ascii: "b")
                case 0x0C: out.pointee = UInt8(ascii: "f")
                case 0x0A: out.pointee = UInt8(ascii: "n")
                case 0x0D: out.pointee = UInt8(ascii: "r")
                case 0x09: out.pointee = UInt8(ascii: "t")
                default:
                    for escaped in [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(byte >> 4)]] {
                        out.pointee = escaped
                        out += 1
                    }
                    out.pointee = hexDigits[Int(byte & 0xF)]
                }
                out += 1
            }
        }
        out.pointee = UInt8(ascii: "\"")
        assert(out - output == length - 1)
    }

    /// Whether U+2028 or U+2029 starts at `i`: JavaScript reads them as line ends.
    private static func isLineOrParagraphSeparator(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        utf8[i] == 0xE2 && i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9)
    }
}
