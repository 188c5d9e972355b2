/// "Did you mean …?" hints for mistyped commands, options and values.
public enum Suggestion {
    /// A hint naming the closest candidate, or `nil` when nothing is close.
    public static func didYouMean(_ input: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(input.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let threshold = max(2, input.count / 3)
        if best.1 <= threshold || best.0.hasPrefix(input) && input.count >= 2 {
            return "Did you mean '\(best.0)'?"
        }
        return nil
    }

    /// Levenshtein edit distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
