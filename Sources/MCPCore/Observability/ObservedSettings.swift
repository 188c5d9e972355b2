/// The settings a process runs with, for its start-up log line.
public enum ObservedSettings {
    /// Every `AIOS_*` variable in `environment`, sorted, as one JSON object. Values are logged as
    /// set; the logger's redaction masks credentials (`AIOS_API_KEY`, `AIOS_WEBHOOK_SECRET`, and
    /// any value shaped like a key or token), so this never writes a secret.
    public static func environment(_ environment: [String: String]) -> JSONValue {
        var object = JSONObject()
        for key in environment.keys.sorted() where key.hasPrefix("AIOS_") {
            object[key] = .string(environment[key] ?? "")
        }
        return .object(object)
    }
}
