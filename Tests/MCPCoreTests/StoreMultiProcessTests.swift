import Testing
@testable import AIOSStore
@testable import MCPCore

/// Two `JobStore` instances on one directory have separate file descriptions, locks and
/// in-memory state, exactly as two processes would.
@Suite struct StoreMultiProcessTests {
    @Test func concurrentSubmitsFromTwoStoresLoseNothing() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let a = try await JobStore.open(at: directory.store)
        let b = try await JobStore.open(at: directory.store)
        let ids = try await withThrowingTaskGroup(of: JobID.self) { group in
            for index in 0..<60 {
                let store = index.isMultiple(of: 2) ? a : b
                group.addTask { try await store.submit(JobSubmission(request: StoreFixtures.brief("job \(index)"))).job.id }
            }
            var ids: Set<JobID> = []
            for try await id in group { ids.insert(id) }
            return ids
        }
        #expect(ids.count == 60)
        for store in [a, b, try await JobStore.open(at: directory.store)] {
            let seen = Set(try await store.jobs(limit: 100).map(\.id))
            #expect(seen == ids)
            #expect(try await store.version() == 60)
        }
        #expect(try await a.verify().isHealthy)
    }

    @Test func concurrentIdempotentSubmitsFromTwoStoresCreateOneJob() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let a = try await JobStore.open(at: directory.store)
        let b = try await JobStore.open(at: directory.store)
        let results = try await withThrowingTaskGroup(of: (JobID, Bool).self) { group in
            for index in 0..<10 {
                let store = index.isMultiple(of: 2) ? a : b
                group.addTask {
                    let result = try await store.submit(JobSubmission(request: StoreFixtures.brief(), idempotencyKey: "same"))
                    return (result.job.id, result.created)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(results.map(\.0)).count == 1)
        #expect(results.filter(\.1).count == 1)
    }

    @Test func aClaimByOneStoreIsSeenAndRespectedByTheOther() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let a = try await JobStore.open(at: directory.store, clock: clock)
        let b = try await JobStore.open(at: directory.store, clock: clock)
        let job = try await a.submit(JobSubmission(request: StoreFixtures.brief())).job
        // Both race to claim the one job: exactly one wins.
        async let claimA = a.claim(worker: "a", lease: .seconds(30))
        async let claimB = b.claim(worker: "b", lease: .seconds(30))
        let (wonA, wonB) = try await (claimA, claimB)
        #expect((wonA == nil) != (wonB == nil))
        let holder = wonA != nil ? "a" : "b"
        let (winner, loser) = wonA != nil ? (a, b) : (b, a)
        #expect(try await loser.job(job.id)?.lease?.holder == holder)
        #expect(try await loser.job(job.id)?.status == .running)
        let refused = await #expect(throws: JobTransitionError.self) {
            try await loser.phaseStarted(job.id, phase: .strategy, worker: holder == "a" ? "b" : "a")
        }
        #expect(refused?.reason == .leaseLost)
        _ = try await winner.phaseStarted(job.id, phase: .strategy, worker: holder)
        // The other store cancels; the holder's next write learns it.
        _ = try await loser.cancel(job.id)
        let stopped = await #expect(throws: JobTransitionError.self) {
            try await winner.heartbeat(job.id, worker: holder, lease: .seconds(30))
        }
        #expect(stopped?.reason == .terminal && stopped?.status == .cancelled)
    }

    @Test func compactionByOneStoreIsFollowedByTheOther() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let a = try await JobStore.open(at: directory.store)
        let b = try await JobStore.open(at: directory.store)
        let first = try await a.submit(JobSubmission(request: StoreFixtures.brief("one"), phases: [.strategy])).job
        #expect(try await b.job(first.id)?.status == .queued)
        try await a.compact()
        let second = try await a.submit(JobSubmission(request: StoreFixtures.brief("two"))).job
        // b still reads the old (now unlinked) journal, finds its seal and moves on.
        #expect(try await b.job(second.id)?.request["spec"] == "two")
        try await a.compact()
        try await a.compact()
        let third = try await b.submit(JobSubmission(request: StoreFixtures.brief("three"))).job
        #expect(try await a.job(third.id) != nil)
        #expect(try await b.summary().generation == 3)
        _ = try await StoreFixtures.runToCompletion(b)
        #expect(try await a.artifact(first.id, phase: .strategy) == StoreFixtures.artifact(.strategy))
        #expect(try await StoreFixtures.observable(a) == (try await StoreFixtures.observable(b)))
    }

    @Test func waitForChangeReturnsWhenAnotherStoreWrites() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let a = try await JobStore.open(at: directory.store)
        let b = try await JobStore.open(at: directory.store)
        let before = try await b.version()
        async let changed = b.waitForChange(after: before, timeout: .seconds(20))
        _ = try await a.submit(JobSubmission(request: StoreFixtures.brief()))
        #expect(try await changed == before + 1)
        let clock = ManualJobClock()
        let quiet = try await JobStore.open(at: directory.store, clock: clock)
        let version = try await quiet.version()
        async let unchanged = quiet.waitForChange(after: version, timeout: .seconds(1))
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(1))
        #expect(try await unchanged == version)
    }
}
