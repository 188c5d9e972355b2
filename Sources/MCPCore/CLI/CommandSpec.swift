/// A command of a command-line tool, described as data: its options, arguments and subcommands.
///
/// Parsing, `--help` text and "did you mean" suggestions are all generated from these values,
/// in the shape of swift-argument-parser, written by hand.
public struct CommandSpec: Sendable {
    public var name: String
    public var abstract: String
    public var discussion: String?
    public var options: [OptionSpec]
    public var arguments: [ArgumentSpec]
    public var subcommands: [CommandSpec]
    /// Extra checks across options, run after parsing and before `run` (e.g. mutually exclusive flags).
    public var validate: (@Sendable (ParsedCommand) throws(UsageError) -> Void)?
    public var run: (@Sendable (ParsedCommand) async -> ExitCode)?

    public init(
        name: String, abstract: String, discussion: String? = nil, options: [OptionSpec] = [],
        arguments: [ArgumentSpec] = [], subcommands: [CommandSpec] = [],
        validate: (@Sendable (ParsedCommand) throws(UsageError) -> Void)? = nil,
        run: (@Sendable (ParsedCommand) async -> ExitCode)? = nil
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.arguments = arguments
        self.subcommands = subcommands
        self.validate = validate
        self.run = run
    }
}

/// A named option: a flag (`--json`) or an option with a value (`--limit 10`, `--limit=10`).
public struct OptionSpec: Sendable {
    public var name: String
    public var short: Character?
    /// `nil` for a flag; the placeholder shown in help (e.g. `N`) for an option with a value.
    public var valueName: String?
    public var help: String
    /// Allowed values, checked at parse time and listed in help.
    public var choices: [String]?

    public init(_ name: String, short: Character? = nil, value valueName: String? = nil, choices: [String]? = nil, help: String) {
        self.name = name
        self.short = short
        self.valueName = valueName
        self.help = help
        self.choices = choices
    }

    public var isFlag: Bool { valueName == nil }
}

/// A positional argument.
public struct ArgumentSpec: Sendable {
    public var name: String
    public var help: String
    public var isOptional: Bool
    public var choices: [String]?

    public init(_ name: String, optional: Bool = false, choices: [String]? = nil, help: String) {
        self.name = name
        self.help = help
        self.isOptional = optional
        self.choices = choices
    }
}

/// The outcome of parsing: which command, and the values given to it.
public struct ParsedCommand: Sendable {
    /// The command path, e.g. `["aiosctl", "keys", "create"]`.
    public var path: [String]
    public var flags: Set<String>
    public var values: [String: String]
    public var arguments: [String: String]

    public init(path: [String], flags: Set<String> = [], values: [String: String] = [:], arguments: [String: String] = [:]) {
        self.path = path
        self.flags = flags
        self.values = values
        self.arguments = arguments
    }

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func value(_ name: String) -> String? { values[name] }
    public func argument(_ name: String) -> String? { arguments[name] }

    /// An integer option, or a usage error naming it.
    public func integer(_ name: String, default fallback: Int) throws(UsageError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else {
            throw UsageError("--\(name) expects a whole number, got '\(text)'", command: path)
        }
        return value
    }
}

/// A mistake in how a command was invoked: exit code 2, with a message and a hint.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var suggestion: String?
    public var command: [String]

    public init(_ message: String, suggestion: String? = nil, command: [String]) {
        self.message = message
        self.suggestion = suggestion
        self.command = command
    }

    public var description: String {
        var text = "error: \(message)"
        if let suggestion { text += "\n\(suggestion)" }
        text += "\nSee '\(command.joined(separator: " ")) --help'."
        return text
    }
}

/// Process exit codes of `aiosctl` (SPEC §8).
public struct ExitCode: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = ExitCode(rawValue: 0)
    public static let failure = ExitCode(rawValue: 1)
    public static let usage = ExitCode(rawValue: 2)
    public static let notFound = ExitCode(rawValue: 3)
    public static let unauthorized = ExitCode(rawValue: 4)
    public static let rateLimited = ExitCode(rawValue: 5)
    public static let storeError = ExitCode(rawValue: 6)
    public static let timedOut = ExitCode(rawValue: 7)
    public static let interrupted = ExitCode(rawValue: 130)

    /// The exit code for a product error.
    public init(_ error: AIOSError) {
        switch error.code {
        case .invalidInput: self = .usage
        case .unauthorized, .forbidden: self = .unauthorized
        case .rateLimited: self = .rateLimited
        case .jobNotFound, .keyNotFound: self = .notFound
        case .agentTimeout: self = .timedOut
        default: self = .failure
        }
    }
}
