/// Settings shared by `aios-mcp` and `aiosctl`, with documented defaults, read from the
/// `AIOS_*` environment (command-line flags override individual fields afterwards).
public struct Configuration: Sendable, Equatable {
    /// `AIOS_LOG_LEVEL`: debug, info (default), notice, warning, error.
    public var logLevel: Logger.Level = .info
    /// `AIOS_LOG_FORMAT`: `json` (default, one object per line on stderr) or `text`.
    public var logFormat: StderrLogHandler.Format = .json
    /// `AIOS_MAX_LINE_BYTES`: the largest JSON-RPC message accepted (default 16 MiB).
    public var maxLineBytes: Int = LineFramer.defaultMaxLineBytes
    /// `AIOS_WORKERS`: concurrent jobs per `aios-mcp` worker pool (default 5; 0 disables the pool).
    public var workers: Int = 5
    /// `AIOS_AUTH`: `auto` (default: API keys required once any key has been created), `required`
    /// or `off`. The key itself (`AIOS_API_KEY`) is a secret and is kept out of this struct.
    public var authMode: AuthMode = .auto
    /// `AIOS_RESULT_TEXT_LIMIT`: the most characters a tool result's text holds (default 12 000,
    /// at least 2 000); see ``ResultTextLimit``.
    public var resultTextLimit: ResultTextLimit = .default

    public init() {}

    /// Reads the environment; a malformed value is a clear error naming the variable.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        if let text = environment["AIOS_LOG_LEVEL"], !text.isEmpty {
            guard let level = Logger.Level(name: text) else {
                throw ConfigurationError(variable: "AIOS_LOG_LEVEL", value: text,
                    expected: Logger.Level.allCases.map(\.description).joined(separator: ", "))
            }
            configuration.logLevel = level
        }
        if let text = environment["AIOS_LOG_FORMAT"], !text.isEmpty {
            switch text.lowercased() {
            case "json": configuration.logFormat = .json
            case "text": configuration.logFormat = .text
            default: throw ConfigurationError(variable: "AIOS_LOG_FORMAT", value: text, expected: "json or text")
            }
        }
        if let text = environment["AIOS_MAX_LINE_BYTES"], !text.isEmpty {
            guard let value = Int(text), value >= 1024 else {
                throw ConfigurationError(variable: "AIOS_MAX_LINE_BYTES", value: text, expected: "a whole number of bytes ≥ 1024")
            }
            configuration.maxLineBytes = value
        }
        if let text = environment["AIOS_WORKERS"], !text.isEmpty {
            guard let value = Int(text), (0...256).contains(value) else {
                throw ConfigurationError(variable: "AIOS_WORKERS", value: text, expected: "a whole number from 0 to 256")
            }
            configuration.workers = value
        }
        if let text = environment["AIOS_RESULT_TEXT_LIMIT"], !text.isEmpty {
            guard let value = Int(text), (ResultTextLimit.minimum...10_000_000).contains(value) else {
                throw ConfigurationError(variable: "AIOS_RESULT_TEXT_LIMIT", value: text,
                    expected: "a whole number of characters from \(ResultTextLimit.minimum) to 10000000")
            }
            configuration.resultTextLimit = ResultTextLimit(maxCharacters: value)
        }
        if let text = environment["AIOS_AUTH"], !text.isEmpty {
            guard let mode = AuthMode(rawValue: text.lowercased()) else {
                throw ConfigurationError(variable: "AIOS_AUTH", value: text, expected: "auto, required or off")
            }
            configuration.authMode = mode
        }
        return configuration
    }

    /// A logger writing to stderr in the configured format and level.
    public func makeLogger(label: String) -> Logger {
        Logger(label: label, level: logLevel, handler: StderrLogHandler(format: logFormat))
    }
}
