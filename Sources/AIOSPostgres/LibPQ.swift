import AIOSSystem

/// libpq, PostgreSQL's C client library, loaded at run time with `dlopen("libpq.so.5")`.
///
/// Nothing links against libpq: `swift build` and every process that does not use a
/// `postgres://` store need nothing beyond the Swift toolchain. The library is opened the first
/// time a connection is made; a missing library is a ``PostgresError`` naming the package to
/// install. Only the handful of functions aios calls are looked up, each by its C signature
/// (libpq's ABI has been stable since PostgreSQL 8.4: `libpq.so.5`).
final class LibPQ: Sendable {
    typealias Conn = OpaquePointer
    typealias Result = OpaquePointer

    let connectdb: @convention(c) (UnsafePointer<CChar>?) -> Conn?
    let status: @convention(c) (Conn?) -> Int32
    let errorMessage: @convention(c) (Conn?) -> UnsafeMutablePointer<CChar>?
    let finish: @convention(c) (Conn?) -> Void
    let reset: @convention(c) (Conn?) -> Void
    let execParams: @convention(c) (
        Conn?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?,
        UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> Result?
    let resultStatus: @convention(c) (Result?) -> Int32
    let resultErrorField: @convention(c) (Result?, Int32) -> UnsafeMutablePointer<CChar>?
    let resultErrorMessage: @convention(c) (Result?) -> UnsafeMutablePointer<CChar>?
    let ntuples: @convention(c) (Result?) -> Int32
    let nfields: @convention(c) (Result?) -> Int32
    let fname: @convention(c) (Result?, Int32) -> UnsafeMutablePointer<CChar>?
    let getvalue: @convention(c) (Result?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    let getisnull: @convention(c) (Result?, Int32, Int32) -> Int32
    let getlength: @convention(c) (Result?, Int32, Int32) -> Int32
    let cmdTuples: @convention(c) (Result?) -> UnsafeMutablePointer<CChar>?
    let clear: @convention(c) (Result?) -> Void
    let consumeInput: @convention(c) (Conn?) -> Int32
    let notifies: @convention(c) (Conn?) -> UnsafeMutableRawPointer?
    let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void
    let socket: @convention(c) (Conn?) -> Int32
    let libVersion: @convention(c) () -> Int32
    typealias NoticeProcessor = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void
    let setNoticeProcessor: @convention(c) (Conn?, NoticeProcessor?, UnsafeMutableRawPointer?) -> NoticeProcessor?

    /// `CONNECTION_OK`.
    static let connectionOK: Int32 = 0
    /// `PGRES_COMMAND_OK`, `PGRES_TUPLES_OK`.
    static let commandOK: Int32 = 1
    static let tuplesOK: Int32 = 2
    /// `PG_DIAG_SQLSTATE`, `PG_DIAG_MESSAGE_PRIMARY`, `PG_DIAG_MESSAGE_DETAIL`.
    static let fieldSQLState = Int32(UInt8(ascii: "C"))
    static let fieldMessage = Int32(UInt8(ascii: "M"))
    static let fieldDetail = Int32(UInt8(ascii: "D"))

    /// The names tried, most specific first.
    static let libraryNames = ["libpq.so.5", "libpq.5.dylib", "libpq.so"]

    private init(handle: UnsafeMutableRawPointer) throws(PostgresError) {
        func symbol<T>(_ name: String, as type: T.Type) throws(PostgresError) -> T {
            guard let pointer = dlsym(handle, name) else {
                throw PostgresError(.libraryMissing, "libpq has no function \(name): it is too old or not libpq")
            }
            return unsafeBitCast(pointer, to: type)
        }
        connectdb = try symbol("PQconnectdb", as: type(of: connectdb))
        status = try symbol("PQstatus", as: type(of: status))
        errorMessage = try symbol("PQerrorMessage", as: type(of: errorMessage))
        finish = try symbol("PQfinish", as: type(of: finish))
        reset = try symbol("PQreset", as: type(of: reset))
        execParams = try symbol("PQexecParams", as: type(of: execParams))
        resultStatus = try symbol("PQresultStatus", as: type(of: resultStatus))
        resultErrorField = try symbol("PQresultErrorField", as: type(of: resultErrorField))
        resultErrorMessage = try symbol("PQresultErrorMessage", as: type(of: resultErrorMessage))
        ntuples = try symbol("PQntuples", as: type(of: ntuples))
        nfields = try symbol("PQnfields", as: type(of: nfields))
        fname = try symbol("PQfname", as: type(of: fname))
        getvalue = try symbol("PQgetvalue", as: type(of: getvalue))
        getisnull = try symbol("PQgetisnull", as: type(of: getisnull))
        getlength = try symbol("PQgetlength", as: type(of: getlength))
        cmdTuples = try symbol("PQcmdTuples", as: type(of: cmdTuples))
        clear = try symbol("PQclear", as: type(of: clear))
        consumeInput = try symbol("PQconsumeInput", as: type(of: consumeInput))
        notifies = try symbol("PQnotifies", as: type(of: notifies))
        freemem = try symbol("PQfreemem", as: type(of: freemem))
        socket = try symbol("PQsocket", as: type(of: socket))
        libVersion = try symbol("PQlibVersion", as: type(of: libVersion))
        setNoticeProcessor = try symbol("PQsetNoticeProcessor", as: type(of: setNoticeProcessor))
    }

    private static let loaded: Swift.Result<LibPQ, PostgresError> = {
        var reasons: [String] = []
        let configured = getenv("AIOS_LIBPQ").map { String(cString: $0) }
        for name in configured.map({ [$0] }) ?? libraryNames {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                do throws(PostgresError) { return .success(try LibPQ(handle: handle)) } catch { return .failure(error) }
            }
            if let reason = dlerror() { reasons.append(String(cString: reason)) }
        }
        return .failure(
            PostgresError(
                .libraryMissing,
                "a postgres:// store needs libpq, PostgreSQL's client library, which is not installed: "
                    + "install the Debian/Ubuntu package libpq5 (apt-get install libpq5; Fedora/RHEL: libpq; "
                    + "macOS: brew install libpq), or set AIOS_LIBPQ to its path (\(reasons.joined(separator: "; ")))"))
    }()

    /// The library, loaded on first use.
    ///
    /// - Throws: ``PostgresError`` `.libraryMissing` naming the package to install.
    static func shared() throws(PostgresError) -> LibPQ { try loaded.get() }

    /// Connects with `conninfo` and silences libpq's notices: by default it prints them on
    /// stderr, where aios writes its JSON log lines (and a server's "terminating connection"
    /// would land between them); errors reach aios through results and `PQerrorMessage`.
    func connect(_ conninfo: String) -> Conn? {
        let conn = conninfo.withCString { connectdb($0) }
        if let conn { _ = setNoticeProcessor(conn, { _, _ in }, nil) }
        return conn
    }

    /// Whether libpq can be loaded here, and its version (e.g. 150018), for diagnostics.
    static func version() throws(PostgresError) -> Int { Int(try shared().libVersion()) }
}

/// `PGnotify` from libpq-fe.h: `{ char *relname; int be_pid; char *extra; PGnotify *next; }`.
struct PGnotify {
    var relname: UnsafeMutablePointer<CChar>?
    var bePid: Int32
    var extra: UnsafeMutablePointer<CChar>?
    var next: UnsafeMutableRawPointer?
}
