import Foundation
import Testing

/// A long-running child (a server, a worker) that a test signals and waits for, with its
/// stderr collected as it comes and its stdin kept open until closed.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `process` and the pipes are set in init and then only used through their
    // own thread-safe methods; the collected output is guarded by `lock`.
    let process = Process()
    private let input = ChildPipe()
    private let errors = ChildPipe()
    private let output = ChildPipe()
    private let lock = NSCondition()
    private var collectedErrors = Data()
    private var collectedOutput = Data()
    private let drained = DispatchGroup()

    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        try process.run(stdin: input, stdout: output, stderr: errors)
        drain(errors) { [self] data in
            lock.withLock {
                collectedErrors.append(data)
                lock.broadcast()
            }
        }
        drain(output) { [self] data in lock.withLock { collectedOutput.append(data) } }
    }

    /// Reads `pipe` to its end on a thread of its own. Not on `DispatchQueue.global()`: a read
    /// that blocks there holds one of the few threads Swift's concurrency runtime also runs
    /// on, and with two children's pipes drained that way a test's `await`s stalled for about a
    /// second until Dispatch added a thread.
    private func drain(_ pipe: ChildPipe, into append: @escaping @Sendable (Data) -> Void) {
        drained.enter()
        Thread.detachNewThread { [drained] in
            let handle = pipe.fileHandleForReading
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                append(data)
            }
            drained.leave()
        }
    }

    var pid: Int32 { process.processIdentifier }
    var stderrText: String { lock.withLock { String(decoding: collectedErrors, as: UTF8.self) } }
    var stdoutText: String { lock.withLock { String(decoding: collectedOutput, as: UTF8.self) } }

    func write(_ text: String) throws { try input.fileHandleForWriting.write(contentsOf: Data(text.utf8)) }
    func closeStdin() throws { try input.fileHandleForWriting.close() }
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// The exit status, or `nil` if the child still runs after `timeout` seconds.
    func waitForExit(timeout: TimeInterval) -> Int32? {
        guard let ended = process.waitForTermination(timeout: timeout) else { return nil }
        _ = drained.wait(timeout: .now() + 5)
        return ended.status
    }

    /// Waits until the child's stderr contains `text`; `false` after `timeout` seconds.
    func waitForStderr(containing text: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while !String(decoding: collectedErrors, as: UTF8.self).contains(text) {
            if !lock.wait(until: deadline) { return false }
        }
        return true
    }

    /// Kills a child a failed test left running.
    func killIfRunning() {
        if process.waitForTermination(timeout: 0) == nil { process.killGroupAndWait(timeout: 10) }
    }
}
