import Synchronization

/// The outputs of recent synchronous agent calls, kept in the server's memory so that the
/// `resource_link`s of their results resolve.
///
/// An agent tool (`aios_strategize`, …) answers in the request and writes nothing to the job
/// store; its result carries a short summary and links to `aios://results/{result_id}/{type}`.
/// Those resources, and `aios_get_artifact` with the `result_id`, read the output from here:
/// the most recent results up to ``capacityBytes`` (oldest dropped first), for the life of the
/// server process. A result that is gone is reported as such, with the way to get it again
/// (call the tool again: the builtin engine is deterministic; or run `aios_full_pipeline`,
/// whose artifacts are durable).
public final class RecentResults: Sendable {
    /// One kept output.
    public struct Entry: Sendable {
        public let id: String
        public let phase: Phase
        public let output: JSONObject
        /// The key that made the call (`nil`: the local owner).
        public let owner: String?
        let size: Int
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
    }

    /// How many bytes of output (estimated) are kept at most.
    public let capacityBytes: Int
    private let state = Mutex(State())

    /// - Parameter capacityBytes: Default 64 MiB.
    public init(capacityBytes: Int = 64 << 20) {
        self.capacityBytes = capacityBytes
    }

    static let prefix = "res_"

    /// Whether `text` looks like a result id (`res_` + 32 lowercase hex digits).
    public static func isResultID(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard text.hasPrefix(prefix), utf8.count == prefix.utf8.count + 32 else { return false }
        return utf8.dropFirst(prefix.utf8.count).allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Keeps `output` and returns its new entry (with an unguessable id).
    @discardableResult
    public func record(_ phase: Phase, output: JSONObject, owner: String?) -> Entry {
        let entry = Entry(
            id: Self.prefix + Hex.encode(SecureRandom.bytes(16)), phase: phase, output: output, owner: owner,
            size: Self.estimatedSize(.object(output)))
        state.withLock { state in
            state.entries[entry.id] = entry
            state.order.append(entry.id)
            state.bytes += entry.size
            while state.bytes > capacityBytes, state.order.count > 1 {
                let oldest = state.order.removeFirst()
                if let dropped = state.entries.removeValue(forKey: oldest) { state.bytes -= dropped.size }
            }
        }
        return entry
    }

    /// The entry, if it is still kept and `caller` may see it.
    public func entry(_ id: String, caller: Caller) -> Entry? {
        guard let entry = state.withLock({ $0.entries[id] }), caller.mayAccess(jobOwnedBy: entry.owner) else { return nil }
        return entry
    }

    /// The error for a result id that is not (or no longer) kept.
    public static func notFound(_ id: String) -> AIOSError {
        AIOSError(
            .jobNotFound,
            "no result \(id) in this server: results of agent calls are kept in the memory of the server that answered them, the most recent first, until it stops. Call the tool again (the builtin engine gives the same output for the same input) or run aios_full_pipeline for durable artifacts.",
            details: ["result_id": .string(id)])
    }

    /// A cheap estimate of the memory an output holds: its strings' bytes plus a word per value.
    static func estimatedSize(_ value: JSONValue) -> Int {
        switch value {
        case .string(let text): 16 + text.utf8.count
        case .array(let elements): elements.reduce(16) { $0 + estimatedSize($1) }
        case .object(let object): zip(object.keys, object.values).reduce(16) { $0 + $1.0.utf8.count + estimatedSize($1.1) }
        default: 16
        }
    }
}
