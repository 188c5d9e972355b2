import MCPCore

/// `aiosctl store copy --from A --to B`: moves a whole store between a directory and a
/// PostgreSQL database (either way), verified (docs/store-format.md, "Copying a store").
enum StoreCopyCommand {
    static let spec = CommandSpec(
        name: "copy", abstract: "Copy a whole store between a directory and postgres://… (either way), verified.",
        discussion: """
            Copies jobs (every record with its phases, attempts, errors, leases and webhook deliveries), artifacts (digests checked), API keys with their audit history, rate-limit windows and webhook signing secrets. The destination must be a new or empty directory, or a database without aios data (one without the aios schema is migrated first). Nothing is left half-written: a directory is built beside the destination and renamed into place only once it reads back equal to the source; a database is written in one transaction that reads everything back and compares before it commits. Afterwards the destination is read again and compared. Stop writers first: the source is read in one consistent view (a file store under its shared lock), but changes made after that view are not copied.
            """,
        options: [
            OptionSpec("from", value: "DIR|URL", help: "The store to copy: a store directory or a postgres:// URL."),
            OptionSpec("to", value: "DIR|URL", help: "Where to copy it: a new or empty directory, or a postgres:// URL of an empty database."),
            OptionSpec("json", help: "Print the summary as JSON."),
        ],
        validate: { parsed throws(UsageError) in
            guard let from = parsed.value("from"), !from.isEmpty else { throw UsageError("--from is required", command: parsed.path) }
            guard let to = parsed.value("to"), !to.isEmpty else { throw UsageError("--to is required", command: parsed.path) }
            if from == to { throw UsageError("--from and --to name the same store (\(StoreCopy.Location(from))): nothing to copy", command: parsed.path) }
        },
        run: { parsed in
            let json = parsed.flag("json")
            let source = StoreCopy.Location(parsed.value("from") ?? "")
            let destination = StoreCopy.Location(parsed.value("to") ?? "")
            do {
                let report = try await StoreCopy.copy(from: source, to: destination)
                if json {
                    Console.json([
                        "ok": .bool(report.verified), "verified": .bool(report.verified),
                        "from": ["backend": .string(source.backend), "location": .string(report.source)],
                        "to": ["backend": .string(destination.backend), "location": .string(report.destination)],
                        "jobs": .integer(report.jobs),
                        "jobs_by_status": .object(JSONObject(report.jobsByStatus.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
                        "artifacts": .integer(report.artifacts), "artifact_bytes": .integer(report.artifactBytes),
                        "keys": .integer(report.keys), "key_events": .integer(report.keyEvents),
                        "rate_limit_buckets": .integer(report.rateLimitBuckets),
                        "webhook_deliveries": .integer(report.webhookDeliveries), "webhook_secrets": .bool(report.webhookSecrets),
                    ])
                } else {
                    let statuses = report.jobsByStatus.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                    Console.line("copied \(report.source) (\(source.backend)) to \(report.destination) (\(destination.backend))")
                    Console.line("  jobs: \(report.jobs)\(statuses.isEmpty ? "" : " (\(statuses))")")
                    Console.line("  artifacts: \(report.artifacts) (\(report.artifactBytes) bytes, digests checked)")
                    Console.line("  keys: \(report.keys) (\(report.keyEvents) audit events)")
                    Console.line("  rate-limit windows: \(report.rateLimitBuckets)")
                    Console.line("  webhook deliveries: \(report.webhookDeliveries); signing secrets: \(report.webhookSecrets ? "yes" : "none")")
                    Console.line("verified: the destination reads back equal to the source")
                }
                return .success
            } catch let error as StoreError {
                return storeFailure(error, json: json)
            } catch let error as AIOSError {
                if json { Console.json(["error": ["code": .string(error.code.rawValue), "message": .string(error.message)]]) }
                Console.error("store copy: \(error.message)")
                return .usage
            } catch {
                Console.error("store copy: \(error)")
                return .storeError
            }
        })
}
