import Testing
@testable import AIOSStore
@testable import MCPCore

/// The phase graph is the pipeline's, given to the store as data (docs/architecture.md, "The
/// phase graph"): the store runs, records and names whatever graph it is opened with.
@Suite struct PhaseGraphTests {
    /// A graph other than the product's: five phases, a fork after `draft` and a join at `publish`.
    static let editorial = PhaseGraph([
        (name: "outline", parents: []),
        (name: "draft", parents: [0]),
        (name: "review", parents: [1]),
        (name: "translate", parents: [1]),
        (name: "publish", parents: [2, 3]),
    ])

    @Test func thePipelinesGraphIsItsFourPhases() {
        let graph = PhaseGraph.pipeline
        #expect(graph.names == ["strategy", "architecture", "ux", "code"])
        #expect(graph.phases == Phase.allCases)
        #expect(Phase.allCases == [.strategy, .architecture, .ux, .code])
        #expect(Phase.allCases.map(\.rawValue) == graph.names)
        #expect(Phase.allCases.map { Phase(rawValue: $0.rawValue) } == Phase.allCases)
        #expect(Phase(rawValue: "design") == nil)
        #expect(Phase.strategy.parents.isEmpty)
        #expect(Phase.architecture.parents == [.strategy] && Phase.ux.parents == [.strategy])
        #expect(Phase.code.parents == [.architecture, .ux])
        #expect("\(Phase.ux)" == "ux")
        #expect(Phase.allCases.sorted() == Phase.allCases && Phase.strategy < .code)
        #expect(Phase.allCases.map(\.toolName) == ["aios_strategize", "aios_design_architecture", "aios_design_ux", "aios_generate_code"])
        #expect(Phase.allCases.map(\.agent) == ["@pm", "@architect", "@ux-design-expert", "@dev"])
    }

    /// The pipeline's enum, which its switches go over, is the graph's phases in the same order,
    /// and converts both ways; a position the pipeline lacks is no pipeline phase.
    @Test func thePipelinePhaseEnumIsTheGraphsPhases() {
        #expect(PipelinePhase.allCases.map(\.phase) == PhaseGraph.pipeline.phases)
        #expect(PipelinePhase.allCases.map(\.phase.rawValue) == PhaseGraph.pipeline.names)
        #expect(Phase.allCases.map(\.pipelinePhase) == PipelinePhase.allCases)
        #expect(Phase.allCases.map(PipelinePhase.init) == PipelinePhase.allCases)
        #expect(PipelinePhase(Phase(index: 4)) == nil)
    }

    @Test func aGraphAnswersNamesParentsAndStrayPhases() {
        let graph = Self.editorial
        #expect(graph.count == 5)
        #expect(graph.phase(named: "translate") == Phase(index: 3))
        #expect(graph.phase(named: "strategy") == nil)
        #expect(graph.parents(of: Phase(index: 4)) == [Phase(index: 2), Phase(index: 3)])
        #expect(graph.name(of: Phase(index: 6)) == "phase6")
        #expect(!graph.contains(Phase(index: 5)))
        #expect(graph.all.rawValue == 0b1_1111)
        #expect(PhaseSet([Phase(index: 2)]).closedUnderAncestors(in: graph) == PhaseSet((0...2).map(Phase.init(index:))))
        #expect(PhaseSet([Phase(index: 4)]).closedUnderAncestors(in: graph) == graph.all)
        #expect(graph != .pipeline && graph == Self.editorial)
    }

    @Test func aMachineRefusesAPhaseItsGraphDoesNotHave() {
        let machine = JobStateMachine(graph: .pipeline)
        #expect(throws: JobTransitionError.self) {
            try machine.submit(
                id: JobID.generate(milliseconds: 1), at: 1, request: Array("{}".utf8), phases: PhaseSet([Phase(index: 5)]),
                idempotencyKey: nil, webhookURL: nil)
        }
    }

    /// A store opened with another graph runs its phases in its order, names them in the
    /// journal, the snapshot, the status and the artifacts' file names, and reads them back.
    @Test func aStoreRunsTheGraphItIsOpenedWith() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let graph = Self.editorial
        let review = Phase(index: 2)
        var store = try await JobStore.open(at: directory.store, graph: graph)
        // The seam answers with the graph the store was opened with (webhook bodies ask it).
        #expect((store as any JobStoreBackend).phaseGraph == graph)
        let (submitted, _) = try await store.submit(JobSubmission(request: ["spec": "x"], phases: [review]))
        #expect(submitted.requestedPhases == (0...2).map(Phase.init(index:)))
        let status = submitted.statusJSON["phases"]?.objectValue
        #expect(status.map { Array($0.keys) } == ["outline", "draft", "review"])

        var job = try #require(try await store.claim(worker: "w", lease: .seconds(30)))
        var order: [Phase] = []
        while let phase = job.readyPhases(now: .max).first {
            order.append(phase)
            _ = try await store.phaseStarted(job.id, phase: phase, worker: "w")
            job = try await store.phaseSucceeded(job.id, phase: phase, worker: "w", artifact: ["phase": .string(graph.name(of: phase))])
        }
        #expect(order == (0...2).map(Phase.init(index:)))
        #expect(job.status == .completed)
        #expect(try await store.artifact(job.id, phase: review)["phase"] == "review")
        let artifacts = try #require(try FileStoreContents.entries(directory.store + "/artifacts/" + job.id.rawValue))
        #expect(artifacts.compactMap { $0.split(separator: "-").first.map(String.init) }.sorted() == ["draft", "outline", "review"])

        let journalName = try #require(try FileStoreContents.entries(directory.store)?.first { $0.hasPrefix("journal-") })
        let journal = String(decoding: StoreFixtures.readFile(directory.store + "/" + journalName), as: UTF8.self)
        #expect(journal.contains(#""phases":["outline","draft","review"]"#) && journal.contains(#""phase":"review""#))

        // The journal, then a snapshot of it, read back the same through the same graph.
        let expected = job
        store = try await JobStore.open(at: directory.store, graph: graph)
        #expect(try await store.job(job.id) == expected)
        try await store.compact()
        store = try await JobStore.open(at: directory.store, graph: graph)
        #expect(try await store.job(job.id) == expected)
        #expect(try await store.verify().isHealthy)
    }

    /// The names are the graph's, not built in: the product's graph does not know `outline`.
    @Test func aJournalOfAnotherGraphDoesNotReadAsThePipelines() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store, graph: Self.editorial)
        _ = try await store.submit(JobSubmission(request: ["spec": "x"]))
        await #expect(throws: StoreError.self) { _ = try await JobStore.open(at: directory.store, graph: .pipeline) }
    }
}
