/// `aiosctl stats`: how long phases and jobs take, from the job records in the store.
///
/// Phase durations run from a phase's first start to its completion (retries included); job
/// durations from the first claim to completion; queue waits from submission to first claim.
/// Only jobs still in the store count (finished jobs are collected after the retention).
public struct StoreStatistics: Sendable {
    public var jobsByStatus: [JobStatus: Int] = [:]
    /// Completed phases, per phase.
    public var phases: [Phase: DurationSummary] = [:]
    /// Phases that failed for good, per phase.
    public var failedPhases: [Phase: Int] = [:]
    /// Completed jobs.
    public var jobs = DurationSummary(milliseconds: [])
    /// Time from submission to first claim, for every job that started.
    public var queueWait = DurationSummary(milliseconds: [])

    /// Computes the statistics of `jobs`.
    public init(_ jobs: [JobObservation]) {
        var phaseDurations: [Phase: [Int64]] = [:]
        var jobDurations: [Int64] = []
        var waits: [Int64] = []
        for status in JobStatus.allCases { jobsByStatus[status] = 0 }
        for job in jobs {
            jobsByStatus[job.status, default: 0] += 1
            if let started = job.startedAt { waits.append(max(0, started - job.createdAt)) }
            if job.status == .completed, let started = job.startedAt, let finished = job.finishedAt {
                jobDurations.append(max(0, finished - started))
            }
            for (phase, state) in job.phases {
                switch state.status {
                case .completed:
                    if let duration = state.durationMilliseconds { phaseDurations[phase, default: []].append(duration) }
                case .failed:
                    failedPhases[phase, default: 0] += 1
                default: break
                }
            }
        }
        for phase in Phase.allCases { phases[phase] = DurationSummary(milliseconds: phaseDurations[phase] ?? []) }
        self.jobs = DurationSummary(milliseconds: jobDurations)
        queueWait = DurationSummary(milliseconds: waits)
    }

    /// The statistics as one JSON object (`aiosctl stats --json`).
    public var json: JSONObject {
        var byStatus = JSONObject()
        for status in JobStatus.allCases { byStatus[status.rawValue] = .integer(jobsByStatus[status] ?? 0) }
        var phaseObject = JSONObject()
        for phase in Phase.allCases {
            var entry = phases[phase]?.json.objectValue ?? [:]
            entry["failed"] = .integer(failedPhases[phase] ?? 0)
            phaseObject[phase.rawValue] = .object(entry)
        }
        return ["jobs_by_status": .object(byStatus), "phases": .object(phaseObject), "jobs": jobs.json, "queue_wait": queueWait.json]
    }

    /// A table for people (`aiosctl stats`).
    public var text: String {
        var lines = ["jobs: " + JobStatus.allCases.map { "\(jobsByStatus[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "), ""]
        lines.append(Self.row(["", "count", "p50", "p95", "p99", "max", "failed"]))
        for phase in Phase.allCases {
            let summary = phases[phase] ?? DurationSummary(milliseconds: [])
            lines.append(Self.row(["phase " + phase.rawValue] + Self.cells(summary) + [String(failedPhases[phase] ?? 0)]))
        }
        lines.append(Self.row(["job (claim to end)"] + Self.cells(jobs) + [String(jobsByStatus[.failed] ?? 0)]))
        lines.append(Self.row(["queue wait"] + Self.cells(queueWait) + ["-"]))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func cells(_ summary: DurationSummary) -> [String] {
        [String(summary.count)] + [summary.p50, summary.p95, summary.p99, summary.max].map { $0.map(duration) ?? "-" }
    }

    /// `840ms`, `2.41s`, `3m12s`.
    static func duration(_ milliseconds: Int64) -> String {
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds < 60_000 {
            let hundredths = (milliseconds + 5) / 10
            let fraction = String(hundredths % 100)
            return "\(hundredths / 100).\(fraction.count == 1 ? "0" + fraction : fraction)s"
        }
        return HealthReport.age(milliseconds)
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [20, 7, 9, 9, 9, 9, 7]
        return zip(cells, widths).map { cell, width in
            cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined().trimmingTrailingSpaces()
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
