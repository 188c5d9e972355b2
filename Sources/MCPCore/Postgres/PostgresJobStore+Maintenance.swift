import AIOSPostgres

/// Compaction, observations and the webhook signing secrets of the PostgreSQL store.
extension PostgresJobStore {
    /// Nothing to fold: rows are the state (PostgreSQL's autovacuum reclaims old row versions).
    public func compact() async throws {}

    public func observations() async throws -> [JobObservation] {
        let graph = graph
        return try await readOnly { session in
            let rows = try session.execute("SELECT \(Self.jobColumnList) FROM aios_jobs ORDER BY ord")
            return try (0..<rows.count).map { JobObservation(record: try Self.decode(rows, $0, graph: graph).record) }
        }
    }

    /// Where the secrets live, for ``WebhookKeyring/Source/store(path:)`` and messages.
    var secretsLocation: String { "\(displayName) aios_meta.webhook_secrets" }

    public func webhookKeyring(environment: [String: String]) async throws -> WebhookKeyring {
        if let configured = try WebhookKeyring.fromEnvironment(environment) { return configured }
        let now = clock.nowMilliseconds()
        let location = secretsLocation
        return try await inTransaction { session in
            if let existing = try Self.readKeyring(session, location: location, locking: false) { return existing }
            let keyring = WebhookKeyring(entries: [.init(secret: .generate(), createdAt: now)], source: .store(path: location))
            // Another process may create it at the same moment: the first one's stays.
            try session.execute(
                "INSERT INTO aios_meta (key, value) VALUES ('webhook_secrets', $1) ON CONFLICT (key) DO NOTHING",
                [String(decoding: keyring.fileBytes(), as: UTF8.self)])
            guard let stored = try Self.readKeyring(session, location: location, locking: false) else {
                throw StoreError(.corrupt, "the webhook secrets vanished while being created", path: location)
            }
            return stored
        }
    }

    public func rotateWebhookSecret(grace: Duration) async throws -> WebhookKeyring {
        let now = clock.nowMilliseconds()
        let location = secretsLocation
        return try await inTransaction { session in
            let fresh = WebhookSecret.generate()
            let keyring =
                try Self.readKeyring(session, location: location, locking: true)?.rotated(to: fresh, at: now, grace: grace)
                ?? WebhookKeyring(entries: [.init(secret: fresh, createdAt: now)], source: .store(path: location))
            try session.execute(
                "INSERT INTO aios_meta (key, value) VALUES ('webhook_secrets', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [String(decoding: keyring.fileBytes(), as: UTF8.self)])
            return keyring
        }
    }

    static func readKeyring(_ session: PostgresSession, location: String, locking: Bool) throws -> WebhookKeyring? {
        let rows = try session.execute(
            "SELECT value FROM aios_meta WHERE key = 'webhook_secrets'\(locking ? " FOR UPDATE" : "")")
        guard let text = rows.rows.first?[0] ?? nil else { return nil }
        guard let keyring = WebhookKeyring.parse(fileBytes: Array(text.utf8), path: location) else {
            throw StoreError(.corrupt, "the webhook secrets in aios_meta are not valid", path: location)
        }
        return keyring
    }
}
