import Foundation
import Testing

/// The MCP Apps job view in headless Chromium: a test host relays the view's bridge to a real
/// `aios-mcp` and checks the rendered DOM; `aiosctl report` is checked the same way
/// (Tests/UI/job_view_browser.py). Screenshots are kept in .build/ui-screenshots.
@Suite struct JobViewBrowserTests {
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func theJobViewRendersALiveJobAndTheStaticReport() async throws {
        let chromium = try #require(Self.chromium, "no chromium: run scripts/test.sh, which installs Debian's chromium package")
        let script = Products.root.appendingPathComponent("Tests/UI/job_view_browser.py").path
        let out = Products.root.appendingPathComponent(".build/ui-screenshots").path
        let result = try await onThreadOfItsOwn {
            try runProcess("/usr/bin/python3", [
                script, "--server", Products.aiosMCP, "--aiosctl", Products.aiosctl, "--examples", Products.examples,
                "--out", out, "--chromium", chromium,
            ])
        }
        #expect(result.status == 0, "\(result.stdoutText)\n\(result.stderrText.suffix(4000))")
        #expect(result.stdoutText.contains("ok live view"))
        #expect(result.stdoutText.contains("ok static report"))
        #expect(FileManager.default.fileExists(atPath: out + "/job-view-host.png"))
    }
}
