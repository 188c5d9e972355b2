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

/// Issue 22, findings 3 (second part), 4, 5 and 6: damage that was taken for a torn write or a
/// new store, and values read from disk that were trusted.
@Suite struct StoreHardeningTests {
    /// A store with a few jobs, and the ranges of its journal's records.
    func populated(_ directory: TemporaryDirectory) async throws -> (bytes: [UInt8], records: [Range<Int>]) {
        let store = try await JobStore.open(at: directory.store, clock: ManualJobClock())
        for index in 0..<3 { _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("job \(index)"))) }
        _ = try await StoreFixtures.runToCompletion(store)
        let bytes = StoreFixtures.readFile(directory.store + "/journal-0.log")
        var records: [Range<Int>] = []
        _ = bytes.withUnsafeBytes { raw in
            JournalFormat.scan(raw, from: JournalFormat.headerSize) { offset, payload in
                records.append(offset..<(offset + JournalFormat.recordHeaderSize + payload.count))
            }
        }
        return (bytes, records)
    }

    static func names(_ directory: String) -> [String] {
        ((try? StoreFileSystem.list(directory)) ?? []).sorted()
    }

    // MARK: - Finding 4: a whole record that fails its checksum is damage, not a torn write

    @Test(arguments: [0, 5, 9, 40])
    func aBitFlipInTheLastJournalRecordIsDamageAndItsBytesAreKept(positionInRecord: Int) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (bytes, records) = try await populated(directory)
        let last = try #require(records.last)
        #expect(last.upperBound == bytes.count)
        var corrupted = bytes
        corrupted[last.lowerBound + positionInRecord] ^= 0x10
        let path = directory.store + "/journal-0.log"
        StoreFixtures.writeFile(path, corrupted)

        let report = try await JobStore.verify(at: directory.store)
        #expect(!report.isHealthy, "a damaged last record must make verify fail")
        #expect(report.problems.contains { $0.severity == .damage && $0.path == path && $0.offset == Int64(last.lowerBound) })

        // A reader answers from the records before it; the next writer keeps the damaged bytes
        // in a file of their own before cutting the journal back, and goes on.
        let store = try await JobStore.open(at: directory.store, clock: ManualJobClock())
        let aside = Self.names(directory.store).filter { $0.hasPrefix("journal-0.log.damaged-\(last.lowerBound)-") }
        #expect(aside.count == 1)
        if let name = aside.first {
            #expect(StoreFixtures.readFile(directory.store + "/" + name) == Array(corrupted[last.lowerBound...]))
            #expect(StoreFixtures.mode(directory.store + "/" + name) == 0o600)
        }
        #expect(StoreFixtures.readFile(path) == Array(bytes[..<last.lowerBound]))
        _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("after")))
        // Verify stays red while the set-aside bytes wait for a person.
        let after = try await JobStore.verify(at: directory.store)
        #expect(!after.isHealthy)
        #expect(after.problems.contains { $0.severity == .damage && $0.path?.contains(".damaged-") == true })
        let health = await HealthCheck.run(storeDirectory: directory.store)
        #expect(!health.isHealthy)
        // Once removed, the store is healthy again.
        for name in aside { unlink(directory.store + "/" + name) }
        #expect(try await JobStore.verify(at: directory.store).isHealthy)
    }

    @Test func aZeroFilledTailIsDamageToo() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (bytes, records) = try await populated(directory)
        let last = try #require(records.last)
        var zeroed = bytes
        for index in last { zeroed[index] = 0 }
        StoreFixtures.writeFile(directory.store + "/journal-0.log", zeroed)
        #expect(try await !JobStore.verify(at: directory.store).isHealthy)
        _ = try await JobStore.open(at: directory.store)
        #expect(Self.names(directory.store).contains { $0.hasPrefix("journal-0.log.damaged-\(last.lowerBound)-") })
    }

    @Test func aTruncatedRecordIsStillATornWriteAndIsDropped() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (bytes, records) = try await populated(directory)
        let last = try #require(records.last)
        StoreFixtures.writeFile(directory.store + "/journal-0.log", Array(bytes[..<(last.upperBound - 3)]))
        let report = try await JobStore.verify(at: directory.store)
        #expect(report.isHealthy && report.problems.count == 1 && report.problems[0].severity == .notice)
        _ = try await JobStore.open(at: directory.store)
        #expect(!Self.names(directory.store).contains { $0.contains(".damaged-") })
        #expect(StoreFixtures.readFile(directory.store + "/journal-0.log") == Array(bytes[..<last.lowerBound]))
    }

    // MARK: - Finding 3, second part: a damaged key record fails closed

    @Test func aBitFlipInTheOnlyKeyRecordFailsClosed() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        _ = try await JobStore.open(at: directory.store, clock: clock)
        let keys = KeyStore(directory: directory.store, clock: clock)
        _ = try await keys.create(name: "only")
        #expect(try keys.hasActiveKey())
        let path = directory.store + "/keys.log"
        var bytes = StoreFixtures.readFile(path)
        bytes[KeyJournal.headerSize + 30] ^= 0x01
        StoreFixtures.writeFile(path, bytes)

        // Not "no keys" (which would turn authentication off): a store error.
        let reader = KeyStore(directory: directory.store, clock: clock)
        let error = #expect(throws: StoreError.self) { try reader.hasActiveKey() }
        #expect(error?.code == .corrupt && error?.path == path && error?.offset == Int64(KeyJournal.headerSize))
        // In `auto` mode a caller without a key is refused, not let in as the owner.
        let gate = KeyGate(mode: .auto, apiKey: nil, keys: reader, limiter: RateLimiter(directory: directory.store, clock: clock))
        await #expect(throws: AIOSError.self) { _ = try await gate.admit(scope: .jobsRead, operation: "jobs") }
        let report = try await JobStore.verify(at: directory.store)
        #expect(!report.isHealthy)
        #expect(report.problems.contains { $0.severity == .damage && $0.path == path })
        // A writer refuses too, and leaves the bytes as they are.
        await #expect(throws: StoreError.self) { try await reader.create(name: "second") }
        #expect(StoreFixtures.readFile(path) == bytes)
    }

    @Test func aKeyJournalHeaderWithReservedBytesSetIsRefused() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        _ = try await JobStore.open(at: directory.store, clock: clock)
        let keys = KeyStore(directory: directory.store, clock: clock)
        _ = try await keys.create(name: "only")
        let path = directory.store + "/keys.log"
        var bytes = StoreFixtures.readFile(path)
        bytes[20] ^= 0x04
        StoreFixtures.writeFile(path, bytes)
        #expect(throws: StoreError.self) { try KeyStore(directory: directory.store, clock: clock).hasActiveKey() }
        #expect(try await !JobStore.verify(at: directory.store).isHealthy)
    }

    @Test func aJournalHeaderWithReservedBytesSetIsRefused() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try await populated(directory)
        let path = directory.store + "/journal-0.log"
        var bytes = StoreFixtures.readFile(path)
        bytes[13] ^= 0x01
        StoreFixtures.writeFile(path, bytes)
        let error = await #expect(throws: StoreError.self) { try await JobStore.open(at: directory.store) }
        #expect(error?.path == path)
        #expect(try await !JobStore.verify(at: directory.store).isHealthy)
    }

    // MARK: - Finding 5: no CURRENT beside data is a damaged store, not a new one

    @Test(arguments: [false, true])
    func aDeletedCurrentBesideDataIsRefused(compacted: Bool) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try await populated(directory)
        if compacted {
            let store = try await JobStore.open(at: directory.store)
            try await store.compact()
            _ = try await store.submit(JobSubmission(request: StoreFixtures.brief("after the compaction")))
        }
        unlink(directory.store + "/CURRENT")
        let before = Self.names(directory.store)
        for loading in [true, false] {
            let error = await #expect(throws: StoreError.self) {
                try await JobStore.open(at: directory.store, options: JobStoreOptions(loadsOnOpen: loading))
            }
            #expect(error?.code == .corrupt)
            #expect(error?.message.hasPrefix("CURRENT is missing but the store holds data") == true)
            #expect(error?.message.contains("'generation \(compacted ? 1 : 0)'") == true)
        }
        // Nothing was created beside the data (no CURRENT, no generation 0).
        #expect(Self.names(directory.store) == before)
        let report = try await JobStore.verify(at: directory.store)
        #expect(!report.isHealthy)
        #expect(report.problems.contains { $0.severity == .damage && $0.path == directory.store + "/CURRENT" })
        let health = await HealthCheck.run(storeDirectory: directory.store)
        #expect(!health.isHealthy)
    }

    @Test func aFirstOpenThatCrashedBeforeCurrentStillOpens() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        mkdir(directory.store, 0o700)
        StoreFixtures.writeFile(directory.store + "/journal-0.log", JournalFormat.header(generation: 0))
        let store = try await JobStore.open(at: directory.store)
        #expect(try await store.jobs().isEmpty)
        #expect(StoreFileSystem.exists(directory.store + "/CURRENT"))
    }

    // MARK: - Finding 6: values read from disk are input

    @Test(arguments: [24, 64, 64 + 8 * 3])
    func aRateLimitFileWithAnImpossibleTimeIsAStoreErrorNotATrap(offset: Int) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let limits = RateLimits(perMinute: 3, perDay: 10)
        #expect(try RateLimiter(directory: directory.store, clock: clock).admit(keyID: "key_x", limits: limits).admitted)
        let path = RateLimiter.path(directory: directory.store, keyID: "key_x", limits: limits)
        var bytes = StoreFixtures.readFile(path)
        withUnsafeBytes(of: Int64.max.littleEndian) { for (index, byte) in $0.enumerated() { bytes[offset + index] = byte } }
        StoreFixtures.writeFile(path, bytes)
        let error = #expect(throws: StoreError.self) {
            try RateLimiter(directory: directory.store, clock: clock).admit(keyID: "key_x", limits: limits)
        }
        #expect(error?.code == .corrupt && error?.path == path && error?.offset == Int64(offset))
        #expect(error?.message.contains("delete it to reset") == true)
        _ = try await JobStore.open(at: directory.store)
        let report = try await JobStore.verify(at: directory.store)
        #expect(report.problems.contains { $0.severity == .damage && $0.path == path })
    }

    @Test func aRateLimitFileWhoseHeaderDisagreesWithItsNameIsRefused() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let limits = RateLimits(perMinute: 3, perDay: 10)
        _ = try RateLimiter(directory: directory.store, clock: clock).admit(keyID: "key_y", limits: limits)
        let path = RateLimiter.path(directory: directory.store, keyID: "key_y", limits: limits)
        var bytes = StoreFixtures.readFile(path)
        bytes[16] = 7
        StoreFixtures.writeFile(path, bytes)
        #expect(throws: StoreError.self) { try RateLimiter(directory: directory.store, clock: clock).admit(keyID: "key_y", limits: limits) }
        _ = try await JobStore.open(at: directory.store)
        #expect(try await JobStore.verify(at: directory.store).problems.contains { $0.path == path })
    }

    @Test func anImpossibleLastUseIsAStoreError() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let limits = RateLimits(perMinute: 3, perDay: 10)
        _ = try RateLimiter(directory: directory.store, clock: ManualJobClock()).admit(keyID: "key_z", limits: limits)
        let path = RateLimiter.path(directory: directory.store, keyID: "key_z", limits: limits)
        var bytes = StoreFixtures.readFile(path)
        for index in 0..<8 { bytes[32 + index] = 0xFF }
        StoreFixtures.writeFile(path, bytes)
        #expect(throws: StoreError.self) { try RateLimiter.lastUsed(directory: directory.store, keyID: "key_z", limits: limits) }
    }

    @Test(arguments: [12, 15, 24, 30, 31, 44, 47])
    func everySnapshotHeaderByteIsChecked(offset: Int) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try await populated(directory)
        try await JobStore.open(at: directory.store).compact()
        let path = directory.store + "/snapshot-1"
        var bytes = StoreFixtures.readFile(path)
        bytes[offset] ^= 0x01
        StoreFixtures.writeFile(path, bytes)
        let error = await #expect(throws: StoreError.self) { try await JobStore.open(at: directory.store) }
        #expect(error?.code == .corrupt && error?.path == path)
        #expect(try await !JobStore.verify(at: directory.store).isHealthy)
    }

    @Test func aFormat3SnapshotStillOpens() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = try await populated(directory)
        let store = try await JobStore.open(at: directory.store)
        let before = try await StoreFixtures.observable(store)
        try await store.compact()
        let machine = try SnapshotCodec.decode(StoreFixtures.readFile(directory.store + "/snapshot-1"), path: "s").machine
        StoreFixtures.writeFile(directory.store + "/snapshot-1", SnapshotCodec.encode(machine, generation: 1, format: 3))
        #expect(try await StoreFixtures.observable(JobStore.open(at: directory.store)) == before)
        #expect(try await JobStore.verify(at: directory.store).isHealthy)
    }

    @Test(arguments: [
        "garbage", "{}", #"{"secrets": []}"#, #"{"secrets": [{"secret": "whsec_AAAA", "created_at": 1}]}"#,
        #"{"secrets": [{"secret": "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3", "created_at": 1, "retires_at": "soon"}]}"#,
    ])
    func aGarbageWebhookSecretsFileFailsVerify(content: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try await JobStore.open(at: directory.store)
        _ = try await store.webhookKeyring(environment: [:])
        #expect(try await JobStore.verify(at: directory.store).isHealthy)
        let path = directory.store + "/webhook-secrets"
        StoreFixtures.writeFile(path, Array(content.utf8))
        let report = try await JobStore.verify(at: directory.store)
        #expect(!report.isHealthy)
        #expect(report.problems.contains { $0.severity == .damage && $0.path == path })
        await #expect(throws: StoreError.self) { try await store.webhookKeyring(environment: [:]) }
    }
}
