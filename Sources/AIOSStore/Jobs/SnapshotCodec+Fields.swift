/// The fields of a job entry (formats 3 on), described once: the fixed ones every entry starts
/// with, and the optional ones as two enums, `EntryField` (a job's) and `PhaseField` (a phase
/// state's), whose cases are in the order an entry holds them and whose switches say, for each,
/// its flag, the first format that keeps it, which record properties it carries, whether a
/// record has it, how it is written and how it is read. `encode(_:into:format:)` and
/// `decodeEntry` only walk these, so a new field is one new case, and the compiler refuses it
/// until every switch here says what it is; `JobRecordFieldTests` fails for a stored property of
/// a job's record that no case carries.
///
/// (Enums with switches rather than a table of closures: copying a table entry of closures
/// costs reference counting on every field of every job, which made compacting 20 000 jobs 29 %
/// slower; a switch over a trivial enum costs a jump.)
///
/// An entry: id (34 bytes), order (u64), status (u8), requested phases (u8), progress percent
/// (u8), flags (u16), created and updated (i64); the `beforePhases` fields whose flag is set;
/// each phase's state (status u8, phase flags u8, the phase fields whose flag is set); the
/// request (u32 length, bytes); the `afterRequest` fields whose flag is set.
extension SnapshotCodec {
    /// The stored properties of `JobRecord` the fixed part of an entry holds (the phase states
    /// and the request have places of their own: every entry has them).
    static let fixedRecordFields = [
        "id", "order", "status", "requestedPhases", "progressPercent", "createdAt", "updatedAt", "phases", "requestBytes",
    ]
    /// The stored property of `PhaseState` the fixed part of a phase's state holds.
    static let fixedPhaseFields = ["status"]

    enum Place { case beforePhases, afterRequest }

    /// An optional part of a job entry, in the order an entry holds them.
    enum EntryField: CaseIterable {
        case stallCount, startedAt, finishedAt, error, idempotencyKey, webhookURL, owner, lease
        case deliveries, errorDetails, phaseProgress

        /// Stored once: `allCases` builds a new array on every use.
        static let inOrder = allCases

        /// Its flag, the first format that keeps it (older formats never set the flag, and
        /// their readers ignore it), and where in the entry it is.
        var layout: (flag: EntryFlags, since: UInt32, place: Place) {
            switch self {
            case .stallCount: (.stallCount, indexedFormat, .beforePhases)
            case .startedAt: (.startedAt, indexedFormat, .beforePhases)
            case .finishedAt: (.finishedAt, indexedFormat, .beforePhases)
            case .error: (.error, indexedFormat, .beforePhases)
            case .idempotencyKey: (.idempotencyKey, indexedFormat, .beforePhases)
            case .webhookURL: (.webhookURL, indexedFormat, .beforePhases)
            case .owner: (.owner, indexedFormat, .beforePhases)
            case .lease: (.lease, indexedFormat, .beforePhases)
            case .deliveries: (.deliveries, indexedFormat, .afterRequest)
            // Format 5: an entry without these is byte for byte a format 4 entry.
            case .errorDetails: (.errorDetails, detailsFormat, .afterRequest)
            case .phaseProgress: (.phaseProgress, detailsFormat, .afterRequest)
            }
        }

        /// The record's stored properties it carries, a property of a property named by its
        /// path (`error.details`; `phases.progress.percent`: of every phase's state).
        var carries: [String] {
            switch self {
            case .stallCount: ["stallCount"]
            case .startedAt: ["startedAt"]
            case .finishedAt: ["finishedAt"]
            case .error: ["error.code", "error.message"]
            case .idempotencyKey: ["idempotencyKey"]
            case .webhookURL: ["webhookURL"]
            case .owner: ["owner"]
            case .lease: ["lease.holder", "lease.expiresAt"]
            case .deliveries: ["webhookDeliveries"]
            case .errorDetails: ["error.details"]
            case .phaseProgress: ["phases.progress.percent", "phases.progress.message", "phases.progress.at"]
            }
        }

        func isPresent(in record: JobRecord) -> Bool {
            switch self {
            case .stallCount: record.stallCount != 0
            case .startedAt: record.startedAt != nil
            case .finishedAt: record.finishedAt != nil
            case .error: record.error != nil
            case .idempotencyKey: record.idempotencyKey != nil
            case .webhookURL: record.webhookURL != nil
            case .owner: record.owner != nil
            case .lease: record.lease != nil
            case .deliveries: !record.webhookDeliveries.isEmpty
            case .errorDetails: record.error?.details != nil
            case .phaseProgress: record.phases.contains { $0.progress != nil }
            }
        }

        /// Writes the field of a record that has it.
        func write(_ record: JobRecord, into writer: inout ByteWriter) {
            switch self {
            case .stallCount: writer.u32(UInt32(clamping: record.stallCount))
            case .startedAt: writer.i64(record.startedAt ?? 0)
            case .finishedAt: writer.i64(record.finishedAt ?? 0)
            case .error: if let error = record.error { writer.failureFields(error) }
            case .idempotencyKey: writer.string(record.idempotencyKey ?? "")
            case .webhookURL: writer.string(record.webhookURL ?? "")
            case .owner: writer.string(record.owner ?? "")
            case .lease:
                if let lease = record.lease {
                    writer.string(lease.holder)
                    writer.i64(lease.expiresAt)
                }
            case .deliveries:
                writer.u32(UInt32(record.webhookDeliveries.count))
                for delivery in record.webhookDeliveries { WebhookSnapshotSection.encode(delivery, into: &writer) }
            case .errorDetails: if let details = record.error?.details { writer.details(details) }
            case .phaseProgress: encodePhaseProgress(record, into: &writer)
            }
        }

        func read(_ reader: inout ByteReader, into record: inout JobRecord, graph: PhaseGraph) throws(StoreError) {
            switch self {
            case .stallCount: record.stallCount = Int(try reader.u32())
            case .startedAt: record.startedAt = try reader.i64()
            case .finishedAt: record.finishedAt = try reader.i64()
            case .error: record.error = try reader.failureFields()
            case .idempotencyKey: record.idempotencyKey = try reader.string()
            case .webhookURL: record.webhookURL = try reader.string()
            case .owner: record.owner = try reader.string()
            case .lease: record.lease = JobLease(holder: try reader.string(), expiresAt: try reader.i64())
            case .deliveries:
                let count = try reader.u32()
                for _ in 0..<count {
                    record.webhookDeliveries.append(try WebhookSnapshotSection.decodeDelivery(&reader, job: record.id, graph: graph))
                }
            case .errorDetails: record.error?.details = try reader.details()
            case .phaseProgress: try decodePhaseProgress(&reader, into: &record)
            }
        }
    }

    /// An optional part of a phase's state in a job entry, in the order an entry holds them.
    enum PhaseField: CaseIterable {
        case startedAt, finishedAt, attempts, failures, error, errorDetails, retryAt, artifact

        /// Stored once: `allCases` builds a new array on every use.
        static let inOrder = allCases

        /// Its flag and the first format that keeps it.
        var layout: (flag: PhaseFlags, since: UInt32) {
            switch self {
            case .startedAt: (.startedAt, indexedFormat)
            case .finishedAt: (.finishedAt, indexedFormat)
            case .attempts: (.attempts, indexedFormat)
            case .failures: (.failures, indexedFormat)
            case .error: (.error, indexedFormat)
            // Format 5: right after the error's code and message.
            case .errorDetails: (.errorDetails, detailsFormat)
            case .retryAt: (.retryAt, indexedFormat)
            case .artifact: (.artifact, indexedFormat)
            }
        }

        /// The phase state's stored properties it carries (`artifact.path`: of a property).
        var carries: [String] {
            switch self {
            case .startedAt: ["startedAt"]
            case .finishedAt: ["finishedAt"]
            case .attempts: ["attempts"]
            case .failures: ["failures"]
            case .error: ["error.code", "error.message"]
            case .errorDetails: ["error.details"]
            case .retryAt: ["retryAt"]
            case .artifact: ["artifact.path", "artifact.sha256", "artifact.size"]
            }
        }

        func isPresent(in state: PhaseState) -> Bool {
            switch self {
            case .startedAt: state.startedAt != nil
            case .finishedAt: state.finishedAt != nil
            case .attempts: state.attempts != 0
            case .failures: state.failures != 0
            case .error: state.error != nil
            case .errorDetails: state.error?.details != nil
            case .retryAt: state.retryAt != nil
            case .artifact: state.artifact != nil
            }
        }

        func write(_ state: PhaseState, into writer: inout ByteWriter) {
            switch self {
            case .startedAt: writer.i64(state.startedAt ?? 0)
            case .finishedAt: writer.i64(state.finishedAt ?? 0)
            case .attempts: writer.u32(UInt32(clamping: state.attempts))
            case .failures: writer.u32(UInt32(clamping: state.failures))
            case .error: if let error = state.error { writer.failureFields(error) }
            case .errorDetails: if let details = state.error?.details { writer.details(details) }
            case .retryAt: writer.i64(state.retryAt ?? 0)
            case .artifact:
                if let artifact = state.artifact {
                    writer.string(artifact.path)
                    writer.string(artifact.sha256)
                    writer.i64(artifact.size)
                }
            }
        }

        func read(_ reader: inout ByteReader, into state: inout PhaseState) throws(StoreError) {
            switch self {
            case .startedAt: state.startedAt = try reader.i64()
            case .finishedAt: state.finishedAt = try reader.i64()
            case .attempts: state.attempts = Int(try reader.u32())
            case .failures: state.failures = Int(try reader.u32())
            case .error: state.error = try reader.failureFields()
            case .errorDetails: state.error?.details = try reader.details()
            case .retryAt: state.retryAt = try reader.i64()
            case .artifact:
                state.artifact = ArtifactReference(path: try reader.string(), sha256: try reader.string(), size: try reader.i64())
            }
        }
    }
}
