import MCPCore

/// `aiosctl store verify|compact|gc`: maintenance of the shared store.
enum StoreCommands {
    static let verify = CommandSpec(
        name: "verify", abstract: "Check every record and artifact of the store; exit 1 on damage.",
        options: [OptionSpec("json", help: "Print the report as JSON.")],
        run: { parsed in
            let json = parsed.flag("json")
            do {
                let configuration = try StoreConfiguration.fromEnvironment(Environment.current())
                let report = try await StoreFactory.verify(configuration)
                let damaged = report.problems.contains { $0.severity == .damage }
                if json {
                    Console.json([
                        "directory": .string(report.directory), "ok": .bool(!damaged),
                        "format_version": .integer(Int(report.formatVersion)), "generation": .int(Int64(report.generation)),
                        "jobs": .integer(report.jobs), "journal_records": .integer(report.journalRecords),
                        "journal_bytes": .int(report.journalBytes), "artifacts_checked": .integer(report.artifactsChecked),
                        "problems": .array(report.problems.map(\.json)),
                    ])
                } else {
                    Console.line("\(report.directory): format \(report.formatVersion), generation \(report.generation), \(report.jobs) jobs, \(report.journalRecords) journal records, \(report.artifactsChecked) artifacts checked")
                    for problem in report.problems { Console.line("  \(problem)") }
                    Console.line(damaged ? "DAMAGED" : "ok")
                }
                return damaged ? .failure : .success
            } catch {
                Console.error("store: \(error)")
                return .storeError
            }
        })

    static let compact = CommandSpec(
        name: "compact", abstract: "Fold the journal into a new snapshot (also happens by itself).",
        run: { _ in
            await withSession(json: false) { session in
                try await session.store.compact()
                Console.message("compacted")
                return .success
            }
        })

    static let gc = CommandSpec(
        name: "gc", abstract: "Delete finished jobs older than the retention, with their artifacts.",
        options: [OptionSpec("retention", value: "duration", help: "Keep finished jobs this long (default 7d).")],
        validate: { parsed throws(UsageError) in
            if let text = parsed.value("retention"), DurationText.parse(text) == nil {
                throw UsageError("--retention expects a duration like 7d or 12h, got '\(text)'", command: parsed.path)
            }
        },
        run: { parsed in
            await withSession(json: false) { session in
                let retention = parsed.value("retention").flatMap(DurationText.parse) ?? .seconds(7 * 86400)
                let deleted = try await session.store.collectGarbage(retention: retention)
                Console.message("deleted \(deleted) job\(deleted == 1 ? "" : "s")")
                return .success
            }
        })

    static let group = CommandSpec(
        name: "store", abstract: "Verify, compact or garbage-collect the store.", subcommands: [verify, compact, gc])
}
