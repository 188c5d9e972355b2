import Synchronization

/// Watches the job store, from any process, and publishes what the connection asked about:
/// `resourceUpdated` for subscribed job and artifact URIs on every transition,
/// `resourceListChanged` when jobs are created or deleted, and `taskStatus` when a watched
/// task's status changes.
///
/// Interest is counted per job; ``watch(_:_:)`` reads the job's state before it returns, so a
/// transition that happens after a subscription is acknowledged is always reported.
public final class JobWatcher: ServerService {
    /// What a watcher of a job cares about.
    public enum Interest: Hashable, Sendable {
        case status
        case artifact(Phase, markdown: Bool)
        case task
    }

    private struct Watched {
        var counts: [Interest: Int] = [:]
        var signature: JobSignature?
        var taskStatus: TaskKind?
    }

    private enum TaskKind: Equatable { case working, completed, failed, cancelled }

    private struct State {
        var jobs: [JobID: Watched] = [:]
        var generation = 0
        /// The store version and job list as of `prepare()`, what the session starts from.
        var baseline: (version: UInt64, list: [String])?
        /// Every connection served now (one per HTTP session, or the one stdio connection):
        /// each change is published to all of them, each keeping what it subscribed to.
        var sessions: [ObjectIdentifier: ServerSession] = [:]
        /// The connection whose task watches the store for all of them.
        var leader: ObjectIdentifier?
        /// Where the last leader left off, for the next one.
        var cursor: (version: UInt64, list: [String], generation: Int)?
    }

    private let store: any JobStoreBackend
    private let rendering: JobTaskRendering
    private let logger: Logger
    private let state = Mutex(State())

    /// - Parameters:
    ///   - store: The store to watch.
    ///   - rendering: How jobs look as tasks (for task status notifications).
    ///   - logger: Where trouble reading the store is reported.
    public init(store: any JobStoreBackend, rendering: JobTaskRendering = JobTaskRendering(), logger: Logger = .disabled) {
        self.store = store
        self.rendering = rendering
        self.logger = logger
    }

    /// Starts reporting changes of `id` for `interest`; counted.
    public func watch(_ id: JobID, _ interest: Interest) async {
        let job = try? await store.job(id)
        state.withLock { state in
            var watched = state.jobs[id] ?? Watched()
            if watched.counts.isEmpty {
                watched.signature = job.map(JobSignature.init)
                // A task is watched right after it is created, as `working`; a fast job may have
                // ended by then, and measuring from `working` still reports that ending.
                watched.taskStatus = interest == .task ? .working : job.map(Self.taskKind)
            } else if interest == .task, watched.counts[.task] == nil {
                watched.taskStatus = .working
            }
            watched.counts[interest, default: 0] += 1
            state.jobs[id] = watched
            state.generation += 1
        }
    }

    /// Balances one ``watch(_:_:)``.
    public func unwatch(_ id: JobID, _ interest: Interest) {
        state.withLock { state in
            guard var watched = state.jobs[id], let count = watched.counts[interest] else { return }
            watched.counts[interest] = count > 1 ? count - 1 : nil
            state.jobs[id] = watched.counts.isEmpty ? nil : watched
        }
    }

    /// Takes the baseline before the first request is served, so that a job created after the
    /// client's first `resources/list` is always announced as a list change.
    public func prepare() async {
        let baseline = await currentBaseline()
        state.withLock { $0.baseline = baseline }
    }

    private func currentBaseline() async -> (version: UInt64, list: [String]) {
        ((try? await store.version()) ?? 0, await listSignature())
    }

    /// Publishes the store's changes to `session`, and to every other connection served at
    /// the same time: one of them (the leader) watches the store for all, so that a change is
    /// seen once and reaches each connection; when the leader ends, another takes over.
    public func run(session: ServerSession) async {
        let me = ObjectIdentifier(session)
        state.withLock { $0.sessions[me] = session }
        defer {
            state.withLock { state in
                state.sessions[me] = nil
                if state.leader == me { state.leader = nil }
            }
        }
        while !Task.isCancelled {
            let leads = state.withLock { state -> Bool in
                if state.leader == nil { state.leader = me }
                return state.leader == me
            }
            if leads {
                await lead()
            } else {
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    private func publish(_ event: ServerEvent) {
        let sessions = state.withLock { Array($0.sessions.values) }
        for session in sessions { session.publish(event) }
    }

    private func lead() async {
        let resumed = state.withLock { $0.cursor }
        let prepared = state.withLock { $0.baseline }
        var (version, list) = if let resumed { (resumed.version, resumed.list) } else if let prepared { prepared } else { await currentBaseline() }
        var scannedGeneration = resumed?.generation ?? state.withLock { $0.generation }
        defer { state.withLock { [version, list, scannedGeneration] in $0.cursor = (version, list, scannedGeneration) } }
        while !Task.isCancelled {
            do {
                let next = try await store.waitForChange(after: version, timeout: .milliseconds(250))
                let generation = state.withLock { $0.generation }
                guard next != version || generation != scannedGeneration else { continue }
                scannedGeneration = generation
                if next != version {
                    version = next
                    let current = await listSignature()
                    if current != list {
                        list = current
                        publish(.resourceListChanged)
                    }
                }
                await scan()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("watching the job store failed; retrying", ["error": .string(String(describing: error))])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Which jobs exist, cheaply: their number and the newest id.
    private func listSignature() async -> [String] {
        // Polled on every store change: must not walk or copy every job record.
        guard let signature = try? await store.listSignature() else { return [] }
        return [String(signature.count), signature.newest?.rawValue ?? ""]
    }

    private func scan() async {
        let ids = state.withLock { Array($0.jobs.keys) }
        for id in ids {
            let job = (try? await store.job(id)) ?? nil
            let signature = job.map(JobSignature.init)
            let taskStatus = job.map(Self.taskKind)
            let change = state.withLock { state -> (interests: Set<Interest>, old: JobSignature?, taskChanged: Bool)? in
                guard var watched = state.jobs[id], watched.signature != signature || watched.taskStatus != taskStatus else {
                    return nil
                }
                let old = watched.signature
                let taskChanged = watched.taskStatus != taskStatus
                watched.signature = signature
                watched.taskStatus = taskStatus
                state.jobs[id] = watched
                return (Set(watched.counts.keys), old, taskChanged)
            }
            guard let change else { continue }
            for interest in change.interests {
                switch interest {
                case .status:
                    if change.old != signature { publish(.resourceUpdated(uri: JobResourceURI.status(id).uri)) }
                case .artifact(let phase, let markdown):
                    if change.old?.phases[phase] != signature?.phases[phase] {
                        publish(.resourceUpdated(uri: JobResourceURI.artifact(id, phase, markdown: markdown).uri))
                    }
                case .task:
                    if change.taskChanged, let job { publish(.taskStatus(rendering.task(job))) }
                }
            }
        }
    }

    private static func taskKind(_ job: Job) -> TaskKind {
        switch job.status {
        case .queued, .running: .working
        case .completed: .completed
        case .failed: .failed
        case .cancelled: .cancelled
        }
    }
}
