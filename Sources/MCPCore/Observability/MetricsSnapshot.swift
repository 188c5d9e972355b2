/// Counter and histogram values at one moment: one process's, or the sum over processes.
public struct MetricsSnapshot: Sendable, Hashable {
    public var counters: [MetricSeries: Int64] = [:]
    public var histograms: [MetricSeries: HistogramValue] = [:]

    public init() {}

    /// Adds `other` to this snapshot, series by series.
    public mutating func merge(_ other: MetricsSnapshot) {
        for (series, value) in other.counters { counters[series, default: 0] &+= value }
        for (series, value) in other.histograms {
            if var existing = histograms[series] {
                existing.merge(value)
                histograms[series] = existing
            } else {
                histograms[series] = value
            }
        }
    }

    /// Counter values of one family, by series.
    public func counters(of family: MetricFamily) -> [MetricSeries: Int64] {
        counters.filter { $0.key.name == family.name }
    }

    /// Histogram values of one family, by series.
    public func histograms(of family: MetricFamily) -> [MetricSeries: HistogramValue] {
        histograms.filter { $0.key.name == family.name }
    }

    // MARK: - JSON

    /// `{"counters": [{name, labels, value}], "histograms": [{name, labels, bounds, counts, sum}]}`.
    var json: JSONValue {
        let counterEntries: [JSONValue] = counters.keys.sorted(by: MetricSeries.precedes).map { series in
            ["name": .string(series.name), "labels": Self.labelsJSON(series), "value": .int(counters[series] ?? 0)]
        }
        let histogramEntries: [JSONValue] = histograms.keys.sorted(by: MetricSeries.precedes).compactMap { series in
            guard var object = histograms[series]?.json.objectValue else { return nil }
            object["name"] = .string(series.name)
            object["labels"] = Self.labelsJSON(series)
            return .object(object)
        }
        return ["counters": .array(counterEntries), "histograms": .array(histogramEntries)]
    }

    /// Reads the form `json` writes, keeping only families in `MetricFamily.recorded` and
    /// skipping malformed entries (a file from another version must not break the sum).
    init(json: JSONValue) {
        for entry in json["counters"]?.arrayValue ?? [] {
            guard let series = Self.series(entry), MetricFamily.recorded[series.name]?.kind == .counter,
                let value = entry["value"]?.intValue, value >= 0
            else { continue }
            counters[series, default: 0] &+= value
        }
        for entry in json["histograms"]?.arrayValue ?? [] {
            guard let series = Self.series(entry), MetricFamily.recorded[series.name]?.kind == .histogram,
                let value = HistogramValue(json: entry)
            else { continue }
            if var existing = histograms[series] {
                existing.merge(value)
                histograms[series] = existing
            } else {
                histograms[series] = value
            }
        }
    }

    private static func labelsJSON(_ series: MetricSeries) -> JSONValue {
        var object = JSONObject()
        for label in series.sortedLabels { object[label.name] = .string(label.value) }
        return .object(object)
    }

    private static func series(_ entry: JSONValue) -> MetricSeries? {
        guard let name = entry["name"]?.stringValue else { return nil }
        var labels: [String: String] = [:]
        for (key, value) in entry["labels"]?.objectValue ?? [:] {
            guard let text = value.stringValue else { return nil }
            labels[key] = text
        }
        return MetricSeries(name, labels: labels)
    }
}
