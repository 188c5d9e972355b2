import AIOSSystem

/// A failure of the on-disk store itself: I/O, damage, or a format this build cannot read.
///
/// The CLI maps every `StoreError` to exit code 6; tools report it as `INTERNAL_ERROR`.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A system call failed (permissions, disk full, missing file).
        public static let io = Code(rawValue: "io")
        /// Bytes on disk are not what was written: a bad checksum with data after it, an
        /// artifact whose digest changed, a record that does not fit the state.
        public static let corrupt = Code(rawValue: "corrupt")
        /// The store was written by a newer aios, or is not an aios store at all.
        public static let unsupportedFormat = Code(rawValue: "unsupported_format")
    }

    public var code: Code
    public var message: String
    /// The file concerned, when there is one.
    public var path: String?
    /// The byte offset in `path` where the problem starts, for damage.
    public var offset: Int64?

    public init(_ code: Code, _ message: String, path: String? = nil, offset: Int64? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.offset = offset
    }

    /// An I/O error from `errno` after a failed system call.
    package static func system(_ operation: String, path: String, errno: Int32 = AIOSSystem.errno) -> StoreError {
        let reason = String(cString: strerror(errno))
        return StoreError(.io, "\(operation) \(path): \(reason)", path: path)
    }

    public var description: String {
        var text = "store error (\(code)): \(message)"
        if let offset, let path { text += " [\(path) at byte \(offset)]" } else if let path { text += " [\(path)]" }
        return text
    }
}
