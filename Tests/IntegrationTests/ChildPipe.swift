import Foundation
import MCPCore

/// A channel between this test process and one child's standard stream, in place of
/// Foundation's `Pipe`.
///
/// Foundation makes a `Pipe` without close-on-exec, and on Linux `Process.run()` closes a new
/// child's other descriptors from a list it takes before spawning: a pipe another thread makes
/// in between is inherited by that child. In CI a child that lived for minutes (the Python
/// interop runner) so kept the write end of `aiosctl jobs`'s stdout open, and the test waited
/// for the end of that output long after `aiosctl` had exited. These ends are close-on-exec
/// from the moment they exist (a socket pair made with `SOCK_CLOEXEC`, as the product's own
/// `Subprocess` makes them); the child's copy on 0, 1 or 2 is made by `dup2`, which leaves it
/// open across the exec.
final class ChildPipe: Sendable {
    let fileHandleForReading: FileHandle
    let fileHandleForWriting: FileHandle

    init() {
        guard let (read, write) = SystemCalls.socketPairClosedOnExec() else {
            fatalError("cannot create a socket pair: \(String(cString: strerror(errno)))")
        }
        fileHandleForReading = FileHandle(fileDescriptor: read, closeOnDealloc: true)
        fileHandleForWriting = FileHandle(fileDescriptor: write, closeOnDealloc: true)
    }
}

extension Process {
    /// `run()` with `stdin`, `stdout` and `stderr` as the child's streams (a stream not given
    /// keeps what was set on the process); then closes this process's copies of the child's
    /// ends, as Foundation does for a `Pipe`, so that the child's exit ends the output.
    func run(stdin: ChildPipe? = nil, stdout: ChildPipe? = nil, stderr: ChildPipe? = nil) throws {
        if let stdin { standardInput = stdin.fileHandleForReading }
        if let stdout { standardOutput = stdout.fileHandleForWriting }
        if let stderr { standardError = stderr.fileHandleForWriting }
        try run()
        try stdin?.fileHandleForReading.close()
        try stdout?.fileHandleForWriting.close()
        try stderr?.fileHandleForWriting.close()
    }
}
