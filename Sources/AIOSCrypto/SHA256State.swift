/// The eight working words of SHA-256 and the compression function over them.
package struct SHA256State: Sendable {
    private var h0: UInt32 = 0x6A09_E667
    private var h1: UInt32 = 0xBB67_AE85
    private var h2: UInt32 = 0x3C6E_F372
    private var h3: UInt32 = 0xA54F_F53A
    private var h4: UInt32 = 0x510E_527F
    private var h5: UInt32 = 0x9B05_688C
    private var h6: UInt32 = 0x1F83_D9AB
    private var h7: UInt32 = 0x5BE0_CD19

    /// Compresses every 64-byte block of `blocks`, whose count is a multiple of 64.
    package mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        guard let base = blocks.baseAddress else { return }
        let blockCount = blocks.count / SHA256.blockSize
        // The message schedule lives on the stack and is reused by every block.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            let w = schedule.baseAddress.unsafelyUnwrapped
            Self.roundConstants.withUnsafeBufferPointer { constants in
                let k = constants.baseAddress.unsafelyUnwrapped
                for block in 0..<blockCount {
                    let p = base + block &* SHA256.blockSize
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let a = w[i &- 15], b = w[i &- 2]
                        let s0 = Self.rotr(a, 7) ^ Self.rotr(a, 18) ^ (a &>> 3)
                        let s1 = Self.rotr(b, 17) ^ Self.rotr(b, 19) ^ (b &>> 10)
                        w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
                    }
                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    // Eight rounds per pass with the roles of the variables rotated, instead of
                    // shuffling all eight every round.
                    var i = 0
                    while i < 64 {
                        Self.round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                        Self.round(h, a, b, &c, d, e, f, &g, k[i &+ 1] &+ w[i &+ 1])
                        Self.round(g, h, a, &b, c, d, e, &f, k[i &+ 2] &+ w[i &+ 2])
                        Self.round(f, g, h, &a, b, c, d, &e, k[i &+ 3] &+ w[i &+ 3])
                        Self.round(e, f, g, &h, a, b, c, &d, k[i &+ 4] &+ w[i &+ 4])
                        Self.round(d, e, f, &g, h, a, b, &c, k[i &+ 5] &+ w[i &+ 5])
                        Self.round(c, d, e, &f, g, h, a, &b, k[i &+ 6] &+ w[i &+ 6])
                        Self.round(b, c, d, &e, f, g, h, &a, k[i &+ 7] &+ w[i &+ 7])
                        i &+= 8
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
            }
        }
    }

    /// Pads the last partial block (FIPS 180-4 §5.1.1), compresses it and returns the digest.
    ///
    /// - Parameters:
    ///   - tail: The message bytes after the last whole block (fewer than 64).
    ///   - messageLength: The length of the whole message in bytes.
    package mutating func finish(tail: UnsafeRawBufferPointer, messageLength: UInt64) -> [UInt8] {
        withUnsafeTemporaryAllocation(byteCount: 2 * SHA256.blockSize, alignment: 8) { buffer in
            let count = tail.count
            let padded = count + 9 <= SHA256.blockSize ? SHA256.blockSize : 2 * SHA256.blockSize
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            if count > 0 { buffer.copyMemory(from: tail) }
            buffer[count] = 0x80
            let bitLength = messageLength &* 8
            for i in 0..<8 {
                buffer[padded - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(i * 8))
            }
            compress(UnsafeRawBufferPointer(rebasing: buffer[..<padded]))
        }
        return [UInt8](unsafeUninitializedCapacity: SHA256.digestSize) { out, initialized in
            let words = (h0, h1, h2, h3, h4, h5, h6, h7)
            withUnsafeBytes(of: words) { raw in
                for i in 0..<8 {
                    let word = raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
                    out[i * 4] = UInt8(truncatingIfNeeded: word >> 24)
                    out[i * 4 + 1] = UInt8(truncatingIfNeeded: word >> 16)
                    out[i * 4 + 2] = UInt8(truncatingIfNeeded: word >> 8)
                    out[i * 4 + 3] = UInt8(truncatingIfNeeded: word)
                }
            }
            initialized = SHA256.digestSize
        }
    }

    /// One round of FIPS 180-4 §6.2.2 step 3; `d` and `h` receive the new `e` and `a`.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
    ) {
        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let choice = g ^ (e & (f ^ g))
        let t1 = h &+ s1 &+ choice &+ kw
        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let majority = (a & b) | (c & (a | b))
        d &+= t1
        h = t1 &+ s0 &+ majority
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        // Masking shifts on concrete types stay cheap even in unoptimized (test) builds.
        (x &>> n) | (x &<< (32 &- n))
    }

    /// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the
    /// first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428A_2F98, 0x7137_4491, 0xB5C0_FBCF, 0xE9B5_DBA5, 0x3956_C25B, 0x59F1_11F1, 0x923F_82A4, 0xAB1C_5ED5,
        0xD807_AA98, 0x1283_5B01, 0x2431_85BE, 0x550C_7DC3, 0x72BE_5D74, 0x80DE_B1FE, 0x9BDC_06A7, 0xC19B_F174,
        0xE49B_69C1, 0xEFBE_4786, 0x0FC1_9DC6, 0x240C_A1CC, 0x2DE9_2C6F, 0x4A74_84AA, 0x5CB0_A9DC, 0x76F9_88DA,
        0x983E_5152, 0xA831_C66D, 0xB003_27C8, 0xBF59_7FC7, 0xC6E0_0BF3, 0xD5A7_9147, 0x06CA_6351, 0x1429_2967,
        0x27B7_0A85, 0x2E1B_2138, 0x4D2C_6DFC, 0x5338_0D13, 0x650A_7354, 0x766A_0ABB, 0x81C2_C92E, 0x9272_2C85,
        0xA2BF_E8A1, 0xA81A_664B, 0xC24B_8B70, 0xC76C_51A3, 0xD192_E819, 0xD699_0624, 0xF40E_3585, 0x106A_A070,
        0x19A4_C116, 0x1E37_6C08, 0x2748_774C, 0x34B0_BCB5, 0x391C_0CB3, 0x4ED8_AA4A, 0x5B9C_CA4F, 0x682E_6FF3,
        0x748F_82EE, 0x78A5_636F, 0x84C8_7814, 0x8CC7_0208, 0x90BE_FFFA, 0xA450_6CEB, 0xBEF9_A3F7, 0xC671_78F2,
    ]
}
