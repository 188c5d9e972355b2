import AIOSSystem
import Synchronization

/// One run of a helper program: it is fed `input` on stdin, its stdout and stderr are collected
/// until it exits, and it is killed when it outlives its time limit or when ``stop()`` is called
/// (from any thread). Also home to the posix_spawn plumbing the other child-starting code uses.
///
/// ``run(_:_:input:limit:)`` blocks: call it on a dedicated thread (`detachThread`), never on
/// Swift's cooperative pool.
public final class Subprocess: Sendable {
    private struct State {
        var pid: pid_t?
        var stopped = false
        var reaped = false
    }

    /// How a run ended.
    public struct Outcome: Sendable, Hashable {
        /// How the child ended.
        public enum Termination: Sendable, Hashable {
            /// It exited with this status.
            case exited(Int32)
            /// It was killed by this signal.
            case signalled(Int32)
            /// It was never started: the reason (`posix_spawn`'s error, or "stopped").
            case notStarted(String)
        }

        public var termination: Termination
        /// Its standard output, at most ``outputLimit`` bytes.
        public var stdout: [UInt8]
        /// Its standard error, at most ``outputLimit`` bytes.
        public var stderr: [UInt8]
        /// It was killed because it outlived the limit.
        public var timedOut: Bool
        /// It was killed (or not started) because ``stop()`` was called.
        public var stopped: Bool
    }

    /// The most bytes kept of each output stream; the rest is read and dropped.
    public static let outputLimit = 1 << 20

    /// How long a killed child's pipes are waited for before they are abandoned (a grandchild
    /// may hold them open).
    private static let drainAfterKill = Duration.seconds(5)

    private let state = Mutex(State())

    public init() {}

    /// Kills the child if it runs, or keeps it from starting. Safe from any thread, any number
    /// of times, before, during or after ``run(_:_:input:limit:)``.
    public func stop() {
        state.withLock { state in
            state.stopped = true
            // Never after the reap: the pid could belong to another process by then.
            if let pid = state.pid, !state.reaped { kill(pid, SIGKILL) }
        }
    }

    /// Starts `executable`, writes `input` to its stdin (then closes it), collects its stdout and
    /// stderr, and reaps it. Blocks until then.
    ///
    /// - Parameters:
    ///   - executable: The program's path.
    ///   - arguments: Its arguments (without the program name).
    ///   - input: Everything it reads on stdin.
    ///   - limit: When it still runs after this long, it is killed (SIGKILL).
    /// - Returns: How it ended and what it wrote. Does not throw.
    public func run(_ executable: String, _ arguments: [String], input: [UInt8], limit: Duration) -> Outcome {
        Self.blockSIGPIPE()
        var outcome = Outcome(termination: .notStarted("stopped"), stdout: [], stderr: [], timedOut: false, stopped: false)
        guard let stdin = Self.makePipe(), let stdout = Self.makePipe(), let stderr = Self.makePipe() else {
            outcome.termination = .notStarted("cannot create a pipe: \(String(cString: strerror(errno)))")
            return outcome
        }
        let started: Result<pid_t, AIOSError>? = state.withLock { state in
            guard !state.stopped else { return nil }
            // Spawned under the lock, so that stop() either prevents the start or sees the pid.
            let result = Self.spawn(
                executable, arguments, stdin: .descriptor(stdin.read), stdout: .descriptor(stdout.write),
                stderr: .descriptor(stderr.write))
            if case .success(let pid) = result { state.pid = pid }
            return result
        }
        for fd in [stdin.read, stdout.write, stderr.write] { close(fd) }
        guard case .success(let pid) = started else {
            for fd in [stdin.write, stdout.read, stderr.read] { close(fd) }
            if case .failure(let error) = started { outcome.termination = .notStarted(error.message) }
            outcome.stopped = started == nil
            return outcome
        }
        _ = fcntl(stdin.write, F_SETFL, fcntl(stdin.write, F_GETFL) | O_NONBLOCK)

        var deadline = ContinuousClock.now + limit
        var killed = false
        func killForTimeout() {
            outcome.timedOut = true
            killed = true
            deadline = ContinuousClock.now + Self.drainAfterKill
            state.withLock { state in if !state.reaped { kill(pid, SIGKILL) } }
        }
        var inputFD = input.isEmpty ? Int32(-1) : stdin.write
        if input.isEmpty { close(stdin.write) }
        var outputFD = stdout.read
        var errorFD = stderr.read
        var written = 0
        while outputFD >= 0 || errorFD >= 0 {
            var fds: [pollfd] = []
            if inputFD >= 0 { fds.append(pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)) }
            if outputFD >= 0 { fds.append(pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)) }
            if errorFD >= 0 { fds.append(pollfd(fd: errorFD, events: Int16(POLLIN), revents: 0)) }
            let remaining = deadline - ContinuousClock.now
            let ready = remaining <= .zero ? 0 : poll(&fds, nfds_t(fds.count), Int32(clamping: remaining.wholeMilliseconds + 1))
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                guard ContinuousClock.now >= deadline else { continue }
                if killed { break }  // the pipes are held open by someone else: give up on them
                killForTimeout()
                continue
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == inputFD {
                    let n = input.withUnsafeBytes { bytes in
                        write(inputFD, bytes.baseAddress.map { $0 + written }, bytes.count - written)
                    }
                    if n > 0 { written += n }
                    if written == input.count || (n < 0 && errno != EAGAIN && errno != EINTR) {
                        close(inputFD)  // done, or the child stopped reading (EPIPE)
                        inputFD = -1
                    }
                } else if entry.fd == outputFD {
                    if !Self.readChunk(outputFD, into: &outcome.stdout) {
                        close(outputFD)
                        outputFD = -1
                    }
                } else if entry.fd == errorFD {
                    if !Self.readChunk(errorFD, into: &outcome.stderr) {
                        close(errorFD)
                        errorFD = -1
                    }
                }
            }
        }
        for fd in [inputFD, outputFD, errorFD] where fd >= 0 { close(fd) }

        // The pipes are closed; wait for the exit without blocking in waitpid, so that the limit
        // and stop() still apply to a child that closed its output but does not exit.
        var pause: useconds_t = 100
        while true {
            var status: Int32 = 0
            let reaped = state.withLock { state -> Bool in
                let result = waitpid(pid, &status, WNOHANG)
                if result == pid || (result < 0 && errno != EINTR) { state.reaped = true }
                return state.reaped
            }
            if reaped {
                let signal = status & 0x7f
                outcome.termination = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
                break
            }
            if !killed && ContinuousClock.now >= deadline { killForTimeout() }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        outcome.stopped = state.withLock { $0.stopped }
        return outcome
    }

    /// Reads what is there; `false` at end of file or on an error.
    private static func readChunk(_ fd: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { return errno == EINTR || errno == EAGAIN }
        if n == 0 { return false }
        let kept = min(n, outputLimit - buffer.count)
        if kept > 0 { buffer.append(contentsOf: chunk[0..<kept]) }
        return true
    }

    /// A one-way channel whose ends are closed on exec, so that children started at the same time
    /// by other threads do not inherit them (which would keep them open after this child exits).
    /// A socket pair, because it can be created close-on-exec atomically (on Linux), and `pipe2`
    /// is not visible from Swift.
    private static func makePipe() -> (read: Int32, write: Int32)? {
        SystemCalls.socketPairClosedOnExec().map { (read: $0.0, write: $0.1) }
    }

    /// Writing to a child that has exited must fail with EPIPE, not kill this process. The
    /// signal is blocked on the calling thread only, which is why `run` needs a thread of its own.
    private static func blockSIGPIPE() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    // MARK: - Starting programs

    /// Where one of a child's standard descriptors comes from.
    public enum Stream: Sendable, Hashable {
        /// `/dev/null`.
        case null
        /// The same as this process's.
        case inherit
        /// This descriptor (duplicated onto the child's).
        case descriptor(Int32)
    }

    /// Starts `executable` with `arguments` and this process's environment. The child starts
    /// with no signal blocked, whatever the calling thread blocks.
    ///
    /// - Parameters:
    ///   - executable: The program's path.
    ///   - arguments: Its arguments (without the program name).
    ///   - stdin: Its standard input.
    ///   - stdout: Its standard output.
    ///   - stderr: Its standard error.
    /// - Returns: The child's pid, or an `INTERNAL_ERROR` whose message names the program and
    ///   the reason (`No such file or directory`, …). Does not throw.
    public static func spawn(
        _ executable: String, _ arguments: [String], stdin: Stream = .inherit, stdout: Stream = .inherit, stderr: Stream = .inherit
    ) -> Result<pid_t, AIOSError> {
        var actions: [SystemCalls.SpawnFileAction] = []
        for (target, stream, mode) in [(Int32(0), stdin, O_RDONLY), (1, stdout, O_WRONLY), (2, stderr, O_WRONLY)] {
            switch stream {
            case .null: actions.append(.open(target: target, path: "/dev/null", flags: mode))
            case .inherit: break
            case .descriptor(let fd): actions.append(.duplicate(source: fd, target: target))
            }
        }
        switch SystemCalls.spawn(executable, arguments: [executable] + arguments, fileActions: actions) {
        case .success(let pid): return .success(pid)
        case .failure(let error): return .failure(AIOSError(.internalError, "cannot start \(executable): \(error)"))
        }
    }

    /// The path `name` would have in the directory of the running executable.
    ///
    /// - Parameter name: e.g. `aiosctl`.
    /// - Returns: The path, whether or not such a file exists; `nil` when the running executable
    ///   cannot be found.
    public static func siblingPath(_ name: String) -> String? {
        guard let path = SystemCalls.executablePath(), let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[...slash]) + name
    }

    /// The path of an executable in the directory of the running one.
    ///
    /// - Parameter name: e.g. `aiosctl`.
    /// - Returns: The path, or `nil` when there is no such executable file.
    public static func siblingExecutable(_ name: String) -> String? {
        siblingPath(name).flatMap { access($0, X_OK) == 0 ? $0 : nil }
    }
}
