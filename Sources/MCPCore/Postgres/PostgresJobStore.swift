import AIOSCrypto
import AIOSJSON
import AIOSPostgres
import Synchronization

/// The job store in PostgreSQL (`AIOS_STORE=postgres://…`): the same ``JobStoreBackend`` as the
/// file journal, for workers and submitters on several machines.
///
/// Each job is one row of `aios_jobs`: the indexed columns a query needs (status, order, owner,
/// idempotency key, lease, webhook due time) and the whole `JobRecord` in the snapshot codec's
/// entry format. Every change locks the job's row (`FOR UPDATE`, `SKIP LOCKED` for claims),
/// loads it into a one-job ``JobStateMachine``, lets the machine decide and apply, and writes
/// the row back with the events (`aios_events`) in one transaction; so the machine stays the
/// one place that decides, and both backends behave alike (`JobStoreConformanceTests`).
///
/// Fencing: each claim increments the row's `fence` (the job's claim number). A store
/// remembers the fence of each claim it made, and a worker's later writes are conditional on it
/// (`WHERE fence = $n`): a worker whose lease was taken over cannot write, even if the new
/// holder has the same worker name. Artifacts are written in the same transaction as the phase's
/// completion, so a refused worker leaves nothing behind.
///
/// Wake-ups: each change `NOTIFY`s `aios_jobs`; ``waitForChange(after:timeout:)`` listens
/// (``PostgresListener``) and polls every `changePollInterval` as the fallback.
public final class PostgresJobStore: JobStoreBackend, Sendable {
    /// The connection string with any password removed, for messages.
    public let displayName: String
    /// The pipeline's phases, which jobs run and records, events and artifacts name. Methods copy
    /// it into a local before their queries: a closure run on a connection's queue must not hold
    /// the store, or its last release there would run `deinit`, which closes the connections
    /// synchronously on their own queues.
    let graph: PhaseGraph
    public var phaseGraph: PhaseGraph { graph }
    let clock: any JobClock
    let options: JobStoreOptions
    private let connections: [PostgresConnection]
    private let nextConnection = Atomic<Int>(0)
    private let listener: PostgresListener?
    private let waiters = ChangeWaiters()
    /// The fence of every claim this store made and still holds: "job|worker" → fence.
    private let fences = Mutex<[String: Int64]>([:])

    static let channel = "aios_jobs"

    private init(
        displayName: String, conninfo: String, connections: [PostgresConnection], graph: PhaseGraph, clock: any JobClock,
        options: JobStoreOptions, listens: Bool
    ) throws {
        self.displayName = displayName
        self.graph = graph
        self.connections = connections
        self.clock = clock
        self.options = options
        let waiters = self.waiters
        listener = listens ? try PostgresListener(conninfo: conninfo, channel: Self.channel) { waiters.notifyAll() } : nil
    }

    deinit {
        listener?.stop()
        for connection in connections { connection.close() }
    }

    /// Connects to the database at `conninfo` and checks its schema.
    ///
    /// - Parameters:
    ///   - conninfo: A `postgres://` / `postgresql://` URL (or libpq `key=value` pairs).
    ///   - graph: The pipeline's phases (`StoreFactory.graph`, the product's four).
    ///   - connections: How many connections this process keeps (each on its own thread).
    ///   - listens: Whether to `LISTEN` for changes (processes that wait for jobs).
    /// - Throws: ``StoreError`` when libpq is missing (naming the package), the server cannot be
    ///   reached, or the schema is missing, older (run `aiosctl store migrate`) or newer.
    public static func open(
        _ conninfo: String, graph: PhaseGraph, clock: any JobClock = SystemJobClock(),
        options: JobStoreOptions = .init(), connections: Int = 2, listens: Bool = true
    ) async throws -> PostgresJobStore {
        let name = redacted(conninfo)
        return try await translated(name) {
            var opened: [PostgresConnection] = []
            for index in 0..<max(1, connections) {
                opened.append(try await PostgresConnection.connect(conninfo, label: "aios.postgres.\(index)"))
            }
            try await opened[0].run { session in try PostgresSchema.check(session) }
            return try PostgresJobStore(
                displayName: name, conninfo: conninfo, connections: opened, graph: graph, clock: clock, options: options,
                listens: listens)
        }
    }

    /// Applies the schema migrations this build knows (`aiosctl store migrate`).
    ///
    /// - Returns: The schema version before and after.
    public static func migrate(_ conninfo: String) async throws -> (from: Int, to: Int) {
        try await translated(redacted(conninfo)) {
            let connection = try await PostgresConnection.connect(conninfo, label: "aios.postgres.migrate")
            defer { connection.close() }
            return try await PostgresSchema.migrate(connection)
        }
    }

    /// Whether `value` names a PostgreSQL store rather than a directory.
    public static func isPostgresURL(_ value: String) -> Bool {
        value.hasPrefix("postgres://") || value.hasPrefix("postgresql://")
    }

    /// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
    public static func redacted(_ conninfo: String) -> String {
        guard isPostgresURL(conninfo), let colonSlash = conninfo.firstIndex(of: ":") else { return conninfo }
        let restStart = conninfo.index(colonSlash, offsetBy: 3)
        let rest = conninfo[restStart...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard let at = authority.lastIndex(of: "@") else { return conninfo }
        let credentials = authority[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return conninfo }
        return String(conninfo[..<restStart]) + credentials[..<colon] + ":***" + rest[at...]
    }

    /// Runs `body`, turning PostgreSQL failures into ``StoreError`` `.io` (exit 6 in the CLI,
    /// `INTERNAL_ERROR` in tools) naming the store.
    static func translated<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError {
            throw StoreError(.io, "\(error) (store \(name))", path: name)
        }
    }

    private var connection: PostgresConnection {
        let index = nextConnection.wrappingAdd(1, ordering: .relaxed).oldValue
        return connections[index % connections.count]
    }

    private func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        let connection = self.connection
        return try await Self.translated(displayName) { try await connection.transaction(body) }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await transaction(body)
    }

    func readOnly<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await transaction(body)
    }

    func inTransaction<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await transaction(body)
    }

    static var jobColumnList: String { jobColumns }

    // MARK: - Rows

    private static let jobColumns = "id, fence, record"

    struct Row: Sendable {
        var record: JobRecord
        var fence: Int64
    }

    static func decode(_ rows: PostgresRows, _ index: Int, graph: PhaseGraph) throws -> Row {
        guard let text = rows[index, "record"], let fence = rows[index, "fence"].flatMap({ Int64($0) }) else {
            throw StoreError(.corrupt, "a row of aios_jobs lacks its record or fence")
        }
        return Row(record: try decodeRecord(try PostgresText.bytes(text), graph: graph), fence: fence)
    }

    static func decodeRecord(_ bytes: [UInt8], graph: PhaseGraph) throws -> JobRecord {
        try bytes.withUnsafeBytes { raw throws -> JobRecord in
            var reader = ByteReader(raw, path: "aios_jobs.record")
            return try SnapshotCodec.decodeEntry(&reader, format: SnapshotCodec.version, graph: graph)
        }
    }

    static func encodeRecord(_ record: JobRecord) -> [UInt8] {
        var writer = ByteWriter()
        SnapshotCodec.encode(record, into: &writer, format: SnapshotCodec.version)
        return writer.buffer
    }

    /// The columns derived from a record, in the order `$2…$11` of the statements below.
    static func columns(_ record: JobRecord) -> [String?] {
        var due: Int64?
        for delivery in record.webhookDeliveries where !delivery.state.isFinal {
            let at = delivery.state == .pending ? (delivery.nextAttemptAt ?? 0) : (delivery.lease?.expiresAt ?? 0)
            due = min(due ?? at, at)
        }
        return [
            record.status.rawValue, record.lease?.holder, record.lease.map { String($0.expiresAt) }, String(record.updatedAt),
            record.finishedAt.map { String($0) }, due.map { String($0) }, record.hasUnfinishedWebhookDelivery ? "t" : "f",
            record.webhookDeliveries.isEmpty ? "f" : "t", PostgresText.bytea(encodeRecord(record)),
        ]
    }

    static func insert(_ record: JobRecord, _ session: PostgresSession) throws -> Bool {
        let rows = try session.execute(
            """
            INSERT INTO aios_jobs (id, status, lease_holder, lease_expires_at, updated_at, finished_at, webhook_due_at,
              webhook_unfinished, has_webhook_deliveries, record, ord, owner, idempotency_key, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT DO NOTHING
            """,
            [record.id.rawValue] + columns(record) + [
                String(record.order), record.owner, record.idempotencyKey, String(record.createdAt),
            ])
        return rows.affected == 1
    }

    /// Writes a changed record back, only if no claim happened since it was read (`fence`).
    static func update(_ record: JobRecord, fence: Int64, newFence: Int64, _ session: PostgresSession) throws {
        let rows = try session.execute(
            """
            UPDATE aios_jobs SET status = $2, lease_holder = $3, lease_expires_at = $4, updated_at = $5, finished_at = $6,
              webhook_due_at = $7, webhook_unfinished = $8, has_webhook_deliveries = $9, record = $10, fence = $11
            WHERE id = $1 AND fence = $12
            """,
            [record.id.rawValue] + columns(record) + [String(newFence), String(fence)])
        guard rows.affected == 1 else {
            throw JobTransitionError(
                .leaseLost, jobID: record.id, status: record.status, message: "job \(record.id) was claimed again meanwhile")
        }
    }

    static func append(_ events: [JobEvent], at now: Int64, _ session: PostgresSession, graph: PhaseGraph) throws {
        for event in events {
            guard let id = event.jobID else { continue }
            try session.execute(
                "INSERT INTO aios_events (job_id, at, type, body) VALUES ($1, $2, $3, $4)",
                [id.rawValue, String(now), event.type, PostgresText.bytea(event.serialized(graph: graph))])
        }
        if !events.isEmpty { try session.execute("SELECT pg_notify('\(Self.channel)', '')") }
    }

    private static func lockedRow(_ id: JobID, _ session: PostgresSession, graph: PhaseGraph) throws -> Row? {
        let rows = try session.execute("SELECT \(Self.jobColumns) FROM aios_jobs WHERE id = $1 FOR UPDATE", [id.rawValue])
        return rows.isEmpty ? nil : try Self.decode(rows, 0, graph: graph)
    }

    private static func fenceKey(_ id: JobID, _ worker: String) -> String { id.rawValue + "|" + worker }

    /// Locks one job, lets `decide` choose events on a one-job machine, applies and stores them.
    ///
    /// - Parameter worker: The worker acting, whose fence (if this store claimed for it) must
    ///   still be the row's.
    private func change(
        _ id: JobID, worker: String?,
        _ decide: @escaping @Sendable (JobStateMachine, Int64) throws -> [JobEvent],
        before: (@Sendable (PostgresSession) throws -> Void)? = nil
    ) async throws -> JobRecord {
        let graph = graph
        let now = clock.nowMilliseconds()
        let token = worker.flatMap { worker in fences.withLock { $0[Self.fenceKey(id, worker)] } }
        let record = try await transaction { session throws -> JobRecord in
            guard let row = try Self.lockedRow(id, session, graph: graph) else {
                throw JobTransitionError(.notFound, jobID: id, message: "no job \(id)")
            }
            if let token, token != row.fence, !row.record.status.isTerminal {
                throw JobTransitionError(
                    .leaseLost, jobID: id, status: row.record.status,
                    message:
                        "worker \(worker ?? "?") no longer holds job \(id): its claim \(token) was taken over by claim \(row.fence) (held by \(row.record.lease?.holder ?? "nobody"))"
                )
            }
            try before?(session)
            var machine = JobStateMachine(graph: graph, records: [row.record], sequence: 0)
            let events = try decide(machine, now)
            for event in events { try machine.apply(event) }
            guard let changed = machine.jobs[id] else { throw JobTransitionError(.notFound, jobID: id, message: "no job \(id)") }
            // Nothing decided (a progress report the machine found not worth a record): no write.
            if events.isEmpty { return changed }
            try Self.update(changed, fence: row.fence, newFence: row.fence, session)
            try Self.append(events, at: now, session, graph: graph)
            return changed
        }
        if let worker, record.status != .running || record.lease?.holder != worker {
            _ = fences.withLock { $0.removeValue(forKey: Self.fenceKey(id, worker)) }
        }
        return record
    }

    // MARK: - Reading

    public func version() async throws -> UInt64 {
        try await read { session in
            let rows = try session.execute("SELECT coalesce(max(seq), 0) AS version FROM aios_events")
            return UInt64(rows[0, "version"] ?? "0") ?? 0
        }
    }

    public func job(_ id: JobID) async throws -> Job? {
        let graph = graph
        return try await read { session in
            let rows = try session.execute("SELECT \(Self.jobColumns) FROM aios_jobs WHERE id = $1", [id.rawValue])
            return rows.isEmpty ? nil : Job(record: try Self.decode(rows, 0, graph: graph).record, graph: graph)
        }
    }

    public func jobs(status: JobStatus?, limit: Int, visibleTo caller: Caller) async throws -> [Job] {
        let graph = graph
        return try await read { session in
            let rows = try session.execute(
                """
                SELECT \(Self.jobColumns) FROM aios_jobs
                WHERE ($1::text IS NULL OR status = $1) AND ($2::boolean OR owner IS NOT DISTINCT FROM $3)
                ORDER BY ord DESC LIMIT $4
                """,
                [status?.rawValue, caller.isAdmin ? "t" : "f", caller.keyID, String(max(0, limit))])
            return try (0..<rows.count).map { Job(record: try Self.decode(rows, $0, graph: graph).record, graph: graph) }
        }
    }

    public func listSignature() async throws -> (count: Int, newest: JobID?) {
        let (count, newest) = try await read { session -> (Int, String?) in
            let rows = try session.execute("SELECT count(*) AS n, max(id COLLATE \"C\") AS newest FROM aios_jobs")
            return (Int(rows[0, "n"] ?? "0") ?? 0, rows[0, "newest"])
        }
        return (count, try newest.map { try JobID(validating: $0) })
    }

    public func summary() async throws -> JobStoreSummary {
        let graph = graph
        let now = clock.nowMilliseconds()
        return try await read { session in
            let version = try session.execute("SELECT coalesce(max(seq), 0) AS version FROM aios_events")
            var summary = JobStoreSummary(generation: 0, version: UInt64(version[0, "version"] ?? "0") ?? 0)
            for status in JobStatus.allCases { summary.countsByStatus[status] = 0 }
            for state in WebhookDeliveryState.allCases { summary.webhookDeliveriesByState[state] = 0 }
            let counts = try session.execute("SELECT status, count(*) AS n FROM aios_jobs GROUP BY status")
            for row in 0..<counts.count {
                if let status = counts[row, "status"].flatMap(JobStatus.init(rawValue:)) {
                    summary.countsByStatus[status] = Int(counts[row, "n"] ?? "0") ?? 0
                }
            }
            let oldest = try session.execute("SELECT min(created_at) AS oldest FROM aios_jobs WHERE status = 'queued'")
            summary.oldestQueuedAt = oldest[0, "oldest"].flatMap { Int64($0) }
            let live = try session.execute(
                "SELECT DISTINCT lease_holder FROM aios_jobs WHERE status = 'running' AND lease_expires_at > $1", [String(now)])
            for row in 0..<live.count { if let holder = live[row, "lease_holder"] { summary.liveWorkers.insert(holder) } }
            let hooks = try session.execute("SELECT \(Self.jobColumns) FROM aios_jobs WHERE has_webhook_deliveries")
            for row in 0..<hooks.count {
                for delivery in try Self.decode(hooks, row, graph: graph).record.webhookDeliveries {
                    summary.webhookDeliveriesByState[delivery.state, default: 0] += 1
                    if !delivery.state.isFinal { summary.pendingWebhookDeliveries += 1 }
                }
            }
            return summary
        }
    }

    public func artifact(_ id: JobID, phase: Phase) async throws -> JSONObject {
        let graph = graph
        let name = displayName
        return try await read { session in
            let rows = try session.execute("SELECT \(Self.jobColumns) FROM aios_jobs WHERE id = $1", [id.rawValue])
            guard !rows.isEmpty else {
                throw AIOSError(.jobNotFound, "no job \(id)", details: ["job_id": .string(id.rawValue)])
            }
            let record = try Self.decode(rows, 0, graph: graph).record
            let reference = try record.completedArtifact(phase, graph: graph)
            let found = try session.execute("SELECT body FROM aios_artifacts WHERE path = $1", [reference.path])
            guard let text = found.rows.first?[0] ?? nil else {
                throw StoreError(.corrupt, "artifact \(reference.path) is missing from aios_artifacts (store \(name))", path: reference.path)
            }
            let bytes = try PostgresText.bytes(text)
            guard Hex.encode(SHA256.hash(bytes)) == reference.sha256 else {
                throw StoreError(.corrupt, "artifact \(reference.path) does not match its recorded SHA-256", path: reference.path)
            }
            guard let object = (try? JSONValue.parse(bytes))?.objectValue else {
                throw StoreError(.corrupt, "artifact \(reference.path) is not a JSON object", path: reference.path)
            }
            return object
        }
    }

    public func waitForChange(after version: UInt64, timeout: Duration) async throws -> UInt64 {
        let deadline = clock.nowMilliseconds() + timeout.wholeMilliseconds
        while true {
            // Read before the database, so a notification that comes in between is not missed.
            let generation = waiters.generation
            let current = try await self.version()
            let now = clock.nowMilliseconds()
            if current != version || now >= deadline { return current }
            let wake = min(now + options.changePollInterval.wholeMilliseconds, deadline)
            if listener != nil {
                await waiters.wait(after: generation, until: wake, clock: clock)
            } else {
                try await clock.sleep(untilMilliseconds: wake)
            }
            try Task.checkCancellation()
        }
    }

    // MARK: - Clients

    public func submit(_ submission: JobSubmission) async throws -> (job: Job, created: Bool) {
        let graph = graph
        let request = JSONValue.object(submission.request).serialized()
        let phases = PhaseSet(submission.phases)
        let now = clock.nowMilliseconds()
        let (record, created) = try await transaction { session throws -> (JobRecord, Bool) in
            func existing() throws -> JobRecord? {
                guard let key = submission.idempotencyKey else { return nil }
                let rows = try session.execute(
                    "SELECT \(Self.jobColumns) FROM aios_jobs WHERE coalesce(owner, '') = coalesce($1, '') AND idempotency_key = $2",
                    [submission.owner, key])
                return rows.isEmpty ? nil : try Self.decode(rows, 0, graph: graph).record
            }
            if let found = try existing() { return (found, false) }
            let order = try session.execute("SELECT nextval('aios_job_order') AS ord")
            var machine = JobStateMachine(graph: graph, sequence: UInt64(order[0, "ord"] ?? "") ?? 0, reservingCapacity: 1)
            let id = JobID.generate(milliseconds: now)
            switch try machine.submit(
                id: id, at: now, request: request, phases: phases, idempotencyKey: submission.idempotencyKey,
                webhookURL: submission.webhookURL, owner: submission.owner)
            {
            case .existing:
                throw StoreError(.corrupt, "an empty state machine found an idempotency key")
            case .create(let event):
                try machine.apply(event)
                guard let record = machine.jobs[id] else { throw StoreError(.corrupt, "a submitted job vanished") }
                guard try Self.insert(record, session) else {
                    // Another submitter with the same key committed first: its job is the answer.
                    guard let found = try existing() else {
                        throw StoreError(.corrupt, "job \(id) collided with an existing job")
                    }
                    return (found, false)
                }
                try Self.append([event], at: now, session, graph: graph)
                return (record, true)
            }
        }
        return (Job(record: record, graph: graph), created)
    }

    public func cancel(_ id: JobID) async throws -> Job {
        try await userFacing {
            Job(record: try await change(id, worker: nil) { machine, now in [try machine.cancel(id, at: now)] }, graph: graph)
        }
    }

    public func retry(_ id: JobID) async throws -> Job {
        try await userFacing {
            Job(record: try await change(id, worker: nil) { machine, now in [try machine.retry(id, at: now)] }, graph: graph)
        }
    }

    private func userFacing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as JobTransitionError { throw error.aiosError }
    }

    // MARK: - Workers

    public func claim(worker: String, lease: Duration, only: JobID?) async throws -> Job? {
        let graph = graph
        let now = clock.nowMilliseconds()
        let leaseMilliseconds = lease.wholeMilliseconds
        let maxStalls = options.maxStalls
        let claimed = try await transaction { session throws -> Row? in
            // Each pass either claims, or fails a job that stalled too often and looks again.
            while true {
                let rows = try session.execute(
                    """
                    SELECT \(Self.jobColumns) FROM aios_jobs
                    WHERE (status = 'queued' OR (status = 'running' AND lease_expires_at <= $1)) AND ($2::text IS NULL OR id = $2)
                    ORDER BY ord LIMIT 1 FOR UPDATE SKIP LOCKED
                    """,
                    [String(now), only?.rawValue])
                guard !rows.isEmpty else { return nil }
                let row = try Self.decode(rows, 0, graph: graph)
                var machine = JobStateMachine(graph: graph, records: [row.record], sequence: 0)
                let decision = machine.claim(
                    worker: worker, at: now, leaseMilliseconds: leaseMilliseconds, maxStalls: maxStalls, only: row.record.id)
                guard !decision.events.isEmpty else { return nil }
                for event in decision.events { try machine.apply(event) }
                guard let changed = machine.jobs[row.record.id] else { return nil }
                let fence = decision.claimed == nil ? row.fence : row.fence + 1
                try Self.update(changed, fence: row.fence, newFence: fence, session)
                try Self.append(decision.events, at: now, session, graph: graph)
                if decision.claimed != nil { return Row(record: changed, fence: fence) }
            }
        }
        guard let claimed else { return nil }
        fences.withLock { $0[Self.fenceKey(claimed.record.id, worker)] = claimed.fence }
        return Job(record: claimed.record, graph: graph)
    }

    public func heartbeat(_ id: JobID, worker: String, lease: Duration) async throws -> Job {
        let milliseconds = lease.wholeMilliseconds
        return Job(
            record: try await change(id, worker: worker) { machine, now in
                [try machine.heartbeat(id, worker: worker, at: now, leaseMilliseconds: milliseconds)]
            }, graph: graph)
    }

    public func phaseStarted(_ id: JobID, phase: Phase, worker: String) async throws -> Job {
        Job(record: try await change(id, worker: worker) { machine, now in [try machine.startPhase(id, phase, worker: worker, at: now)] }, graph: graph)
    }

    public func phaseProgress(_ id: JobID, phase: Phase, worker: String, percent: Int, message: String) async throws -> Job {
        Job(
            record: try await change(id, worker: worker) { machine, now in
                try machine.reportProgress(id, phase, worker: worker, at: now, percent: percent, message: message).map { [$0] } ?? []
            }, graph: graph)
    }

    public func phaseSucceeded(_ id: JobID, phase: Phase, worker: String, artifact: JSONObject) async throws -> Job {
        let bytes = JSONValue.object(artifact).serialized()
        let digest = Hex.encode(SHA256.hash(bytes))
        let reference = ArtifactReference(
            path: "artifacts/\(id.rawValue)/\(graph.name(of: phase))-\(digest.prefix(12)).json", sha256: digest, size: Int64(bytes.count))
        let body = PostgresText.bytea(bytes)
        return Job(
            record: try await change(id, worker: worker) { machine, now in
                [try machine.completePhase(id, phase, worker: worker, at: now, artifact: reference)]
            } before: { session in
                try session.execute(
                    "INSERT INTO aios_artifacts (path, job_id, sha256, body) VALUES ($1, $2, $3, $4) ON CONFLICT (path) DO NOTHING",
                    [reference.path, id.rawValue, digest, body])
            }, graph: graph)
    }

    public func phaseFailed(_ id: JobID, phase: Phase, worker: String, error: JobFailure, retryAt: Int64?) async throws -> Job {
        Job(
            record: try await change(id, worker: worker) { machine, now in
                [try machine.failPhase(id, phase, worker: worker, at: now, error: error, retryAt: retryAt)]
            }, graph: graph)
    }

    public func failJob(_ id: JobID, worker: String, error: JobFailure) async throws -> Job {
        Job(record: try await change(id, worker: worker) { machine, now in [try machine.failJob(id, worker: worker, at: now, error: error)] }, graph: graph)
    }

    public func release(_ id: JobID, worker: String) async throws {
        _ = try await change(id, worker: worker) { machine, now in [try machine.release(id, worker: worker, at: now)] }
    }

    // MARK: - Webhook outbox

    public func claimWebhookDelivery(worker: String, policy: WebhookRetryPolicy, only: JobID?) async throws -> WebhookDelivery? {
        let graph = graph
        let now = clock.nowMilliseconds()
        return try await transaction { session throws -> WebhookDelivery? in
            while true {
                let rows = try session.execute(
                    """
                    SELECT \(Self.jobColumns) FROM aios_jobs
                    WHERE webhook_unfinished AND webhook_due_at <= $1 AND ($2::text IS NULL OR id = $2)
                    ORDER BY webhook_due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
                    """,
                    [String(now), only?.rawValue])
                guard !rows.isEmpty else { return nil }
                let row = try Self.decode(rows, 0, graph: graph)
                var machine = JobStateMachine(graph: graph, records: [row.record], sequence: 0)
                let decision = machine.claimWebhookDelivery(worker: worker, at: now, policy: policy, only: row.record.id)
                guard !decision.events.isEmpty else { return nil }
                for event in decision.events { try machine.apply(event) }
                guard let changed = machine.jobs[row.record.id] else { return nil }
                try Self.update(changed, fence: row.fence, newFence: row.fence, session)
                try Self.append(decision.events, at: now, session, graph: graph)
                if let claimed = decision.claimed {
                    return changed.webhookDeliveries.first { $0.id == claimed.delivery }
                }
            }
        }
    }

    public func recordWebhookAttempt(
        _ delivery: WebhookDelivery, worker: String, report: WebhookAttemptReport, policy: WebhookRetryPolicy,
        randomFraction: Double
    ) async throws -> WebhookDelivery {
        let record = try await change(delivery.jobID, worker: nil) { machine, now in
            [
                try machine.recordWebhookAttempt(
                    job: delivery.jobID, delivery: delivery.id, worker: worker, report: report, at: now, policy: policy,
                    fraction: randomFraction)
            ]
        }
        guard let updated = record.webhookDeliveries.first(where: { $0.id == delivery.id }) else {
            throw JobTransitionError(.notFound, jobID: delivery.jobID, message: "no webhook delivery \(delivery.id)")
        }
        return updated
    }

    public func webhookDeliveries(job: JobID?, limit: Int, visibleTo caller: Caller) async throws -> [WebhookDelivery] {
        let graph = graph
        return try await read { session in
            let rows = try session.execute(
                """
                SELECT \(Self.jobColumns) FROM aios_jobs
                WHERE has_webhook_deliveries AND ($1::text IS NULL OR id = $1) AND ($2::boolean OR owner IS NOT DISTINCT FROM $3)
                """,
                [job?.rawValue, caller.isAdmin ? "t" : "f", caller.keyID])
            let deliveries = try (0..<rows.count).flatMap { try Self.decode(rows, $0, graph: graph).record.webhookDeliveries }
                .sorted { ($0.endedAt, $0.id) > ($1.endedAt, $1.id) }
            return Array(deliveries.prefix(max(0, limit)))
        }
    }

    public func webhookBacklog() async throws -> WebhookBacklog {
        let graph = graph
        let now = clock.nowMilliseconds()
        return try await read { session in
            let rows = try session.execute("SELECT \(Self.jobColumns) FROM aios_jobs WHERE webhook_unfinished")
            let machine = JobStateMachine(graph: graph, records: try (0..<rows.count).map { try Self.decode(rows, $0, graph: graph).record }, sequence: 0)
            return machine.webhookBacklog(at: now)
        }
    }

    // MARK: - Maintenance

    public func collectGarbage(retention: Duration) async throws -> Int {
        let graph = graph
        let now = clock.nowMilliseconds()
        let retentionMilliseconds = retention.wholeMilliseconds
        return try await transaction { session in
            let rows = try session.execute(
                """
                SELECT \(Self.jobColumns) FROM aios_jobs
                WHERE status IN ('completed', 'failed', 'cancelled') AND NOT webhook_unfinished
                  AND coalesce(finished_at, updated_at) + $1 <= $2
                FOR UPDATE SKIP LOCKED
                """,
                [String(retentionMilliseconds), String(now)])
            let machine = JobStateMachine(graph: graph, records: try (0..<rows.count).map { try Self.decode(rows, $0, graph: graph).record }, sequence: 0)
            let events = machine.collectGarbage(at: now, retentionMilliseconds: retentionMilliseconds)
            for event in events {
                guard let id = event.jobID else { continue }
                try session.execute("DELETE FROM aios_artifacts WHERE job_id = $1", [id.rawValue])
                try session.execute("DELETE FROM aios_events WHERE job_id = $1", [id.rawValue])
                try session.execute("DELETE FROM aios_jobs WHERE id = $1", [id.rawValue])
            }
            try Self.append(events, at: now, session, graph: graph)
            return events.count
        }
    }
}
