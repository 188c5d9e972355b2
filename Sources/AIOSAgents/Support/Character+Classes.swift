extension Character {
    /// `isLetter || isNumber`, answered from the ASCII value when there is one.
    ///
    /// The Unicode property lookup behind `isLetter` costs hundreds of instructions, and the
    /// engine asks it of every character of every name it splits. For ASCII the answer is the
    /// plain ranges (`"\r\n"`, whose ASCII value is LF, is neither).
    package var isLetterOrNumber: Bool {
        guard let ascii = asciiValue else { return isLetter || isNumber }
        return Self.isASCIILetter(ascii) || (ascii >= 0x30 && ascii <= 0x39)
    }

    /// `isLetter`, answered from the ASCII value when there is one; see `isLetterOrNumber`.
    package var isLetterQuickly: Bool {
        guard let ascii = asciiValue else { return isLetter }
        return Self.isASCIILetter(ascii)
    }

    private static func isASCIILetter(_ ascii: UInt8) -> Bool {
        (ascii >= 0x61 && ascii <= 0x7A) || (ascii >= 0x41 && ascii <= 0x5A)
    }
}
