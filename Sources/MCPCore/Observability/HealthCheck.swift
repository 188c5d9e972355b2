/// `aiosctl health`: is this installation able to do its work?
///
/// Unhealthy when the store cannot be read or its journal is damaged, when a running job's
/// worker is gone (lease expired, or its process no longer runs), or when a job has waited
/// longer than `maxQueueAge` with no live worker to run it.
public enum HealthCheck {
    /// How long a job may wait in the queue with no live worker before the store is unhealthy.
    public static let defaultMaxQueueAge: Duration = .seconds(60)

    /// Checks the store in `storeDirectory` without changing its jobs.
    ///
    /// The journal and snapshot are verified record by record (artifacts are left to
    /// `aiosctl store verify`); live workers come from the heartbeats in `metrics/` and from
    /// unexpired leases.
    /// - Parameters:
    ///   - storeDirectory: The store directory.
    ///   - maxQueueAge: The longest a job may wait with no live worker.
    ///   - now: The current time, Unix milliseconds.
    /// - Returns: The report; never throws, since every failure is a finding.
    public static func run(
        storeDirectory: String, maxQueueAge: Duration = defaultMaxQueueAge, now: Int64 = Timestamp.nowMilliseconds()
    ) async -> HealthReport {
        await run(store: .file(storeDirectory), maxQueueAge: maxQueueAge, now: now)
    }

    /// Checks the configured store without changing its jobs (see ``run(storeDirectory:maxQueueAge:now:)``).
    public static func run(
        store configuration: StoreConfiguration, maxQueueAge: Duration = defaultMaxQueueAge,
        now: Int64 = Timestamp.nowMilliseconds()
    ) async -> HealthReport {
        var report = HealthReport(checkedAt: now, storeDirectory: configuration.description)
        report.storeBackend = configuration.backendName
        // A PostgreSQL store keeps metrics in the database (aios_metrics), not in files.
        if case .file = configuration.backend { report.metricsDirectory = configuration.directory }
        var damaged = false
        let found: Bool
        do {
            found = try StoreFactory.exists(configuration)
        } catch {
            found = false
            damaged = true
            report.reasons.append("cannot examine the store: \(error)")
        }
        if found {
            do {
                let verified = try await StoreFactory.verify(configuration, artifacts: false)
                report.generation = verified.generation
                report.journalRecords = verified.journalRecords
                for problem in verified.problems {
                    switch problem.severity {
                    case .damage:
                        damaged = true
                        report.reasons.append("store damaged: \(problem)")
                    case .notice:
                        report.warnings.append(problem.description)
                    }
                }
                if !damaged { report.formatVersion = verified.formatVersion }
            } catch {
                damaged = true
                report.reasons.append("cannot verify the store: \(error)")
            }
        }

        let observation = await StoreObservation.gather(store: configuration, now: now)
        if let storeError = observation.storeError {
            if !damaged { report.reasons.append("cannot read the store: \(storeError)") }
        } else if let summary = observation.summary {
            report.storeReadable = true
            report.jobsByStatus = summary.countsByStatus
            report.oldestQueuedAt = summary.oldestQueuedAt
            report.generation = summary.generation
            report.webhooks = observation.webhooks
        }
        if let metricsError = observation.metricsError {
            report.warnings.append("cannot read worker heartbeats in metrics/: \(metricsError)")
        }
        report.workerProcesses = observation.metrics.liveWorkerProcesses
        report.busyWorkers = observation.busyWorkers(now: now)
        report.deadWorkerJobs = DeadWorkerJob.find(in: observation.jobs, now: now)
        for job in report.deadWorkerJobs { report.reasons.append(job.describe(now: now)) }

        if let oldest = report.oldestQueuedAt, now - oldest > maxQueueAge.wholeMilliseconds {
            let waiting = "\(report.queueDepth) job\(report.queueDepth == 1 ? "" : "s") queued, the oldest for \(HealthReport.age(now - oldest))"
            if report.hasLiveWorker {
                report.warnings.append("\(waiting): the workers are behind")
            } else {
                report.reasons.append("\(waiting), and no live worker to run them (start 'aiosctl worker' or an aios-mcp with AIOS_WORKERS > 0)")
            }
        }
        return report
    }
}
