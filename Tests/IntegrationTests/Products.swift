import Foundation
import Testing

/// Locations of the built executables, the repository and the interop Python.
enum Products {
    /// The directory holding the built products: `AIOS_PRODUCTS_DIR` (to run the suite against
    /// another build, e.g. `.build/release`, whose executables carry the Swift runtime
    /// statically), else the one the test bundle sits in.
    static let directory: URL = {
        if let path = ProcessInfo.processInfo.environment["AIOS_PRODUCTS_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidate = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("aios-mcp").path) { return candidate }
            candidate = candidate.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }()

    static var aiosMCP: String { directory.appendingPathComponent("aios-mcp").path }
    static var aiosctl: String { directory.appendingPathComponent("aiosctl").path }
    static var aiosWebhook: String { directory.appendingPathComponent("aios-webhook").path }

    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var examples: String { root.appendingPathComponent("examples").path }

    /// The Python with the official MCP SDK: `AIOS_TEST_PYTHON`, else the repository's `.venv`.
    static var python: String {
        if let path = ProcessInfo.processInfo.environment["AIOS_TEST_PYTHON"], !path.isEmpty { return path }
        return root.appendingPathComponent(".venv/bin/python").path
    }
}

/// Runs blocking work (waiting for a child process, reading its pipes) on a thread of its own
/// and awaits its result. Not on `DispatchQueue.global()`: on Linux Swift's concurrency runtime
/// runs on those same few threads, so a wait blocked there stalls every `await` in the test
/// process (other suites' too) until Dispatch adds a thread, about a second later.
func onThreadOfItsOwn<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

/// The outcome of a finished child process.
struct ProcessResult {
    var status: Int32
    var stdout: Data
    var stderr: Data
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs a child process to completion, draining both pipes before waiting for it.
func runProcess(
    _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
    timeout: TimeInterval = 120
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var out = Data(), err = Data()
    group.enter()
    Thread.detachNewThread { out = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    Thread.detachNewThread { err = errors.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    if let stdin { try input.fileHandleForWriting.write(contentsOf: stdin) }
    try input.fileHandleForWriting.close()
    if group.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()
        group.wait()
        Issue.record("\(executable) \(arguments.joined(separator: " ")) timed out after \(timeout) s")
    }
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: out, stderr: err)
}
