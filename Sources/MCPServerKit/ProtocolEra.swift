/// The protocol revisions this server speaks, and which era each belongs to.
public enum ProtocolRevisions {
    /// Revisions reached through the `initialize` handshake, oldest first.
    public static let legacy = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]
    /// Revisions with the stateless per-request `_meta` envelope, oldest first.
    public static let modern = ["2026-07-28"]
    /// What `initialize` answers when the client asks for a version we do not know.
    public static let latestLegacy = "2025-11-25"
    /// The only revision with JSON-RPC batches.
    public static let batching = "2025-03-26"
    /// The only handshake revision with (experimental) tasks.
    public static let tasks = "2025-11-25"
    /// The first handshake revision with the `completions` capability.
    public static let completionsCapability = "2025-03-26"
}

/// The reserved `_meta` keys of the 2026-07-28 envelope.
public enum EnvelopeKey {
    public static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    public static let clientInfo = "io.modelcontextprotocol/clientInfo"
    public static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    public static let logLevel = "io.modelcontextprotocol/logLevel"
    public static let serverInfo = "io.modelcontextprotocol/serverInfo"
}

/// How a request reached us: through a handshake session, or carrying its own envelope.
public enum ProtocolEra: Sendable, Equatable {
    case legacy(version: String)
    case modern(version: String)

    public var version: String {
        switch self {
        case .legacy(let version), .modern(let version): version
        }
    }

    public var isModern: Bool {
        if case .modern = self { true } else { false }
    }
}
