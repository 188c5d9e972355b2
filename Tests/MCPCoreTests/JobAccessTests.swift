import Testing
@testable import AIOSStore
@testable import MCPCore

/// Resources, tasks and prompts show a key only its own jobs, as the job tools do.
@Suite struct JobAccessTests {
    @Test func resourcesAndTasksAreScopedToTheCallersJobs() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        let keys = KeyStore(directory: directory.store)
        let alice = try await keys.create(name: "alice", scopes: [.jobsRead, .jobsWrite])
        let bob = try await keys.create(name: "bob", scopes: [.jobsRead, .jobsWrite])
        let mine = try await store.submit(JobSubmission(request: ["spec": "a habit tracker"], owner: alice.key.id)).job
        let theirs = try await store.submit(JobSubmission(request: ["spec": "a quiz app"], owner: bob.key.id)).job

        let access = JobAccess(gate: KeyGate.open(directory: directory.store, mode: .required, apiKey: alice.secret.text))
        let watcher = JobWatcher(store: store)
        let resources = JobResources(store: store, watcher: watcher, access: access)
        let context = RequestContext(id: .int(1), method: "resources/list", era: .legacy(version: "2025-11-25"), requestID: "t", meta: [:], logger: .disabled)

        let listed = try await resources.list(cursor: nil, context: context).resources.compactMap { $0["uri"]?.stringValue }
        #expect(listed == ["aios://jobs/\(mine.id.rawValue)"])
        _ = try await resources.read("aios://jobs/\(mine.id.rawValue)", context: context)
        await #expect(throws: ResourceNotFound.self) {
            _ = try await resources.read("aios://jobs/\(theirs.id.rawValue)", context: context)
        }

        let tasks = JobTasks(store: store, watcher: watcher, access: access)
        #expect(try await tasks.tasks(cursor: nil, context: context).tasks.count == 1)
        #expect(try await tasks.task(theirs.id.rawValue, context: context) == nil)
        #expect(try await tasks.cancel(theirs.id.rawValue, context: context) == nil)
        #expect(try await store.job(theirs.id)?.status == .queued, "another key's job was not cancelled")

        let anonymous = JobResources(
            store: store, watcher: watcher,
            access: JobAccess(gate: KeyGate.open(directory: directory.store, mode: .required, apiKey: nil)))
        await #expect(throws: AIOSError.self) { _ = try await anonymous.list(cursor: nil, context: context) }
    }
}
