#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import AIOSStore
@testable import MCPCore

/// Counters and histograms: recorded in memory, written per process, summed across processes,
/// and never lost when a process ends.
@Suite struct MetricsTests {
    @Test("observations land in the first bucket whose bound is at least the value", arguments: [
        (0.0, 0), (0.1, 0), (0.10001, 1), (1.0, 1), (2.0, 2), (5.0, 2), (5.5, 3), (1e9, 3),
    ])
    func bucketing(value: Double, bucket: Int) {
        var histogram = HistogramValue(bounds: [0.1, 1, 5])
        histogram.observe(value)
        #expect(histogram.counts.firstIndex(of: 1) == bucket)
        #expect(histogram.count == 1)
        #expect(histogram.sum == value)
    }

    @Test func cumulativeCountsEndWithTheTotal() {
        var histogram = HistogramValue(bounds: [1, 2, 3])
        for value in [0.5, 1.5, 1.7, 2.5, 10] { histogram.observe(value) }
        histogram.observe(.nan)
        histogram.observe(.infinity)
        #expect(histogram.cumulativeCounts == [1, 3, 4, 5])
        #expect(histogram.count == 5)
    }

    @Test func mergingDifferentLayoutsKeepsEveryObservationAndErrsUpwards() {
        var ours = HistogramValue(bounds: [1, 10])
        var theirs = HistogramValue(bounds: [0.5, 5, 50])
        for value in [0.2, 3, 30, 300] { theirs.observe(value) }
        ours.merge(theirs)
        // 0.2 (≤0.5) → ≤1; 3 (≤5) → ≤10; 30 (≤50) → +Inf; 300 → +Inf.
        #expect(ours.counts == [1, 1, 2])
        #expect(abs(ours.sum - 333.2) < 1e-9)
    }

    @Test func snapshotsSurviveTheirFileFormatAndIgnoreUnknownFamilies() throws {
        let registry = MetricsRegistry()
        registry.increment(.toolCalls, ["tool": "aios_strategize", "outcome": "ok"], by: 3)
        registry.increment(.toolCalls, ["tool": "aios_strategize", "outcome": "rate_limited"])
        registry.observe(.phaseDuration, ["phase": "ux", "outcome": "completed"], 0.3)
        let snapshot = registry.snapshot()
        var json = try #require(snapshot.json.objectValue)
        var counters = json["counters"]?.arrayValue ?? []
        counters.append(["name": "not_ours_total", "labels": [:], "value": 7])
        counters.append(["name": "aios_tool_calls_total", "labels": ["tool": 1], "value": 7])
        json["counters"] = .array(counters)
        let text = JSONValue.object(json).jsonText
        #expect(MetricsSnapshot(json: try JSONValue.parse(text)) == snapshot)
    }

    // MARK: - The metrics directory

    static func process(
        _ id: String, pid: Int32 = ProcessIdentity.pid, host: String = ProcessIdentity.hostName, updatedAt: Int64,
        stopped: Bool = false, calls: Int64, slots: Int = 0
    ) -> MetricsProcess {
        var metrics = MetricsSnapshot()
        metrics.counters[MetricSeries(MetricFamily.toolCalls.name, ["tool": "aios_get_status", "outcome": "ok"])] = calls
        return MetricsProcess(
            id: id, role: "aios-mcp", host: host, pid: pid, startedAt: updatedAt - 1000, updatedAt: updatedAt,
            workerSlots: slots, stopped: stopped, metrics: metrics)
    }

    static func calls(_ collection: MetricsCollection) -> Int64 {
        collection.totals.counters(of: .toolCalls).values.reduce(0, +)
    }

    /// A pid that surely does not run: a child that has exited and been reaped.
    static func deadPID() -> Int32 {
        let pid = fork()
        if pid == 0 { _exit(0) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return pid
    }

    @Test func totalsSumEveryProcessAndStayTheSameWhenEndedProcessesAreFolded() throws {
        let temporary = TemporaryDirectory()
        defer { temporary.remove() }
        let directory = MetricsDirectory(storeDirectory: temporary.path)
        let now = Timestamp.nowMilliseconds()
        try directory.write(Self.process("live", updatedAt: now, calls: 5, slots: 3))
        try directory.write(Self.process("stopped", updatedAt: now, stopped: true, calls: 7))
        try directory.write(Self.process("killed", pid: Self.deadPID(), updatedAt: now, calls: 11))
        try directory.write(Self.process("remote", host: "elsewhere", updatedAt: now - 3_600_000, calls: 13))

        let first = try directory.collect(now: now)
        #expect(Self.calls(first) == 36)
        #expect(first.live.map(\.id) == ["live"], "stale, stopped and dead processes are not live")
        #expect(first.liveWorkerProcesses.map(\.workerSlots) == [3])
        let names = Set(try StoreFileSystem.list(directory.path))
        #expect(names == [".lock", "live.json", "remote.json", "retired.json"], "ended processes' files are folded away")

        // The live process counts on; the folded ones are counted once, from retired.json.
        try directory.write(Self.process("live", updatedAt: now + 1000, calls: 9, slots: 3))
        let second = try directory.collect(now: now + 1000)
        #expect(Self.calls(second) == 40)
    }

    @Test func aFoldInterruptedBeforeRemovingFilesDoesNotCountThemTwice() throws {
        let temporary = TemporaryDirectory()
        defer { temporary.remove() }
        let directory = MetricsDirectory(storeDirectory: temporary.path)
        let now = Timestamp.nowMilliseconds()
        let ended = Self.process("ended", updatedAt: now, stopped: true, calls: 4)
        try directory.write(ended)
        #expect(Self.calls(try directory.collect(now: now)) == 4)
        // Put the folded file back, as if the collector had crashed before unlinking it.
        try directory.write(ended)
        #expect(Self.calls(try directory.collect(now: now)) == 4)
        #expect(!(try StoreFileSystem.list(directory.path)).contains("ended.json"))
    }

    @Test func unreadableFilesAreReportedNotSummed() throws {
        let temporary = TemporaryDirectory()
        defer { temporary.remove() }
        let directory = MetricsDirectory(storeDirectory: temporary.path)
        let now = Timestamp.nowMilliseconds()
        try directory.write(Self.process("good", updatedAt: now, calls: 2))
        StoreFixtures.writeFile(directory.path + "/bad.json", Array("{\"format\":1,".utf8))
        let collection = try directory.collect(now: now)
        #expect(Self.calls(collection) == 2)
        #expect(collection.unreadable == ["bad.json"])
    }

    @Test func aReporterWritesItsFileAndMarksItStoppedAtTheEnd() async throws {
        let temporary = TemporaryDirectory()
        defer { temporary.remove() }
        let registry = MetricsRegistry()
        let reporter = MetricsReporter(registry: registry, storeDirectory: temporary.path, role: "worker", workerSlots: 2)
        registry.increment(.toolCalls, ["tool": "aios_get_status", "outcome": "ok"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await reporter.run() }
            let path = temporary.path + "/metrics/" + reporter.process.id + ".json"
            let deadline = ContinuousClock.now + .seconds(10)
            while !StoreFileSystem.exists(path), ContinuousClock.now < deadline { await Task.yield() }
            group.cancelAll()
        }
        let directory = MetricsDirectory(storeDirectory: temporary.path)
        let running = try directory.collect(now: Timestamp.nowMilliseconds())
        #expect(running.live.map(\.id) == [reporter.process.id])
        registry.increment(.toolCalls, ["tool": "aios_get_status", "outcome": "ok"])
        await reporter.finish()
        let ended = try directory.collect(now: Timestamp.nowMilliseconds())
        #expect(ended.live.isEmpty)
        #expect(Self.calls(ended) == 2)
    }

    // MARK: - Exposition

    @Test func prometheusTextEscapesAndWritesCumulativeBuckets() {
        var text = PrometheusText()
        var histogram = HistogramValue(bounds: [0.5, 1])
        for value in [0.1, 0.7, 3] { histogram.observe(value) }
        text.samples(
            MetricFamily("x_total", .counter, help: "Help with \\ and\nnewline."),
            [(labels: [("tool", "a\"b\\c\nd")], value: 2)])
        text.histograms(MetricFamily("d_seconds", .histogram, help: "D."), [(labels: [("phase", "ux")], value: histogram)])
        #expect(text.output == """
            # HELP x_total Help with \\\\ and\\nnewline.
            # TYPE x_total counter
            x_total{tool="a\\"b\\\\c\\nd"} 2
            # HELP d_seconds D.
            # TYPE d_seconds histogram
            d_seconds_bucket{phase="ux",le="0.5"} 1
            d_seconds_bucket{phase="ux",le="1"} 2
            d_seconds_bucket{phase="ux",le="+Inf"} 3
            d_seconds_sum{phase="ux"} 3.8
            d_seconds_count{phase="ux"} 3

            """)
    }

    @Test func aSeriesIsTheSameWhateverOrderItsLabelsAreGivenIn() {
        let one = MetricSeries("aios_tool_calls_total", ["tool": "aios_get_status", "outcome": "ok"])
        let other = MetricSeries("aios_tool_calls_total", ["outcome": "ok", "tool": "aios_get_status"])
        #expect(one == other)
        #expect(one.hashValue == other.hashValue)
        #expect(one.sortedLabels.map(\.name) == ["outcome", "tool"])
        #expect(one.label("tool") == "aios_get_status")
        #expect(one.label("missing") == nil)
        #expect(MetricSeries("x", labels: ["b": "2", "a": "1"]) == MetricSeries("x", ["a": "1", "b": "2"]))
        #expect(MetricSeries("x", ["a": "1", "a": "2"]).sortedLabels == [.init(name: "a", value: "2")])
        #expect(one != MetricSeries("aios_tool_calls_total", ["tool": "aios_get_status", "outcome": "job_not_found"]))
    }
}
