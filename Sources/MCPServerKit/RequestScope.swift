import JSONRPC

/// What a transport presented with a session's requests: nothing, or an HTTP bearer token.
public enum PeerCredential: Sendable, Hashable {
    case none
    case bearer(String)
}

/// Task-local facts about the request whose handler is running, for transports and gates.
public enum RequestScope {
    /// The client request being served: messages sent from its handler's task belong to it
    /// (an HTTP transport sends them on that request's response stream).
    @TaskLocal public static var requestID: JSONRPCID?
    /// The credential the session's transport received (`nil` on stdio, where the process's
    /// own key applies).
    @TaskLocal public static var credential: PeerCredential?
}
