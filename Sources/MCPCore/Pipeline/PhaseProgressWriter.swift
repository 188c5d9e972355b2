/// Turns an engine's progress reports during a job's phase into `phase.progress` records.
///
/// An engine streaming a model's answer reports on every chunk; the store must not see each.
/// Reports go into a buffer that keeps only the newest, and one writer task takes it, records
/// it through `JobStoreBackend.phaseProgress`, then waits ``interval`` (on the runner's clock)
/// before taking the next: at most one write per interval, and the last report before a pause
/// is still written. The state machine applies the same bound per job and drops reports that
/// change nothing, so another writer cannot flood the journal either.
struct PhaseProgressWriter: Sendable {
    let store: any JobStoreBackend
    let clock: any JobClock
    let worker: String
    let job: JobID
    let phase: Phase
    var interval: Duration = .milliseconds(Int64(PhaseProgress.minimumInterval))

    /// Where the phase running in the current task reports progress (set around the executor).
    @TaskLocal static var current: AgentProgress?

    /// Runs `body` with ``current`` set, writing its reports while it runs.
    func run<Output: Sendable>(_ body: @escaping @Sendable () async throws -> Output) async throws -> Output {
        let (reports, continuation) = AsyncStream.makeStream(of: (percent: Int, message: String).self, bufferingPolicy: .bufferingNewest(1))
        let progress = AgentProgress { completed, total, message in
            let fraction = total.map { $0 > 0 ? completed / $0 : 0 } ?? completed
            let percent = Int((min(1, max(0, fraction.isFinite ? fraction : 0)) * 100).rounded(.down))
            continuation.yield((percent, message ?? "\(phase.rawValue): \(percent)%"))
        }
        return try await withThrowingTaskGroup(of: Output?.self) { group in
            group.addTask {
                for await report in reports {
                    do {
                        _ = try await store.phaseProgress(job, phase: phase, worker: worker, percent: report.percent, message: report.message)
                    } catch is JobTransitionError {
                        return nil  // the job moved on (lease lost, cancelled): the watchdog stops it
                    } catch {
                        // Progress is best effort: a store hiccup must not fail the phase.
                    }
                    try await clock.sleep(for: interval)
                }
                return nil
            }
            group.addTask {
                defer { continuation.finish() }
                return try await Self.$current.withValue(progress) { try await body() }
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let output = result { return output }
            }
            throw CancellationError()
        }
    }
}
