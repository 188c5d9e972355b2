import Testing
@testable import MCPCore

@Suite(.serialized) struct MCPPaginationTests {
    @Test("every list method refuses a cursor it did not issue", arguments: [
        "tools/list", "prompts/list", "resources/list", "resources/templates/list", "tasks/list",
    ])
    func invalidCursors(method: String) async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            for (index, cursor) in [JSONValue("c1.9999"), "k1.!!!", "k1.am9iX25vcGU", "garbage", 12].enumerated() {
                let response = try await server.answer(index + 1, method, ["cursor": cursor])
                #expect(response["error"]?["code"] == -32602, "\(method) cursor \(cursor)")
            }
            let first = try await server.answer(10, method, [:])
            #expect(first["result"] != nil)
            #expect(first["result"]?["nextCursor"] == nil, "one page only")
        }
    }

    @Test func jobsPageNewestFirstWithoutDuplicatesWhileNewJobsArrive() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        var submitted: [String] = []
        for index in 0..<(Pagination.pageSize + 7) {
            submitted.append(try await fixture.submit("Job number \(index)").id.rawValue)
        }
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            for method in ["resources/list", "tasks/list"] {
                let existing = try await fixture.store.jobs(limit: .max).map(\.id.rawValue)
                #expect(Set(existing) == Set(submitted))
                let page1 = try await server.answer(1, method)
                let key = method == "resources/list" ? "resources" : "tasks"
                let field = method == "resources/list" ? "name" : "taskId"
                let firstIDs = try #require(page1["result"]?[key]?.arrayValue).compactMap { $0[field]?.stringValue }
                #expect(firstIDs.count == Pagination.pageSize)
                let cursor = try #require(page1["result"]?["nextCursor"])
                submitted.append(try await fixture.submit("Arrives between pages").id.rawValue)
                let page2 = try await server.answer(2, method, ["cursor": cursor])
                let secondIDs = try #require(page2["result"]?[key]?.arrayValue).compactMap { $0[field]?.stringValue }
                #expect(page2["result"]?["nextCursor"] == nil)
                #expect(firstIDs + secondIDs == existing, "\(method): a new job does not shift the pages")
            }
        }
    }
}
