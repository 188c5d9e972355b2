import Testing
@testable import AIOSStore
@testable import MCPCore

/// The job entry's fields are described once (`SnapshotCodec.EntryField`, `PhaseField`,
/// SnapshotCodec+Fields.swift), and the snapshot codec and the PostgreSQL rows (which hold a
/// job as its snapshot entry) are built from that description. These tests fail for a stored
/// property of a job's record that the description does not carry — a field added to
/// `JobRecord`, `PhaseState`, `JobFailure`, `JobLease`, `ArtifactReference` or `PhaseProgress`
/// but not to the codecs — and for a described field that the golden records never exercise, so
/// that its write and read are checked against each other (`StoreCodecGoldenTests`).
///
/// The journal needs no such list: its records are `JobEvent` cases, whose encoder and decoder
/// are exhaustive over the cases and their values, so the compiler refuses a value added to an
/// event but not to both; `StoreCodecGoldenTests` round-trips every record type.
@Suite struct JobRecordFieldTests {
    /// The stored properties of a value's type, by reflection.
    static func properties(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }

    static let failure = JobFailure(code: "C", message: "m", details: ["a": 1])
    static let lease = JobLease(holder: "h", expiresAt: 1)
    static let artifact = ArtifactReference(path: "p", sha256: "s", size: 1)
    static let progress = PhaseProgress(percent: 1, message: "m", at: 1)

    /// The paths a property named `name` of type `type` stands for: its own name, or for the
    /// store's composite values, the name of each of their stored properties under it.
    static func leaves(_ name: String, of type: Any.Type) -> [String] {
        let composite: Any? =
            switch type {
            case is JobFailure?.Type, is JobFailure.Type: failure
            case is JobLease?.Type, is JobLease.Type: lease
            case is ArtifactReference?.Type, is ArtifactReference.Type: artifact
            case is PhaseProgress?.Type, is PhaseProgress.Type: progress
            default: nil
            }
        guard let composite else { return [name] }
        return properties(composite).map { name + "." + $0 }
    }

    static func leaves(of value: Any) -> [String] {
        Mirror(reflecting: value).children.flatMap { child in leaves(child.label ?? "?", of: type(of: child.value)) }
    }

    @Test func everyStoredPropertyOfAJobsRecordIsCarriedByTheEntrysDescription() {
        let record = StoreCodecGoldenTests.records[1]
        let entryCarries = Set(SnapshotCodec.EntryField.allCases.flatMap(\.carries))
        let phaseCarries = Set(SnapshotCodec.PhaseField.allCases.flatMap(\.carries))
        for leaf in Self.leaves(of: record) {
            #expect(
                SnapshotCodec.fixedRecordFields.contains(leaf) || entryCarries.contains(leaf),
                "JobRecord.\(leaf) is not carried by the snapshot entry (add it to SnapshotCodec.EntryField)")
        }
        for leaf in Self.leaves(of: PhaseState()) {
            #expect(
                SnapshotCodec.fixedPhaseFields.contains(leaf) || phaseCarries.contains(leaf) || entryCarries.contains("phases." + leaf),
                "PhaseState.\(leaf) is not carried by the snapshot entry (add it to SnapshotCodec.PhaseField)")
        }
        // And nothing is described that the records do not have.
        let recordLeaves = Set(Self.leaves(of: record))
        let phaseLeaves = Set(Self.leaves(of: PhaseState()))
        for carried in entryCarries {
            #expect(
                recordLeaves.contains(carried) || (carried.hasPrefix("phases.") && phaseLeaves.contains(String(carried.dropFirst(7)))),
                "SnapshotCodec.EntryField carries \(carried), which JobRecord does not have")
        }
        for carried in phaseCarries { #expect(phaseLeaves.contains(carried), "SnapshotCodec.PhaseField carries \(carried), which PhaseState does not have") }
        #expect(Set(SnapshotCodec.fixedRecordFields).isSubset(of: Set(Self.properties(record))))
    }

    /// A field added to `JobRecord` without an entry in the description fails the test above;
    /// its reflection is what it reads, so check that it sees one.
    @Test func theReflectionSeesEveryPropertyAndEveryCompositePart() {
        struct Probe { var plain: Int = 0; var lease: JobLease? = nil; var failure: JobFailure = StoreCodecGoldenTests.failureSample }
        let expected = ["plain"] + Self.properties(Self.lease).map { "lease." + $0 } + Self.properties(Self.failure).map { "failure." + $0 }
        #expect(Self.leaves(of: Probe()) == expected)
        #expect(expected.count == 6)
    }

    @Test func everyDescribedFieldIsExercisedByTheGoldenRecordsAndFlagsAreDistinct() {
        let records = StoreCodecGoldenTests.records
        for field in SnapshotCodec.EntryField.allCases {
            #expect(records.contains { field.isPresent(in: $0) }, "no golden record has \(field.carries)")
            #expect(field.layout.since <= SnapshotCodec.version)
        }
        let states = records.flatMap { Array($0.phases) }
        for field in SnapshotCodec.PhaseField.allCases {
            #expect(states.contains { field.isPresent(in: $0) }, "no golden phase state has \(field.carries)")
            #expect(field.layout.since <= SnapshotCodec.version)
        }
        let entryFlags = SnapshotCodec.EntryField.allCases.map(\.layout.flag.rawValue)
        #expect(Set(entryFlags).count == entryFlags.count && entryFlags.allSatisfy { $0.nonzeroBitCount == 1 })
        let phaseFlags = SnapshotCodec.PhaseField.allCases.map(\.layout.flag.rawValue)
        #expect(Set(phaseFlags).count == phaseFlags.count && phaseFlags.allSatisfy { $0.nonzeroBitCount == 1 })
    }

    /// Every golden record, which between them have every described field, round-trips through
    /// one entry read to its end: each field's write and read agree.
    @Test func everyGoldenRecordRoundTripsThroughOneEntryReadToItsEnd() throws {
        let full = StoreCodecGoldenTests.records
        for record in full {
            var writer = ByteWriter()
            SnapshotCodec.encode(record, into: &writer, format: SnapshotCodec.version)
            let decoded = try writer.buffer.withUnsafeBytes { raw throws(StoreError) -> JobRecord in
                var reader = ByteReader(raw, path: "entry", offset: 0)
                let decoded = try SnapshotCodec.decodeEntry(&reader, format: SnapshotCodec.version, graph: .pipeline)
                guard reader.offset == raw.count else { throw StoreError(.corrupt, "entry not read to its end") }
                return decoded
            }
            #expect(decoded == record)
        }
    }
}

extension StoreCodecGoldenTests {
    static var failureSample: JobFailure { JobFailure(code: "C", message: "m", details: ["a": 1]) }
}
