/// What `JobStore.verify()` checked and found.
public struct StoreVerifyReport: Sendable, Hashable {
    /// One finding.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public enum Severity: String, Sendable, Hashable {
            /// Data that was acknowledged is damaged or missing; the store needs attention.
            case damage
            /// Harmless leftovers (a torn tail a writer will drop, an unreferenced file).
            case notice
        }

        public var severity: Severity
        public var message: String
        public var path: String?
        public var offset: Int64?

        package init(severity: Severity, message: String, path: String?, offset: Int64?) {
            self.severity = severity
            self.message = message
            self.path = path
            self.offset = offset
        }

        public var description: String {
            var text = "\(severity.rawValue): \(message)"
            if let path { text += " [\(path)" + (offset.map { " at byte \($0)" } ?? "") + "]" }
            return text
        }

        public var json: JSONValue {
            [
                "severity": .string(severity.rawValue), "message": .string(message), "path": .optional(path),
                "offset": offset.map { .int($0) } ?? .null,
            ]
        }
    }

    public var directory: String
    public var formatVersion: UInt32
    public var generation: UInt64 = 0
    public var jobs = 0
    public var snapshotBytes: Int64 = 0
    public var journalBytes: Int64 = 0
    public var journalRecords = 0
    public var artifactsChecked = 0
    public var problems: [Problem] = []

    public init(directory: String, formatVersion: UInt32) {
        self.directory = directory
        self.formatVersion = formatVersion
    }

    /// True when nothing is damaged (notices allowed).
    public var isHealthy: Bool { !problems.contains { $0.severity == .damage } }

    /// The report as one JSON object, for `aiosctl store verify --json`.
    public var json: JSONObject {
        [
            "directory": .string(directory), "healthy": .bool(isHealthy), "format_version": .int(Int64(formatVersion)),
            "generation": .int(Int64(generation)), "jobs": .integer(jobs), "snapshot_bytes": .int(snapshotBytes),
            "journal_bytes": .int(journalBytes), "journal_records": .integer(journalRecords),
            "artifacts_checked": .integer(artifactsChecked), "problems": .array(problems.map(\.json)),
        ]
    }
}
