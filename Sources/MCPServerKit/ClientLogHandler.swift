import AIOSJSON
import AIOSLogging
import Synchronization

/// A log handler that also forwards a request's log records to the client as
/// `notifications/message`, at or above the level the client asked for.
///
/// Records still reach the server's own handler (stderr) at its level. What the client sees is
/// the constant message and the record's metadata with anything that could be a secret removed:
/// keys naming credentials, values shaped like API keys, webhook secrets or bearer tokens, and
/// free-text error descriptions (which may carry internal details such as paths). At most
/// ``maximumMessages`` records are forwarded per request, as the protocol asks servers to rate
/// limit log messages.
public final class ClientLogHandler: LogHandler {
    /// The most records forwarded to the client for one request.
    public static let maximumMessages = 200

    private let base: any LogHandler
    private let baseLevel: Logger.Level
    private let clientLevel: Logger.Level
    private let notifier: RequestNotifier
    private let forwarded = Mutex(0)

    /// - Parameters:
    ///   - base: The server's handler, which keeps receiving records at `baseLevel` and above.
    ///   - baseLevel: The server's configured level.
    ///   - clientLevel: The lowest level the client asked for.
    ///   - notifier: The request's notification channel.
    public init(base: any LogHandler, baseLevel: Logger.Level, clientLevel: Logger.Level, notifier: RequestNotifier) {
        self.base = base
        self.baseLevel = baseLevel
        self.clientLevel = clientLevel
        self.notifier = notifier
    }

    public func log(_ record: LogRecord) {
        if record.level >= baseLevel { base.log(record) }
        guard record.level >= clientLevel else { return }
        let allowed = forwarded.withLock { count -> Bool in
            guard count < Self.maximumMessages else { return false }
            count += 1
            return true
        }
        guard allowed else { return }
        var data: JSONObject = ["message": .string(record.message)]
        for (key, value) in Self.redacted(record.metadata) { data[key] = value }
        notifier.notify("notifications/message", [
            "level": .string(record.level.description), "logger": .string(record.label), "data": .object(data),
        ])
    }

    /// A request logger that forwards to the client at `clientLevel`, or `base` unchanged when
    /// the client asked for no log messages.
    public static func logger(_ base: Logger, clientLevel: Logger.Level?, notifier: RequestNotifier) -> Logger {
        guard let clientLevel else { return base }
        var logger = Logger(
            label: base.label, level: min(base.level, clientLevel),
            handler: ClientLogHandler(base: base.handler, baseLevel: base.level, clientLevel: clientLevel, notifier: notifier))
        logger.metadata = base.metadata
        return logger
    }

    private static let secretKeyWords = ["secret", "token", "password", "passwd", "authorization", "credential", "api_key", "apikey", "cookie"]
    private static let secretValuePrefixes = ["whsec_", "Bearer ", "bearer ", "Basic ", "basic "]

    /// Whether a value looks like a credential: an aios API key (`aios_` + 24 or more base62
    /// characters; tool names such as `aios_strategize` are shorter), a webhook secret, an HTTP
    /// authorization value, or a provider key (`sk-…`).
    package static func looksSecret(_ text: String) -> Bool {
        if secretValuePrefixes.contains(where: { text.hasPrefix($0) }) { return true }
        for prefix in ["aios_", "sk-", "sk_"] where text.hasPrefix(prefix) {
            let rest = text.utf8.dropFirst(prefix.utf8.count)
            let alphanumeric = rest.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }
            if rest.count >= 20 && alphanumeric { return true }
        }
        return false
    }

    /// Metadata safe to show a client.
    package static func redacted(_ metadata: JSONObject) -> JSONObject {
        var safe = JSONObject()
        for (key, value) in metadata {
            let lower = key.lowercased()
            if lower == "error" || secretKeyWords.contains(where: { lower.contains($0) }) { continue }
            if let text = value.stringValue, looksSecret(text) {
                safe[key] = "[redacted]"
                continue
            }
            safe[key] = value
        }
        return safe
    }
}
