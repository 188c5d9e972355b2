import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

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

/// How a child process ended: its exit status, or the signal that killed it.
struct Termination: Equatable, CustomStringConvertible {
    var status: Int32
    var bySignal: Bool

    var description: String { bySignal ? "killed by signal \(status)" : "exit \(status)" }
}

/// Children this test process reaped itself, by pid: Foundation still counts them as running.
private let reapedHere = Mutex<[Int32: Termination]>([:])

extension Process {
    /// Waits at most `timeout` seconds for the child to end and says how it ended; `nil` if it
    /// still runs then.
    ///
    /// Not `waitUntilExit()`, which has no bound: on Linux it spins the calling thread's run
    /// loop until Foundation notices the exit, and Foundation notices through a socket the
    /// child inherits (swift-corelibs-foundation#4795). In CI a child that had exited stayed an
    /// unreaped zombie and the whole test run hung. This polls Foundation's view and, when
    /// Foundation has not noticed, reaps the child itself with `waitpid`.
    func waitForTermination(timeout: TimeInterval = 120) -> Termination? {
        let pid = processIdentifier
        let deadline = Date().addingTimeInterval(timeout)
        var pause: UInt32 = 1_000
        while true {
            if let known = reapedHere.withLock({ $0[pid] }) { return known }
            if !isRunning { return Termination(status: terminationStatus, bySignal: terminationReason == .uncaughtSignal) }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7f
                let ended = signal == 0 ? Termination(status: (status >> 8) & 0xff, bySignal: false) : Termination(status: signal, bySignal: true)
                reapedHere.withLock { $0[pid] = ended }
                return ended
            }
            if Date() >= deadline { return nil }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
    }

    /// Kills the child's process group (Foundation makes each child a group leader, so this
    /// takes what it started too) and waits for the child, recording an issue if it never ends.
    func killGroupAndWait(timeout: TimeInterval = 60) {
        kill(-processIdentifier, SIGKILL)
        kill(processIdentifier, SIGKILL)
        if waitForTermination(timeout: timeout) == nil {
            Issue.record("process \(processIdentifier) still runs \(Int(timeout)) s after SIGKILL")
        }
    }
}

/// Runs a child process to completion, draining both pipes before waiting for it. On timeout
/// the child's whole process group is killed: a grandchild holding the pipes would otherwise
/// keep the drain (and the test run) waiting for good.
func runProcess(
    _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
    timeout: TimeInterval = 120
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let input = ChildPipe(), output = ChildPipe(), errors = ChildPipe()
    try process.run(stdin: input, stdout: output, stderr: errors)
    let group = DispatchGroup()
    let collected = Mutex<(out: Data, err: Data)>((Data(), Data()))
    group.enter()
    Thread.detachNewThread {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        collected.withLock { $0.out = data }
        group.leave()
    }
    group.enter()
    Thread.detachNewThread {
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        collected.withLock { $0.err = data }
        group.leave()
    }
    if let stdin { try input.fileHandleForWriting.write(contentsOf: stdin) }
    try input.fileHandleForWriting.close()
    if group.wait(timeout: .now() + timeout) == .timedOut {
        process.killGroupAndWait()
        if group.wait(timeout: .now() + 30) == .timedOut {
            Issue.record("\(executable)'s pipes stayed open after its process group was killed")
        }
        Issue.record("\(executable) \(arguments.joined(separator: " ")) timed out after \(timeout) s")
    }
    let ended = process.waitForTermination(timeout: 60)
    if ended == nil { Issue.record("\(executable) \(arguments.joined(separator: " ")) closed its output but did not exit within 60 s") }
    let (out, err) = collected.withLock { ($0.out, $0.err) }
    return ProcessResult(status: ended?.status ?? -1, stdout: out, stderr: err)
}
