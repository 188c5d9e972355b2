#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The command line of an internal helper program (`aios-webhook`, `aios-llm`): a process that
/// aiosctl or aios-mcp starts per attempt, reads one request on stdin and takes no arguments.
public struct HelperProgram: Sendable {
    /// The program's name, which starts every message it writes on stderr.
    public let name: String

    /// Ignores SIGPIPE (a parent that went away is seen as a failed write), answers `--help` or
    /// `-h` with `usage` on stdout and exits 0, and refuses any other argument.
    public init(name: String, usage: String) {
        self.name = name
        signal(SIGPIPE, SIG_IGN)
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.contains("--help") || arguments.contains("-h") {
            POSIXIO.writeAll(1, Array(usage.utf8))
            exit(0)
        }
        if let first = arguments.first { refuse("unexpected argument '\(first)'\n\n" + usage) }
    }

    /// Says what is wrong on stderr and exits with status 2 (an invalid request).
    public func refuse(_ message: String) -> Never {
        POSIXIO.writeAll(2, Array("\(name): \(message)\n".utf8))
        exit(2)
    }
}
