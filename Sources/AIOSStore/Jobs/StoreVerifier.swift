/// Reads a store end to end and reports every problem instead of stopping at the first one.
/// Run under the shared lock, so no writer is mid-append.
struct StoreVerifier {
    let directory: String
    /// The store's phases.
    let graph: PhaseGraph
    var checksArtifacts = true

    func run() throws(StoreError) -> StoreVerifyReport {
        var report = StoreVerifyReport(directory: directory, formatVersion: JournalFormat.version)
        var generation: UInt64
        do {
            generation = try StoreReplica.readCurrent(directory: directory)
        } catch {
            if error.code == .io { throw error }
            report.problems.append(.init(severity: .damage, message: error.message, path: error.path, offset: error.offset))
            return report
        }
        var machine = JobStateMachine(graph: graph)
        if generation > 0 {
            let path = directory + "/" + StoreReplica.snapshotName(generation)
            do throws(StoreError) {
                guard let file = try StoreFile.openIfExists(path: path) else {
                    throw StoreError(.corrupt, "the snapshot of generation \(generation) is missing", path: path)
                }
                let bytes = try file.readAll()
                report.snapshotBytes = Int64(bytes.count)
                machine = try SnapshotCodec.decode(bytes, path: path, graph: graph, checksIndex: true).machine
            } catch {
                report.problems.append(.init(severity: .damage, message: error.message, path: path, offset: error.offset))
            }
        }
        // Follow seals, as an open would after an interrupted compaction.
        while true {
            let path = directory + "/" + StoreReplica.journalName(generation)
            report.generation = generation
            guard let sealedInto = checkJournal(path, generation: generation, machine: &machine, report: &report) else { break }
            generation = sealedInto
        }
        report.jobs = machine.jobs.count
        if checksArtifacts { checkArtifacts(machine, report: &report) }
        report.problems += Self.checkSideFiles(directory: directory)
        return report
    }

    /// Checks one journal; returns the generation it was sealed into, if it was.
    private func checkJournal(
        _ path: String, generation: UInt64, machine: inout JobStateMachine, report: inout StoreVerifyReport
    ) -> UInt64? {
        let bytes: [UInt8]
        do throws(StoreError) {
            guard let file = try StoreFile.openIfExists(path: path) else {
                throw StoreError(.corrupt, "the journal of generation \(generation) is missing", path: path)
            }
            bytes = try file.readAll()
            let found = try JournalFormat.parseHeader(bytes, path: path)
            guard found == generation else {
                throw StoreError(.corrupt, "journal header says generation \(found)", path: path, offset: 16)
            }
        } catch {
            report.problems.append(.init(severity: .damage, message: error.message, path: path, offset: error.offset))
            return nil
        }
        report.journalBytes = Int64(bytes.count)
        var sealedInto: UInt64?
        var problems: [StoreVerifyReport.Problem] = []
        var records = 0
        var decoder = JournalRecordDecoder(graph: graph)
        let (end, stop) = bytes.withUnsafeBytes { raw in
            JournalFormat.scan(raw, from: JournalFormat.headerSize) { offset, payload in
                records += 1
                do {
                    let event = try decoder.decode(payload)
                    if case .sealed(let next) = event {
                        sealedInto = next
                    } else {
                        try machine.apply(event)
                    }
                } catch {
                    problems.append(.init(severity: .damage, message: "record: \(error)", path: path, offset: Int64(offset)))
                }
            }
        }
        report.journalRecords += records
        report.problems += problems
        if let stop {
            let damaged = bytes.withUnsafeBytes { JournalFormat.hasValidRecord($0, after: end) }
            let reason: String
            switch stop {
            case .incomplete: reason = "an incomplete record"
            case .bad(_, let why): reason = "a bad record (\(why))"
            }
            if damaged {
                report.problems.append(
                    .init(
                        severity: .damage, message: "\(reason) followed by valid records: records after it are unreadable",
                        path: path, offset: Int64(end)))
            } else if case .bad = stop {
                // All of it is there, so it is not a write a crash cut short: acknowledged data
                // was damaged. The next writer moves it aside (see `DamagedTail`) and goes on.
                report.problems.append(
                    .init(
                        severity: .damage,
                        message: "the last \(bytes.count - end) bytes are \(reason), not a torn write: acknowledged records are damaged; the next writer moves them aside to \(StoreReplica.journalName(generation))\(DamagedTail.marker)\(end)-…",
                        path: path, offset: Int64(end)))
            } else {
                report.problems.append(
                    .init(
                        severity: .notice,
                        message: "torn tail of \(bytes.count - end) bytes (\(reason)) from an interrupted write; the next writer drops it",
                        path: path, offset: Int64(end)))
            }
        }
        return sealedInto
    }

    /// The files beside the job journal: `keys.log`, `ratelimits/`, `webhook-secrets`, and any
    /// damaged journal tail set aside (`DamagedTail`).
    static func checkSideFiles(directory: String) -> [StoreVerifyReport.Problem] {
        var problems = KeyJournal.verify(directory: directory)
        problems += RateLimitFile.verify(directory: directory, now: Timestamp.nowMilliseconds())
        problems += WebhookKeyring.verify(directory: directory)
        problems += DamagedTail.problems(in: directory)
        return problems
    }

    private func checkArtifacts(_ machine: JobStateMachine, report: inout StoreVerifyReport) {
        for id in machine.jobs.keys.sorted() {
            guard let record = machine.jobs[id] else { continue }
            for phase in record.requestedPhases {
                guard let reference = record[phase].artifact else { continue }
                report.artifactsChecked += 1
                do {
                    _ = try ArtifactFiles.verifiedBytes(reference, storeDirectory: directory)
                } catch {
                    report.problems.append(.init(severity: .damage, message: error.message, path: error.path, offset: nil))
                }
            }
        }
    }
}
