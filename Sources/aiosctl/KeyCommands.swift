import MCPCore

/// `aiosctl keys create|list|show|revoke|rotate`: API keys, managed by the store's owner (whoever
/// can write the store directory), so these commands need no key themselves.
enum KeyCommands {
    /// `--api-key` on the commands that act as a client.
    static let apiKeyOption = OptionSpec(
        "api-key", value: "key",
        help: "Act with this API key (default: $AIOS_API_KEY, which is safer: arguments are visible in ps).")

    /// The gate for a client command: `AIOS_AUTH` and the key from `--api-key` or `AIOS_API_KEY`.
    ///
    /// - Throws: ``AIOSError`` `.invalidInput` when `AIOS_*` settings are malformed.
    static func gate(store: any StoreBackend, apiKey: String?, environment: [String: String]) throws(AIOSError) -> KeyGate {
        let configuration = try configuration(environment)
        return KeyGate.open(
            store: store, mode: configuration.authMode, apiKey: apiKey ?? environment["AIOS_API_KEY"],
            logger: logger(configuration, environment))
    }

    /// The gate for a client command that does not open the job store (`aiosctl call` of an
    /// agent tool): the configured store's keys and rate limits alone.
    ///
    /// - Throws: ``AIOSError`` `.invalidInput` when `AIOS_*` settings are malformed; `StoreError`.
    static func gate(store: StoreConfiguration, apiKey: String?, environment: [String: String]) throws -> KeyGate {
        let settings = try configuration(environment)
        let logger = logger(settings, environment)
        return KeyGate(
            mode: settings.authMode, apiKey: apiKey ?? environment["AIOS_API_KEY"],
            keys: try StoreFactory.keys(store, logger: logger), limiter: try StoreFactory.rateLimits(store))
    }

    static let group = CommandSpec(
        name: "keys", abstract: "Create, list, show, revoke and rotate API keys.",
        discussion: "Keys are for clients: aios-mcp reads AIOS_API_KEY, aiosctl client commands read it or --api-key. With AIOS_AUTH=auto (the default) keys are required as soon as one active key exists. Managing keys needs no key: it is for the store's owner. Secrets are printed once and never stored (only their SHA-256).",
        subcommands: [create, list, show, revoke, rotate])

    static let create = CommandSpec(
        name: "create", abstract: "Create a key and print its secret (once) on stdout.",
        discussion: "The secret alone goes to stdout, so KEY=$(aiosctl keys create --name ci) works; the details go to stderr. With --json, one object with id, name, secret, scopes and limits.",
        options: [
            OptionSpec("name", value: "name", help: "A label for people, e.g. ci or claude-desktop (required)."),
            OptionSpec("scopes", value: "list", help: "Comma-separated: agents:run, jobs:read, jobs:write, admin (default: all but admin)."),
            OptionSpec("per-minute", value: "n", help: "Calls allowed in any minute (default 60)."),
            OptionSpec("per-day", value: "n", help: "Calls allowed in any 24 hours (default 10000)."),
            OptionSpec("expires", value: "duration", help: "Stop working after this long, e.g. 90d (default: never)."),
            OptionSpec("json", help: "Print one JSON object, secret included."),
        ],
        validate: { parsed throws(UsageError) in
            guard let name = parsed.value("name"), !name.isEmpty else {
                throw UsageError("give the key a --name", command: parsed.path)
            }
            let limits = try limits(parsed)
            do throws(AIOSError) {
                if let scopes = parsed.value("scopes") { _ = try APIKeyScope.parseList(scopes) }
                try limits.validate()
            } catch {
                throw UsageError(error.message, command: parsed.path)
            }
            if let text = parsed.value("expires"), DurationText.parse(text) == nil {
                throw UsageError("--expires expects a duration like 30d, 12h or 90d, got '\(text)'", command: parsed.path)
            }
        },
        run: { parsed in
            let json = parsed.flag("json")
            return await withKeys(json: json) { keys in
                let scopes = try parsed.value("scopes").map(APIKeyScope.parseList) ?? APIKeyScope.defaults
                let issued = try await keys.create(
                    name: parsed.value("name") ?? "", scopes: scopes, limits: try limits(parsed),
                    expiresIn: parsed.value("expires").flatMap(DurationText.parse))
                let key = issued.key
                if json {
                    var object: JSONObject = ["id": .string(key.id), "name": .string(key.name), "secret": .string(issued.secret.text)]
                    for (field, value) in key.json(at: key.createdAt) where field != "id" && field != "name" { object[field] = value }
                    Console.json(.object(object))
                } else {
                    Console.line(issued.secret.text)
                    Console.message("created \(key.id) \"\(key.name)\": \(summary(key))")
                    Console.message("The secret above is shown only this once; store it now (e.g. as AIOS_API_KEY).")
                }
                return .success
            }
        })

    static let list = CommandSpec(
        name: "list", abstract: "List keys (never their secrets).",
        options: [OptionSpec("json", help: "One JSON array of keys.")],
        run: { parsed in
            let json = parsed.flag("json")
            return await withKeys(json: json) { keys in
                let all = try await keys.keys()
                let now = keys.clock.nowMilliseconds()
                if json {
                    Console.json(.array(all.map { .object($0.json(at: now)) }))
                } else if !all.isEmpty {
                    var lines = [
                        pad("ID", 22) + pad("NAME", 16) + pad("STATUS", 9) + pad("SCOPES", 34) + pad("LIMITS", 14)
                            + pad("LAST USED", 22) + "HINT"
                    ]
                    for key in all {
                        lines.append(
                            pad(key.id, 22) + pad(key.name, 16) + pad(key.status(at: now).rawValue, 9)
                                + pad(key.scopes.map(\.rawValue).joined(separator: ","), 34)
                                + pad("\(key.limits.perMinute)/m \(key.limits.perDay)/d", 14)
                                + pad(key.lastUsedAt.map { RFC3339Timestamp.format(milliseconds: $0) } ?? "never", 22) + key.hint)
                    }
                    Console.out(lines.joined(separator: "\n") + "\n")
                }
                return .success
            }
        })

    static let show = CommandSpec(
        name: "show", abstract: "Show one key and its audit trail (never its secret).",
        options: [OptionSpec("json", help: "Print the key and its audit records as JSON.")],
        arguments: [ArgumentSpec("id", help: "The key id (key_…).")],
        run: { parsed in
            let json = parsed.flag("json")
            return await withKeys(json: json) { keys in
                let id = parsed.argument("id") ?? ""
                guard let key = try await keys.key(id) else {
                    throw AIOSError(.keyNotFound, "no key \(id)", details: ["key_id": .string(id)])
                }
                let audit = try await keys.auditTrail(for: id)
                let now = keys.clock.nowMilliseconds()
                if json {
                    var object = key.json(at: now)
                    object["audit"] = .array(audit.map { .object($0.json) })
                    Console.json(.object(object))
                } else {
                    var lines = [
                        "\(key.id)  \"\(key.name)\"  \(key.status(at: now).rawValue)",
                        "  \(summary(key))",
                        "  hint \(key.hint), created \(RFC3339Timestamp.format(milliseconds: key.createdAt)), last used \(key.lastUsedAt.map { RFC3339Timestamp.format(milliseconds: $0) } ?? "never")",
                    ]
                    for secret in key.secrets.dropLast() {
                        lines.append("  previous secret \(secret.hint) valid until \(secret.validUntil.map { RFC3339Timestamp.format(milliseconds: $0) } ?? "?")")
                    }
                    lines.append("  audit:")
                    for entry in audit {
                        var line = "    \(RFC3339Timestamp.format(milliseconds: entry.at)) \(entry.event)"
                        if let reason = entry.reason { line += " \(reason)" }
                        if let operation = entry.operation { line += " on \(operation)" }
                        if let hint = entry.hint { line += " (\(hint))" }
                        lines.append(line)
                    }
                    Console.out(lines.joined(separator: "\n") + "\n")
                }
                return .success
            }
        })

    static let revoke = CommandSpec(
        name: "revoke", abstract: "Revoke a key: every secret of it stops working at once.",
        options: [OptionSpec("json", help: "Print the revoked key as JSON.")],
        arguments: [ArgumentSpec("id", help: "The key id (key_…).")],
        run: { parsed in
            let json = parsed.flag("json")
            return await withKeys(json: json) { keys in
                let key = try await keys.revoke(parsed.argument("id") ?? "")
                if json { Console.json(.object(key.json(at: keys.clock.nowMilliseconds()))) } else { Console.message("revoked \(key.id) \"\(key.name)\"") }
                return .success
            }
        })

    static let rotate = CommandSpec(
        name: "rotate", abstract: "Give a key a new secret (printed once on stdout); the old one works until the grace ends.",
        options: [
            OptionSpec("grace", value: "duration", help: "How long the previous secret keeps working, e.g. 1h (default 24h; 0 stops it now)."),
            OptionSpec("json", help: "Print one JSON object, the new secret included."),
        ],
        arguments: [ArgumentSpec("id", help: "The key id (key_…).")],
        validate: { parsed throws(UsageError) in
            if let text = parsed.value("grace"), grace(text) == nil {
                throw UsageError("--grace expects a duration like 30m, 24h or 0, got '\(text)'", command: parsed.path)
            }
        },
        run: { parsed in
            let json = parsed.flag("json")
            return await withKeys(json: json) { keys in
                let issued = try await keys.rotate(parsed.argument("id") ?? "", grace: grace(parsed.value("grace") ?? "24h") ?? .seconds(86400))
                let key = issued.key
                let until = key.secrets.dropLast().last?.validUntil.map { RFC3339Timestamp.format(milliseconds: $0) } ?? "now"
                if json {
                    var object: JSONObject = ["id": .string(key.id), "name": .string(key.name), "secret": .string(issued.secret.text)]
                    for (field, value) in key.json(at: keys.clock.nowMilliseconds()) where field != "id" && field != "name" { object[field] = value }
                    Console.json(.object(object))
                } else {
                    Console.line(issued.secret.text)
                    Console.message("rotated \(key.id) \"\(key.name)\": new secret \(key.hint); the previous one works until \(until)")
                }
                return .success
            }
        })

    // MARK: - Helpers

    static func limits(_ parsed: ParsedCommand) throws(UsageError) -> RateLimits {
        RateLimits(
            perMinute: try parsed.integer("per-minute", default: RateLimits.defaults.perMinute),
            perDay: try parsed.integer("per-day", default: RateLimits.defaults.perDay))
    }

    /// A grace period: a duration, or `0` for none.
    static func grace(_ text: String) -> Duration? { text == "0" ? .zero : DurationText.parse(text) }

    static func summary(_ key: APIKey) -> String {
        let expiry = key.expiresAt.map { "expires \(RFC3339Timestamp.format(milliseconds: $0))" } ?? "never expires"
        return "scopes \(key.scopes.map(\.rawValue).joined(separator: ",")); \(key.limits.perMinute)/minute, \(key.limits.perDay)/day; \(expiry)"
    }

    static func pad(_ text: String, _ width: Int) -> String { JobRendering.pad(text, width) }

    static func configuration(_ environment: [String: String]) throws(AIOSError) -> Configuration {
        do {
            return try Configuration.fromEnvironment(environment)
        } catch {
            throw AIOSError(.invalidInput, error.description)
        }
    }

    /// The audit logger: as configured, but as text on a terminal unless `AIOS_LOG_FORMAT` says otherwise.
    static func logger(_ configuration: Configuration, _ environment: [String: String]) -> Logger {
        var configuration = configuration
        if (environment["AIOS_LOG_FORMAT"] ?? "").isEmpty, Console.stderrIsTerminal { configuration.logFormat = .text }
        return configuration.makeLogger(label: "aiosctl")
    }

    /// Runs a key command on the store's keys, turning failures into messages and exit codes.
    static func withKeys(json: Bool, _ body: (any KeyStoreBackend) async throws -> ExitCode) async -> ExitCode {
        do {
            let environment = Environment.current()
            let configuration = try configuration(environment)
            // Keys are managed without opening the job store: a store too damaged to open keeps
            // its keys manageable, and nothing is created until a key is.
            let keys = try StoreFactory.keys(
                StoreConfiguration.fromEnvironment(environment), logger: logger(configuration, environment))
            return try await body(keys)
        } catch let error as AIOSError {
            return fail(error, json: json)
        } catch let error as StoreError {
            return storeFailure(error, json: json)
        } catch {
            Console.error(String(describing: error))
            return .failure
        }
    }
}
