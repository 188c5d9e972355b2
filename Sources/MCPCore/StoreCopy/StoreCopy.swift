import AIOSCrypto
import AIOSSystem

/// `aiosctl store copy --from A --to B`: moves a whole store between backends (a directory
/// and a `postgres://` database, either way, or directory to directory), verified.
///
/// The source is read in one consistent view (the file store under its shared lock, so writers
/// wait; PostgreSQL in one `REPEATABLE READ` transaction), every artifact checked against its
/// SHA-256. The destination must hold no aios data. Nothing is left half-written: a directory
/// is written as a temporary directory beside the destination, read back and compared, and only
/// then renamed into place; a database is written in one transaction that reads everything back
/// and compares before it commits. After the copy the destination is read once more, as a new
/// process would, and compared again: that comparison is the report's `verified`.
public enum StoreCopy {
    /// One end of a copy.
    public enum Location: Sendable, Hashable, CustomStringConvertible {
        case directory(String)
        case postgres(url: String)

        /// A `postgres://` / `postgresql://` URL or a directory path.
        public init(_ text: String) {
            self = PostgresJobStore.isPostgresURL(text) ? .postgres(url: text) : .directory(text)
        }

        /// The location for messages: a URL's password masked.
        public var description: String {
            switch self {
            case .directory(let path): path
            case .postgres(let url): PostgresJobStore.redacted(url)
            }
        }

        public var backend: String {
            switch self {
            case .directory: "file"
            case .postgres: "postgres"
            }
        }
    }

    /// What was copied.
    public struct Report: Sendable, Hashable {
        public var source: String
        public var destination: String
        public var jobs = 0
        /// Jobs per status, e.g. `["completed": 3, "queued": 1]`.
        public var jobsByStatus: [String: Int] = [:]
        public var artifacts = 0
        public var artifactBytes = 0
        public var keyEvents = 0
        public var keys = 0
        public var rateLimitBuckets = 0
        public var webhookDeliveries = 0
        public var webhookSecrets = false
        /// The destination, read back afresh, equals the source.
        public var verified = false
    }

    /// Copies the store at `source` into `destination`.
    ///
    /// - Throws: `StoreError` when the source cannot be read (missing directory, unreachable
    ///   database, damage), the destination holds aios data or cannot be written, or the copy
    ///   does not read back as the source; ``AIOSError`` `.invalidInput` when both name the same store.
    public static func copy(from source: Location, to destination: Location) async throws -> Report {
        if try same(source, destination) {
            throw AIOSError(.invalidInput, "--from and --to name the same store (\(source)): nothing to copy")
        }
        // Refuse an occupied directory before reading anything.
        if case .directory(let path) = destination, let entries = try FileStoreContents.entries(path), !entries.isEmpty {
            throw StoreError(
                .io,
                "\(path) is not empty (it holds \(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")): copy only into a new or empty directory; nothing was changed",
                path: path)
        }
        let graph = StoreFactory.graph
        let contents = try await read(source, graph: graph)
        try await write(contents, to: destination, graph: graph)
        let copied = try await read(destination, graph: graph)
        let differences = copied.differences(from: contents)
        guard differences.isEmpty else {
            throw StoreError(
                .corrupt,
                "the copy at \(destination) differs from the source: \(differences.prefix(5).joined(separator: "; "))")
        }
        var report = Report(source: source.description, destination: destination.description)
        report.jobs = contents.jobs.count
        for record in contents.jobs { report.jobsByStatus[record.status.rawValue, default: 0] += 1 }
        report.artifacts = contents.artifacts.count
        report.artifactBytes = contents.artifacts.reduce(0) { $0 + $1.bytes.count }
        report.keyEvents = contents.keyEvents.count
        var machine = KeyStateMachine()
        for payload in contents.keyEvents { try? machine.apply(try KeyEvent(payload: payload)) }
        report.keys = machine.keys.count
        report.rateLimitBuckets = contents.rateLimits.count
        report.webhookDeliveries = contents.jobs.reduce(0) { $0 + $1.webhookDeliveries.count }
        report.webhookSecrets = contents.webhookSecrets != nil
        report.verified = true
        return report
    }

    static func read(_ location: Location, graph: PhaseGraph) async throws -> StoreContents {
        switch location {
        case .directory(let path): try FileStoreContents.read(directory: path, graph: graph)
        case .postgres(let url): try await PostgresStoreContents.read(url, graph: graph)
        }
    }

    static func write(_ contents: StoreContents, to location: Location, graph: PhaseGraph) async throws {
        switch location {
        case .postgres(let url):
            try await PostgresStoreContents.write(contents, to: url, graph: graph)
        case .directory(let path):
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            let parent = trimmed.lastIndex(of: "/").map { $0 == trimmed.startIndex ? "/" : String(trimmed[..<$0]) } ?? "."
            guard try StoreFileSystem.existence(parent) else {
                throw StoreError(.io, "the directory \(parent), where the copy would go, does not exist", path: parent)
            }
            let name = trimmed.lastIndex(of: "/").map { String(trimmed[trimmed.index(after: $0)...]) } ?? trimmed
            let temporary = parent + "/." + name + ".aios-copy-" + Hex.encode(SecureRandom.bytes(6))
            do {
                try FileStoreContents.write(contents, to: temporary, graph: graph)
                let written = try FileStoreContents.read(directory: temporary, graph: graph)
                let differences = written.differences(from: contents)
                guard differences.isEmpty else {
                    throw StoreError(
                        .corrupt, "the copy does not read back as the source (\(differences.prefix(5).joined(separator: "; ")))")
                }
                // Someone may have put files there meanwhile: rename refuses a non-empty directory.
                try FileStoreContents.publish(temporary, as: trimmed, parent: parent)
            } catch {
                FileStoreContents.removeTree(temporary)
                throw error
            }
        }
    }

    /// Whether two locations name the same store (directories compared by device and inode).
    static func same(_ a: Location, _ b: Location) throws -> Bool {
        switch (a, b) {
        case (.postgres(let x), .postgres(let y)): return x == y
        case (.directory(let x), .directory(let y)):
            var first = stat(), second = stat()
            guard stat(x, &first) == 0, stat(y, &second) == 0 else { return x == y }
            return first.st_dev == second.st_dev && first.st_ino == second.st_ino
        default: return false
        }
    }
}

extension StoreContents {
    /// How `self` (a copy) differs from `source`, empty when it holds the same: every job's
    /// record byte for byte in the snapshot codec's encoding, in the same order; every artifact's
    /// bytes and digest; every key event byte for byte; every rate-limit window; the webhook secrets.
    func differences(from source: StoreContents) -> [String] {
        var found: [String] = []
        if jobs.count != source.jobs.count { found.append("\(jobs.count) jobs, the source has \(source.jobs.count)") }
        for (copy, original) in zip(jobs, source.jobs) {
            if copy.id != original.id {
                found.append("job \(copy.id) stands where the source has \(original.id)")
            } else if copy.order != original.order
                || PostgresJobStore.encodeRecord(copy) != PostgresJobStore.encodeRecord(original)
            {
                found.append("job \(copy.id) differs")
            }
        }
        if let highest = jobs.map(\.order).max(), sequence <= highest {
            found.append("the next submission's order \(sequence) is not after the last job's \(highest)")
        }
        if artifacts.count != source.artifacts.count {
            found.append("\(artifacts.count) artifacts, the source has \(source.artifacts.count)")
        }
        for (copy, original) in zip(artifacts, source.artifacts) where copy != original {
            found.append("artifact \(copy.path) differs")
        }
        for artifact in artifacts where Hex.encode(SHA256.hash(artifact.bytes)) != artifact.sha256 {
            found.append("artifact \(artifact.path) does not match its SHA-256")
        }
        if keyEvents != source.keyEvents {
            found.append("\(keyEvents.count) key events, the source has \(source.keyEvents.count) (or they differ)")
        }
        if rateLimits != source.rateLimits { found.append("the rate-limit windows differ") }
        if webhookSecrets != source.webhookSecrets { found.append("the webhook secrets differ") }
        return found
    }
}
