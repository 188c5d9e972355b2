import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns termination signals (SIGTERM, SIGINT) into an awaitable event for graceful shutdown.
///
/// `@unchecked Sendable`: both stored properties are immutable after `init`; the signal sources
/// are only retained to keep them alive, never touched again.
public final class ShutdownSignals: @unchecked Sendable {
    private let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    /// Installs handlers for `signals`, replacing their default actions.
    public init(_ signals: [Int32]) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.stream = stream
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Returns the first signal received, or `nil` if the waiting task was cancelled.
    @discardableResult
    public func wait() async -> Int32? {
        for await number in stream { return number }
        return nil
    }
}
