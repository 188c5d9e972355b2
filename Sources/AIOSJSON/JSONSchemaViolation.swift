/// One way an instance fails its JSON Schema.
public struct JSONSchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// JSON Pointer (RFC 6901) of the offending instance value, `""` for the root,
    /// e.g. `/context/budget_tier`.
    public var path: String
    /// The schema keyword that failed, e.g. `required`, `enum`, `minLength`.
    public var keyword: String
    /// What is wrong, phrased for a reader who will fix the input, e.g.
    /// `must be one of startup, scaleup, enterprise`.
    public var message: String

    /// Creates a violation.
    ///
    /// - Parameters:
    ///   - path: JSON Pointer of the instance value.
    ///   - keyword: The failing keyword.
    ///   - message: What is wrong.
    public init(path: String, keyword: String, message: String) {
        self.path = path
        self.keyword = keyword
        self.message = message
    }

    /// `path: message`, with the root written as `/`, e.g. `/spec: must be at least 1 character long`.
    public var description: String {
        "\(path.isEmpty ? "/" : path): \(message)"
    }
}
