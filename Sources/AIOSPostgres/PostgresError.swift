/// A failure talking to PostgreSQL: the library, the connection, or a statement (with the
/// server's SQLSTATE, e.g. `40001` serialization failure, `23505` unique violation).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// libpq is not installed (the message names the package).
        case libraryMissing = "library_missing"
        /// The connection could not be made, or was lost; the statement may not have run.
        case connection
        /// The server refused the statement; `sqlState` says why.
        case statement
        /// The answer was not what the statement should return.
        case protocolViolation = "protocol"
    }

    public var kind: Kind
    public var message: String
    /// The five-character SQLSTATE of a `.statement` error.
    public var sqlState: String?

    public init(_ kind: Kind, _ message: String, sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
    }

    /// `23505`: a unique index refused a duplicate.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// `40001` / `40P01`: the transaction lost a race and may simply be run again.
    public var isRetryableConflict: Bool { sqlState == "40001" || sqlState == "40P01" }

    public var description: String {
        "postgres \(kind.rawValue) error\(sqlState.map { " [SQLSTATE \($0)]" } ?? ""): \(message)"
    }
}
