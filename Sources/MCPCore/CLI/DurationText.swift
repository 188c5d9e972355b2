/// Durations as people type them: `30s`, `10m`, `24h`, `7d`, or a bare number of seconds.
public enum DurationText {
    /// - Returns: The duration, or `nil` when `text` is not a positive whole number with an optional unit.
    public static func parse(_ text: String) -> Duration? {
        guard let last = text.last else { return nil }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800]
        let (digits, multiplier) = units[last].map { (text.dropLast(), $0) } ?? (Substring(text), 1)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int64(digits), value > 0,
            value <= Int64.max / multiplier / 1000
        else { return nil }
        return .seconds(value * multiplier)
    }
}
