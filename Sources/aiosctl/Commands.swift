import MCPCore

/// The aiosctl command tree: one table, from which parsing, help and completions are generated.
enum Commands {
    static let root: CommandSpec = CommandSpec(
        name: "aiosctl",
        abstract: "Drive aios from a terminal or a script: agents, jobs, artifacts, keys and health.",
        discussion: "Data goes to stdout, messages to stderr; --json gives machine-readable output.\nExit codes: 0 ok, 1 job or check failed, 2 usage, 3 not found, 4 unauthorized, 5 rate limited, 6 store error, 7 timed out, 130 interrupted.",
        subcommands: [
            JobCommands.submit, WorkerCommands.run, JobCommands.status, JobCommands.tail, JobCommands.wait, JobCommands.jobs,
            JobCommands.cancel, JobCommands.retry, JobCommands.artifact, ReportCommand.spec, CallCommand.spec, KeyCommands.group, WorkerCommands.worker,
            StoreCommands.group, WebhookCommands.group, EngineCommands.group, ObservabilityCommands.health, ObservabilityCommands.metrics,
            ObservabilityCommands.stats, version, completion,
        ])

    static let version: CommandSpec = CommandSpec(
        name: "version", abstract: "Print the aios version.",
        options: [OptionSpec("json", help: "Print as JSON.")],
        run: { parsed in
            if parsed.flag("json") {
                Console.json(["version": .string(AIOSVersion.current)])
            } else {
                Console.line("aiosctl \(AIOSVersion.current)")
            }
            return .success
        })

    static let completion: CommandSpec = CommandSpec(
        name: "completion", abstract: "Print a shell completion script.",
        discussion: "bash: source <(aiosctl completion bash)\nzsh:  aiosctl completion zsh > \"${fpath[1]}/_aiosctl\"\nfish: aiosctl completion fish > ~/.config/fish/completions/aiosctl.fish",
        arguments: [ArgumentSpec("shell", choices: CompletionScript.Shell.allCases.map(\.rawValue), help: "The shell.")],
        run: { parsed in
            guard let shell = parsed.argument("shell").flatMap(CompletionScript.Shell.init(rawValue:)) else { return .usage }
            Console.out(CompletionScript.generate(for: shell, root: Commands.root))
            return .success
        })
}
