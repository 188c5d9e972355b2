/// Provider calls of model-backed engines as metrics (docs/observability.md): tokens by model
/// and direction, answers by outcome, call durations.
public enum ModelCallMetrics {
    public static func observer(_ registry: MetricsRegistry) -> @Sendable (ModelCallRecord) -> Void {
        { call in
            let outcome = call.cached ? "cached" : call.outcome
            registry.increment(.modelRequests, ["engine": call.engine, "model": call.model, "outcome": outcome])
            guard !call.cached else { return }
            if call.promptTokens > 0 { registry.increment(.modelTokens, ["model": call.model, "direction": "prompt"], by: Int64(call.promptTokens)) }
            if call.completionTokens > 0 { registry.increment(.modelTokens, ["model": call.model, "direction": "completion"], by: Int64(call.completionTokens)) }
            if call.outcome == "ok" || call.outcome == "invalid_content" {
                registry.observe(.modelRequestDuration, ["model": call.model], Double(call.latencyMilliseconds) / 1000)
            }
        }
    }
}
