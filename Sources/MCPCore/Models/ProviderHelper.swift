import AIOSCrypto
import AIOSJSON
import AIOSSystem
import Synchronization

/// One HTTP POST to a model provider, as the `aios-llm` helper sends it.
public struct ProviderHTTPRequest: Sendable {
    public var url: String
    /// Header names and values; the API key is one of them. They reach the helper on its stdin,
    /// never on its command line.
    public var headers: [(name: String, value: String)]
    public var body: String

    public init(url: String, headers: [(name: String, value: String)], body: String) {
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The line the helper reads on stdin.
    var line: [UInt8] {
        let json: JSONValue = [
            "url": .string(url), "headers": .array(headers.map { [.string($0.name), .string($0.value)] }), "body": .string(body),
        ]
        return json.serialized() + [0x0a]
    }
}

/// The three limits of one attempt, each enforced by killing the helper (which closes the
/// connection).
public struct ProviderTimeouts: Sendable, Equatable {
    /// From the start until the response's status line and headers.
    public var connect: Duration
    /// From the start until the first piece of the answer (a content token; for a non-streamed
    /// answer, its first byte).
    public var firstToken: Duration
    /// From the start until the answer is complete.
    public var total: Duration

    public init(connect: Duration = .seconds(20), firstToken: Duration = .seconds(120), total: Duration = .seconds(600)) {
        self.connect = connect
        self.firstToken = firstToken
        self.total = total
    }
}

/// What the helper reports, in order: `response`, any number of `data`, then `end`,
/// `failure` or `timedOut`.
public enum ProviderHTTPEvent: Sendable, Equatable {
    case response(status: Int, headers: [String: String])
    case data([UInt8])
    case end
    /// The connection failed: `kind` is `connect`, `reset`, `tls`, `helper` or `other`.
    case failure(kind: String, message: String)
    /// A limit of ``ProviderTimeouts`` passed: `connect`, `first token` or `total`.
    case timedOut(String, Duration)
}

/// One attempt through a child `aios-llm` process: the request goes to its stdin, which stays
/// open for the whole call; its events are read on a thread of their own and delivered as an
/// `AsyncStream`. Ending the stream early (the consumer's task is cancelled, or it stops
/// iterating) kills the helper, so the provider sees the connection close at once. The helper
/// also exits when its stdin reaches end of file, which is what happens when this process dies
/// in any way (the kernel closes the socket): a worker killed mid-call takes its calls with it.
public final class ProviderExchange: Sendable {
    private struct State {
        var pid: pid_t?
        var reaped = false
        var stopped = false
        var firstToken = false
    }

    private let state = Mutex(State())
    public let executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// The `aios-llm` next to the running executable (aios-mcp, aiosctl), or `AIOS_LLM_HELPER`.
    public static func defaultHelper() -> String {
        if let path = Environment.current()["AIOS_LLM_HELPER"], !path.isEmpty { return path }
        return Subprocess.siblingPath("aios-llm") ?? "aios-llm"
    }

    /// Tells the timer the first content token arrived (the first-token limit no longer applies).
    public func markFirstToken() {
        state.withLock { $0.firstToken = true }
    }

    /// Kills the helper if it runs, or keeps it from starting. Any thread, any time.
    public func stop() {
        state.withLock { state in
            state.stopped = true
            if let pid = state.pid, !state.reaped { kill(pid, SIGKILL) }
        }
    }

    /// Starts the helper with `request` and returns its events.
    public func start(_ request: ProviderHTTPRequest, timeouts: ProviderTimeouts) -> AsyncStream<ProviderHTTPEvent> {
        let (stream, continuation) = AsyncStream<ProviderHTTPEvent>.makeStream()
        continuation.onTermination = { [self] _ in stop() }
        let input = request.line
        detachThread { [self] in
            run(input: input, timeouts: timeouts) { continuation.yield($0) }
            continuation.finish()
        }
        return stream
    }

    /// Blocks (on its own thread) for the whole attempt.
    private func run(input: [UInt8], timeouts: ProviderTimeouts, deliver: (ProviderHTTPEvent) -> Void) {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &set, nil)

        guard let stdin = Self.makePipe(), let stdout = Self.makePipe() else {
            deliver(.failure(kind: "helper", message: "cannot create a pipe for the model client"))
            return
        }
        let started: Result<pid_t, AIOSError>? = state.withLock { state in
            guard !state.stopped else { return nil }
            let result = Subprocess.spawn(executable, [], stdin: .descriptor(stdin.read), stdout: .descriptor(stdout.write), stderr: .null)
            if case .success(let pid) = result { state.pid = pid }
            return result
        }
        close(stdin.read)
        close(stdout.write)
        guard case .success(let pid) = started else {
            close(stdin.write)
            close(stdout.read)
            if case .failure(let error) = started {
                deliver(.failure(kind: "helper", message: "the model client could not be started: \(error.message) (aios-llm belongs in the directory of aios-mcp and aiosctl)"))
            }
            return
        }
        defer {
            close(stdin.write)
            close(stdout.read)
            state.withLock { state in
                if !state.reaped { kill(pid, SIGKILL) }
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            state.withLock { $0.reaped = true }
        }
        // The request is written whole while the helper reads it; stdin then stays open.
        guard POSIXIO.writeAll(stdin.write, input) else {
            deliver(.failure(kind: "helper", message: "the model client \(executable) exited before reading its request"))
            return
        }

        let start = ContinuousClock.now
        var responded = false
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let (stopped, firstToken) = state.withLock { ($0.stopped, $0.firstToken) }
            if stopped { return }
            let elapsed = ContinuousClock.now - start
            if elapsed >= timeouts.total {
                deliver(.timedOut("total", timeouts.total))
                return
            }
            if !responded && elapsed >= timeouts.connect {
                deliver(.timedOut("connect", timeouts.connect))
                return
            }
            if !firstToken && elapsed >= timeouts.firstToken {
                deliver(.timedOut("first token", timeouts.firstToken))
                return
            }
            var fds = [pollfd(fd: stdout.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 1, 100)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let n = chunk.withUnsafeMutableBytes { read(stdout.read, $0.baseAddress, $0.count) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 {
                if state.withLock({ $0.stopped }) { return }
                deliver(.failure(kind: "helper", message: "the model client \(executable) ended without finishing the answer"))
                return
            }
            buffer.append(contentsOf: chunk[0..<n])
            while let newline = buffer.firstIndex(of: 0x0a) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                guard let event = Self.event(line) else {
                    deliver(.failure(kind: "helper", message: "the model client \(executable) wrote an unreadable line"))
                    return
                }
                if case .response = event { responded = true }
                deliver(event)
                switch event {
                case .end, .failure: return
                default: break
                }
            }
        }
    }

    /// One of the helper's event lines, decoded.
    static func event(_ line: [UInt8]) -> ProviderHTTPEvent? {
        guard let json = try? JSONValue.parse(line) else { return nil }
        switch json["event"]?.stringValue {
        case "response":
            guard let status = json["status"]?.intValue else { return nil }
            var headers: [String: String] = [:]
            for (name, value) in json["headers"]?.objectValue ?? [:] { headers[name.lowercased()] = value.stringValue }
            return .response(status: Int(status), headers: headers)
        case "data":
            guard let text = json["bytes"]?.stringValue, let bytes = Base64.decode(text) else { return nil }
            return .data(bytes)
        case "end":
            return .end
        case "error":
            return .failure(kind: json["kind"]?.stringValue ?? "other", message: json["message"]?.stringValue ?? "request failed")
        default:
            return nil
        }
    }

    /// A close-on-exec socket pair (see `Subprocess`): no other child inherits an end, so the
    /// helper's stdin reaches end of file exactly when this process closes it or dies.
    private static func makePipe() -> (read: Int32, write: Int32)? {
        SystemCalls.socketPairClosedOnExec().map { (read: $0.0, write: $0.1) }
    }
}
