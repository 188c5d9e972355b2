import AIOSJSON
import JSONRPC
import Synchronization

/// The requests a session has sent to its client and awaits answers to: ids, the pending
/// table, timeouts and cancellation. The server routes every response it receives here
/// (``resolve(_:with:)``); an answer to an id that is not pending (it timed out, was
/// cancelled, or was never sent) is dropped and reported to the caller as unknown.
///
/// Ids are integers counting from 1, one sequence per session: they only have to be unique
/// among this session's outbound requests, since the client's requests use ids of their own.
package final class OutboundRequests: Sendable {
    private enum Entry {
        /// Sent; `continuation` is set once the waiting task has suspended.
        case waiting(CheckedContinuation<Result<JSONValue, ClientRequestError>, Never>?)
        /// Finished before the waiting task suspended.
        case finished(Result<JSONValue, ClientRequestError>)
    }

    private struct State {
        var nextID: Int64 = 1
        var pending: [JSONRPCID: Entry] = [:]
        var closed = false
    }

    private let state = Mutex(State())
    private let outbound: @Sendable (JSONRPCMessage) -> Void

    package init(outbound: @escaping @Sendable (JSONRPCMessage) -> Void) {
        self.outbound = outbound
    }

    /// How many requests await an answer.
    package var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Sends `method` to the client and waits for its answer, at most `timeout`.
    ///
    /// On a timeout or a cancellation of the calling task the client gets
    /// `notifications/cancelled` for the request, and a late answer is dropped.
    package func send(_ method: String, params: JSONObject?, timeout: Duration) async -> Result<JSONValue, ClientRequestError> {
        let id: JSONRPCID? = state.withLock { state in
            guard !state.closed else { return nil }
            let id = JSONRPCID.int(state.nextID)
            state.nextID += 1
            state.pending[id] = .waiting(nil)
            return id
        }
        guard let id else { return .failure(ClientRequestError(.sessionClosed, "The connection has ended")) }
        outbound(.request(id: id, method: method, params: params))
        return await withTaskGroup(of: Void.self) { timer in
            timer.addTask {
                do { try await Task.sleep(for: timeout) } catch { return }
                if self.finish(id, .failure(ClientRequestError(.timedOut, "The client did not answer \(method) within \(timeout)"))) {
                    self.cancelAtClient(id, reason: "The server stopped waiting for the answer")
                }
            }
            let result = await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let finished: Result<JSONValue, ClientRequestError>? = state.withLock { state in
                        switch state.pending[id] {
                        case .finished(let result)?:
                            state.pending[id] = nil
                            return result
                        case .waiting?:
                            state.pending[id] = .waiting(continuation)
                            return nil
                        case nil:
                            return .failure(ClientRequestError(.sessionClosed, "The connection has ended"))
                        }
                    }
                    if let finished { continuation.resume(returning: finished) }
                }
            } onCancel: {
                if self.finish(id, .failure(ClientRequestError(.cancelled, "The request to the client was cancelled"))) {
                    self.cancelAtClient(id, reason: "The server no longer needs the answer")
                }
            }
            timer.cancelAll()
            return result
        }
    }

    /// Routes a response from the client to the request it answers.
    ///
    /// - Returns: Whether a request with this id was pending.
    @discardableResult
    package func resolve(_ id: JSONRPCID, with result: Result<JSONValue, JSONRPCError>) -> Bool {
        finish(id, result.mapError { ClientRequestError(.clientError, $0.message, error: $0) })
    }

    /// Fails every pending request (the connection ended) and refuses new ones.
    package func close() {
        let waiting = state.withLock { state -> [CheckedContinuation<Result<JSONValue, ClientRequestError>, Never>] in
            state.closed = true
            var continuations: [CheckedContinuation<Result<JSONValue, ClientRequestError>, Never>] = []
            for (id, entry) in state.pending {
                switch entry {
                case .waiting(let continuation?):
                    continuations.append(continuation)
                    state.pending[id] = nil
                case .waiting(nil):
                    state.pending[id] = .finished(.failure(ClientRequestError(.sessionClosed, "The connection has ended")))
                case .finished:
                    break
                }
            }
            return continuations
        }
        for continuation in waiting {
            continuation.resume(returning: .failure(ClientRequestError(.sessionClosed, "The connection has ended")))
        }
    }

    /// Completes the request `id` once; `false` when it was already complete or unknown.
    private func finish(_ id: JSONRPCID, _ result: Result<JSONValue, ClientRequestError>) -> Bool {
        let action: (CheckedContinuation<Result<JSONValue, ClientRequestError>, Never>?)? = state.withLock { state in
            switch state.pending[id] {
            case .waiting(let continuation?)?:
                state.pending[id] = nil
                return .some(continuation)
            case .waiting(nil)?:
                state.pending[id] = .finished(result)
                return .some(nil)
            case .finished?, nil:
                return nil
            }
        }
        guard let action else { return false }
        action?.resume(returning: result)
        return true
    }

    private func cancelAtClient(_ id: JSONRPCID, reason: String) {
        outbound(.notification(method: "notifications/cancelled", params: ["requestId": id.json, "reason": .string(reason)]))
    }
}
