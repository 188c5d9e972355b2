import Synchronization
import Testing
@testable import AIOSStore
@testable import MCPCore

/// `JobStore.job(_:)` answers from a read view while the store is unchanged. These check that it
/// never answers from a state older than the journal: after changes by this store, by another
/// store on the same directory (another process), across compaction and garbage collection.
@Suite struct StoreReadViewTests {
    @Test func aReadPublishesTheViewAndAnyAppendMakesItStale() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let a = try await JobStore.open(at: directory.store)
        let b = try await JobStore.open(at: directory.store)
        let job = try await a.submit(JobSubmission(request: StoreFixtures.brief())).job
        guard case .stale = a.readView.job(job.id) else {
            Issue.record("a change must withdraw the view")
            return
        }
        #expect(try await a.job(job.id)?.status == .queued)
        guard case .job(let record?) = a.readView.job(job.id) else {
            Issue.record("a read of an unchanged store should publish the view")
            return
        }
        #expect(record.status == .queued)
        _ = try await b.submit(JobSubmission(request: StoreFixtures.brief("another")))
        guard case .stale = a.readView.job(job.id) else {
            Issue.record("another store's append must make the view stale")
            return
        }
    }

    @Test func anotherStoresChangesAreSeenByTheNextRead() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let a = try await JobStore.open(at: directory.store)
        let b = try await JobStore.open(at: directory.store)
        let job = try await a.submit(JobSubmission(request: StoreFixtures.brief())).job
        #expect(try await a.job(job.id)?.status == .queued)
        _ = try await b.cancel(job.id)
        #expect(try await a.job(job.id)?.status == .cancelled)
        // Compaction seals a's journal and moves on to a new generation.
        #expect(try await a.job(job.id)?.status == .cancelled)
        try await b.compact()
        _ = try await b.retry(job.id)
        #expect(try await a.job(job.id)?.status == .queued)
        let other = try await b.submit(JobSubmission(request: StoreFixtures.brief("another"))).job
        #expect(try await a.job(other.id)?.status == .queued)
        // Compacted with nothing after the seal's generation: still the latest state.
        try await b.compact()
        #expect(try await a.job(other.id)?.status == .queued)
        #expect(try await a.job(job.id)?.status == .queued)
    }

    @Test func thisStoresOwnChangesAreSeenByTheNextRead() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        let job = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.strategy])).job
        #expect(try await store.job(job.id)?.status == .queued)
        let claimed = try await store.claim(worker: "w1", lease: .seconds(30))
        #expect(claimed?.id == job.id)
        #expect(try await store.job(job.id)?.status == .running)
        _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "w1")
        #expect(try await store.job(job.id)?.phases[.strategy]?.status == .running)
        _ = try await store.phaseSucceeded(job.id, phase: .strategy, worker: "w1", artifact: StoreFixtures.artifact(.strategy))
        #expect(try await store.job(job.id)?.status == .completed)
        try await store.compact()
        #expect(try await store.job(job.id)?.status == .completed)
        clock.advance(by: .seconds(3 * 86_400))
        #expect(try await store.collectGarbage(retention: .seconds(86_400)) == 1)
        #expect(try await store.job(job.id) == nil)
    }

    /// Readers on many threads while another store moves a job through its phases: no reader
    /// ever sees the job go back to an earlier state, and each read after the last change sees
    /// the job completed.
    @Test func concurrentReadersNeverSeeTheJobGoBack() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let reader = try await JobStore.open(at: directory.store)
        let writer = try await JobStore.open(at: directory.store)
        let job = try await writer.submit(JobSubmission(request: StoreFixtures.brief())).job
        let writerDone = DoneFlag()
        let outcomes = try await withThrowingTaskGroup(of: (wentBack: Bool, last: JobStatus?).self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var last = -1
                    var wentBack = false
                    while true {
                        // Read after the flag: once it is set, this read must see the end.
                        let finished = writerDone.isSet
                        let seen = try await reader.job(job.id)
                        let done = seen?.phases.values.filter { $0.status == .completed }.count ?? -1
                        let stage = seen?.status == .queued ? 0 : 1 + done + (seen?.status == .completed ? 1 : 0)
                        if stage < last { wentBack = true }
                        last = stage
                        if finished { return (wentBack, seen?.status) }
                        await Task.yield()
                    }
                }
            }
            let finished = try await StoreFixtures.runToCompletion(writer)
            #expect(finished?.status == .completed)
            writerDone.set()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 8)
        for outcome in outcomes {
            #expect(!outcome.wentBack)
            #expect(outcome.last == .completed)
        }
    }
}

/// Set once, read from any thread.
private final class DoneFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
