/// The bound on a failure's `details`: they are kept in the job's record (journal, snapshot,
/// PostgreSQL row) and shown by every status read, so a model's long list of problems must
/// not grow them without limit.
extension JobFailure {
    /// The most serialized JSON bytes of `details` a failure keeps.
    public static let maxDetailsBytes = 8 * 1024

    /// `details`, or for an empty value `nil`; when larger than ``maxDetailsBytes``, its longest
    /// arrays are cut (the object then says `"truncated": true` and each cut array's full length
    /// under `<name>_count`), and when that is not enough only `{"truncated": true,
    /// "original_bytes": N}` is kept.
    static func bounded(_ details: JSONValue) -> JSONValue? {
        if details.isNull { return nil }
        if case .object(let object) = details, object.isEmpty { return nil }
        let size = details.serialized().count
        guard size > maxDetailsBytes else { return details }
        if case .object(var object) = details {
            object["truncated"] = .bool(true)
            // Cut arrays (problems lists) from the longest, halving, until the whole fits.
            while JSONValue.object(object).serialized().count > maxDetailsBytes {
                let arrays = object.keys.compactMap { key -> (String, [JSONValue])? in
                    guard let array = object[key]?.arrayValue, !array.isEmpty else { return nil }
                    return (key, array)
                }
                guard let (key, array) = arrays.max(by: { $0.1.serialized().count < $1.1.serialized().count }) else { break }
                if object[key + "_count"] == nil { object[key + "_count"] = .integer(array.count) }
                object[key] = .array(Array(array.prefix(array.count / 2)))
            }
            if JSONValue.object(object).serialized().count <= maxDetailsBytes { return .object(object) }
        }
        return ["truncated": .bool(true), "original_bytes": .integer(size)]
    }
}

extension Array where Element == JSONValue {
    fileprivate func serialized() -> [UInt8] { JSONValue.array(self).serialized() }
}
