/// Runs a process's long-lived parts — a server reading its input, a worker pool — and shuts
/// them down gracefully: on end of input or the first SIGTERM/SIGINT the server stops and the
/// workers drain (see ``StopRequest``); a second signal stops everything at once.
public enum GracefulShutdown {
    /// Runs until `serving` (if any) and `working` (if any) have both ended.
    ///
    /// - Parameters:
    ///   - signals: The termination signals; the first starts the shutdown, a second one
    ///     cancels what is still running.
    ///   - stop: Requested when the shutdown starts; `working` drains on it.
    ///   - logger: Where the shutdown's steps are logged.
    ///   - serving: Serves until its input ends (the MCP server); cancelled on a signal.
    ///   - working: Works until `stop` is requested and its work is drained (a worker pool).
    public static func run(
        signals: ShutdownSignals, stop: StopRequest, logger: Logger,
        serving: (@Sendable () async -> Void)? = nil, working: (@Sendable (StopRequest) async -> Void)? = nil
    ) async {
        enum Event: Sendable {
            case served, worked, signalled(Int32), signalsEnded
        }
        await withTaskGroup(of: Event.self) { group in
            if let serving {
                group.addTask {
                    await withTaskGroup(of: Void.self) { inner in
                        inner.addTask { await serving() }
                        inner.addTask { await stop.wait() }
                        await inner.next()
                        inner.cancelAll()
                    }
                    return .served
                }
            }
            if let working { group.addTask { await working(stop); return .worked } }
            group.addTask { await signals.wait().map { .signalled($0) } ?? .signalsEnded }
            var servingRunning = serving != nil
            var workingRunning = working != nil
            while servingRunning || workingRunning, let event = await group.next() {
                switch event {
                case .served:
                    servingRunning = false
                    if !stop.isRequested {
                        logger.info("input closed; shutting down")
                        stop.request()
                    }
                case .worked:
                    workingRunning = false
                case .signalled(let number) where stop.isRequested:
                    logger.warning("second signal; stopping at once", ["signal": .integer(Int(number))])
                    group.cancelAll()
                case .signalled(let number):
                    logger.info("signal received; shutting down", ["signal": .integer(Int(number))])
                    stop.request()
                    group.addTask { await signals.wait().map { .signalled($0) } ?? .signalsEnded }
                case .signalsEnded:
                    break
                }
            }
            group.cancelAll()
        }
    }
}
