import AIOSSystem
import Dispatch

/// One connection to PostgreSQL through libpq, with its own serial dispatch queue: every
/// blocking libpq call runs there, never on Swift's cooperative thread pool (as the file store's
/// `StoreExecutor` does for file I/O).
///
/// The connection string is libpq's: a `postgres://` / `postgresql://` URL or `key=value`
/// pairs, so `sslmode`, `passfile`, `service`, SCRAM and TLS work as in `psql`. A lost
/// connection is made again before the next call; a transaction the server never saw commit is
/// run again (``transaction(_:)``), so callers see an error only when the server stays away or
/// the connection broke during `COMMIT` itself (then the outcome is unknown, and said so).
public final class PostgresConnection: @unchecked Sendable {
    // `handle` and `session` are touched only on `queue`.
    private let queue: DispatchQueue
    private let pq: LibPQ
    private let conninfo: String
    private var handle: OpaquePointer?
    private var closed = false

    private init(conninfo: String, pq: LibPQ, label: String) {
        self.conninfo = conninfo
        self.pq = pq
        queue = DispatchQueue(label: label)
    }

    deinit {
        if let handle { pq.finish(handle) }
    }

    /// Connects.
    ///
    /// - Parameters:
    ///   - conninfo: A `postgres://` URL or libpq `key=value` string.
    ///   - label: The dispatch queue's label (for debugging).
    /// - Throws: ``PostgresError`` `.libraryMissing` (naming the package) or `.connection`.
    public static func connect(_ conninfo: String, label: String = "aios.postgres") async throws -> PostgresConnection {
        let connection = PostgresConnection(conninfo: conninfo, pq: try LibPQ.shared(), label: label)
        try await connection.run { session in try session.connectIfNeeded() }
        return connection
    }

    /// Closes the connection; later calls fail.
    public func close() {
        queue.sync {
            closed = true
            if let handle { pq.finish(handle) }
            handle = nil
        }
    }

    /// Runs `body` on the connection's queue with the session, outside any transaction.
    public func run<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(PostgresSession(connection: self)) })
            }
        }
    }

    /// Runs `body` in a transaction (`BEGIN` … `COMMIT`) on the connection's queue.
    ///
    /// `body` may run more than once: when the connection was lost before `COMMIT` was sent
    /// (the server rolled the transaction back) or when the server reports a serialization
    /// failure or deadlock (SQLSTATE 40001, 40P01). It must decide only from what it reads.
    /// Any other error rolls back and is rethrown.
    public func transaction<T: Sendable>(
        isolation: String = "READ COMMITTED", _ body: @escaping @Sendable (PostgresSession) throws -> T
    ) async throws -> T {
        try await run { session in
            var attempt = 0
            while true {
                attempt += 1
                var committing = false
                do {
                    try session.connectIfNeeded()
                    try session.execute("BEGIN ISOLATION LEVEL \(isolation)")
                    let result = try body(session)
                    committing = true
                    try session.execute("COMMIT")
                    return result
                } catch let error as PostgresError {
                    if error.kind == .connection {
                        if committing {
                            throw PostgresError(
                                .connection, "the connection broke during COMMIT; the change may or may not be stored: \(error.message)")
                        }
                        if attempt < 3 { continue }
                        throw error
                    }
                    session.rollbackQuietly()
                    if error.isRetryableConflict, attempt < 5 { continue }
                    throw error
                } catch {
                    session.rollbackQuietly()
                    throw error
                }
            }
        }
    }

    // MARK: On the queue

    fileprivate func connectIfNeeded() throws(PostgresError) -> OpaquePointer {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !closed else { throw PostgresError(.connection, "the connection is closed") }
        if let handle, pq.status(handle) == LibPQ.connectionOK { return handle }
        if let handle {
            pq.reset(handle)
            if pq.status(handle) == LibPQ.connectionOK { return handle }
            let message = Self.text(pq.errorMessage(handle))
            pq.finish(handle)
            self.handle = nil
            throw PostgresError(.connection, "cannot reconnect to PostgreSQL: \(message)")
        }
        let fresh = pq.connect(conninfo)
        guard let fresh else { throw PostgresError(.connection, "libpq could not allocate a connection") }
        guard pq.status(fresh) == LibPQ.connectionOK else {
            let message = Self.text(pq.errorMessage(fresh))
            pq.finish(fresh)
            throw PostgresError(.connection, "cannot connect to PostgreSQL: \(message)")
        }
        handle = fresh
        return fresh
    }

    fileprivate func execute(_ sql: String, _ parameters: [String?]) throws(PostgresError) -> PostgresRows {
        let conn = try connectIfNeeded()
        // The parameters' C strings must live until PQexecParams returns.
        let cStrings: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { for pointer in cStrings { free(pointer) } }
        let result = sql.withCString { command in
            cStrings.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
                pq.execParams(conn, command, Int32(parameters.count), nil, values.baseAddress, nil, nil, 0)
            }
        }
        guard let result else {
            throw PostgresError(pq.status(conn) == LibPQ.connectionOK ? .statement : .connection, Self.text(pq.errorMessage(conn)))
        }
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == LibPQ.commandOK || status == LibPQ.tuplesOK else {
            if pq.status(conn) != LibPQ.connectionOK {
                throw PostgresError(.connection, "the connection to PostgreSQL was lost: \(Self.text(pq.errorMessage(conn)))")
            }
            let state = pq.resultErrorField(result, LibPQ.fieldSQLState).map { String(cString: $0) }
            var message = pq.resultErrorField(result, LibPQ.fieldMessage).map { String(cString: $0) } ?? Self.text(pq.resultErrorMessage(result))
            if let detail = pq.resultErrorField(result, LibPQ.fieldDetail) { message += " (\(String(cString: detail)))" }
            throw PostgresError(.statement, message, sqlState: state)
        }
        let rowCount = Int(pq.ntuples(result))
        let columnCount = Int(pq.nfields(result))
        var columns: [String] = []
        for column in 0..<columnCount { columns.append(Self.text(pq.fname(result, Int32(column)))) }
        var rows: [[String?]] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if pq.getisnull(result, Int32(row), Int32(column)) != 0 {
                    values.append(nil)
                } else {
                    // A value exactly as stored: a trailing newline is part of it (Self.text trims
                    // the ones libpq puts at the end of its messages).
                    values.append(pq.getvalue(result, Int32(row), Int32(column)).map { String(cString: $0) } ?? "")
                }
            }
            rows.append(values)
        }
        let affected = Int(Self.text(pq.cmdTuples(result))) ?? 0
        return PostgresRows(columns: columns, rows: rows, affected: affected)
    }

    static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        var text = String(cString: pointer)
        while text.last == "\n" { text.removeLast() }
        return text
    }
}

/// The statements of one ``PostgresConnection`` call, run synchronously on its queue.
public struct PostgresSession: @unchecked Sendable {
    fileprivate let connection: PostgresConnection

    /// Runs one statement with `$1`, `$2`, … bound to `parameters` (text format; `nil` is NULL).
    ///
    /// - Throws: ``PostgresError`` with the SQLSTATE.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        try connection.execute(sql, parameters)
    }

    fileprivate func connectIfNeeded() throws(PostgresError) { _ = try connection.connectIfNeeded() }

    fileprivate func rollbackQuietly() { _ = try? connection.execute("ROLLBACK", []) }
}

/// The rows of a statement's result, in text format.
public struct PostgresRows: Sendable {
    public var columns: [String]
    public var rows: [[String?]]
    /// The rows an INSERT, UPDATE or DELETE touched.
    public var affected: Int

    public init(columns: [String], rows: [[String?]], affected: Int) {
        self.columns = columns
        self.rows = rows
        self.affected = affected
    }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    /// The value at `row`, `column` (by name).
    public subscript(row: Int, column: String) -> String? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return rows[row][index]
    }
}

/// Text-format encodings of the values aios binds and reads.
public enum PostgresText {
    /// `bytea` as a text parameter: `\x` and hex digits.
    public static func bytea(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        out.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A `bytea` value as the server sends it in text format (`\x…`, the default `bytea_output`).
    public static func bytes(_ text: String) throws(PostgresError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            throw PostgresError(.protocolViolation, "a bytea value is not in hex format (is bytea_output 'hex'?)")
        }
        var out: [UInt8] = []
        out.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else {
                throw PostgresError(.protocolViolation, "a bytea value has a non-hex digit")
            }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
