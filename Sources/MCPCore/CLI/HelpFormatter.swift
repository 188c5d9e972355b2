/// Generates `--help` text from a ``CommandSpec``.
public enum HelpFormatter {
    public static func help(for command: CommandSpec, path: [String]) -> String {
        var lines: [String] = []
        lines.append("OVERVIEW: \(command.abstract)")
        if let discussion = command.discussion { lines += ["", discussion] }
        lines += ["", "USAGE: \(usage(for: command, path: path))"]
        if !command.arguments.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for argument in command.arguments {
                var help = argument.help
                if let choices = argument.choices { help += " (\(choices.joined(separator: "|")))" }
                lines.append(row("<\(argument.name)>", help))
            }
        }
        lines += ["", "OPTIONS:"]
        for option in command.options {
            var label = option.short.map { "-\($0), " } ?? ""
            label += "--\(option.name)"
            if let valueName = option.valueName { label += " <\(valueName)>" }
            var help = option.help
            if let choices = option.choices { help += " (\(choices.joined(separator: "|")))" }
            lines.append(row(label, help))
        }
        lines.append(row("-h, --help", "Show help information."))
        if !command.subcommands.isEmpty {
            lines += ["", "SUBCOMMANDS:"]
            for sub in command.subcommands { lines.append(row(sub.name, sub.abstract)) }
            lines += ["", "  See '\(path.joined(separator: " ")) help <subcommand>' for detailed help."]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The one-line synopsis, e.g. `aiosctl wait <job> [--timeout <duration>]`.
    public static func usage(for command: CommandSpec, path: [String]) -> String {
        var parts = [path.joined(separator: " ")]
        if !command.subcommands.isEmpty && command.run == nil { parts.append("<subcommand>") }
        for argument in command.arguments {
            parts.append(argument.isOptional ? "[<\(argument.name)>]" : "<\(argument.name)>")
        }
        for option in command.options {
            parts.append(option.valueName.map { "[--\(option.name) <\($0)>]" } ?? "[--\(option.name)]")
        }
        return parts.joined(separator: " ")
    }

    private static func row(_ label: String, _ help: String) -> String {
        let padded = "  " + label
        if padded.count >= 28 { return padded + "\n" + String(repeating: " ", count: 28) + help }
        return padded + String(repeating: " ", count: 28 - padded.count) + help
    }
}
