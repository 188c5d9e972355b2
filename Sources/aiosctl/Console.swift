import MCPCore
import AIOSSystem

/// Where aiosctl writes: data to stdout, messages to stderr.
enum Console {
    /// Writes `text` to stdout as is.
    static func out(_ text: String) { write(1, text) }

    /// Writes `text` and a newline to stdout.
    static func line(_ text: String) { write(1, text + "\n") }

    /// Writes a message line to stderr.
    static func message(_ text: String) { write(2, text + "\n") }

    /// Writes text to stderr as is (for redrawn progress lines).
    static func messageRaw(_ text: String) { write(2, text) }

    /// Writes an error message to stderr.
    static func error(_ text: String) { write(2, "error: " + text + "\n") }

    /// Prints a JSON value to stdout, one compact line (machine-readable output).
    static func json(_ value: JSONValue) { line(value.jsonText) }

    /// Whether stdout / stderr is a terminal.
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Whether colour may be used on stderr (a terminal, and `NO_COLOR` unset or empty).
    static var colorEnabled: Bool {
        guard stderrIsTerminal else { return false }
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        return true
    }

    private static func write(_ fd: Int32, _ text: String) { POSIXIO.writeAll(fd, Array(text.utf8)) }
}

/// Reports a product error the CLI way and returns its exit code.
func fail(_ error: AIOSError, json: Bool) -> ExitCode {
    if json {
        Console.json(["error": ["code": .string(error.code.rawValue), "message": .string(error.message), "details": error.details]])
    }
    Console.error("\(error.code.rawValue): \(error.message)")
    return ExitCode(error)
}
