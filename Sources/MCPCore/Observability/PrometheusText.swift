/// Builds a Prometheus text exposition (format 0.0.4), family by family, each with its
/// `# HELP` and `# TYPE` lines; label values and help text are escaped as the format asks.
struct PrometheusText {
    private(set) var output = ""

    /// Gauge or counter samples, one per label set (in the given order).
    mutating func samples(_ family: MetricFamily, _ samples: [(labels: [(String, String)], value: Double)]) {
        header(family)
        for sample in samples { line(family.name, sample.labels, Self.number(sample.value)) }
    }

    /// One sample without labels.
    mutating func single(_ family: MetricFamily, _ value: Double) {
        samples(family, [(labels: [], value: value)])
    }

    /// Histogram series: `_bucket` lines with cumulative counts (`le`, then `+Inf`), `_sum`, `_count`.
    mutating func histograms(_ family: MetricFamily, _ series: [(labels: [(String, String)], value: HistogramValue)]) {
        header(family)
        for (labels, value) in series {
            let cumulative = value.cumulativeCounts
            for (index, bound) in value.bounds.enumerated() {
                line(family.name + "_bucket", labels + [("le", Self.number(bound))], String(cumulative[index]))
            }
            line(family.name + "_bucket", labels + [("le", "+Inf")], String(value.count))
            line(family.name + "_sum", labels, Self.number(value.sum))
            line(family.name + "_count", labels, String(value.count))
        }
    }

    private mutating func header(_ family: MetricFamily) {
        output += "# HELP \(family.name) \(Self.escapeHelp(family.help))\n"
        output += "# TYPE \(family.name) \(family.kind.rawValue)\n"
    }

    private mutating func line(_ name: String, _ labels: [(String, String)], _ value: String) {
        output += name
        if !labels.isEmpty {
            output += "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        output += " " + value + "\n"
    }

    /// A sample value or bound: integers without a fraction, others in shortest round-trip form.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(describing: value)
    }

    static func escapeLabel(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    static func escapeHelp(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
