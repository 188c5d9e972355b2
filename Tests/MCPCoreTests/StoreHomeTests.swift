import Testing
@testable import AIOSStore
@testable import MCPCore

#if canImport(Glibc)
import Glibc
#endif

/// Issue 22 finding 9: the store's home and the links planted in it. A home writable by others
/// is made private (and said so); one owned by another user is refused; a symbolic link where
/// the store keeps a file or directory (the journal, `metrics/`, `ratelimits/`,
/// `artifacts/<job>`) is refused rather than followed.
@Suite struct StoreHomeTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o7777
    }

    /// A directory outside the store, to point links at; empty unless something was written through a link.
    static func outside(_ directory: TemporaryDirectory) -> String {
        let path = directory.path + "/outside"
        mkdir(path, 0o700)
        return path
    }

    static func entries(_ path: String) -> [String] {
        (try? StoreFileSystem.list(path)) ?? []
    }

    @Test func aHomeWritableByOthersIsMadePrivate() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        mkdir(directory.store, 0o700)
        chmod(directory.store, 0o777)
        _ = try await JobStore.open(at: directory.store)
        #expect(Self.mode(directory.store) == 0o700)
    }

    @Test func aHomeOwnedByAnotherUserIsRefused() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // Root can give a directory away; anyone else can point at one that is root's.
        let home: String
        if geteuid() == 0 {
            home = directory.store
            mkdir(home, 0o700)
            chown(home, 4242, 4242)
        } else {
            home = "/tmp"
        }
        do {
            _ = try await JobStore.open(at: home)
            Issue.record("a store owned by another user was opened")
        } catch let error as StoreError {
            #expect(error.message.contains("belongs to another user"), "\(error)")
        }
        if geteuid() == 0 { #expect(Self.entries(home).isEmpty, "nothing was created in it") }
    }

    @Test func aSymlinkedJournalIsRefused() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        let outside = Self.outside(directory)
        let journal = directory.store + "/journal-0.log"
        rename(journal, outside + "/journal-0.log")
        symlink(outside + "/journal-0.log", journal)
        do {
            _ = try await JobStore.open(at: directory.store)
            Issue.record("a symlinked journal was followed")
        } catch let error as StoreError {
            #expect(error.message.contains("symbolic link"), "\(error)")
        }
    }

    @Test func symlinkedMetricsAndRateLimitDirectoriesAreRefused() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try await JobStore.open(at: directory.store)
        let outside = Self.outside(directory)
        symlink(outside, directory.store + "/metrics")
        symlink(outside, directory.store + "/ratelimits")
        let process = MetricsProcess(
            id: "p1", role: "worker", host: ProcessIdentity.hostName, pid: ProcessIdentity.pid, startedAt: 0, updatedAt: 0,
            workerSlots: 1)
        #expect(throws: StoreError.self) { try MetricsDirectory(storeDirectory: directory.store).write(process) }
        #expect(throws: StoreError.self) { _ = try MetricsDirectory(storeDirectory: directory.store).collect(now: 0) }
        let limiter = RateLimiter(directory: directory.store, clock: ManualJobClock())
        #expect(throws: StoreError.self) { _ = try limiter.admit(keyID: "key_x", limits: .defaults) }
        #expect(Self.entries(outside).isEmpty, "nothing was written through a link")
    }

    @Test func aSymlinkedArtifactDirectoryIsRefusedAndNeverEmptied() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        let id = try await store.submit(JobSubmission(request: StoreFixtures.brief())).job.id
        let outside = Self.outside(directory)
        StoreFixtures.writeFile(outside + "/precious.txt", Array("keep".utf8))
        symlink(outside, directory.store + "/artifacts/" + id.rawValue)
        #expect(throws: StoreError.self) {
            _ = try ArtifactFiles.write(["x": 1], job: id, phase: .strategy, storeDirectory: directory.store)
        }
        // A link under artifacts/ for a job the store does not know is removed as a link: what
        // it points to is left alone.
        symlink(outside, directory.store + "/artifacts/job_01zzzzzzzzzzzzzzzzzzzzzzzzzzzz")
        try? ArtifactFiles.removeUnreferenced(machine: JobStateMachine(), storeDirectory: directory.store)
        #expect(Self.entries(outside) == ["precious.txt"])
    }
}
