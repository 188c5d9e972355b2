/// Parses `argv` against a tree of ``CommandSpec``s.
public enum CommandLineParser {
    /// What the command line asks for.
    public enum Outcome: Sendable {
        /// Run `command` with these values.
        case run(CommandSpec, ParsedCommand)
        /// Print this help text to stdout and exit 0.
        case help(String)
        /// A usage mistake: print it to stderr and exit 2.
        case usageError(UsageError)
    }

    /// Parses `arguments` (without the program name) for `root`.
    public static func parse(_ arguments: [String], root: CommandSpec) -> Outcome {
        var command = root
        var path = [root.name]
        var index = 0
        // Descend through subcommand names first.
        while index < arguments.count, !command.subcommands.isEmpty {
            let token = arguments[index]
            if token == "--help" || token == "-h" || token == "help" {
                if token == "help", index + 1 < arguments.count,
                    let sub = command.subcommands.first(where: { $0.name == arguments[index + 1] })
                {
                    return .help(HelpFormatter.help(for: sub, path: path + [sub.name]))
                }
                return .help(HelpFormatter.help(for: command, path: path))
            }
            if token.hasPrefix("-") { break }
            guard let sub = command.subcommands.first(where: { $0.name == token }) else {
                return .usageError(UsageError(
                    "unknown command '\(token)' for '\(path.joined(separator: " "))'",
                    suggestion: Suggestion.didYouMean(token, among: command.subcommands.map(\.name)),
                    command: path))
            }
            command = sub
            path.append(sub.name)
            index += 1
        }
        if command.run == nil {
            if arguments.isEmpty || (index < arguments.count && (arguments[index] == "--help" || arguments[index] == "-h")) {
                return .help(HelpFormatter.help(for: command, path: path))
            }
            let names = command.subcommands.map(\.name).joined(separator: ", ")
            return .usageError(UsageError("'\(path.joined(separator: " "))' needs a subcommand: \(names)", command: path))
        }
        var parsed = ParsedCommand(path: path)
        var positionals: [String] = []
        var onlyPositionals = false
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if onlyPositionals || token == "-" || !token.hasPrefix("-") {
                positionals.append(token)
                continue
            }
            if token == "--" {
                onlyPositionals = true
                continue
            }
            if token == "--help" || token == "-h" {
                return .help(HelpFormatter.help(for: command, path: path))
            }
            var name: String
            var inlineValue: String?
            if token.hasPrefix("--") {
                name = String(token.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
            } else {
                let shorts = Array(token.dropFirst())
                guard shorts.count == 1, let option = command.options.first(where: { $0.short == shorts[0] }) else {
                    return .usageError(UsageError(
                        "unknown option '\(token)'",
                        suggestion: Suggestion.didYouMean(token, among: command.options.map { "--" + $0.name }),
                        command: path))
                }
                name = option.name
            }
            guard let option = command.options.first(where: { $0.name == name }) else {
                return .usageError(UsageError(
                    "unknown option '--\(name)'",
                    suggestion: Suggestion.didYouMean("--" + name, among: command.options.map { "--" + $0.name }),
                    command: path))
            }
            if option.isFlag {
                if inlineValue != nil {
                    return .usageError(UsageError("option '--\(name)' takes no value", command: path))
                }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count {
                value = arguments[index]
                index += 1
            } else {
                return .usageError(UsageError(
                    "option '--\(name)' needs a value (\(option.valueName ?? "value"))", command: path))
            }
            if let choices = option.choices, !choices.contains(value) {
                return .usageError(UsageError(
                    "'\(value)' is not a valid value for '--\(name)'; choose one of: \(choices.joined(separator: ", "))",
                    suggestion: Suggestion.didYouMean(value, among: choices), command: path))
            }
            parsed.values[name] = value
        }
        let required = command.arguments.filter { !$0.isOptional }
        if positionals.count < required.count {
            let missing = required[positionals.count...].map { "<\($0.name)>" }.joined(separator: " ")
            return .usageError(UsageError("missing argument \(missing)", command: path))
        }
        if positionals.count > command.arguments.count {
            let extra = positionals[command.arguments.count...].joined(separator: " ")
            return .usageError(UsageError("unexpected argument '\(extra)'", command: path))
        }
        for (spec, value) in zip(command.arguments, positionals) {
            if let choices = spec.choices, !choices.contains(value) {
                return .usageError(UsageError(
                    "'\(value)' is not a valid <\(spec.name)>; choose one of: \(choices.joined(separator: ", "))",
                    suggestion: Suggestion.didYouMean(value, among: choices), command: path))
            }
            parsed.arguments[spec.name] = value
        }
        if let validate = command.validate {
            do { try validate(parsed) } catch { return .usageError(error) }
        }
        return .run(command, parsed)
    }
}
