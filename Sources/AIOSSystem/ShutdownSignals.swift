#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The write end of the newest `ShutdownSignals`' pipe, for the signal handler (which can
/// capture nothing). Written before the handler is installed, read only by the handler.
nonisolated(unsafe) private var shutdownSignalPipe: Int32 = -1

/// Writes the signal's number to the pipe: `write(2)` is async-signal-safe, nothing else is done.
private func forwardShutdownSignal(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(shutdownSignalPipe, &byte, 1)
}

/// Turns termination signals (SIGTERM, SIGINT) into an awaitable event for graceful shutdown.
///
/// The handler is installed before `init` returns and only writes the signal's number to a
/// pipe that a thread of its own reads. (A Dispatch signal source, used before, is registered
/// later on Dispatch's manager thread, and ignored the signal meanwhile: under load a SIGTERM
/// sent right after start-up was lost and the process never shut down.)
///
/// `@unchecked Sendable`: the stored property is immutable after `init`.
public final class ShutdownSignals: @unchecked Sendable {
    private let stream: AsyncStream<Int32>

    /// Installs handlers for `signals`, replacing their default actions; the newest instance
    /// in a process receives them.
    public init(_ signals: [Int32]) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.stream = stream
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { preconditionFailure("pipe(2) failed: errno \(errno)") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let readEnd = fds[0]
        shutdownSignalPipe = fds[1]
        for number in signals { signal(number, forwardShutdownSignal) }
        detachThread {
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                continuation.yield(Int32(byte))
            }
        }
    }

    /// Returns the first signal received, or `nil` if the waiting task was cancelled.
    @discardableResult
    public func wait() async -> Int32? {
        for await number in stream { return number }
        return nil
    }
}
