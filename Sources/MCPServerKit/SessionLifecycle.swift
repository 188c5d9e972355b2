import AIOSJSON
import JSONRPC

/// The connection's protocol state, as a pure state machine.
///
/// The first request decides the era, once: `initialize` opens a handshake (legacy) session;
/// a request whose `params._meta` carries the 2026-07-28 protocol-version key opens a modern
/// connection where every request brings its own envelope. Later requests from the other era
/// are refused. Nothing is ever left unanswered: a request the state does not allow gets an
/// immediate error, so dual-era clients probing with `server/discover` never wait on a timeout.
public struct SessionLifecycle: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case awaitingFirstRequest
        case legacy(version: String, initialized: Bool)
        case modern
    }

    /// What the server should do with a request.
    public enum Decision: Sendable, Equatable {
        /// Answer `initialize` with this negotiated version.
        case initialize(version: String)
        /// Dispatch the request in this era.
        case serve(ProtocolEra)
        /// Answer with this error, without dispatching.
        case reject(JSONRPCError)
    }

    public private(set) var state: State = .awaitingFirstRequest

    public init() {}

    /// Methods served in any state, before the era is known.
    private static let stateless: Set<String> = ["ping"]

    /// Decides how to handle a request and moves the state accordingly.
    public mutating func admit(method: String, params: JSONObject?) -> Decision {
        let meta = params?["_meta"]
        let hasEnvelope = meta?.objectValue?.contains(EnvelopeKey.protocolVersion) ?? false
        switch state {
        case .awaitingFirstRequest:
            if method == "initialize" {
                let version = Self.negotiate(params?["protocolVersion"])
                state = .legacy(version: version, initialized: false)
                return .initialize(version: version)
            }
            if hasEnvelope {
                state = .modern
                return Self.admitModern(meta: meta)
            }
            if Self.stateless.contains(method) { return .serve(.legacy(version: ProtocolRevisions.latestLegacy)) }
            if method == "server/discover" { return Self.admitModern(meta: meta) }
            return .reject(.invalidRequest(
                "Server not initialized: send \"initialize\" first, or use the 2026-07-28 per-request _meta envelope",
                data: ["method": .string(method)]))
        case .legacy(let version, _):
            if method == "initialize" {
                return .reject(.invalidRequest("The session is already initialized (protocol \(version))"))
            }
            if hasEnvelope {
                return .reject(.invalidRequest(
                    "This connection serves the handshake era (protocol \(version)); requests carrying the 2026-07-28 envelope are not accepted on it"))
            }
            return .serve(.legacy(version: version))
        case .modern:
            if method == "initialize" {
                return .reject(.unsupportedProtocolVersion(
                    requested: params?["protocolVersion"] ?? .null, supported: ProtocolRevisions.modern))
            }
            return Self.admitModern(meta: meta)
        }
    }

    /// Records `notifications/initialized`.
    public mutating func clientInitialized() {
        if case .legacy(let version, _) = state { state = .legacy(version: version, initialized: true) }
    }

    /// Whether a JSON-RPC batch (array) may be processed: only under 2025-03-26.
    public var acceptsBatches: Bool {
        if case .legacy(ProtocolRevisions.batching, _) = state { true } else { false }
    }

    /// The version `initialize` answers: the client's if we speak it, else our latest.
    public static func negotiate(_ requested: JSONValue?) -> String {
        if let version = requested?.stringValue, ProtocolRevisions.legacy.contains(version) { return version }
        return ProtocolRevisions.latestLegacy
    }

    private static func admitModern(meta: JSONValue?) -> Decision {
        guard let envelope = meta?.objectValue else {
            return .reject(.invalidParams(
                "params._meta must be an object carrying the required '\(EnvelopeKey.protocolVersion)' and '\(EnvelopeKey.clientCapabilities)' envelope keys"))
        }
        let missing = [EnvelopeKey.protocolVersion, EnvelopeKey.clientCapabilities].filter { !envelope.contains($0) }
        if !missing.isEmpty {
            return .reject(.invalidParams(
                "params._meta is missing the required envelope key(s): \(missing.joined(separator: ", "))"))
        }
        let requested = envelope[EnvelopeKey.protocolVersion] ?? .null
        guard let version = requested.stringValue else {
            return .reject(.invalidParams("'\(EnvelopeKey.protocolVersion)' must be a string"))
        }
        guard ProtocolRevisions.modern.contains(version) else {
            return .reject(.unsupportedProtocolVersion(requested: requested, supported: ProtocolRevisions.modern))
        }
        return .serve(.modern(version: version))
    }
}
