/// SHA-256 as specified in FIPS 180-4.
///
/// Use ``hash(_:)-([UInt8])`` for data already in memory and ``Hasher`` for data that
/// arrives in pieces; both give the same 32-byte digest.
public enum SHA256 {
    /// The size of a digest in bytes.
    public static var digestSize: Int { 32 }
    /// The size of a compression block in bytes (HMAC pads keys to this size).
    public static var blockSize: Int { 64 }

    /// Computes the SHA-256 digest of `bytes`.
    ///
    /// - Parameter bytes: The message.
    /// - Returns: The 32-byte digest. Does not throw.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// Computes the SHA-256 digest of the bytes in `bytes`.
    ///
    /// - Parameter bytes: The message; it is only read.
    /// - Returns: The 32-byte digest. Does not throw.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var state = SHA256State()
        let whole = bytes.count - bytes.count % blockSize
        state.compress(UnsafeRawBufferPointer(rebasing: bytes[..<whole]))
        return state.finish(tail: UnsafeRawBufferPointer(rebasing: bytes[whole...]), messageLength: UInt64(bytes.count))
    }

    /// An incremental SHA-256 computation: feed data with `update`, then `finalize` once.
    public struct Hasher: Sendable {
        private var state = SHA256State()
        /// Bytes of an incomplete block, waiting for more input.
        private var pending: [UInt8] = []
        private var length: UInt64 = 0

        /// Creates a hasher in the initial state of FIPS 180-4 §5.3.3.
        public init() {
            pending.reserveCapacity(SHA256.blockSize)
        }

        /// Appends `bytes` to the message.
        ///
        /// - Parameter bytes: The next piece of the message. Does not throw.
        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        /// Appends the bytes in `bytes` to the message.
        ///
        /// - Parameter bytes: The next piece of the message; it is only read. Does not throw.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            guard !bytes.isEmpty else { return }
            length &+= UInt64(bytes.count)
            var input = bytes
            if !pending.isEmpty {
                let take = min(SHA256.blockSize - pending.count, input.count)
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[..<take]))
                input = UnsafeRawBufferPointer(rebasing: input[take...])
                guard pending.count == SHA256.blockSize else { return }
                pending.withUnsafeBytes { state.compress($0) }
                pending.removeAll(keepingCapacity: true)
            }
            let whole = input.count - input.count % SHA256.blockSize
            if whole > 0 {
                // Full blocks are compressed straight from the caller's memory, without copying.
                state.compress(UnsafeRawBufferPointer(rebasing: input[..<whole]))
            }
            if whole < input.count {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[whole...]))
            }
        }

        /// Pads the message (FIPS 180-4 §5.1.1) and returns its digest.
        ///
        /// - Returns: The 32-byte digest. Does not throw.
        public consuming func finalize() -> [UInt8] {
            let length = length
            return pending.withUnsafeBytes { state.finish(tail: $0, messageLength: length) }
        }
    }
}
