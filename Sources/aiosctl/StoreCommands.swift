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

    static let migrate = CommandSpec(
        name: "migrate", abstract: "Bring a PostgreSQL store's schema (AIOS_STORE=postgres://…) up to this aios.",
        discussion: "Applies the schema migrations this aios knows, in one transaction under an advisory lock, so running it from several machines at once is safe; a database whose schema is newer than this aios is refused and left as it is. A file store needs no migration.",
        run: { _ in
            guard let url = Environment.current()["AIOS_STORE"], PostgresJobStore.isPostgresURL(url) else {
                Console.message("AIOS_STORE is not a postgres:// URL: the file store needs no migration")
                return .success
            }
            do {
                let (from, to) = try await PostgresJobStore.migrate(url)
                Console.message(
                    from == to ? "schema already at version \(to)" : "schema migrated from version \(from) to \(to)")
                return .success
            } catch let error as StoreError {
                return storeFailure(error, json: false)
            } catch {
                Console.error("store: \(error)")
                return .storeError
            }
        })

    static let group = CommandSpec(
        name: "store", abstract: "Verify, compact, garbage-collect, migrate or copy the store.",
        subcommands: [verify, compact, gc, migrate, StoreCopyCommand.spec])
}
