/// The fields of a job entry (formats 3 on), described once: the fixed ones every entry starts
/// with, and a table of the optional ones — for each its flag, the first format that keeps it,
/// whether a record has it, how it is written and how it is read, in the order the entry holds
/// them. `encode(_:into:format:)` and `decodeEntry` are built from these tables, so a new field
/// is one entry here (with the next format as its `since`), and `JobRecordFieldTests` fails for a
/// stored property of `JobRecord` or `PhaseState` that no entry carries.
///
/// An entry: id (34 bytes), order (u64), status (u8), requested phases (u8), progress percent
/// (u8), flags (u16), created and updated (i64); the `beforePhases` fields whose flag is set;
/// each phase's state (status u8, phase flags u8, the `phaseFields` whose flag is set); the
/// request (u32 length, bytes); the `afterRequest` fields whose flag is set.
extension SnapshotCodec {
    /// The stored properties of `JobRecord` the fixed part of an entry holds (the phase states
    /// and the request have places of their own, every entry has them).
    static let fixedRecordFields = [
        "id", "order", "status", "requestedPhases", "progressPercent", "createdAt", "updatedAt", "phases", "requestBytes",
    ]
    /// The stored property of `PhaseState` the fixed part of a phase's state holds.
    static let fixedPhaseFields = ["status"]

    /// An optional part of a job entry.
    struct EntryField: Sendable {
        enum Place: Sendable { case beforePhases, afterRequest }
        /// The record's stored properties it carries, a property of a property named by its
        /// path (`error.details`; `phases.progress.percent`: of every phase's state).
        var carries: [String]
        var flag: EntryFlags
        /// The first format that keeps it; older formats never set its flag, and their readers
        /// ignore it.
        var since: UInt32
        var place: Place
        var isPresent: @Sendable (JobRecord) -> Bool
        /// Writes the field of a record that has it.
        var write: @Sendable (JobRecord, inout ByteWriter) -> Void
        var read: @Sendable (inout ByteReader, inout JobRecord, PhaseGraph) throws(StoreError) -> Void
    }

    /// An optional part of a phase's state in a job entry.
    struct PhaseField: Sendable {
        /// The phase state's stored properties it carries (`artifact.path`: of a property).
        var carries: [String]
        var flag: PhaseFlags
        var since: UInt32
        var isPresent: @Sendable (PhaseState) -> Bool
        var write: @Sendable (PhaseState, inout ByteWriter) -> Void
        var read: @Sendable (inout ByteReader, inout PhaseState) throws(StoreError) -> Void
    }

    /// The optional parts of an entry, in the order they are written.
    static let entryFields: [EntryField] = [
        EntryField(
            carries: ["stallCount"], flag: .stallCount, since: indexedFormat, place: .beforePhases,
            isPresent: { $0.stallCount != 0 }, write: { $1.u32(UInt32(clamping: $0.stallCount)) },
            read: { reader, record, _ throws(StoreError) in record.stallCount = Int(try reader.u32()) }),
        EntryField(
            carries: ["startedAt"], flag: .startedAt, since: indexedFormat, place: .beforePhases,
            isPresent: { $0.startedAt != nil }, write: { $1.i64($0.startedAt ?? 0) },
            read: { reader, record, _ throws(StoreError) in record.startedAt = try reader.i64() }),
        EntryField(
            carries: ["finishedAt"], flag: .finishedAt, since: indexedFormat, place: .beforePhases,
            isPresent: { $0.finishedAt != nil }, write: { $1.i64($0.finishedAt ?? 0) },
            read: { reader, record, _ throws(StoreError) in record.finishedAt = try reader.i64() }),
        EntryField(
            carries: ["error.code", "error.message"], flag: .error, since: indexedFormat, place: .beforePhases,
            isPresent: { $0.error != nil }, write: { record, writer in if let error = record.error { writer.failureFields(error) } },
            read: { reader, record, _ throws(StoreError) in record.error = try reader.failureFields() }),
        EntryField(
            carries: ["idempotencyKey"], flag: .idempotencyKey, since: indexedFormat, place: .beforePhases,
            isPresent: { $0.idempotencyKey != nil }, write: { $1.string($0.idempotencyKey ?? "") },
            read: { reader, record, _ throws(StoreError) in record.idempotencyKey = try reader.string() }),
        EntryField(
            carries: ["webhookURL"], flag: .webhookURL, since: indexedFormat, place: .beforePhases,
            isPresent: { $0.webhookURL != nil }, write: { $1.string($0.webhookURL ?? "") },
            read: { reader, record, _ throws(StoreError) in record.webhookURL = try reader.string() }),
        EntryField(
            carries: ["owner"], flag: .owner, since: indexedFormat, place: .beforePhases,
            isPresent: { $0.owner != nil }, write: { $1.string($0.owner ?? "") },
            read: { reader, record, _ throws(StoreError) in record.owner = try reader.string() }),
        EntryField(
            carries: ["lease.holder", "lease.expiresAt"], flag: .lease, since: indexedFormat, place: .beforePhases,
            isPresent: { $0.lease != nil },
            write: { record, writer in
                if let lease = record.lease {
                    writer.string(lease.holder)
                    writer.i64(lease.expiresAt)
                }
            },
            read: { reader, record, _ throws(StoreError) in
                record.lease = JobLease(holder: try reader.string(), expiresAt: try reader.i64())
            }),
        EntryField(
            carries: ["webhookDeliveries"], flag: .deliveries, since: indexedFormat, place: .afterRequest,
            isPresent: { !$0.webhookDeliveries.isEmpty },
            write: { record, writer in
                writer.u32(UInt32(record.webhookDeliveries.count))
                for delivery in record.webhookDeliveries { WebhookSnapshotSection.encode(delivery, into: &writer) }
            },
            read: { reader, record, graph throws(StoreError) in
                let count = try reader.u32()
                for _ in 0..<count {
                    record.webhookDeliveries.append(try WebhookSnapshotSection.decodeDelivery(&reader, job: record.id, graph: graph))
                }
            }),
        // Format 5 (SnapshotCodec+Progress.swift): an entry without these is a format 4 entry.
        EntryField(
            carries: ["error.details"], flag: .errorDetails, since: detailsFormat, place: .afterRequest,
            isPresent: { $0.error?.details != nil },
            write: { record, writer in if let details = record.error?.details { writer.details(details) } },
            read: { reader, record, _ throws(StoreError) in record.error?.details = try reader.details() }),
        EntryField(
            carries: ["phases.progress.percent", "phases.progress.message", "phases.progress.at"], flag: .phaseProgress, since: detailsFormat, place: .afterRequest,
            isPresent: { $0.phases.contains { $0.progress != nil } },
            write: { record, writer in encodePhaseProgress(record, into: &writer) },
            read: { reader, record, _ throws(StoreError) in try decodePhaseProgress(&reader, into: &record) }),
    ]

    /// The optional parts of a phase's state, in the order they are written.
    static let phaseFields: [PhaseField] = [
        PhaseField(
            carries: ["startedAt"], flag: .startedAt, since: indexedFormat, isPresent: { $0.startedAt != nil },
            write: { $1.i64($0.startedAt ?? 0) }, read: { reader, state throws(StoreError) in state.startedAt = try reader.i64() }),
        PhaseField(
            carries: ["finishedAt"], flag: .finishedAt, since: indexedFormat, isPresent: { $0.finishedAt != nil },
            write: { $1.i64($0.finishedAt ?? 0) }, read: { reader, state throws(StoreError) in state.finishedAt = try reader.i64() }),
        PhaseField(
            carries: ["attempts"], flag: .attempts, since: indexedFormat, isPresent: { $0.attempts != 0 },
            write: { $1.u32(UInt32(clamping: $0.attempts)) },
            read: { reader, state throws(StoreError) in state.attempts = Int(try reader.u32()) }),
        PhaseField(
            carries: ["failures"], flag: .failures, since: indexedFormat, isPresent: { $0.failures != 0 },
            write: { $1.u32(UInt32(clamping: $0.failures)) },
            read: { reader, state throws(StoreError) in state.failures = Int(try reader.u32()) }),
        PhaseField(
            carries: ["error.code", "error.message"], flag: .error, since: indexedFormat, isPresent: { $0.error != nil },
            write: { state, writer in if let error = state.error { writer.failureFields(error) } },
            read: { reader, state throws(StoreError) in state.error = try reader.failureFields() }),
        PhaseField(
            carries: ["error.details"], flag: .errorDetails, since: detailsFormat, isPresent: { $0.error?.details != nil },
            write: { state, writer in if let details = state.error?.details { writer.details(details) } },
            read: { reader, state throws(StoreError) in state.error?.details = try reader.details() }),
        PhaseField(
            carries: ["retryAt"], flag: .retryAt, since: indexedFormat, isPresent: { $0.retryAt != nil },
            write: { $1.i64($0.retryAt ?? 0) }, read: { reader, state throws(StoreError) in state.retryAt = try reader.i64() }),
        PhaseField(
            carries: ["artifact.path", "artifact.sha256", "artifact.size"], flag: .artifact, since: indexedFormat, isPresent: { $0.artifact != nil },
            write: { state, writer in
                if let artifact = state.artifact {
                    writer.string(artifact.path)
                    writer.string(artifact.sha256)
                    writer.i64(artifact.size)
                }
            },
            read: { reader, state throws(StoreError) in
                state.artifact = ArtifactReference(path: try reader.string(), sha256: try reader.string(), size: try reader.i64())
            }),
    ]
}
