/// One time series of a metric family: its name and label values.
///
/// Labels are kept sorted by name in a small array, not a dictionary: a series is built and
/// hashed on every recorded tool call, and two or three labels compare faster in order.
public struct MetricSeries: Sendable, Hashable {
    /// One label of a series.
    public struct Label: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    public var name: String
    /// The labels, sorted by name (the order they are written in); names are unique.
    public private(set) var sortedLabels: [Label]

    /// - Parameters:
    ///   - name: The family's name.
    ///   - labels: Label names and values; a repeated name keeps its last value.
    public init(_ name: String, _ labels: KeyValuePairs<String, String> = [:]) {
        self.name = name
        self.sortedLabels = Self.sorted(labels.map { Label(name: $0.key, value: $0.value) })
    }

    /// - Parameters:
    ///   - name: The family's name.
    ///   - labels: Label names and values.
    public init(_ name: String, labels: [String: String]) {
        self.name = name
        self.sortedLabels = Self.sorted(labels.map { Label(name: $0.key, value: $0.value) })
    }

    /// The value of the label `name`, or `nil`.
    public func label(_ name: String) -> String? {
        sortedLabels.first { $0.name == name }?.value
    }

    private static func sorted(_ labels: [Label]) -> [Label] {
        var result: [Label] = []
        result.reserveCapacity(labels.count)
        for label in labels {
            if let at = result.firstIndex(where: { $0.name == label.name }) { result[at] = label } else { result.append(label) }
        }
        if result.count > 1 { result.sort { $0.name < $1.name } }
        return result
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
