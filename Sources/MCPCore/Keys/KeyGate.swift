/// The tool-call gate of API keys: authentication (`AIOS_AUTH`, `AIOS_API_KEY`), scopes and
/// per-key rate limits, asked before every tool call (and by `aiosctl` before commands that
/// read or change jobs directly).
///
/// A call without a key passes when auth is off, or not in force (`auto` on a store where no key
/// was ever created): the caller is then the store's owner, unlimited. Otherwise, and whenever
/// a key is presented (in every mode), the key must be well-formed (checked offline), known, not
/// revoked, expired or rotated out (`UNAUTHORIZED`, recorded and logged),
/// hold the needed scope (`FORBIDDEN`) and have quota left (`RATE_LIMITED`). An admitted call's
/// result carries the quota in `_meta["aios/quota"]`.
public struct KeyGate: ToolCallGate {
    /// What the process was given as its key, checked once.
    enum Presented: Sendable {
        case none
        case malformed(APIKeySecret.Problem, hint: String)
        case wellFormed(sha256: String, hint: String)

        var sha256: String? {
            if case .wellFormed(let sha256, _) = self { return sha256 }
            return nil
        }

        var hint: String? {
            switch self {
            case .none: nil
            case .malformed(_, let hint), .wellFormed(_, let hint): hint
            }
        }
    }

    /// The `_meta` key of the quota on tool results.
    public static let quotaMetaKey = "aios/quota"

    public let mode: AuthMode
    let presented: Presented
    public let keys: any KeyStoreBackend
    public let limiter: any RateLimitBackend

    /// - Parameters:
    ///   - mode: `AIOS_AUTH`.
    ///   - apiKey: The key this process acts with (`AIOS_API_KEY`, `--api-key`); `nil` or empty for none.
    ///   - keys: The store's keys.
    ///   - limiter: The store's rate limiter.
    public init(mode: AuthMode, apiKey: String?, keys: any KeyStoreBackend, limiter: any RateLimitBackend) {
        self.mode = mode
        self.keys = keys
        self.limiter = limiter
        presented = Self.presented(apiKey)
    }

    static func presented(_ apiKey: String?) -> Presented {
        guard let apiKey, !apiKey.isEmpty else { return .none }
        do {
            let secret = try APIKeySecret(validating: apiKey)
            return .wellFormed(sha256: secret.sha256, hint: secret.hint)
        } catch {
            return .malformed(error, hint: APIKeySecret.hint(for: apiKey))
        }
    }

    /// The key of the request being served: an HTTP request's bearer token when a transport
    /// gave one (``RequestScope/credential``; none presented is no key, never this process's
    /// own), else this process's key.
    private var presentedNow: Presented {
        switch RequestScope.credential {
        case nil: presented
        case .none?: .none
        case .bearer(let token)?: Self.presented(token)
        }
    }

    /// Authenticates an HTTP request's bearer token without counting a call: who it is, or
    /// `UNAUTHORIZED` (recorded and logged) when a key is needed and missing, or is wrong.
    public func authenticate(bearer: String?) async throws(AIOSError) -> Caller {
        do {
            let presented = Self.presented(bearer)
            if mode == .off, case .none = presented { return .local }
            let state: (anyKeyEver: Bool, lookup: KeyStateMachine.Lookup?)
            do {
                switch presented {
                case .malformed: state = (true, nil)
                case .none: state = mode == .auto ? try await keys.check(sha256: nil, at: keys.clock.nowMilliseconds()) : (true, nil)
                case .wellFormed(let sha256, _): state = try await keys.check(sha256: sha256, at: keys.clock.nowMilliseconds())
                }
            } catch let error as StoreError {
                throw AIOSError(.internalError, "cannot check API keys: \(error.description)", details: error.aiosError.details)
            } catch {
                throw AIOSError(.internalError, "cannot check API keys: \(error)")
            }
            let keysRequired = mode == .required || (mode == .auto && state.anyKeyEver)
            if !keysRequired, case .none = presented { return .local }
            let key = try await authenticate(state.lookup, presented: presented, operation: "http")
            if mode == .off { return .local }
            return Caller(keyID: key.id, scopes: Set(key.scopes.map(\.rawValue)))
        }
    }

    /// A gate over the keys and rate limits of the store in `directory`. Nothing is read or
    /// created until the first call.
    ///
    /// - Parameters:
    ///   - directory: The store directory.
    ///   - mode: The auth mode.
    ///   - apiKey: The key this process acts with, if any.
    ///   - clock: The time source.
    ///   - logger: Receives audit lines.
    public static func open(
        directory: String, mode: AuthMode, apiKey: String?, clock: any JobClock = SystemJobClock(), logger: Logger = .disabled
    ) -> KeyGate {
        KeyGate(
            mode: mode, apiKey: apiKey, keys: FileStore.keys(directory: directory, clock: clock, logger: logger),
            limiter: FileStore.rateLimits(directory: directory, clock: clock))
    }

    /// A gate over the keys and rate limits of an open store. Nothing is read until the first call.
    ///
    /// - Parameters:
    ///   - store: The store.
    ///   - mode: The auth mode.
    ///   - apiKey: The key this process acts with, if any.
    ///   - clock: The time source.
    ///   - logger: Receives audit lines.
    public static func open(
        store: any StoreBackend, mode: AuthMode, apiKey: String?, clock: any JobClock = SystemJobClock(),
        logger: Logger = .disabled
    ) -> KeyGate {
        KeyGate(
            mode: mode, apiKey: apiKey, keys: store.keys(clock: clock, logger: logger), limiter: store.rateLimits(clock: clock))
    }

    /// A problem with the configured key worth telling at start-up (it is malformed), or `nil`.
    public var startupWarning: String? {
        if case .malformed(let problem, let hint) = presented { return "the configured API key \(hint) \(problem)" }
        return nil
    }

    public func admit(tool: Tool, context: RequestContext) async throws(AIOSError) -> ToolCallAdmission {
        try await admit(scope: APIKeyScope.required(forTool: tool.name), operation: tool.name)
    }

    /// Authenticates this process's key, checks `scope`, and counts one call against the quota.
    ///
    /// - Parameters:
    ///   - scope: What the operation needs.
    ///   - operation: The tool or command, for the audit record and logs.
    /// - Returns: The caller (the key, or the store's owner when auth is not in force) and the
    ///   quota for `_meta`.
    /// - Throws: ``AIOSError`` `.unauthorized`, `.forbidden` (details `required_scope`),
    ///   `.rateLimited` (details `retry_after_seconds`, `limit`, `window`), or `.internalError`
    ///   when the key records cannot be read.
    public func admit(scope: APIKeyScope, operation: String) async throws(AIOSError) -> ToolCallAdmission {
        // A presented key is checked in every mode: a wrong, revoked or expired one is refused
        // even where no key is needed, rather than silently ignored.
        let presented = presentedNow
        if mode == .off, case .none = presented { return ToolCallAdmission(caller: .local) }
        let now = keys.clock.nowMilliseconds()
        let state: (anyKeyEver: Bool, lookup: KeyStateMachine.Lookup?)
        do {
            // A missing or malformed key is judged offline where keys are needed: nothing to look up.
            let offline: Bool
            switch presented {
            case .malformed: offline = true
            case .none: offline = mode != .auto
            case .wellFormed: offline = false
            }
            state = offline ? (true, nil) : try await keys.check(sha256: presented.sha256, at: now)
        } catch let error as StoreError {
            throw AIOSError(.internalError, "cannot check API keys: \(error.description)", details: error.aiosError.details)
        } catch {
            throw AIOSError(.internalError, "cannot check API keys: \(error)")
        }
        let keysRequired = switch mode {
        case .required: true
        // Once any key has been created, keys stay required: revoking or outliving the last one
        // does not open the store again (AIOS_AUTH=off does, explicitly).
        case .auto: state.anyKeyEver
        case .off: false
        }
        if !keysRequired, case .none = presented { return ToolCallAdmission(caller: .local) }
        let key = try await authenticate(state.lookup, presented: presented, operation: operation)
        // Auth off: a key that is valid changes nothing; the caller is the owner, unlimited.
        if mode == .off { return ToolCallAdmission(caller: .local) }
        guard key.scopes.contains(scope) || key.scopes.contains(.admin) else {
            throw AIOSError(
                .forbidden, "API key \(key.id) lacks the \(scope.rawValue) scope needed for \(operation)",
                details: [
                    "key_id": .string(key.id), "required_scope": .string(scope.rawValue),
                    "scopes": .strings(key.scopes.map(\.rawValue)),
                ])
        }
        let decision: RateLimitDecision
        do {
            decision = try await limiter.admit(keyID: key.id, limits: key.limits)
        } catch let error as StoreError {
            throw AIOSError(.internalError, "cannot check the rate limit: \(error.description)", details: error.aiosError.details)
        } catch {
            throw AIOSError(.internalError, "cannot check the rate limit: \(error)")
        }
        guard decision.admitted else {
            let window = decision.windows.first { $0.remaining == 0 } ?? decision.tightest
            throw AIOSError(
                .rateLimited,
                "API key \(key.id) made \(window?.limit ?? 0) calls in the last \(window?.name ?? "window"); retry in \(decision.retryAfterSeconds) s",
                details: [
                    "retry_after_seconds": .int(decision.retryAfterSeconds), "key_id": .string(key.id),
                    "window": .string(window?.name ?? ""), "limit": .integer(window?.limit ?? 0),
                    "quota": decision.quotaJSON,
                ])
        }
        let caller = Caller(keyID: key.id, scopes: Set(key.scopes.map(\.rawValue)))
        return ToolCallAdmission(caller: caller, resultMeta: [Self.quotaMetaKey: decision.quotaJSON])
    }

    /// The key a lookup found, or `UNAUTHORIZED` after recording and logging why not.
    private func authenticate(_ lookup: KeyStateMachine.Lookup?, presented: Presented, operation: String) async throws(AIOSError) -> APIKey {
        let refusal: KeyStateMachine.Refusal
        var known: APIKey?
        switch (presented, lookup) {
        case (_, .valid(let key)?):
            return key
        case (_, .refused(let why, let key)?):
            refusal = why
            known = key
        case (.malformed, nil):
            refusal = .malformed
        case (.none, nil), (.wellFormed, nil):
            refusal = .missing
        }
        await keys.recordFailure(refusal, keyID: known?.id, hint: presented.hint, operation: operation)
        var details: JSONObject = ["reason": .string(refusal.rawValue)]
        if let known { details["key_id"] = .string(known.id) }
        throw AIOSError(.unauthorized, Self.message(refusal, key: known), details: .object(details))
    }

    private static func message(_ refusal: KeyStateMachine.Refusal, key: APIKey?) -> String {
        switch refusal {
        case .missing: "an API key is required: set AIOS_API_KEY (aiosctl also takes --api-key)"
        case .malformed: "the API key is malformed (wrong prefix, length or checksum): check for a typo"
        case .unknown: "the API key is not valid"
        case .revoked: "API key \(key?.id ?? "") was revoked"
        case .expired: "API key \(key?.id ?? "") has expired"
        case .rotatedOut: "this secret of API key \(key?.id ?? "") was rotated and its grace period is over"
        }
    }
}
