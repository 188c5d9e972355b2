import AIOSCrypto
import AIOSPostgres

/// The PostgreSQL store's side of `aiosctl store copy`: reading a whole database as
/// ``StoreContents`` (one `REPEATABLE READ` transaction, so one consistent view), and writing
/// contents into an empty one in one transaction that also reads them back and compares before
/// it commits: a copy that fails anywhere leaves the database as it was.
enum PostgresStoreContents {
    /// The tables holding aios data (`aios_meta` holds the schema version too).
    static let dataTables = ["aios_jobs", "aios_events", "aios_artifacts", "aios_key_events", "aios_rate_calls", "aios_rate_buckets"]

    /// Connects and checks the schema: a database without aios tables is migrated first when
    /// `migrating` (that creates empty tables, nothing else); an older or newer schema is refused.
    static func connect(_ url: String, migrating: Bool) async throws -> PostgresConnection {
        let name = PostgresJobStore.redacted(url)
        return try await PostgresJobStore.translated(name) {
            let connection = try await PostgresConnection.connect(url, label: "aios.postgres.copy")
            do {
                let installed = try await connection.run { session in try PostgresSchema.installedVersion(session) }
                if installed == 0 && migrating {
                    _ = try await PostgresSchema.migrate(connection)
                } else {
                    try await connection.run { session in try PostgresSchema.check(session) }
                }
                return connection
            } catch {
                connection.close()
                throw error
            }
        }
    }

    /// Reads everything, each artifact checked against its SHA-256.
    static func read(_ url: String, graph: PhaseGraph) async throws -> StoreContents {
        let connection = try await connect(url, migrating: false)
        defer { connection.close() }
        let name = PostgresJobStore.redacted(url)
        return try await PostgresJobStore.translated(name) {
            try await connection.transaction(isolation: "REPEATABLE READ READ ONLY") { session in try read(session, name: name, graph: graph) }
        }
    }

    /// Reads everything inside `session`'s transaction.
    static func read(_ session: PostgresSession, name: String, graph: PhaseGraph) throws -> StoreContents {
        var contents = StoreContents()
        let jobs = try session.execute("SELECT id, fence, record FROM aios_jobs ORDER BY ord")
        for index in 0..<jobs.count { contents.jobs.append(try PostgresJobStore.decode(jobs, index, graph: graph).record) }
        let order = try session.execute("SELECT last_value, is_called FROM aios_job_order")
        let last = order[0, "last_value"].flatMap { UInt64($0) } ?? 0
        contents.sequence = max(order[0, "is_called"] == "t" ? last + 1 : last, (contents.jobs.map(\.order).max() ?? 0) + 1)
        if contents.jobs.isEmpty && order[0, "is_called"] != "t" { contents.sequence = 0 }
        let artifacts = try session.execute("SELECT path, job_id, sha256, body FROM aios_artifacts ORDER BY path")
        var stored: [String: StoredArtifact] = [:]
        for index in 0..<artifacts.count {
            guard let path = artifacts[index, "path"], let job = artifacts[index, "job_id"], let sha = artifacts[index, "sha256"],
                let body = artifacts[index, "body"]
            else { throw StoreError(.corrupt, "a row of aios_artifacts lacks a column (store \(name))") }
            let bytes = try PostgresText.bytes(body)
            guard Hex.encode(SHA256.hash(bytes)) == sha else {
                throw StoreError(.corrupt, "artifact \(path) does not match its recorded SHA-256 (store \(name))", path: path)
            }
            stored[path] = StoredArtifact(path: path, jobID: job, sha256: sha, bytes: bytes)
        }
        // Only what a job refers to is part of the store (the file store's gc removes the rest).
        for (_, reference) in contents.referencedArtifacts {
            guard let artifact = stored[reference.path] else {
                throw StoreError(.corrupt, "artifact \(reference.path) is missing from aios_artifacts (store \(name))", path: reference.path)
            }
            guard artifact.sha256 == reference.sha256 else {
                throw StoreError(.corrupt, "artifact \(reference.path) does not match its recorded SHA-256 (store \(name))", path: reference.path)
            }
            contents.artifacts.append(artifact)
        }
        contents.artifacts.sort { $0.path < $1.path }
        let keys = try session.execute("SELECT body FROM aios_key_events ORDER BY seq")
        for index in 0..<keys.count {
            guard let body = keys[index, "body"] else { throw StoreError(.corrupt, "a row of aios_key_events lacks its body") }
            contents.keyEvents.append(try PostgresText.bytes(body))
        }
        let buckets = try session.execute("SELECT bucket, last_admitted, last_used FROM aios_rate_buckets ORDER BY bucket")
        for index in 0..<buckets.count {
            guard let bucket = buckets[index, "bucket"], let admitted = buckets[index, "last_admitted"].flatMap({ Int64($0) }),
                let used = buckets[index, "last_used"].flatMap({ Int64($0) })
            else { throw StoreError(.corrupt, "a row of aios_rate_buckets lacks a column") }
            var state = RateLimitState(bucket: bucket, calls: [], lastAdmitted: admitted, lastUsed: used)
            let perDay = state.limits?.perDay ?? Int.max
            let calls = try session.execute(
                "SELECT at FROM (SELECT at FROM aios_rate_calls WHERE bucket = $1 ORDER BY at DESC LIMIT $2) newest ORDER BY at",
                [bucket, String(min(perDay, Int(Int32.max)))])
            state.calls = calls.rows.compactMap { $0[0].flatMap { Int64($0) } }
            contents.rateLimits.append(state)
        }
        let secrets = try session.execute("SELECT value FROM aios_meta WHERE key = 'webhook_secrets'")
        if let value = secrets.rows.first?[0] ?? nil { contents.webhookSecrets = Array(value.utf8) }
        return contents
    }

    /// Writes `contents` into the database at `url` in one transaction, refusing one that holds
    /// any aios data; reads everything back in the same transaction and commits only when it
    /// equals `contents` (``StoreContents/differences(from:)``).
    static func write(_ contents: StoreContents, to url: String, graph: PhaseGraph) async throws {
        let connection = try await connect(url, migrating: true)
        defer { connection.close() }
        let name = PostgresJobStore.redacted(url)
        let box = SendableBox(contents)
        try await PostgresJobStore.translated(name) {
            try await connection.transaction { session in
                let contents = box.value
                // No other writer may add data between the check and the commit.
                try session.execute("LOCK TABLE \((dataTables + ["aios_meta"]).joined(separator: ", ")) IN EXCLUSIVE MODE")
                let found = try holdings(session)
                guard found.isEmpty else {
                    throw StoreError(
                        .io,
                        "\(name) already holds aios data (\(found.joined(separator: ", "))): copy only into an empty store; nothing was changed",
                        path: name)
                }
                for record in contents.jobs {
                    guard try PostgresJobStore.insert(record, session) else {
                        throw StoreError(.corrupt, "job \(record.id) appears twice, or its idempotency key does (copying into \(name))")
                    }
                }
                if let highest = contents.jobs.map(\.order).max() {
                    try session.execute("SELECT setval('aios_job_order', $1, true)", [String(max(highest, contents.sequence > 0 ? contents.sequence - 1 : 0, 1))])
                }
                for artifact in contents.artifacts {
                    try session.execute(
                        "INSERT INTO aios_artifacts (path, job_id, sha256, body) VALUES ($1, $2, $3, $4)",
                        [artifact.path, artifact.jobID, artifact.sha256, PostgresText.bytea(artifact.bytes)])
                }
                for payload in contents.keyEvents {
                    let event: KeyEvent
                    do { event = try KeyEvent(payload: payload) } catch {
                        throw StoreError(.corrupt, "a key event of the source is not valid: \(error)")
                    }
                    try session.execute(
                        "INSERT INTO aios_key_events (at, durable, body) VALUES ($1, $2, $3)",
                        [String(event.at), "t", PostgresText.bytea(payload)])
                }
                for state in contents.rateLimits {
                    try session.execute(
                        "INSERT INTO aios_rate_buckets (bucket, last_admitted, last_used) VALUES ($1, $2, $3)",
                        [state.bucket, String(state.lastAdmitted), String(state.lastUsed)])
                    for call in state.calls {
                        try session.execute("INSERT INTO aios_rate_calls (bucket, at) VALUES ($1, $2)", [state.bucket, String(call)])
                    }
                }
                if let secrets = contents.webhookSecrets {
                    guard let text = String(validating: secrets, as: UTF8.self) else {
                        throw StoreError(.corrupt, "the source's webhook secrets are not UTF-8 text")
                    }
                    try session.execute("INSERT INTO aios_meta (key, value) VALUES ('webhook_secrets', $1)", [text])
                }
                let written = try read(session, name: name, graph: graph)
                let differences = written.differences(from: contents)
                guard differences.isEmpty else {
                    throw StoreError(
                        .corrupt, "the copy in \(name) does not read back as the source (\(differences.prefix(5).joined(separator: "; "))); nothing was committed")
                }
                try session.execute("SELECT pg_notify('\(PostgresJobStore.channel)', '')")
            }
        }
    }

    /// Which kinds of aios data the database holds, empty when none.
    static func holdings(_ session: PostgresSession) throws -> [String] {
        var found: [String] = []
        for table in dataTables {
            let rows = try session.execute("SELECT EXISTS (SELECT 1 FROM \(table)) AS present")
            if rows[0, "present"] == "t" { found.append(table) }
        }
        let secrets = try session.execute("SELECT EXISTS (SELECT 1 FROM aios_meta WHERE key = 'webhook_secrets') AS present")
        if secrets[0, "present"] == "t" { found.append("webhook secrets") }
        return found
    }
}
