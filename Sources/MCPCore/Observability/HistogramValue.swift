/// The state of one histogram series: observations counted per bucket, and their sum.
public struct HistogramValue: Sendable, Hashable {
    /// Upper bounds of the buckets, ascending; a final `+Inf` bucket is implicit.
    public private(set) var bounds: [Double]
    /// Observations per bucket, not cumulative; `bounds.count + 1` entries, the last for `+Inf`.
    public private(set) var counts: [UInt64]
    /// The sum of all observed values.
    public private(set) var sum: Double

    /// An empty histogram with the given bucket bounds (sorted, duplicates dropped).
    public init(bounds: [Double]) {
        var unique: [Double] = []
        for bound in bounds.sorted() where bound.isFinite && unique.last != bound { unique.append(bound) }
        self.bounds = unique
        counts = Array(repeating: 0, count: unique.count + 1)
        sum = 0
    }

    /// The number of observations.
    public var count: UInt64 { counts.reduce(0, &+) }

    /// Counts observations at or below each bound, then the total (for `+Inf`).
    public var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return counts.map { running &+= $0; return running }
    }

    /// Records one observation.
    public mutating func observe(_ value: Double) {
        guard value.isFinite else { return }
        counts[bucketIndex(for: value)] &+= 1
        sum += value
    }

    /// Adds `other`'s observations. When the bucket layouts differ (files written by another
    /// version), each of `other`'s buckets is counted in the first of ours whose bound is at
    /// least as large, so counts stay correct and bounds err upwards.
    public mutating func merge(_ other: HistogramValue) {
        if other.bounds == bounds {
            for index in counts.indices { counts[index] &+= other.counts[index] }
        } else {
            for (index, count) in other.counts.enumerated() where count > 0 {
                let bound = index < other.bounds.count ? other.bounds[index] : .infinity
                counts[bucketIndex(for: bound)] &+= count
            }
        }
        sum += other.sum
    }

    private func bucketIndex(for value: Double) -> Int {
        var low = 0, high = bounds.count
        while low < high {
            let middle = (low + high) / 2
            if value <= bounds[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }

    // MARK: - JSON

    /// `{"bounds": [...], "counts": [...], "sum": s}`.
    var json: JSONValue {
        [
            "bounds": .array(bounds.map { .double($0) }),
            "counts": .array(counts.map { .int(Int64(clamping: $0)) }),
            "sum": .double(sum),
        ]
    }

    /// Reads the form `json` writes; `nil` when it is malformed.
    init?(json: JSONValue) {
        guard let rawBounds = json["bounds"]?.arrayValue, let rawCounts = json["counts"]?.arrayValue,
            let sum = json["sum"]?.doubleValue, sum.isFinite
        else { return nil }
        let bounds = rawBounds.compactMap(\.doubleValue), counts = rawCounts.compactMap(\.intValue)
        guard bounds.count == rawBounds.count, counts.count == rawCounts.count,
            counts.count == bounds.count + 1, counts.allSatisfy({ $0 >= 0 }), bounds.allSatisfy(\.isFinite),
            zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        self.bounds = bounds
        self.counts = counts.map { UInt64($0) }
        self.sum = sum
    }
}
