#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@testable import AIOSStore
@testable import MCPCore

/// A fresh directory under /tmp for one test, removed (with everything in it) on `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/aios-store-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let created = mkdtemp(base) else { return "/tmp/aios-store-test-failed" }
            return String(cString: created)
        }
    }

    /// The store directory inside (not created: opening the store creates it).
    var store: String { path + "/store" }

    func remove() { Self.removeTree(path) }

    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            if let directory = opendir(path) {
                var names: [String] = []
                while let entry = readdir(directory) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) {
                        String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
                    }
                    if name != "." && name != ".." { names.append(name) }
                }
                closedir(directory)
                for name in names { removeTree(path + "/" + name) }
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

enum StoreFixtures {
    static func brief(_ text: String = "A habit tracker for teams") -> JSONObject {
        ["spec": .string(text), "product_name": "Habits"]
    }

    static func readFile(_ path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) {
        guard let file = fopen(path, "wb") else { return }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    /// An artifact object shaped like a phase's output.
    static func artifact(_ phase: Phase) -> JSONObject {
        ["phase": .string(phase.rawValue), "markdown": .string("# \(phase.rawValue)\nline two")]
    }

    /// Every job's status result, by id: the state users can observe.
    static func observable(_ store: JobStore) async throws -> [String: JSONObject] {
        var result: [String: JSONObject] = [:]
        for job in try await store.jobs(limit: .max) { result[job.id.rawValue] = job.statusJSON }
        return result
    }

    /// Runs one job through all its phases on `store` as `worker`.
    static func runToCompletion(_ store: JobStore, worker: String = "w1") async throws -> Job? {
        guard var job = try await store.claim(worker: worker, lease: .seconds(30)) else { return nil }
        while job.status == .running {
            let clock = ManualJobClock()
            guard let phase = job.readyPhases(now: clock.nowMilliseconds() + 1_000_000_000).first else { break }
            _ = try await store.phaseStarted(job.id, phase: phase, worker: worker)
            job = try await store.phaseSucceeded(job.id, phase: phase, worker: worker, artifact: artifact(phase))
        }
        return job
    }
}
