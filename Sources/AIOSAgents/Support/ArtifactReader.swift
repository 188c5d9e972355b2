import AIOSJSON

/// Reads typed members out of a JSON object and names the failing path when one is missing or
/// has the wrong type, so a malformed parent artifact becomes an `INVALID_INPUT` a user can act on.
package struct ArtifactReader: Sendable {
    package let object: JSONObject
    /// Where this object sits in the tool's arguments, e.g. `architecture.data_model`.
    package let path: String

    package init(object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    /// Reads `value` as an object, or throws naming `path`.
    package init(_ value: JSONValue, path: String) throws(AIOSError) {
        guard case .object(let object) = value else { throw Self.mismatch(path, expected: "object", actual: value) }
        self.init(object: object, path: path)
    }

    package func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    package static func mismatch(_ path: String, expected: String, actual: JSONValue?) -> AIOSError {
        let found = actual?.typeName ?? "nothing"
        return AIOSError(.invalidInput, "\(path) must be \(expected == "object" || expected == "array" ? "an" : "a") \(expected), found \(found)",
                         details: ["path": .string(path), "expected": .string(expected), "found": .string(found)])
    }

    package func string(_ key: String) throws(AIOSError) -> String {
        guard let value = object[key] else { throw Self.mismatch(child(key), expected: "string", actual: nil) }
        guard case .string(let string) = value else { throw Self.mismatch(child(key), expected: "string", actual: value) }
        return string
    }

    package func optionalString(_ key: String) throws(AIOSError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .string(let string) = value else { throw Self.mismatch(child(key), expected: "string", actual: value) }
        return string
    }

    package func bool(_ key: String, default fallback: Bool) throws(AIOSError) -> Bool {
        guard let value = object[key], !value.isNull else { return fallback }
        guard case .bool(let flag) = value else { throw Self.mismatch(child(key), expected: "boolean", actual: value) }
        return flag
    }

    /// An array of strings; a missing member is an empty array.
    package func strings(_ key: String) throws(AIOSError) -> [String] {
        guard let value = object[key], !value.isNull else { return [] }
        guard case .array(let items) = value else { throw Self.mismatch(child(key), expected: "array", actual: value) }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let string) = item else { throw Self.mismatch("\(child(key))[\(index)]", expected: "string", actual: item) }
            result.append(string)
        }
        return result
    }

    package func optionalObject(_ key: String) throws(AIOSError) -> ArtifactReader? {
        guard let value = object[key], !value.isNull else { return nil }
        return try ArtifactReader(value, path: child(key))
    }

    package func requiredObject(_ key: String) throws(AIOSError) -> ArtifactReader {
        guard let value = object[key] else { throw Self.mismatch(child(key), expected: "object", actual: nil) }
        return try ArtifactReader(value, path: child(key))
    }

    /// An array of objects; a missing member is an error when `required`, else an empty array.
    package func objects(_ key: String, required: Bool = true) throws(AIOSError) -> [ArtifactReader] {
        guard let value = object[key], !value.isNull else {
            if required { throw Self.mismatch(child(key), expected: "array", actual: nil) }
            return []
        }
        guard case .array(let items) = value else { throw Self.mismatch(child(key), expected: "array", actual: value) }
        var result: [ArtifactReader] = []
        for (index, item) in items.enumerated() {
            result.append(try ArtifactReader(item, path: "\(child(key))[\(index)]"))
        }
        return result
    }
}
