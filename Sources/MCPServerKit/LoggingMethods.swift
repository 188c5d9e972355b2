import AIOSJSON
import AIOSLogging
import JSONRPC

/// Handshake-era `logging/setLevel`: log notifications for this connection's requests, at the
/// level asked for and above. In 2026-07-28 each request asks with
/// `_meta["io.modelcontextprotocol/logLevel"]` instead (the server handles that itself).
public enum LoggingMethods {
    /// The method.
    public static func make() -> MCPMethod {
        MCPMethod("logging/setLevel", availability: .legacyOnly) { context, params in
            let level = try level(params["level"], name: "level")
            context.session?.setLogLevel(level)
            return [:]
        }
    }

    /// Parses a log level name.
    ///
    /// - Throws: `-32602` naming the valid levels.
    public static func level(_ value: JSONValue?, name: String) throws(JSONRPCError) -> Logger.Level {
        guard let text = value?.stringValue, let level = Logger.Level.allCases.first(where: { $0.description == text }) else {
            throw .invalidParams(
                "\(name) must be one of \(Logger.Level.allCases.map(\.description).joined(separator: ", "))",
                data: ["levels": .strings(Logger.Level.allCases.map(\.description))])
        }
        return level
    }
}
