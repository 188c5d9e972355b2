import AIOSPostgres

/// The PostgreSQL store's schema, versioned: migration N takes a database from schema N-1 to N.
/// `aiosctl store migrate` applies the missing ones (under an advisory lock, in one
/// transaction); opening a store refuses a database whose schema is older (run the command) or
/// newer than this build (upgrade aios). docs/store-format.md describes the tables.
enum PostgresSchema {
    /// The schema this build reads and writes.
    static let version = 3

    /// Statements per migration; index 0 is migration 1.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE aios_jobs (
              id text PRIMARY KEY,
              ord bigint NOT NULL UNIQUE,
              status text NOT NULL,
              owner text,
              idempotency_key text,
              lease_holder text,
              lease_expires_at bigint,
              fence bigint NOT NULL DEFAULT 0,
              created_at bigint NOT NULL,
              updated_at bigint NOT NULL,
              finished_at bigint,
              webhook_due_at bigint,
              webhook_unfinished boolean NOT NULL DEFAULT false,
              has_webhook_deliveries boolean NOT NULL DEFAULT false,
              record bytea NOT NULL)
            """,
            // Idempotency keys are scoped to the owner (NULL, the store's owner, counts as one owner).
            "CREATE UNIQUE INDEX aios_jobs_idempotency ON aios_jobs ((coalesce(owner, '')), idempotency_key) WHERE idempotency_key IS NOT NULL",
            "CREATE INDEX aios_jobs_active ON aios_jobs (ord) WHERE status IN ('queued', 'running')",
            "CREATE INDEX aios_jobs_by_status ON aios_jobs (status, ord)",
            "CREATE INDEX aios_jobs_webhooks ON aios_jobs (webhook_due_at) WHERE webhook_unfinished",
            "CREATE SEQUENCE aios_job_order",
            """
            CREATE TABLE aios_events (
              seq bigserial PRIMARY KEY,
              job_id text NOT NULL,
              at bigint NOT NULL,
              type text NOT NULL,
              body bytea NOT NULL)
            """,
            "CREATE INDEX aios_events_job ON aios_events (job_id, seq)",
            """
            CREATE TABLE aios_artifacts (
              path text PRIMARY KEY,
              job_id text NOT NULL,
              sha256 text NOT NULL,
              body bytea NOT NULL)
            """,
            "CREATE INDEX aios_artifacts_job ON aios_artifacts (job_id)",
            // API keys: the key journal's events, folded by KeyStateMachine (docs/store-format.md).
            """
            CREATE TABLE aios_key_events (
              seq bigserial PRIMARY KEY,
              at bigint NOT NULL,
              durable boolean NOT NULL,
              body bytea NOT NULL)
            """,
            // Rate limits: one row per admitted call while inside the day window, per bucket
            // (key id and its limits), and each bucket's last use.
            "CREATE TABLE aios_rate_calls (bucket text NOT NULL, at bigint NOT NULL)",
            "CREATE INDEX aios_rate_calls_bucket ON aios_rate_calls (bucket, at)",
            "CREATE TABLE aios_rate_buckets (bucket text PRIMARY KEY, last_admitted bigint NOT NULL, last_used bigint NOT NULL)",
        ],
        // 2: the model response cache (`PostgresResponseCache`), the file store's `model-cache/`.
        [
            "CREATE TABLE aios_model_cache (key text PRIMARY KEY, value text NOT NULL, created_at bigint NOT NULL)",
        ],
        // 3: process metrics and heartbeats (`PostgresMetricsSink`), the file store's `metrics/`.
        [
            "CREATE TABLE aios_metrics (id text PRIMARY KEY, body text NOT NULL, stopped boolean NOT NULL, updated_at bigint NOT NULL)",
            "CREATE TABLE aios_metrics_retired (only_row boolean PRIMARY KEY CHECK (only_row), body text NOT NULL)",
        ],
    ]

    /// The advisory lock key migrations hold (`pg_advisory_xact_lock`): "aios" in ASCII.
    static let migrationLock = "1634299763"

    /// The schema version of the database, 0 when it has no aios tables.
    static func installedVersion(_ session: PostgresSession) throws(PostgresError) -> Int {
        let table = try session.execute("SELECT to_regclass('aios_meta') IS NOT NULL AS present")
        guard table[0, "present"] == "t" else { return 0 }
        let rows = try session.execute("SELECT value FROM aios_meta WHERE key = 'schema_version'")
        guard !rows.isEmpty, let text = rows[0, "value"], let version = Int(text) else {
            throw PostgresError(.protocolViolation, "aios_meta has no valid schema_version: the database is damaged")
        }
        return version
    }

    /// Applies the missing migrations.
    ///
    /// - Returns: The schema version before and after.
    /// - Throws: ``StoreError`` `.unsupportedFormat` when the database is newer than this build.
    static func migrate(_ connection: PostgresConnection) async throws -> (from: Int, to: Int) {
        try await connection.transaction { session throws -> (from: Int, to: Int) in
            try session.execute("SELECT pg_advisory_xact_lock(\(migrationLock))")
            let installed = try installedVersion(session)
            if installed > version { throw newerThanThisBuild(installed) }
            if installed == 0 {
                try session.execute("CREATE TABLE aios_meta (key text PRIMARY KEY, value text NOT NULL)")
                try session.execute("INSERT INTO aios_meta (key, value) VALUES ('schema_version', '0')")
            }
            for migration in installed..<version {
                for statement in migrations[migration] { try session.execute(statement) }
            }
            try session.execute("UPDATE aios_meta SET value = $1 WHERE key = 'schema_version'", [String(version)])
            return (installed, version)
        }
    }

    /// Refuses a database this build cannot use.
    static func check(_ session: PostgresSession) throws {
        let installed = try installedVersion(session)
        if installed > version { throw newerThanThisBuild(installed) }
        if installed < version {
            throw StoreError(
                .unsupportedFormat,
                installed == 0
                    ? "the database has no aios schema yet: run `aiosctl store migrate` with AIOS_STORE set to it"
                    : "the database's aios schema is version \(installed), this aios needs \(version): run `aiosctl store migrate`")
        }
    }

    static func newerThanThisBuild(_ installed: Int) -> StoreError {
        StoreError(
            .unsupportedFormat,
            "the database's aios schema is version \(installed), newer than this aios understands (\(version)): "
                + "upgrade aios; nothing was changed")
    }
}
