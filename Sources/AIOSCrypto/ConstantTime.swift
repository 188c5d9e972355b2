/// Comparisons whose running time does not depend on where secret data differs.
public enum ConstantTime {
    /// Tells whether `a` and `b` hold the same bytes, reading every byte whatever the contents.
    ///
    /// Use it for signatures, MACs and hashed secrets, so an attacker cannot learn a correct
    /// prefix from response times. Lengths are not secret: different lengths return at once.
    ///
    /// - Parameters:
    ///   - a: One byte string.
    ///   - b: The other.
    /// - Returns: `true` if both have the same length and contents. Does not throw.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for i in 0..<a.count { difference |= a[i] ^ b[i] }
            }
        }
        return difference == 0
    }
}
