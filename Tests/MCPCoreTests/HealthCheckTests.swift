import Testing
@testable import AIOSStore
@testable import MCPCore

/// `aiosctl health`'s verdicts on stores in the states an operator meets.
@Suite struct HealthCheckTests {
    let directory = TemporaryDirectory()

    @Test func aStoreWithFinishedWorkIsHealthy() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        _ = try await StoreFixtures.runToCompletion(store)
        let report = await HealthCheck.run(storeDirectory: directory.store)
        #expect(report.isHealthy, "\(report.reasons)")
        #expect(report.storeReadable && report.formatVersion == 1)
        #expect(report.jobsByStatus[.completed] == 1 && report.queueDepth == 0)
        #expect(report.journalRecords > 0)
        #expect(report.json["healthy"] == true)
        #expect(report.json["webhooks"]?["pending_deliveries"] == 0, "the outbox is read: nothing pending")
        #expect(report.text.contains("webhooks  0 pending, 0 due now"))
        #expect(report.text.hasPrefix("aios: healthy\n"))
    }

    @Test func aRunningJobWhoseLeaseExpiredMakesItUnhealthy() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        _ = try await store.claim(worker: "otherhost:4242:w0", lease: .milliseconds(50))
        let now = Timestamp.nowMilliseconds()
        let report = await HealthCheck.run(storeDirectory: directory.store, now: now + 5_000)
        #expect(!report.isHealthy)
        #expect(report.deadWorkerJobs.map(\.jobID) == [id])
        #expect(report.reasons.contains { $0.contains(id.rawValue) && $0.contains("lease expired") })
        // While the lease runs, the worker (on another host) counts as busy, not dead.
        let early = await HealthCheck.run(storeDirectory: directory.store, now: now - 1_000)
        #expect(early.deadWorkerJobs.isEmpty && early.busyWorkers == ["otherhost:4242:w0"])
    }

    @Test func aRunningJobWhoseProcessIsGoneIsReportedBeforeItsLeaseLapses() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        let holder = "\(ProcessIdentity.hostName):\(MetricsTests.deadPID()):w0"
        _ = try await store.claim(worker: holder, lease: .seconds(30))
        let report = await HealthCheck.run(storeDirectory: directory.store)
        #expect(!report.isHealthy)
        #expect(report.deadWorkerJobs.first?.processGone == true)
        #expect(report.reasons.contains { $0.contains(id.rawValue) && $0.contains("no longer runs") })
    }

    @Test func aDamagedJournalMakesItUnhealthyAndSaysWhere() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        for index in 0..<3 { _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("job \(index)"))) }
        let path = directory.store + "/journal-0.log"
        var bytes = StoreFixtures.readFile(path)
        bytes[bytes.count / 2] ^= 0x20
        StoreFixtures.writeFile(path, bytes)
        let report = await HealthCheck.run(storeDirectory: directory.store)
        #expect(!report.isHealthy)
        #expect(!report.storeReadable)
        #expect(report.reasons.contains { $0.contains("damage") && $0.contains("journal-0.log") })
        #expect(report.text.contains("UNHEALTHY"))
    }

    @Test func anOldQueuedJobIsAProblemOnlyWithoutALiveWorker() async throws {
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        let later = Timestamp.nowMilliseconds() + 120_000
        let alone = await HealthCheck.run(storeDirectory: directory.store, maxQueueAge: .seconds(60), now: later)
        #expect(!alone.isHealthy)
        #expect(alone.reasons.contains { $0.contains("no live worker") })
        #expect(await HealthCheck.run(storeDirectory: directory.store, maxQueueAge: .seconds(300), now: later).isHealthy)

        // A worker pool that heartbeats (this very process) is behind, not missing.
        let worker = MetricsProcess(
            id: "worker-test", role: "worker", host: ProcessIdentity.hostName, pid: ProcessIdentity.pid,
            startedAt: later - 1_000, updatedAt: later, workerSlots: 4)
        try MetricsDirectory(storeDirectory: directory.store).write(worker)
        let served = await HealthCheck.run(storeDirectory: directory.store, maxQueueAge: .seconds(60), now: later)
        #expect(served.isHealthy, "\(served.reasons)")
        #expect(served.warnings.contains { $0.contains("behind") })
        #expect(served.workerProcesses.map(\.workerSlots) == [4])
    }

    @Test func noStoreIsUnhealthyAndNothingIsCreated() async {
        defer { directory.remove() }
        let report = await HealthCheck.run(storeDirectory: directory.store)
        #expect(!report.isHealthy)
        #expect(report.reasons.contains { $0.contains("no aios store") })
        #expect(!StoreFileSystem.exists(directory.store))
    }

    @Test("nearest-rank percentiles", arguments: [
        ([Int64](), 50.0, Int64?.none), ([7], 99, 7), ([1, 2, 3, 4], 50, 2), ([1, 2, 3, 4], 51, 3),
        (Array(1...100), 95, 95), (Array(1...100), 99, 99), (Array(1...1000), 99, 990), ([5, 1, 3], 100, 5),
    ])
    func percentiles(values: [Int64], p: Double, expected: Int64?) {
        #expect(DurationSummary.percentile(p, of: values.sorted()) == expected)
    }

    @Test func statisticsSummariseCompletedPhasesAndJobs() async throws {
        defer { directory.remove() }
        let clock = ManualJobClock()
        let store = try await JobStore.open(at: directory.store, clock: clock)
        for _ in 0..<3 {
            _ = try await store.submit(JobSubmission(request: StoreFixtures.brief(), phases: [.strategy]))
            clock.advance(by: .milliseconds(100))
            let job = try #require(try await store.claim(worker: "w", lease: .seconds(30)))
            _ = try await store.phaseStarted(job.id, phase: .strategy, worker: "w")
            clock.advance(by: .milliseconds(250))
            _ = try await store.phaseSucceeded(job.id, phase: .strategy, worker: "w", artifact: StoreFixtures.artifact(.strategy))
        }
        let statistics = StoreStatistics(try await store.observations())
        #expect(statistics.jobsByStatus[.completed] == 3)
        #expect(statistics.phases[.strategy]?.count == 3 && statistics.phases[.strategy]?.p95 == 250)
        #expect(statistics.phases[.code]?.count == 0)
        #expect(statistics.queueWait.p50 == 100)
        #expect(statistics.text.contains("phase strategy      3      250ms"))
    }
}
