#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import AIOSStore
@testable import MCPCore

/// What a bad disk or a careless hand does to a store: a bit flipped or a truncation in every
/// file the store keeps, files deleted and planted. Each must end in a clear error (a
/// `StoreError` naming the file) or a correct answer, `store verify` must report damage to
/// acknowledged data, and nothing that can be kept may be destroyed. docs/store-format.md
/// ("What is detected, what is kept") is the table these tests hold the store to.
@Suite struct StoreCorruptionTests {
    /// A store with every kind of file: snapshot-1 (jobs completed with artifacts, failed,
    /// cancelled, queued), journal-1.log with more records after it, keys.log, a rate-limit
    /// file and webhook-secrets.
    struct Fixture {
        let files: [String: [UInt8]]
        let directories: [String]
        let jobs: [String: JSONObject]

        static func make() async throws -> Fixture {
            let directory = TemporaryDirectory()
            defer { directory.remove() }
            let clock = ManualJobClock()
            let store = try await JobStore.open(at: directory.store, clock: clock)
            let keys = KeyStore(directory: directory.store, clock: clock)
            let key = try await keys.create(name: "first", limits: RateLimits(perMinute: 3, perDay: 10))
            _ = try await keys.create(name: "second")
            _ = try RateLimiter(directory: directory.store, clock: clock).admit(keyID: key.key.id, limits: key.key.limits)
            _ = try await store.webhookKeyring(environment: [:])
            _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("one"), phases: [.strategy]))
            _ = try #require(try await StoreFixtures.runToCompletion(store))
            let cancelled = try await store.submit(JobSubmission(request: StoreFixtures.brief("two")))
            _ = try await store.cancel(cancelled.job.id)
            try await store.compact()
            _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("three"), idempotencyKey: "k"))
            _ = try await StoreFixtures.runToCompletion(store)
            _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("four")))
            let jobs = try await StoreFixtures.observable(store)
            var files: [String: [UInt8]] = [:]
            var directories: [String] = []
            func collect(_ relative: String) {
                let path = directory.store + (relative.isEmpty ? "" : "/" + relative)
                for name in (try? StoreFileSystem.list(path)) ?? [] where name != "metrics" {
                    let child = relative.isEmpty ? name : relative + "/" + name
                    var info = stat()
                    lstat(directory.store + "/" + child, &info)
                    if info.st_mode & S_IFMT == S_IFDIR {
                        directories.append(child)
                        collect(child)
                    } else {
                        files[child] = StoreFixtures.readFile(directory.store + "/" + child)
                    }
                }
            }
            collect("")
            return Fixture(files: files, directories: directories.sorted(), jobs: jobs)
        }

        /// The fixture's files written into a fresh directory, `change` applied to them first.
        func materialize(_ change: (inout [String: [UInt8]]) -> Void) -> TemporaryDirectory {
            var files = self.files
            change(&files)
            let directory = TemporaryDirectory()
            mkdir(directory.store, 0o700)
            for name in directories { mkdir(directory.store + "/" + name, 0o700) }
            for (name, bytes) in files { StoreFixtures.writeFile(directory.store + "/" + name, bytes) }
            return directory
        }

        func name(_ prefix: String) -> String { files.keys.filter { $0.hasPrefix(prefix) }.sorted()[0] }
    }

    /// Everything a process does with a store: open (and fold) it, read a job, read an artifact,
    /// check keys, use a key's rate limit, read the webhook secrets, write. Each either works or
    /// throws a `StoreError` naming a file; nothing traps.
    struct Outcome {
        var errors: [StoreError] = []
        var jobs: [String: JSONObject]?
    }

    static func exercise(_ directory: TemporaryDirectory, fixture: Fixture) async -> Outcome {
        var outcome = Outcome()
        func note(_ error: any Error) {
            if let error = error as? StoreError {
                outcome.errors.append(error)
            } else {
                Issue.record("not a store error: \(error)")
            }
        }
        let clock = ManualJobClock()
        do {
            let store = try await JobStore.open(at: directory.store, clock: clock)
            outcome.jobs = try await StoreFixtures.observable(store)
            // Every artifact of every job, as `aiosctl artifact` would read it.
            for job in try await store.jobs(limit: .max) {
                for (phase, state) in job.phases.sorted(by: { $0.key < $1.key }) where state.status == .completed {
                    do { _ = try await store.artifact(job.id, phase: phase) } catch { note(error) }
                }
            }
            do { _ = try await store.webhookKeyring(environment: [:]) } catch { note(error) }
        } catch {
            note(error)
        }
        do {
            let keys = KeyStore(directory: directory.store, clock: clock)
            for key in try await keys.keys() {
                _ = try RateLimiter(directory: directory.store, clock: clock).admit(keyID: key.id, limits: key.limits)
            }
        } catch {
            note(error)
        }
        for error in outcome.errors where error.path == nil {
            Issue.record("an error that names no file: \(error)")
        }
        return outcome
    }

    static func verify(_ directory: TemporaryDirectory) async -> StoreVerifyReport? {
        do { return try await JobStore.verify(at: directory.store) } catch {
            Issue.record("verify must report damage, not fail: \(error)")
            return nil
        }
    }

    /// Positions to damage: every byte of a small file, every header byte and a spread of the rest otherwise.
    static func positions(_ count: Int, header: Int) -> [Int] {
        guard count > 160 else { return Array(0..<count) }
        return Array(0..<min(header, count)) + Array(stride(from: header, to: count, by: max(1, (count - header) / 90)))
    }

    // MARK: - Bit flips

    /// Files whose every byte is checked (a checksum, a digest, a strict parse): a flip anywhere
    /// is an error and a non-zero verify, and the file is left exactly as it was.
    @Test(arguments: ["CURRENT", "snapshot-", "artifacts/"])
    func aBitFlipInACheckedFileIsAnErrorAndAFailedVerify(prefix: String) async throws {
        let fixture = try await Fixture.make()
        let name = fixture.name(prefix)
        let size = fixture.files[name]?.count ?? 0
        for position in Self.positions(size, header: SnapshotCodec.headerSize) {
            let directory = fixture.materialize { $0[name]?[position] ^= UInt8(1 << (position % 8)) }
            defer { directory.remove() }
            let damaged = StoreFixtures.readFile(directory.store + "/" + name)
            let report = await Self.verify(directory)
            #expect(report?.isHealthy == false, "\(name) byte \(position)")
            let outcome = await Self.exercise(directory, fixture: fixture)
            #expect(!outcome.errors.isEmpty, "\(name) byte \(position)")
            #expect(StoreFixtures.readFile(directory.store + "/" + name) == damaged, "\(name) byte \(position) was changed")
        }
    }

    /// The journal: a flip in the header or in a record followed by others is an error that
    /// names the offset; a flip in the last record is damage that the next writer moves aside
    /// (the bytes kept in a file of their own). Either way verify fails and every byte stays.
    @Test func aBitFlipInTheJournalIsAnErrorOrSetAsideAndAFailedVerify() async throws {
        let fixture = try await Fixture.make()
        let name = fixture.name("journal-")
        let original = try #require(fixture.files[name])
        for position in Self.positions(original.count, header: JournalFormat.headerSize + 16) {
            let directory = fixture.materialize { $0[name]?[position] ^= UInt8(1 << (position % 8)) }
            defer { directory.remove() }
            let damaged = StoreFixtures.readFile(directory.store + "/" + name)
            #expect(await Self.verify(directory)?.isHealthy == false, "journal byte \(position)")
            let outcome = await Self.exercise(directory, fixture: fixture)
            let aside = ((try? StoreFileSystem.list(directory.store)) ?? []).filter { $0.contains(".damaged-") }
            if outcome.jobs != nil {
                // Opened: only by setting a damaged last record aside, bytes intact.
                #expect(aside.count == 1, "journal byte \(position)")
                let kept = StoreFixtures.readFile(directory.store + "/" + name) + aside.flatMap { StoreFixtures.readFile(directory.store + "/" + $0) }
                #expect(kept == damaged, "journal byte \(position): bytes lost")
                #expect(await Self.verify(directory)?.isHealthy == false, "journal byte \(position) after the set-aside")
            } else {
                #expect(outcome.errors.contains { $0.path == directory.store + "/" + name }, "journal byte \(position)")
                #expect(aside.isEmpty && StoreFixtures.readFile(directory.store + "/" + name) == damaged, "journal byte \(position)")
            }
        }
    }

    /// keys.log: any damaged byte makes key checks fail (closed), never read as fewer keys.
    @Test func aBitFlipInTheKeyJournalFailsClosed() async throws {
        let fixture = try await Fixture.make()
        let original = try #require(fixture.files["keys.log"])
        for position in Self.positions(original.count, header: KeyJournal.headerSize + 16) {
            let directory = fixture.materialize { $0["keys.log"]?[position] ^= UInt8(1 << (position % 8)) }
            defer { directory.remove() }
            let damaged = StoreFixtures.readFile(directory.store + "/keys.log")
            #expect(await Self.verify(directory)?.isHealthy == false, "keys.log byte \(position)")
            let keys = KeyStore(directory: directory.store, clock: ManualJobClock())
            let error = #expect(throws: StoreError.self, "keys.log byte \(position)") { try keys.hasActiveKey() }
            #expect(error?.path == directory.store + "/keys.log")
            #expect(StoreFixtures.readFile(directory.store + "/keys.log") == damaged)
        }
    }

    /// Rate-limit state is not acknowledged data (a flipped low bit of a time is harmless and
    /// undetectable), but no value in it may trap a process: each use works or is a store error.
    @Test func aBitFlipInARateLimitFileNeverTraps() async throws {
        let fixture = try await Fixture.make()
        let name = fixture.name("ratelimits/")
        let size = fixture.files[name]?.count ?? 0
        for position in Self.positions(size, header: RateLimitFile.headerSize + 8 * 3) {
            for bit in [0, 7] {
                let directory = fixture.materialize { $0[name]?[position] ^= UInt8(1 << bit) }
                defer { directory.remove() }
                _ = await Self.exercise(directory, fixture: fixture)
                _ = await Self.verify(directory)
            }
        }
    }

    // MARK: - Truncation

    /// A truncated journal or key journal is a torn write: what is whole before the cut is kept
    /// and read. Every other file, truncated, is an error and a failed verify.
    @Test(arguments: ["CURRENT", "snapshot-", "artifacts/", "webhook-secrets", "journal-", "keys.log", "ratelimits/"])
    func aTruncatedFileKeepsWhatIsWholeOrIsAnError(prefix: String) async throws {
        let fixture = try await Fixture.make()
        let name = fixture.name(prefix)
        let original = try #require(fixture.files[name])
        let appendOnly = prefix == "journal-" || prefix == "keys.log"
        var cuts = Self.positions(original.count, header: 40)
        // Cutting only the final newline of these text files leaves their content whole.
        if prefix == "webhook-secrets" || prefix == "CURRENT" { cuts.removeAll { $0 >= original.count - 1 } }
        for cut in cuts {
            let directory = fixture.materialize { $0[name] = Array(original[..<cut]) }
            defer { directory.remove() }
            let report = await Self.verify(directory)
            let outcome = await Self.exercise(directory, fixture: fixture)
            if appendOnly && cut >= (prefix == "keys.log" ? KeyJournal.headerSize : JournalFormat.headerSize) {
                #expect(report?.isHealthy == true, "\(name) cut at \(cut)")
                #expect(outcome.errors.isEmpty, "\(name) cut at \(cut): \(outcome.errors)")
                if prefix == "journal-", let jobs = outcome.jobs {
                    // Jobs from the snapshot and the whole records are all there.
                    #expect(jobs.count >= 2, "\(name) cut at \(cut)")
                }
            } else if prefix == "ratelimits/" {
                // Empty is what a crash between creating and sizing the file leaves: fine.
                #expect(report?.isHealthy == (cut == 0), "\(name) cut at \(cut)")
            } else {
                #expect(report?.isHealthy == false, "\(name) cut at \(cut)")
                #expect(!outcome.errors.isEmpty, "\(name) cut at \(cut)")
            }
        }
    }

    // MARK: - Deleted and planted files

    @Test(arguments: ["CURRENT", "snapshot-", "journal-", "artifacts/"])
    func aDeletedFileIsAnErrorAndAFailedVerifyAndNothingIsStartedOver(prefix: String) async throws {
        let fixture = try await Fixture.make()
        let name = fixture.name(prefix)
        let directory = fixture.materialize { $0[name] = nil }
        defer { directory.remove() }
        let before = ((try? StoreFileSystem.list(directory.store)) ?? []).sorted()
        #expect(await Self.verify(directory)?.isHealthy == false)
        let outcome = await Self.exercise(directory, fixture: fixture)
        #expect(!outcome.errors.isEmpty)
        if prefix != "artifacts/" { #expect(outcome.jobs == nil) }
        // No new generation, pointer or journal was started beside what is left.
        let after = ((try? StoreFileSystem.list(directory.store)) ?? []).sorted().filter { $0 != "ratelimits" && $0 != "store.lock" }
        #expect(after == before.filter { $0 != "ratelimits" && $0 != "store.lock" })
    }

    @Test(arguments: [
        ("keys.log", "garbage"), ("webhook-secrets", "{\"secrets\":[]}"), ("ratelimits/key_x-3-10", "short"),
        ("CURRENT", "format 1\ngeneration 9\n"), ("snapshot-1", "AIOSSNAP"),
    ])
    func aPlantedFileIsAnErrorAndAFailedVerify(name: String, content: String) async throws {
        let fixture = try await Fixture.make()
        let directory = fixture.materialize { $0[name] = Array(content.utf8) }
        defer { directory.remove() }
        let report = await Self.verify(directory)
        #expect(report?.isHealthy == false)
        // A CURRENT naming a generation that is not there is reported as that generation's missing files.
        #expect(report?.problems.contains { $0.severity == .damage && ($0.path == directory.store + "/" + name || name == "CURRENT") } == true)
        if name.hasPrefix("ratelimits/") {
            let error = #expect(throws: StoreError.self) {
                try RateLimiter(directory: directory.store, clock: ManualJobClock()).admit(keyID: "key_x", limits: RateLimits(perMinute: 3, perDay: 10))
            }
            #expect(error?.path == directory.store + "/" + name)
        } else {
            #expect(!(await Self.exercise(directory, fixture: fixture)).errors.isEmpty)
        }
        #expect(StoreFixtures.readFile(directory.store + "/" + name) == Array(content.utf8))
    }

    /// What an interrupted compaction leaves (files of the next generation that CURRENT does not
    /// name yet) is ignored, and every job is still read.
    @Test func strayFilesOfALaterGenerationAreIgnored() async throws {
        let fixture = try await Fixture.make()
        let directory = fixture.materialize {
            $0["snapshot-2"] = Array("partial".utf8)
            $0["journal-2.log"] = JournalFormat.header(generation: 2)
        }
        defer { directory.remove() }
        #expect(await Self.verify(directory)?.isHealthy == true)
        let outcome = await Self.exercise(directory, fixture: fixture)
        #expect(outcome.errors.isEmpty && outcome.jobs == fixture.jobs)
    }

    @Test func theUntouchedFixtureIsHealthy() async throws {
        let fixture = try await Fixture.make()
        #expect(fixture.files.keys.contains { $0.hasPrefix("snapshot-") } && fixture.files.keys.contains { $0.hasPrefix("ratelimits/") })
        #expect(fixture.files.keys.contains("webhook-secrets") && fixture.files.keys.contains("keys.log"))
        let directory = fixture.materialize { _ in }
        defer { directory.remove() }
        #expect(await Self.verify(directory)?.problems == [])
        let outcome = await Self.exercise(directory, fixture: fixture)
        #expect(outcome.errors.isEmpty && outcome.jobs == fixture.jobs)
    }
}
