@testable import AIOSStore
@testable import MCPCore

// The store works from the phase graph its opener gives it; the product gives it the pipeline's
// (`PhaseGraph.pipeline`, from AIOSAgents). Tests that reach the store's internals stand in for
// the product here: these overloads supply the pipeline's graph, so each test reads as before.
extension JobStore {
    static func open(
        at directory: String, clock: any JobClock = SystemJobClock(), options: JobStoreOptions = .init()
    ) async throws -> JobStore {
        try await open(at: directory, graph: .pipeline, clock: clock, options: options)
    }

    static func verify(at directory: String, artifacts: Bool = true) async throws -> StoreVerifyReport {
        try await verify(at: directory, graph: .pipeline, artifacts: artifacts)
    }
}

extension JobStateMachine {
    init() { self.init(graph: .pipeline) }
    init(records: [JobRecord], sequence: UInt64) { self.init(graph: .pipeline, records: records, sequence: sequence) }
}

extension JobEvent {
    init(payload: [UInt8]) throws(EventDecodingError) { try self.init(payload: payload, graph: .pipeline) }
    func serialized() -> [UInt8] { serialized(graph: .pipeline) }
}

extension Job {
    init(record: JobRecord) { self.init(record: record, graph: .pipeline) }
}

extension JobRecord {
    func readyPhases(now: Int64) -> [Phase] { readyPhases(now: now, graph: .pipeline) }
}

extension PhaseSet {
    static var all: PhaseSet { PhaseGraph.pipeline.all }
}

extension SnapshotCodec {
    static func decode(_ bytes: [UInt8], path: String, checksIndex: Bool = false) throws(StoreError) -> Contents {
        try decode(bytes, path: path, graph: .pipeline, checksIndex: checksIndex)
    }
}

extension StoreReplica {
    convenience init(directory: String, loading: Bool = true) throws(StoreError) {
        try self.init(directory: directory, graph: .pipeline, loading: loading)
    }
}

extension SingleJobReader {
    init(directory: String, id: JobID) { self.init(directory: directory, id: id, graph: .pipeline) }
}

extension JournalRecordDecoder {
    init() { self.init(graph: .pipeline) }
}

extension ArtifactFiles {
    static func write(_ artifact: JSONObject, job: JobID, phase: Phase, storeDirectory: String) throws(StoreError)
        -> ArtifactReference
    {
        try write(artifact, job: job, phase: phase.rawValue, storeDirectory: storeDirectory)
    }
}

extension PostgresJobStore {
    static func open(
        _ conninfo: String, clock: any JobClock = SystemJobClock(), options: JobStoreOptions = .init(), connections: Int = 2,
        listens: Bool = true
    ) async throws -> PostgresJobStore {
        try await open(conninfo, graph: .pipeline, clock: clock, options: options, connections: connections, listens: listens)
    }
}
