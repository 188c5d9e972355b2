/// One time series of a metric family: its name and label values.
public struct MetricSeries: Sendable, Hashable {
    public var name: String
    public var labels: [String: String]

    public init(_ name: String, _ labels: [String: String] = [:]) {
        self.name = name
        self.labels = labels
    }

    /// Labels sorted by name, the order they are written in.
    var sortedLabels: [(name: String, value: String)] {
        labels.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    /// A total order for stable output: by name, then by sorted labels.
    static func precedes(_ lhs: MetricSeries, _ rhs: MetricSeries) -> Bool {
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        let left = lhs.sortedLabels, right = rhs.sortedLabels
        for (l, r) in zip(left, right) {
            if l.name != r.name { return l.name < r.name }
            if l.value != r.value { return l.value < r.value }
        }
        return left.count < right.count
    }
}
