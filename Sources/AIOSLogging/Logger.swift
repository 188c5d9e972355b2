import AIOSJSON
import Synchronization
import AIOSSystem

/// A small structured logger shaped like swift-log: constant messages, details as metadata.
///
/// Loggers are values; the handler decides where records go (stderr for the executables, memory
/// for tests). Nothing here ever writes to stdout.
public struct Logger: Sendable {
    /// Severity, using the syslog names MCP uses for `notifications/message`.
    public enum Level: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
        case debug, info, notice, warning, error, critical, alert, emergency

        public init?(name: String) {
            guard let level = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
            self = level
        }

        public var description: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .notice: "notice"
            case .warning: "warning"
            case .error: "error"
            case .critical: "critical"
            case .alert: "alert"
            case .emergency: "emergency"
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var label: String
    public var level: Level
    public var metadata: JSONObject
    public let handler: any LogHandler

    public init(label: String, level: Level = .info, handler: any LogHandler) {
        self.label = label
        self.level = level
        self.metadata = [:]
        self.handler = handler
    }

    /// A logger that drops everything.
    public static let disabled = Logger(label: "disabled", level: .emergency, handler: DiscardingLogHandler())

    /// A copy carrying one more metadata entry (e.g. `request.id`, `job.id`).
    public func with(_ key: String, _ value: JSONValue) -> Logger {
        var copy = self
        copy.metadata[key] = value
        return copy
    }

    /// Sends a record to the handler when `level` is at or above the logger's level.
    ///
    /// Secrets are removed here, before any handler sees the record: the message and every
    /// metadata string go through ``SecretRedactor``, so no handler can write a credential.
    /// The message and metadata are only built when the record is kept (hot paths log at debug).
    public func log(_ level: Level, _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> JSONObject = [:]) {
        guard level >= self.level else { return }
        var merged = self.metadata
        for (key, value) in metadata() { merged[key] = value }
        handler.log(LogRecord(
            level: level, timeMilliseconds: Timestamp.nowMilliseconds(), label: label,
            message: SecretRedactor.redact(message()), metadata: SecretRedactor.redact(merged)))
    }

    public func debug(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> JSONObject = [:]) {
        log(.debug, message(), metadata())
    }
    public func info(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> JSONObject = [:]) {
        log(.info, message(), metadata())
    }
    public func notice(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> JSONObject = [:]) {
        log(.notice, message(), metadata())
    }
    public func warning(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> JSONObject = [:]) {
        log(.warning, message(), metadata())
    }
    public func error(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> JSONObject = [:]) {
        log(.error, message(), metadata())
    }
    public func critical(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> JSONObject = [:]) {
        log(.critical, message(), metadata())
    }
}

/// One log event.
public struct LogRecord: Sendable {
    public var level: Logger.Level
    public var timeMilliseconds: Int64
    public var label: String
    public var message: String
    public var metadata: JSONObject

    /// The record as one JSON object: level, time, label, message, then metadata.
    ///
    /// Metadata keys are written with `_` for `.` (`request.id` → `request_id`, `job.id` →
    /// `job_id`), the field names SPEC §9 promises to log readers.
    public var json: JSONValue {
        var object: JSONObject = [
            "level": .string(level.description),
            "time": .string(RFC3339Timestamp.format(milliseconds: timeMilliseconds)),
            "label": .string(label),
            "message": .string(message),
        ]
        for (key, value) in metadata {
            let field = Self.fieldName(key)
            if !object.contains(field) { object[field] = value }
        }
        return .object(object)
    }

    /// The output name of a metadata key: `.` becomes `_`.
    public static func fieldName(_ key: String) -> String {
        key.contains(".") ? String(key.map { $0 == "." ? "_" : $0 }) : key
    }
}

/// Where log records go.
public protocol LogHandler: Sendable {
    func log(_ record: LogRecord)
}

/// Drops every record.
public struct DiscardingLogHandler: LogHandler {
    public init() {}
    public func log(_ record: LogRecord) {}
}

/// Writes one line per record to standard error: JSON by default, or text for people.
public final class StderrLogHandler: LogHandler {
    public enum Format: Sendable { case json, text }
    private let format: Format
    private let lock = Mutex(())

    public init(format: Format) { self.format = format }

    public func log(_ record: LogRecord) {
        var line: [UInt8]
        switch format {
        case .json:
            line = record.json.serialized()
        case .text:
            var text = "\(RFC3339Timestamp.format(milliseconds: record.timeMilliseconds)) \(record.level) \(record.label): \(record.message)"
            for (key, value) in record.metadata {
                text += " \(LogRecord.fieldName(key))=\(value.stringValue ?? value.jsonText)"
            }
            line = Array(text.utf8)
        }
        line.append(0x0A)
        lock.withLock { _ in _ = POSIXIO.writeAll(2, line) }
    }
}

/// Keeps records in memory, for tests.
public final class InMemoryLogHandler: LogHandler {
    private let storage = Mutex<[LogRecord]>([])
    public init() {}
    public func log(_ record: LogRecord) { storage.withLock { $0.append(record) } }
    public var records: [LogRecord] { storage.withLock { $0 } }
}
