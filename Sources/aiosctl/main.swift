import MCPCore
import AIOSSystem

// aiosctl: the command-line interface. Parsing and help come from the command table in
// Commands.swift; behaviour lives in MCPCore.

signal(SIGPIPE, SIG_IGN)

let root = Commands.root
switch CommandLineParser.parse(Array(CommandLine.arguments.dropFirst()), root: root) {
case .help(let text):
    Console.out(text)
    exit(ExitCode.success.rawValue)
case .usageError(let error):
    Console.message(error.description)
    exit(ExitCode.usage.rawValue)
case .run(let command, let parsed):
    guard let run = command.run else { exit(ExitCode.usage.rawValue) }
    let code = await run(parsed)
    exit(code.rawValue)
}
