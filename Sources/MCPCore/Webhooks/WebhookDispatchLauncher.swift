import AIOSSystem

/// `aios-mcp`'s way of delivering webhooks without loading an HTTP client itself: when the
/// store has a delivery due, it starts `aiosctl webhook dispatch` (the `aiosctl` installed next
/// to it), which delivers what is due and exits. One child at a time; a child that dies is
/// replaced on the next look, and its claimed delivery is retried once its lease lapses.
public struct WebhookDispatchLauncher: WebhookDeliveryService {
    let store: any JobStoreBackend
    let executable: String
    let arguments: [String]
    let clock: any JobClock
    let pollInterval: Duration
    let logger: Logger

    /// Creates a launcher.
    ///
    /// - Parameters:
    ///   - store: The store to watch.
    ///   - executable: The dispatcher program, usually `Subprocess.siblingExecutable("aiosctl")`.
    ///   - arguments: Its arguments (default `webhook dispatch`).
    ///   - clock: The time source for polling.
    ///   - pollInterval: How often the store is looked at.
    ///   - logger: Where child starts and failures are logged.
    public init(
        store: any JobStoreBackend, executable: String, arguments: [String] = ["webhook", "dispatch"], clock: any JobClock = SystemJobClock(),
        pollInterval: Duration = .seconds(1), logger: Logger = .disabled
    ) {
        self.store = store
        self.executable = executable
        self.arguments = arguments
        self.clock = clock
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Watches the store until cancelled, starting a dispatcher child whenever a delivery is due
    /// and none is running. A running child is left to finish on its own when this returns.
    public func run() async {
        var child: pid_t?
        var warnedAboutSpawn = false
        while !Task.isCancelled {
            if let pid = child, Self.hasExited(pid) { child = nil }
            if child == nil, let backlog = try? await store.webhookBacklog(), backlog.due > 0 {
                switch spawn() {
                case .success(let pid):
                    child = pid
                    logger.debug("started a webhook dispatcher", ["pid": .integer(Int(pid)), "due": .integer(backlog.due)])
                case .failure(let error):
                    if !warnedAboutSpawn {
                        logger.error(
                            "cannot start the webhook dispatcher; deliveries wait for an aiosctl worker",
                            ["executable": .string(executable), "error": .string(error.message)])
                        warnedAboutSpawn = true
                    }
                }
            }
            do { try await clock.sleep(for: pollInterval) } catch { break }
        }
        if let pid = child, !Self.hasExited(pid) {
            // Reap it in the background once it is done, so it does not linger as a zombie.
            detachThread { var status: Int32 = 0; _ = waitpid(pid, &status, 0) }
        }
    }

    /// Reaps the child if it has exited.
    private static func hasExited(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        return result == pid || (result < 0 && errno == ECHILD)
    }

    /// Starts the dispatcher with stdin and stdout on /dev/null (stdout is `aios-mcp`'s protocol
    /// channel) and stderr shared, so its logs join the server's.
    private func spawn() -> Result<pid_t, AIOSError> {
        Subprocess.spawn(executable, arguments, stdin: .null, stdout: .null, stderr: .inherit)
    }
}
