/// The CRC-32 of zlib, gzip, PNG and IEEE 802.3 (reflected polynomial `0xEDB88320`).
///
/// Values match Python's `zlib.crc32`: `checksum(Array("123456789".utf8)) == 0xCBF43926`.
/// Pass a previous result as `seed` to continue over data that arrives in pieces:
/// `checksum(b, seed: checksum(a)) == checksum(a + b)`.
public enum CRC32 {
    /// Computes the CRC-32 of `bytes`, continuing from `seed`.
    ///
    /// - Parameters:
    ///   - bytes: The data to checksum.
    ///   - seed: The checksum of the data that precedes `bytes`; `0` to start afresh.
    /// - Returns: The CRC-32 of everything so far. Does not throw.
    public static func checksum(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, seed: seed) }
    }

    /// Computes the CRC-32 of the bytes in `bytes`, continuing from `seed`.
    ///
    /// - Parameters:
    ///   - bytes: The data to checksum; it is only read.
    ///   - seed: The checksum of the data that precedes `bytes`; `0` to start afresh.
    /// - Returns: The CRC-32 of everything so far. Does not throw.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        var crc = ~seed
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return seed }
        let count = bytes.count
        tables.withUnsafeBufferPointer { table in
            // Slicing-by-8: eight table lookups fold eight input bytes per step, instead of
            // one lookup per byte; table k holds the CRC of a byte followed by k zero bytes.
            let t = table.baseAddress.unsafelyUnwrapped
            var offset = 0
            while offset + 8 <= count {
                let lo = crc ^ UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                let hi = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                crc = t[7 &* 256 &+ Int(lo & 0xFF)]
                    ^ t[6 &* 256 &+ Int((lo >> 8) & 0xFF)]
                    ^ t[5 &* 256 &+ Int((lo >> 16) & 0xFF)]
                    ^ t[4 &* 256 &+ Int(lo >> 24)]
                    ^ t[3 &* 256 &+ Int(hi & 0xFF)]
                    ^ t[2 &* 256 &+ Int((hi >> 8) & 0xFF)]
                    ^ t[1 &* 256 &+ Int((hi >> 16) & 0xFF)]
                    ^ t[Int(hi >> 24)]
                offset &+= 8
            }
            while offset < count {
                let byte = base.load(fromByteOffset: offset, as: UInt8.self)
                crc = t[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
                offset &+= 1
            }
        }
        return ~crc
    }

    /// Eight 256-entry tables, flattened: entry `k * 256 + i`.
    private static let tables: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
            table[i] = c
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let previous = table[(k - 1) * 256 + i]
                table[k * 256 + i] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }()
}
