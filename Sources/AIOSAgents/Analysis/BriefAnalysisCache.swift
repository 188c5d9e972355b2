import AIOSSystem
import Synchronization

/// The analyses of the last few briefs, so that the phases of one pipeline — separate tool
/// calls that each carry the same brief — analyse it once.
///
/// Briefs match only when every field is the same UTF-8 bytes: `String ==` would also match a
/// canonically equivalent spelling (`é` composed or decomposed), whose artifacts differ in their
/// bytes. The analysis is a pure function of the brief, so a hit returns exactly what a fresh
/// analysis would. Failed analyses are not kept.
package final class BriefAnalysisCache: Sendable {
    private struct Entry: Sendable {
        let brief: Brief
        let analysis: BriefAnalysis
    }

    /// Least recently used first.
    private let entries = Mutex<[Entry]>([])
    package let capacity: Int

    /// - Parameter capacity: How many analyses are kept; at least one.
    package init(capacity: Int = 8) {
        self.capacity = max(1, capacity)
    }

    /// The analysis of `brief`: the kept one, or `analyze(brief)`, which is then kept.
    ///
    /// - Throws: What `analyze` throws.
    package func analysis(of brief: Brief, _ analyze: (Brief) throws(AIOSError) -> BriefAnalysis) throws(AIOSError) -> BriefAnalysis {
        let kept = entries.withLock { entries -> BriefAnalysis? in
            guard let index = entries.firstIndex(where: { Self.same($0.brief, brief) }) else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.analysis
        }
        if let kept { return kept }
        // Outside the lock: different briefs are analysed in parallel.
        let analysis = try analyze(brief)
        entries.withLock { entries in
            guard !entries.contains(where: { Self.same($0.brief, brief) }) else { return }
            entries.append(Entry(brief: brief, analysis: analysis))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
        return analysis
    }

    /// How many analyses are kept now.
    package var count: Int { entries.withLock { $0.count } }

    private static func same(_ a: Brief, _ b: Brief) -> Bool {
        same(a.spec, b.spec) && same(a.productName, b.productName) && same(a.industry, b.industry)
            && same(a.targetAudience, b.targetAudience) && same(a.budgetTier, b.budgetTier)
            && same(a.targetSegments, b.targetSegments) && same(a.keyProblems, b.keyProblems)
            && same(a.successMetrics, b.successMetrics)
    }

    private static func same(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
    }

    private static func same(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): same(a, b)
        default: false
        }
    }

    private static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { a in
            b.withUTF8 { b in
                guard let left = a.baseAddress, let right = b.baseAddress else { return a.count == b.count }
                return memcmp(left, right, a.count) == 0
            }
        }
    }
}
