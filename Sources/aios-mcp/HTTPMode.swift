import AIOSHTTP
import MCPCore
import MCPHTTP

/// `aios-mcp --http HOST:PORT`: MCP over Streamable HTTP at `/mcp` (docs/remote.md) instead of
/// stdio. Nothing is written to stdout in this mode.
enum HTTPMode {
    struct Options {
        var host: String
        var port: Int
    }

    /// `--http HOST:PORT`, `--http PORT` or `--http :PORT` (host 127.0.0.1); `nil` for stdio.
    static func options(_ arguments: [String]) throws(UsageError) -> Options? {
        var value: String?
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--http" {
                guard index + 1 < arguments.count else { throw UsageError("--http needs HOST:PORT") }
                value = arguments[index + 1]
                index += 2
            } else if argument.hasPrefix("--http=") {
                value = String(argument.dropFirst("--http=".count))
                index += 1
            } else {
                throw UsageError("unknown argument \(argument); aios-mcp takes only --http HOST:PORT")
            }
        }
        guard let value else { return nil }
        var host = "127.0.0.1"
        var portText = value
        if let colon = value.lastIndex(of: ":") {
            let given = String(value[..<colon])
            if !given.isEmpty { host = given.hasPrefix("[") && given.hasSuffix("]") ? String(given.dropFirst().dropLast()) : given }
            portText = String(value[value.index(after: colon)...])
        }
        guard let port = Int(portText), (0...65535).contains(port) else { throw UsageError("--http \(value): the port must be 0…65535") }
        return Options(host: host, port: port)
    }

    struct UsageError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
    }

    /// Serves until cancelled (a signal), then ends every session and closes the listener.
    static func serve(
        options: Options, server: MCPServer, gate: KeyGate, store: any JobStoreBackend, environment: [String: String], logger: Logger
    ) async {
        var configuration = MCPHTTPService.Configuration()
        if let origins = environment["AIOS_HTTP_ALLOWED_ORIGINS"] {
            configuration.allowedOrigins = Set(origins.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty })
        }
        if let text = environment["AIOS_HTTP_MAX_STREAMS_PER_KEY"], let value = Int(text), value > 0 {
            configuration.maxStreamsPerPrincipal = value
        }
        if let text = environment["AIOS_HTTP_MAX_SESSIONS"], let value = Int(text), value > 0 {
            configuration.maxSessions = value
        }
        var httpConfiguration = HTTPServer.Configuration(host: options.host, port: options.port)
        if let text = environment["AIOS_HTTP_MAX_CONNECTIONS"], let value = Int(text), value > 0 {
            httpConfiguration.maxConnections = value
        }
        if let text = environment["AIOS_HTTP_MAX_BODY_BYTES"], let value = Int(text), value > 0 {
            httpConfiguration.limits.maxBodyBytes = value
        }
        if let text = environment["AIOS_HTTP_HEADER_TIMEOUT_MS"], let value = Int(text), value > 0 {
            httpConfiguration.headerTimeout = .milliseconds(value)
        }
        let service = MCPHTTPService(
            server: server, configuration: configuration, logger: logger,
            authenticate: { bearer in
                do throws(AIOSError) {
                    let caller = try await gate.authenticate(bearer: bearer)
                    return .allowed(principal: caller.keyID ?? "local")
                } catch {
                    if error.code == .unauthorized { return .refused(message: error.message) }
                    return .failed(message: error.message)
                }
            },
            ready: { (try? await store.version()) != nil })
        let http: HTTPServer
        do {
            http = try HTTPServer(configuration: httpConfiguration, handler: service.handler)
        } catch {
            logger.critical("cannot listen for HTTP", ["host": .string(options.host), "port": .integer(options.port), "error": .string(error.description)])
            exit(ExitCode.usage.rawValue)
        }
        if !isLoopback(options.host) {
            logger.warning("listening beyond loopback: put TLS in front (docs/remote.md) and create API keys", ["host": .string(options.host)])
        }
        http.start()
        logger.info("listening", ["host": .string(options.host), "port": .integer(http.port), "url": .string("http://\(options.host):\(http.port)/mcp")])
        await service.maintain()
        http.stop()
    }
}

extension String {
    fileprivate var trimmed: String {
        var s = self[...]
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
