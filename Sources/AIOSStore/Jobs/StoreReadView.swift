import Synchronization

/// The jobs as a `JobStore` last saw them, readable from any thread while the store has not
/// changed since, so that reading one job needs no hop onto the store's queue and back (two
/// thread wake-ups, most of the cost of a cheap `aios_get_status`).
///
/// "Not changed" is checked on every read exactly as a lock-free catch-up would: the journal
/// being followed still ends where the published state ends. Any append, by this process or
/// another, and any compaction (which first appends a seal) makes it longer; a reader then
/// goes through the store as before. Within this process the replica also withdraws the view
/// before it changes its state, files or offset (see `StoreReplica`), so the view never holds a
/// second reference to the tables being changed: they keep being changed in place.
final class StoreReadView: Sendable {
    enum Answer {
        /// The job as of the published state, `nil` when there is no such job.
        case job(JobRecord?)
        /// Nothing published, or the journal has grown since: ask the store.
        case stale
    }

    private struct Published {
        let journal: StoreFile
        let offset: Int64
        let jobs: [JobID: JobRecord]
    }

    private let published = Mutex<Published?>(nil)

    /// The job, when the published state is still the journal's latest.
    ///
    /// The lookup runs under the lock, so that no reference to the table outlives it: a
    /// `withdraw()` that returns leaves the replica's table uniquely referenced.
    func job(_ id: JobID) -> Answer {
        published.withLock { published in
            guard let current = published, let size = try? current.journal.size, size == current.offset else {
                return .stale
            }
            return .job(current.jobs[id])
        }
    }

    /// Makes `jobs` readable while `journal` ends at `offset`.
    func publish(journal: StoreFile, offset: Int64, jobs: [JobID: JobRecord]) {
        published.withLock { $0 = Published(journal: journal, offset: offset, jobs: jobs) }
    }

    /// Stops answering until the next `publish`.
    func withdraw() {
        published.withLock { $0 = nil }
    }
}
