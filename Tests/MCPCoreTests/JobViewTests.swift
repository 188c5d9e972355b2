import Foundation
import Testing
@testable import MCPCore

/// The job view page: what a host loads, and what `aiosctl report` writes.
@Suite struct JobViewTests {
    @Test func theLivePageIsSelfContainedWithAStrictPolicy() {
        let page = JobView.livePage
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("default-src 'none'"))
        #expect(!page.contains("src=\"http"), "nothing is loaded from outside")
        #expect(!page.contains("<link"))
        #expect(page.contains(JobView.placeholder), "the live page waits for the host to name the job")
    }

    @Test func embeddedDataCannotCloseTheScript() {
        let hostile = "</script><script>alert(1)</script>"
        let page = JobView.staticPage(status: ["job_id": "job_x", "status": .string(hostile)], artifacts: [:])
        #expect(!page.contains(hostile))
        #expect(page.contains("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"))
        #expect(!page.contains(JobView.placeholder + "</script>"), "the data replaced the placeholder")
        // Exactly the page's own two closing script tags remain.
        #expect(page.components(separatedBy: "</script>").count == 3)
    }

    @Test func theToolsPointToTheView() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        let tools = JobTools.make(store: fixture.store)
        for tool in tools {
            let expected: JSONValue? = tool.name == "aios_get_artifact" ? nil : .string(JobView.uri)
            #expect(tool.definition["_meta"]?["ui"]?["resourceUri"] == expected, "\(tool.name)")
        }
        let contents = try await JobResources(store: fixture.store, watcher: fixture.watcher).read(
            JobView.uri, context: RequestContext(id: .string("t"), method: "resources/read", era: .legacy(version: "2025-11-25"), requestID: "t", meta: [:], logger: .disabled))
        #expect(contents.first?.mimeType == "text/html;profile=mcp-app")
        #expect(contents.first?.json["_meta"]?["ui"]?["prefersBorder"] == true)
    }
}
