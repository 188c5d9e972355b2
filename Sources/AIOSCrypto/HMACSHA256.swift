/// HMAC (RFC 2104) with SHA-256, as used to sign webhooks.
public enum HMACSHA256 {
    /// Computes the HMAC-SHA256 of `message` under `key`.
    ///
    /// - Parameters:
    ///   - key: The secret key, of any length; keys longer than 64 bytes are hashed first.
    ///   - message: The message to authenticate.
    /// - Returns: The 32-byte authentication code. Does not throw. Compare codes with
    ///   ``ConstantTime/equals(_:_:)``, never `==`.
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : key
        block.append(contentsOf: repeatElement(0, count: SHA256.blockSize - block.count))

        var inner = SHA256.Hasher()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        let innerDigest = inner.finalize()

        var outer = SHA256.Hasher()
        outer.update(block.map { $0 ^ 0x5C })
        outer.update(innerDigest)
        return outer.finalize()
    }
}
