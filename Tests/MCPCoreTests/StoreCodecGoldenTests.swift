import Foundation
import Testing
@testable import AIOSStore
@testable import MCPCore

/// The bytes the job record codecs write, pinned: every journal record type with each optional
/// part present and absent, and a snapshot of representative jobs in every format 1...5. A
/// change to the codecs that changes a byte on disk, or how an older format or a damaged record
/// reads, fails here. (`AIOS_GOLDEN_DUMP=path` writes today's values to `path`, for review.)
@Suite struct StoreCodecGoldenTests {
    static let ids = (0..<3).map { try! JobID(validating: "job_01jd3k8x2m0000000000000000000\($0)") }
    static let details: JSONValue = ["problems": [["path": "/a", "message": "b \"q\" é"]], "engine_run": ["calls": 2]]

    /// Every journal record type; each optional part once present, once absent.
    static var events: [JobEvent] {
        let id = ids[0]
        return [
            .submitted(id: id, at: 1, request: Array(#"{"spec":"A brief","n":1}"#.utf8), phases: .all, idempotencyKey: nil, webhookURL: nil),
            .submitted(
                id: id, at: 1, request: Array(#"{"spec":"é\n"}"#.utf8), phases: PhaseSet([.strategy, .ux]), idempotencyKey: "key-1",
                webhookURL: "https://example.com/hook", owner: "key_abc"),
            .claimed(id: id, at: 2, worker: "host:1:0", leaseExpiresAt: 30_002, stallCount: 0),
            .claimed(id: id, at: 3, worker: "w", leaseExpiresAt: 9, stallCount: 2),
            .heartbeat(id: id, at: 4, worker: "host:1:0", leaseExpiresAt: 40_004),
            .phaseStarted(id: id, phase: .strategy, at: 5, attempt: 1),
            .phaseProgress(id: id, phase: .architecture, at: 6, percent: 42, message: "architecture: asking m: 12 characters received"),
            .phaseCompleted(id: id, phase: .strategy, at: 7, artifact: ArtifactReference(path: "artifacts/x/strategy.json", sha256: String(repeating: "ab", count: 32), size: 1234)),
            .phaseFailed(id: id, phase: .ux, at: 8, attempt: 1, error: JobFailure(code: "AGENT_FAILURE", message: "m"), retryAt: 1008),
            .phaseFailed(id: id, phase: .code, at: 9, attempt: 3, error: JobFailure(code: "AGENT_FAILURE", message: "m", details: details), retryAt: nil),
            .released(id: id, at: 10, worker: "host:1:0"),
            .failed(id: id, at: 11, error: JobFailure(code: "AGENT_TIMEOUT", message: "t")),
            .failed(id: id, at: 12, error: JobFailure(code: "AGENT_TIMEOUT", message: "t", details: ["budget": 3])),
            .cancelled(id: id, at: 13),
            .retried(id: id, at: 14),
            .deleted(id: id, at: 15),
            .sealed(next: 7),
            .webhook(.claimed(job: id, delivery: "msg_x_1", at: 16, worker: "w", attempt: 1, leaseExpiresAt: 99)),
            .webhook(
                .attempted(
                    job: id, delivery: "msg_x_1", at: 17,
                    outcome: WebhookAttemptOutcome(attempt: 1, statusCode: nil, latencyMilliseconds: nil, error: nil, delivered: true, nextAttemptAt: nil))),
            .webhook(
                .attempted(
                    job: id, delivery: "msg_x_1", at: 18,
                    outcome: WebhookAttemptOutcome(
                        attempt: 2, statusCode: 503, latencyMilliseconds: 12, error: "HTTP 503", delivered: false, nextAttemptAt: 100))),
        ]
    }

    static let journalGolden: [String] = [
        #"{"type":"job.submitted","job_id":"job_01jd3k8x2m00000000000000000000","at":1,"phases":["strategy","architecture","ux","code"],"idempotency_key":null,"webhook_url":null,"request":{"spec":"A brief","n":1}}"#,
        #"{"type":"job.submitted","job_id":"job_01jd3k8x2m00000000000000000000","at":1,"phases":["strategy","ux"],"idempotency_key":"key-1","webhook_url":"https://example.com/hook","owner":"key_abc","request":{"spec":"é\n"}}"#,
        #"{"type":"job.claimed","job_id":"job_01jd3k8x2m00000000000000000000","at":2,"worker":"host:1:0","lease_expires_at":30002,"stall_count":0}"#,
        #"{"type":"job.claimed","job_id":"job_01jd3k8x2m00000000000000000000","at":3,"worker":"w","lease_expires_at":9,"stall_count":2}"#,
        #"{"type":"job.heartbeat","job_id":"job_01jd3k8x2m00000000000000000000","at":4,"worker":"host:1:0","lease_expires_at":40004}"#,
        #"{"type":"phase.started","job_id":"job_01jd3k8x2m00000000000000000000","phase":"strategy","at":5,"attempt":1}"#,
        #"{"type":"phase.progress","job_id":"job_01jd3k8x2m00000000000000000000","phase":"architecture","at":6,"percent":42,"message":"architecture: asking m: 12 characters received"}"#,
        #"{"type":"phase.completed","job_id":"job_01jd3k8x2m00000000000000000000","phase":"strategy","at":7,"artifact":{"path":"artifacts/x/strategy.json","sha256":"abababababababababababababababababababababababababababababababab","size":1234}}"#,
        #"{"type":"phase.failed","job_id":"job_01jd3k8x2m00000000000000000000","phase":"ux","at":8,"attempt":1,"error":{"code":"AGENT_FAILURE","message":"m"},"retry_at":1008}"#,
        #"{"type":"phase.failed","job_id":"job_01jd3k8x2m00000000000000000000","phase":"code","at":9,"attempt":3,"error":{"code":"AGENT_FAILURE","message":"m","details":{"problems":[{"path":"/a","message":"b \"q\" é"}],"engine_run":{"calls":2}}},"retry_at":null}"#,
        #"{"type":"job.released","job_id":"job_01jd3k8x2m00000000000000000000","at":10,"worker":"host:1:0"}"#,
        #"{"type":"job.failed","job_id":"job_01jd3k8x2m00000000000000000000","at":11,"error":{"code":"AGENT_TIMEOUT","message":"t"}}"#,
        #"{"type":"job.failed","job_id":"job_01jd3k8x2m00000000000000000000","at":12,"error":{"code":"AGENT_TIMEOUT","message":"t","details":{"budget":3}}}"#,
        #"{"type":"job.cancelled","job_id":"job_01jd3k8x2m00000000000000000000","at":13}"#,
        #"{"type":"job.retried","job_id":"job_01jd3k8x2m00000000000000000000","at":14}"#,
        #"{"type":"job.deleted","job_id":"job_01jd3k8x2m00000000000000000000","at":15}"#,
        #"{"type":"store.sealed","next_generation":7}"#,
        #"{"type":"webhook.claimed","job_id":"job_01jd3k8x2m00000000000000000000","delivery_id":"msg_x_1","at":16,"worker":"w","attempt":1,"lease_expires_at":99}"#,
        #"{"type":"webhook.attempted","job_id":"job_01jd3k8x2m00000000000000000000","delivery_id":"msg_x_1","at":17,"attempt":1,"status_code":null,"latency_ms":null,"error":null,"delivered":true,"next_attempt_at":null}"#,
        #"{"type":"webhook.attempted","job_id":"job_01jd3k8x2m00000000000000000000","delivery_id":"msg_x_1","at":18,"attempt":2,"status_code":503,"latency_ms":12,"error":"HTTP 503","delivered":false,"next_attempt_at":100}"#,
    ]

    /// Damaged or impossible records, and the error each is reported with today.
    static let damaged: [(payload: String, error: String)] = [
        (#"{"type":"job.claimed","job_id":"job_01jd3k8x2m00000000000000000000","at":1,"worker":"w","lease_expires_at":9}"#, "missing 'stall_count'"),
        (#"{"type":"job.claimed","job_id":"job_01jd3k8x2m00000000000000000000","at":1,"worker":7,"lease_expires_at":9,"stall_count":0}"#, "'worker' is not a string"),
        (#"{"type":"job.claimed","job_id":"job_x","at":1,"worker":"w","lease_expires_at":9,"stall_count":0}"#, "'job_id' is malformed"),
        (#"{"type":"job.claimed","job_id":"job_01jd3k8x2m00000000000000000000","at":1.5,"worker":"w","lease_expires_at":9,"stall_count":0}"#, "'at' is not an integer"),
        (#"{"type":"job.submitted","job_id":"job_01jd3k8x2m00000000000000000000","at":5,"phases":["strategy","deploy"],"request":{}}"#, "unknown phase in 'phases'"),
        (#"{"type":"job.submitted","job_id":"job_01jd3k8x2m00000000000000000000","at":5,"phases":"strategy","request":{}}"#, "'phases' is not an array"),
        (#"{"type":"job.submitted","job_id":"job_01jd3k8x2m00000000000000000000","at":5,"phases":["strategy"]}"#, "missing 'request'"),
        (#"{"type":"job.submitted","job_id":"job_01jd3k8x2m00000000000000000000","at":5,"phases":["strategy"],"request":[]}"#, "'request' is not an object"),
        (#"{"type":"job.submitted","job_id":"job_01jd3k8x2m00000000000000000000","at":5,"phases":["strategy"],"owner":1,"request":{}}"#, "'owner' is not a string"),
        (#"{"type":"phase.started","job_id":"job_01jd3k8x2m00000000000000000000","phase":"deploy","at":5,"attempt":1}"#, "unknown 'phase'"),
        (#"{"type":"phase.progress","job_id":"job_01jd3k8x2m00000000000000000000","phase":"ux","at":5,"percent":101,"message":"x"}"#, "'percent' must be 0...100"),
        (#"{"type":"phase.completed","job_id":"job_01jd3k8x2m00000000000000000000","phase":"ux","at":5,"artifact":{"path":"p","size":1}}"#, "missing 'sha256'"),
        (#"{"type":"phase.failed","job_id":"job_01jd3k8x2m00000000000000000000","phase":"ux","at":5,"attempt":1,"error":"x","retry_at":null}"#, "'error' is not an object"),
        (#"{"type":"phase.failed","job_id":"job_01jd3k8x2m00000000000000000000","phase":"ux","at":5,"attempt":1,"error":{"code":"C","message":"m"},"retry_at":"soon"}"#, "'retry_at' is not an integer"),
        (#"{"type":"store.sealed","next_generation":0}"#, "'next_generation' must be positive"),
        (#"{"type":"webhook.attempted","job_id":"job_01jd3k8x2m00000000000000000000","delivery_id":"d","at":3,"attempt":1,"delivered":"no"}"#, "'delivered' is not a boolean"),
        (#"{"type":"job.unknown","job_id":"job_01jd3k8x2m00000000000000000000","at":1}"#, "unknown record type 'job.unknown'"),
        (#"{"job_id":"job_01jd3k8x2m00000000000000000000","at":1}"#, "missing 'type'"),
        (#"{"type":"job.cancelled","job_id":"job_01jd3k8x2m00000000000000000000","at":1,"at":2}"#, "not JSON: invalid JSON at byte 0 (/at): duplicate key 'at'"),
    ]

    /// Three jobs covering every optional part of an entry: a queued job with none, a running
    /// one with a lease, stalls, owner, idempotency key, webhook URL and each phase in another
    /// state (a completed artifact, progress, a failure with details waiting for a retry), and
    /// a failed job with an error with details and a webhook delivery with attempts.
    static var records: [JobRecord] {
        let graph = PhaseGraph.pipeline
        let queued = JobRecord(
            id: ids[0], order: 1, requestedPhases: .all, phases: PhaseStates(count: graph.count),
            requestBytes: Array(#"{"spec":"A"}"#.utf8), createdAt: 1000, updatedAt: 1000)
        var running = JobRecord(
            id: ids[1], order: 2, requestedPhases: PhaseSet([.strategy, .architecture, .ux]), phases: PhaseStates(count: graph.count),
            requestBytes: Array(#"{"spec":"B é"}"#.utf8), createdAt: 2000, updatedAt: 2500)
        running.status = .running
        running.progressPercent = 41
        running.startedAt = 2100
        running.idempotencyKey = "key-1"
        running.webhookURL = "https://example.com/hook"
        running.owner = "key_abc"
        running.lease = JobLease(holder: "host:1:0", expiresAt: 32_100)
        running.stallCount = 1
        var strategy = PhaseState()
        strategy.status = .completed
        strategy.startedAt = 2100
        strategy.finishedAt = 2200
        strategy.attempts = 1
        strategy.artifact = ArtifactReference(path: "artifacts/b/strategy.json", sha256: String(repeating: "cd", count: 32), size: 77)
        running[.strategy] = strategy
        var architecture = PhaseState()
        architecture.status = .running
        architecture.startedAt = 2300
        architecture.attempts = 1
        architecture.progress = PhaseProgress(percent: 30, message: "architecture: asking m", at: 2400)
        running[.architecture] = architecture
        var ux = PhaseState()
        ux.status = .pending
        ux.startedAt = 2300
        ux.attempts = 2
        ux.failures = 2
        ux.error = JobFailure(code: "AGENT_FAILURE", message: "bad", details: details)
        ux.retryAt = 3000
        running[.ux] = ux
        var failed = JobRecord(
            id: ids[2], order: 3, requestedPhases: PhaseSet([.strategy]), phases: PhaseStates(count: graph.count),
            requestBytes: Array("{}".utf8), createdAt: 3000, updatedAt: 3900)
        failed.status = .failed
        failed.progressPercent = 50
        failed.startedAt = 3100
        failed.finishedAt = 3900
        failed.webhookURL = "https://example.com/other"
        failed.error = JobFailure(code: "AGENT_TIMEOUT", message: "timed out", details: ["budget": 3])
        var failedStrategy = PhaseState()
        failedStrategy.status = .failed
        failedStrategy.startedAt = 3100
        failedStrategy.finishedAt = 3900
        failedStrategy.attempts = 1
        failedStrategy.failures = 1
        failedStrategy.error = JobFailure(code: "AGENT_TIMEOUT", message: "timed out")
        failed[.strategy] = failedStrategy
        var delivery = WebhookDelivery(
            id: "msg_\(ids[2].rawValue)_1", jobID: ids[2], url: "https://example.com/other", event: .pipelineFailed,
            jobStatus: .failed, phasesCompleted: [], durationMilliseconds: 900, endedAt: 3900)
        delivery.state = .pending
        var attempt = WebhookAttempt(number: 1, worker: "w", startedAt: 3950)
        attempt.finishedAt = 3960
        attempt.statusCode = 503
        attempt.latencyMilliseconds = 10
        attempt.error = "HTTP 503"
        delivery.attempts = [attempt]
        delivery.nextAttemptAt = 5000
        failed.webhookDeliveries = [delivery]
        return [queued, running, failed]
    }

    /// What format `format` keeps of a record: formats before 5 have no failure details or
    /// phase progress, format 1 no owner.
    static func kept(_ record: JobRecord, format: UInt32) -> JobRecord {
        var record = record
        if format < 5 {
            record.error?.details = nil
            for index in record.phases.indices {
                record.phases[index].error?.details = nil
                record.phases[index].progress = nil
            }
        }
        if format < 2 { record.owner = nil }
        return record
    }

    static func snapshot(format: UInt32) -> [UInt8] {
        SnapshotCodec.encode(JobStateMachine(records: records, sequence: 42), generation: 3, format: format)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func bytes(hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    @Test func journalRecordsAreWrittenByteForByteAsBefore() throws {
        dump()
        #expect(Self.events.count == Self.journalGolden.count)
        for (event, golden) in zip(Self.events, Self.journalGolden) {
            #expect(String(decoding: event.serialized(), as: UTF8.self) == golden)
            #expect(try JobEvent(payload: Array(golden.utf8)) == event)
        }
        // Every record type is pinned.
        let types = Set(Self.events.map(\.type))
        #expect(types == Set(JournalRecordType.allCases.map(\.rawValue)))
    }

    /// The encoder writes each record's members as `JournalRecordType.members` lists them, in
    /// that order (`owner` only when there is one), and the decoder knows every member listed.
    @Test func eachRecordIsWrittenWithTheMembersItsTypeLists() throws {
        for event in Self.events {
            let type = try #require(JournalRecordType(rawValue: event.type))
            let keys = try #require(try JSONValue.parse(event.serialized()).objectValue).keys
            let listed = type.members.map(\.name).filter { $0 != JournalMember.owner.name || keys.contains($0) }
            #expect(keys == listed, "\(event.type)")
        }
        #expect(Set(JournalRecordType.allCases.flatMap(\.members)) == Set(JournalMember.allCases))
    }

    @Test func damagedJournalRecordsAreReportedAsBefore() {
        for (payload, expected) in Self.damaged {
            do {
                let event = try JobEvent(payload: Array(payload.utf8))
                Issue.record("decoded \(payload) as \(event)")
            } catch {
                #expect(error.message == expected, "\(payload)")
            }
        }
    }

    @Test(arguments: [UInt32(1), 2, 3, 4, 5])
    func snapshotsAreWrittenAndReadByteForByteAsBefore(format: UInt32) throws {
        let golden = try #require(Self.snapshotGolden[format])
        let bytes = Self.bytes(hex: golden)
        #expect(Self.hex(Self.snapshot(format: format)) == golden)
        let decoded = try SnapshotCodec.decode(bytes, path: "golden", graph: .pipeline, checksIndex: true)
        #expect(decoded.generation == 3)
        #expect(decoded.machine.sequence == 42)
        #expect(decoded.machine.jobs.count == Self.records.count)
        for record in Self.records {
            #expect(decoded.machine.jobs[record.id] == Self.kept(record, format: format), "format \(format), job \(record.id)")
        }
    }

    @Test func damagedSnapshotsAreReportedAsBefore() throws {
        let bytes = Self.snapshot(format: 5)
        // A payload byte changed: the checksum says so.
        var flipped = bytes
        flipped[SnapshotCodec.headerSize + 20] ^= 1
        #expect(throws: StoreError(.corrupt, "snapshot checksum mismatch", path: "s", offset: 48)) {
            _ = try SnapshotCodec.decode(flipped, path: "s", graph: .pipeline)
        }
        // An entry whose phase status is out of range, checksums made right: the reader says where.
        var entry = ByteWriter()
        var record = Self.records[0]
        record.status = .queued
        SnapshotCodec.encode(record, into: &entry, format: 5)
        var impossible = entry.buffer
        impossible[JobID.length + 8] = 9  // the job status
        let message = Self.decodeOutcome(impossible)
        #expect(message == Self.impossibleStatusMessage)
        // Progress for a phase the graph does not have.
        var progress = Self.records[1]
        progress.phases[3].progress = PhaseProgress(percent: 1, message: "m", at: 1)
        var writer = ByteWriter()
        SnapshotCodec.encode(progress, into: &writer, format: 5)
        var tail = writer.buffer
        // The progress entries are last: index u8, percent u8, message, time; the last
        // entry's index sits before its percent, message (u32 length + 1 byte) and time.
        tail[tail.count - 8 - 5 - 1 - 1] = 7
        let progressMessage = Self.decodeOutcome(tail)
        #expect(progressMessage == "corrupt: impossible phase progress in snapshot @\(tail.count - 8 - 5 - 1 - 1)")
    }

    /// What reading `entry` as a format 5 entry gives: `decoded`, or the error with its offset.
    static func decodeOutcome(_ entry: [UInt8]) -> String {
        entry.withUnsafeBytes { raw -> String in
            var reader = ByteReader(raw, path: "s", offset: 0)
            do {
                _ = try SnapshotCodec.decodeEntry(&reader, format: 5, graph: .pipeline)
                return "decoded"
            } catch let error as StoreError {
                return "\(error.code): \(error.message) @\(error.offset ?? -1)"
            } catch {
                return "\(error)"
            }
        }
    }

    static let impossibleStatusMessage = "corrupt: unknown status 9 in snapshot @42"

    /// `snapshot(format:)` as written before the codecs were built from one field list.
    static let snapshotGolden: [UInt32: String] = [
        1: "41494f53534e4150010000000000000003000000000000002a00000000000000f8030000000000005653cd06000000000300000000000000220000006a6f625f30316a64336b3878326d30303030303030303030303030303030303030300100000000000000000f0000000000e803000000000000e80300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000c0000007b2273706563223a2241227d220000006a6f625f30316a64336b3878326d3030303030303030303030303030303030303031020000000000000001072901000000d007000000000000c409000000000000013408000000000000000001050000006b65792d31011800000068747470733a2f2f6578616d706c652e636f6d2f686f6f6b0108000000686f73743a313a30647d000000000000020134080000000000000198080000000000000100000000000000000001190000006172746966616374732f622f73747261746567792e6a736f6e40000000636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463644d000000000000000101fc080000000000000001000000000000000000000001fc08000000000000000200000002000000010d0000004147454e545f4641494c5552450300000062616401b80b0000000000000000000000000000000000000000000f0000007b2273706563223a224220c3a9227d220000006a6f625f30316a64336b3878326d3030303030303030303030303030303030303032030000000000000003013200000000b80b0000000000003c0f000000000000011c0c000000000000013c0f000000000000010d0000004147454e545f54494d454f55540900000074696d6564206f757400011900000068747470733a2f2f6578616d706c652e636f6d2f6f746865720003011c0c000000000000013c0f0000000000000100000001000000010d0000004147454e545f54494d454f55540900000074696d6564206f75740000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000007b7d57484b310100000000000000220000006a6f625f30316a64336b3878326d303030303030303030303030303030303030303201000000280000006d73675f6a6f625f30316a64336b3878326d30303030303030303030303030303030303030325f311900000068747470733a2f2f6578616d706c652e636f6d2f6f7468657201030084030000000000003c0f000000000000000188130000000000000000010000000100000001000000776e0f00000000000001780f00000000000001f701000000000000010a0000000000000001080000004854545020353033",
        2: "41494f53534e4150020000000000000003000000000000002a00000000000000060400000000000050bd31d9000000000300000000000000220000006a6f625f30316a64336b3878326d30303030303030303030303030303030303030300100000000000000000f0000000000e803000000000000e8030000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000c0000007b2273706563223a2241227d220000006a6f625f30316a64336b3878326d3030303030303030303030303030303030303031020000000000000001072901000000d007000000000000c409000000000000013408000000000000000001050000006b65792d31011800000068747470733a2f2f6578616d706c652e636f6d2f686f6f6b01070000006b65795f6162630108000000686f73743a313a30647d000000000000020134080000000000000198080000000000000100000000000000000001190000006172746966616374732f622f73747261746567792e6a736f6e40000000636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463644d000000000000000101fc080000000000000001000000000000000000000001fc08000000000000000200000002000000010d0000004147454e545f4641494c5552450300000062616401b80b0000000000000000000000000000000000000000000f0000007b2273706563223a224220c3a9227d220000006a6f625f30316a64336b3878326d3030303030303030303030303030303030303032030000000000000003013200000000b80b0000000000003c0f000000000000011c0c000000000000013c0f000000000000010d0000004147454e545f54494d454f55540900000074696d6564206f757400011900000068747470733a2f2f6578616d706c652e636f6d2f6f74686572000003011c0c000000000000013c0f0000000000000100000001000000010d0000004147454e545f54494d454f55540900000074696d6564206f75740000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000007b7d57484b310100000000000000220000006a6f625f30316a64336b3878326d303030303030303030303030303030303030303201000000280000006d73675f6a6f625f30316a64336b3878326d30303030303030303030303030303030303030325f311900000068747470733a2f2f6578616d706c652e636f6d2f6f7468657201030084030000000000003c0f000000000000000188130000000000000000010000000100000001000000776e0f00000000000001780f00000000000001f701000000000000010a0000000000000001080000004854545020353033",
        3: "41494f53534e4150030000000000000003000000000000002a00000000000000db03000000000000c6b9e7a20000000003000000000000006a6f625f30316a64336b3878326d30303030303030303030303030303030303030300100000000000000000f000000e803000000000000e80300000000000000000000000000000c0000007b2273706563223a2241227d6a6f625f30316a64336b3878326d30303030303030303030303030303030303030310200000000000000010729f900d007000000000000c409000000000000010000003408000000000000050000006b65792d311800000068747470733a2f2f6578616d706c652e636f6d2f686f6f6b070000006b65795f61626308000000686f73743a313a30647d00000000000002473408000000000000980800000000000001000000190000006172746966616374732f622f73747261746567792e6a736f6e40000000636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463644d000000000000000105fc0800000000000001000000003dfc0800000000000002000000020000000d0000004147454e545f4641494c55524503000000626164b80b00000000000000000f0000007b2273706563223a224220c3a9227d6a6f625f30316a64336b3878326d303030303030303030303030303030303030303203000000000000000301321701b80b0000000000003c0f0000000000001c0c0000000000003c0f0000000000000d0000004147454e545f54494d454f55540900000074696d6564206f75741900000068747470733a2f2f6578616d706c652e636f6d2f6f74686572031f1c0c0000000000003c0f00000000000001000000010000000d0000004147454e545f54494d454f55540900000074696d6564206f7574000000000000020000007b7d01000000280000006d73675f6a6f625f30316a64336b3878326d30303030303030303030303030303030303030325f311900000068747470733a2f2f6578616d706c652e636f6d2f6f7468657201030084030000000000003c0f000000000000000188130000000000000000010000000100000001000000776e0f00000000000001780f00000000000001f701000000000000010a00000000000000010800000048545450203530336a6f625f30316a64336b3878326d3030303030303030303030303030303030303030380000000000000057000000c991c220c7aef4b16a6f625f30316a64336b3878326d30303030303030303030303030303030303030318f0000000000000063010000c0f3722285fc2efd6a6f625f30316a64336b3878326d3030303030303030303030303030303030303032f20100000000000077010000fa513b018da624ff",
        4: "41494f53534e4150040000000000000003000000000000002a00000000000000db03000000000000c6b9e7a22e5fae0d03000000000000006a6f625f30316a64336b3878326d30303030303030303030303030303030303030300100000000000000000f000000e803000000000000e80300000000000000000000000000000c0000007b2273706563223a2241227d6a6f625f30316a64336b3878326d30303030303030303030303030303030303030310200000000000000010729f900d007000000000000c409000000000000010000003408000000000000050000006b65792d311800000068747470733a2f2f6578616d706c652e636f6d2f686f6f6b070000006b65795f61626308000000686f73743a313a30647d00000000000002473408000000000000980800000000000001000000190000006172746966616374732f622f73747261746567792e6a736f6e40000000636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463644d000000000000000105fc0800000000000001000000003dfc0800000000000002000000020000000d0000004147454e545f4641494c55524503000000626164b80b00000000000000000f0000007b2273706563223a224220c3a9227d6a6f625f30316a64336b3878326d303030303030303030303030303030303030303203000000000000000301321701b80b0000000000003c0f0000000000001c0c0000000000003c0f0000000000000d0000004147454e545f54494d454f55540900000074696d6564206f75741900000068747470733a2f2f6578616d706c652e636f6d2f6f74686572031f1c0c0000000000003c0f00000000000001000000010000000d0000004147454e545f54494d454f55540900000074696d6564206f7574000000000000020000007b7d01000000280000006d73675f6a6f625f30316a64336b3878326d30303030303030303030303030303030303030325f311900000068747470733a2f2f6578616d706c652e636f6d2f6f7468657201030084030000000000003c0f000000000000000188130000000000000000010000000100000001000000776e0f00000000000001780f00000000000001f701000000000000010a00000000000000010800000048545450203530336a6f625f30316a64336b3878326d3030303030303030303030303030303030303030380000000000000057000000c991c220c7aef4b16a6f625f30316a64336b3878326d30303030303030303030303030303030303030318f0000000000000063010000c0f3722285fc2efd6a6f625f30316a64336b3878326d3030303030303030303030303030303030303032f20100000000000077010000fa513b018da624ff",
        5: "41494f53534e4150050000000000000003000000000000002a0000000000000060040000000000009fe3fcd23a32849a03000000000000006a6f625f30316a64336b3878326d30303030303030303030303030303030303030300100000000000000000f000000e803000000000000e80300000000000000000000000000000c0000007b2273706563223a2241227d6a6f625f30316a64336b3878326d30303030303030303030303030303030303030310200000000000000010729f904d007000000000000c409000000000000010000003408000000000000050000006b65792d311800000068747470733a2f2f6578616d706c652e636f6d2f686f6f6b070000006b65795f61626308000000686f73743a313a30647d00000000000002473408000000000000980800000000000001000000190000006172746966616374732f622f73747261746567792e6a736f6e40000000636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463646364636463644d000000000000000105fc080000000000000100000000bdfc0800000000000002000000020000000d0000004147454e545f4641494c555245030000006261644c0000007b2270726f626c656d73223a5b7b2270617468223a222f61222c226d657373616765223a2262205c22715c2220c3a9227d5d2c22656e67696e655f72756e223a7b2263616c6c73223a327d7db80b00000000000000000f0000007b2273706563223a224220c3a9227d01011e160000006172636869746563747572653a2061736b696e67206d60090000000000006a6f625f30316a64336b3878326d303030303030303030303030303030303030303203000000000000000301321703b80b0000000000003c0f0000000000001c0c0000000000003c0f0000000000000d0000004147454e545f54494d454f55540900000074696d6564206f75741900000068747470733a2f2f6578616d706c652e636f6d2f6f74686572031f1c0c0000000000003c0f00000000000001000000010000000d0000004147454e545f54494d454f55540900000074696d6564206f7574000000000000020000007b7d01000000280000006d73675f6a6f625f30316a64336b3878326d30303030303030303030303030303030303030325f311900000068747470733a2f2f6578616d706c652e636f6d2f6f7468657201030084030000000000003c0f000000000000000188130000000000000000010000000100000001000000776e0f00000000000001780f00000000000001f701000000000000010a00000000000000010800000048545450203530330c0000007b22627564676574223a337d6a6f625f30316a64336b3878326d3030303030303030303030303030303030303030380000000000000057000000c991c220c7aef4b16a6f625f30316a64336b3878326d30303030303030303030303030303030303030318f00000000000000d80100005c4691f044473f5f6a6f625f30316a64336b3878326d3030303030303030303030303030303030303032670200000000000087010000f85d3fafc6aca027",
    ]

    /// Writes today's values where `AIOS_GOLDEN_DUMP` says, to review and pin.
    func dump() {
        guard let path = ProcessInfo.processInfo.environment["AIOS_GOLDEN_DUMP"] else { return }
        var text = ""
        for event in Self.events { text += "#\"" + String(decoding: event.serialized(), as: UTF8.self) + "\"#,\n" }
        for (payload, _) in Self.damaged {
            do { _ = try JobEvent(payload: Array(payload.utf8)) } catch { text += "ERR " + error.message + "\n" }
        }
        for format: UInt32 in 1...5 { text += "\(format): \"\(Self.hex(Self.snapshot(format: format)))\",\n" }
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
