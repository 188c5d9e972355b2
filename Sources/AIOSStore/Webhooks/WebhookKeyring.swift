/// The secrets webhooks are signed with: the current one, plus earlier ones still inside their
/// rotation grace period. Every delivery carries one signature per secret, so a receiver that
/// still knows only an old secret keeps verifying until the grace period ends.
public struct WebhookKeyring: Sendable, Hashable {
    /// Where the secrets came from.
    public enum Source: Sendable, Hashable {
        /// `AIOS_WEBHOOK_SECRET` (one secret, or several separated by spaces, newest first).
        case environment
        /// The store's `webhook-secrets` file, generated on first use.
        case store(path: String)
    }

    /// One secret and when it stops being used.
    public struct Entry: Sendable, Hashable {
        public var secret: WebhookSecret
        public var createdAt: Int64
        /// When a rotated-out secret stops signing, in Unix milliseconds; `nil` for the current one.
        public var retiresAt: Int64?

        public init(secret: WebhookSecret, createdAt: Int64, retiresAt: Int64? = nil) {
            self.secret = secret
            self.createdAt = createdAt
            self.retiresAt = retiresAt
        }
    }

    /// Newest first; the first is the current secret.
    public var entries: [Entry]
    public var source: Source

    public init(entries: [Entry], source: Source) {
        self.entries = entries
        self.source = source
    }

    /// The current secret.
    public var current: WebhookSecret? { entries.first?.secret }

    /// The secrets that sign a delivery made at `now`: the current one and those not yet retired.
    ///
    /// - Parameter now: Unix milliseconds.
    /// - Returns: Newest first.
    public func signingSecrets(at now: Int64) -> [WebhookSecret] {
        entries.enumerated().filter { index, entry in index == 0 || (entry.retiresAt ?? .max) > now }.map(\.element.secret)
    }

    /// The name of the secrets file in the store directory.
    static let fileName = "webhook-secrets"

    /// Reads `AIOS_WEBHOOK_SECRET`.
    ///
    /// - Parameter environment: The process environment.
    /// - Returns: `nil` when the variable is unset or empty.
    /// - Throws: `ConfigurationError` when a secret is malformed; the value itself is not shown.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> WebhookKeyring? {
        guard let text = environment["AIOS_WEBHOOK_SECRET"], !text.allSatisfy({ $0 == " " }) else { return nil }
        var entries: [Entry] = []
        for (index, part) in text.split(separator: " ").enumerated() {
            guard let secret = WebhookSecret(String(part)) else {
                throw ConfigurationError(
                    variable: "AIOS_WEBHOOK_SECRET", value: "<secret #\(index + 1) hidden>",
                    expected: "whsec_ followed by the base64 of 24 to 64 bytes (several separated by spaces, newest first)")
            }
            entries.append(Entry(secret: secret, createdAt: 0))
        }
        return WebhookKeyring(entries: entries, source: .environment)
    }

    /// The secrets file's content: `{"secrets": [{"secret", "created_at", "retires_at"}]}`, newest first.
    package func fileBytes() -> [UInt8] {
        let list: [JSONValue] = entries.map { entry in
            [
                "secret": .string(entry.secret.text), "created_at": .int(entry.createdAt),
                "retires_at": entry.retiresAt.map { .int($0) } ?? .null,
            ]
        }
        return JSONValue.object(["secrets": .array(list)]).serialized() + [0x0A]
    }

    /// Parses the secrets file.
    ///
    /// - Returns: `nil` when the content is not a valid secrets file.
    package static func parse(fileBytes bytes: [UInt8], path: String) -> WebhookKeyring? {
        guard let object = (try? JSONValue.parse(bytes))?.objectValue, let list = object["secrets"]?.arrayValue, !list.isEmpty
        else { return nil }
        var entries: [Entry] = []
        for item in list {
            guard let text = item["secret"]?.stringValue, let secret = WebhookSecret(text),
                let created = item["created_at"], case .int(let createdAt) = created
            else { return nil }
            var retiresAt: Int64?
            switch item["retires_at"] ?? .null {
            case .int(let value): retiresAt = value
            case .null: retiresAt = nil
            default: return nil
            }
            entries.append(Entry(secret: secret, createdAt: createdAt, retiresAt: retiresAt))
        }
        return WebhookKeyring(entries: entries, source: .store(path: path))
    }

    /// `store verify` for the secrets file: absent, or a valid secrets file.
    static func verify(directory: String) -> [StoreVerifyReport.Problem] {
        let path = directory + "/" + fileName
        do throws(StoreError) {
            guard let file = try StoreFile.openIfExists(path: path) else { return [] }
            guard parse(fileBytes: try file.readAll(), path: path) != nil else {
                return [
                    .init(
                        severity: .damage,
                        message: "not a valid webhook secrets file ({\"secrets\": [{secret, created_at, retires_at}]}); webhooks cannot be signed until it is restored or removed (removing it makes a new secret that receivers do not know)",
                        path: path, offset: nil)
                ]
            }
            return []
        } catch {
            return [.init(severity: .damage, message: error.message, path: path, offset: error.offset)]
        }
    }

    /// A keyring whose new current secret is `secret`; the old current one keeps signing until
    /// `now + grace`, and secrets already retired by `now` are dropped.
    package func rotated(to secret: WebhookSecret, at now: Int64, grace: Duration) -> WebhookKeyring {
        var kept = entries.enumerated().compactMap { index, entry -> Entry? in
            var entry = entry
            if index == 0 { entry.retiresAt = now + grace.wholeMilliseconds }
            return (entry.retiresAt ?? .max) > now ? entry : nil
        }
        kept.insert(Entry(secret: secret, createdAt: now), at: 0)
        return WebhookKeyring(entries: kept, source: source)
    }
}
