import AIOSSystem

/// Random bytes from the kernel's CSPRNG, for secrets, key material and unguessable ids.
public enum SecureRandom {
    /// Returns `count` random bytes.
    ///
    /// - Parameter count: How many bytes; `0` gives an empty array.
    /// - Returns: The bytes. Does not throw; stops the process only if the kernel cannot
    ///   supply randomness at all, since continuing would hand out guessable secrets.
    public static func bytes(_ count: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(count, 0))
        fill(&buffer)
        return buffer
    }

    /// Overwrites every byte of `buffer` with random bytes.
    ///
    /// - Parameter buffer: The buffer to fill; its length is unchanged. Does not throw; stops
    ///   the process only if the kernel cannot supply randomness at all.
    public static func fill(_ buffer: inout [UInt8]) {
        buffer.withUnsafeMutableBytes { fill($0) }
    }

    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard !buffer.isEmpty else { return }
        if !SystemCalls.fillRandom(buffer) { fillFromStandardLibrary(buffer) }
    }

    /// Without getrandom(2) (glibc before 2.25, Linux before 3.17) the standard library's
    /// generator still reads the kernel CSPRNG through /dev/urandom, and traps if it cannot.
    private static func fillFromStandardLibrary(_ buffer: UnsafeMutableRawBufferPointer) {
        var generator = SystemRandomNumberGenerator()
        for i in 0..<buffer.count { buffer[i] = generator.next() }
    }
}
