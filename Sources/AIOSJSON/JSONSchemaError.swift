/// A schema the validator cannot use: a keyword with a value of the wrong shape, a pattern
/// that does not compile, or an unsupported `$ref`.
public struct JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the schema.
    public var message: String
    /// JSON Pointer (RFC 6901) of the offending keyword inside the schema, e.g. `/properties/spec/minLength`.
    public var schemaPath: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - message: What is wrong with the schema.
    ///   - schemaPath: JSON Pointer of the offending keyword.
    public init(message: String, schemaPath: String) {
        self.message = message
        self.schemaPath = schemaPath
    }

    /// For example `invalid JSON Schema at /properties/spec/minLength: must be a non-negative integer`.
    public var description: String {
        "invalid JSON Schema at \(schemaPath.isEmpty ? "/" : schemaPath): \(message)"
    }
}
