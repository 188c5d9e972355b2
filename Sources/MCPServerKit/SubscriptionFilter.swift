import AIOSJSON
import JSONRPC

/// The notifications a 2026-07-28 `subscriptions/listen` stream carries (its `notifications`
/// filter), including the tasks extension's `taskIds`.
public struct SubscriptionFilter: Sendable, Equatable {
    public var toolsListChanged = false
    public var promptsListChanged = false
    public var resourcesListChanged = false
    public var resourceSubscriptions: [String] = []
    public var taskIDs: [String] = []

    public init() {}

    /// Reads a request's `notifications` object.
    ///
    /// - Throws: `-32602` when it is not an object or a member has the wrong type.
    public init(parsing value: JSONValue?) throws(JSONRPCError) {
        guard let object = value?.objectValue else {
            throw .invalidParams("subscriptions/listen needs a \"notifications\" object")
        }
        func flag(_ key: String) throws(JSONRPCError) -> Bool {
            switch object[key] {
            case nil, .null?: return false
            case .bool(let value)?: return value
            case let other?: throw .invalidParams("notifications.\(key) must be a boolean, not \(other.typeName)")
            }
        }
        func strings(_ key: String) throws(JSONRPCError) -> [String] {
            switch object[key] {
            case nil, .null?: return []
            case .array(let items)?:
                var result: [String] = []
                for item in items {
                    guard let text = item.stringValue else {
                        throw .invalidParams("notifications.\(key) must be an array of strings")
                    }
                    if !result.contains(text) { result.append(text) }
                }
                return result
            case let other?: throw .invalidParams("notifications.\(key) must be an array of strings, not \(other.typeName)")
            }
        }
        toolsListChanged = try flag("toolsListChanged")
        promptsListChanged = try flag("promptsListChanged")
        resourcesListChanged = try flag("resourcesListChanged")
        resourceSubscriptions = try strings("resourceSubscriptions")
        taskIDs = try strings("taskIds")
    }

    /// The filter as the acknowledgement shows it: only what is on, nothing falsy.
    public var json: JSONObject {
        var object = JSONObject()
        if toolsListChanged { object["toolsListChanged"] = true }
        if promptsListChanged { object["promptsListChanged"] = true }
        if resourcesListChanged { object["resourcesListChanged"] = true }
        if !resourceSubscriptions.isEmpty { object["resourceSubscriptions"] = .strings(resourceSubscriptions) }
        if !taskIDs.isEmpty { object["taskIds"] = .strings(taskIDs) }
        return object
    }
}
