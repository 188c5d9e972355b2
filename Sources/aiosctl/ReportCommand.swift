import MCPCore

/// `aiosctl report JOB --out FILE`: the job view that MCP hosts show, as a static HTML file.
enum ReportCommand {
    static let spec = CommandSpec(
        name: "report", abstract: "Write a job's view (phases, data model, page map, traceability) as one HTML file.",
        discussion: "The same page MCP hosts with the MCP Apps extension show beside aios_full_pipeline and aios_get_status, with the job's status and finished artifacts embedded: self-contained, no network. Without --out the HTML goes to stdout.",
        options: [
            OptionSpec("out", short: "o", value: "file", help: "Write the page to this file."),
            KeyCommands.apiKeyOption,
        ],
        arguments: [ArgumentSpec("job", help: "The job id.")],
        run: { parsed in
            await withSession(json: false, apiKey: parsed.value("api-key")) { session in
                let id = parsed.argument("job") ?? ""
                let status = try await session.call("aios_get_status", ["job_id": .string(id)])
                var artifacts = JSONObject()
                for (phase, state) in status["phases"]?.objectValue ?? [:] where state["status"]?.stringValue == "completed" {
                    artifacts[phase] = .object(try await session.call("aios_get_artifact", [
                        "job_id": .string(id), "artifact_type": .string(phase),
                    ]))
                }
                let page = JobView.staticPage(status: status, artifacts: artifacts)
                guard let path = parsed.value("out") else {
                    Console.out(page)
                    return .success
                }
                let slash = path.lastIndex(of: "/")
                let directory = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
                let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
                _ = try ArtifactWriter.write([(name, page)], into: directory)
                Console.message("wrote the view of \(id) (\(status["status"]?.stringValue ?? "?"), \(artifacts.count) artifacts) to \(path)")
                return .success
            }
        })
}
