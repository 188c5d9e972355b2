import AIOSJSON

/// `@dev`: the project scaffold for a framework, from the architecture and the UX spec, with a
/// traceability listing from each requirement to its endpoints, pages and files.
package struct DevAgent: Sendable {
    package let analysis: BriefAnalysis
    package let requirements: RequirementSet
    package let architecture: ArchitectureModel
    package let ux: UXModel
    package let framework: StackPreset
    package let targetFiles: [String]
    /// The strategy, architecture and UX artifacts as given, for the readiness review.
    package var review: (strategy: JSONObject, architecture: JSONObject, ux: JSONObject) = ([:], [:], [:])

    /// The code output (SPEC §2).
    ///
    /// - Throws: `AIOSError(.invalidInput)` when a `target_files` entry is unsafe or matches no
    ///   generated file.
    package func run() throws(AIOSError) -> JSONObject {
        let migration = architecture.sqlMigration ?? SQLMigrationWriter(
            productName: analysis.productName, model: architecture.dataModel,
            security: RowLevelSecurity(model: architecture.dataModel, sensitive: analysis.has(quality: "hipaa")),
            audit: architecture.dataModel.entity(table: "audit_logs") != nil).write()
        let context = ScaffoldContext(productName: analysis.productName, architecture: architecture, ux: ux,
                                      requirements: requirements.functional, migration: migration, integrations: analysis.integrations)
        var files: [GeneratedFile]
        let setup: [String]
        let dependencies: (production: [(String, String)], development: [(String, String)])
        switch framework {
        case .nextjsSupabase:
            let scaffold = NextSupabaseScaffold(context: context)
            files = scaffold.files()
            setup = scaffold.setupSteps
            dependencies = scaffold.dependencies
        case .viteReactSupabase:
            let scaffold = ViteReactScaffold(context: context)
            files = scaffold.files()
            setup = scaffold.setupSteps
            dependencies = scaffold.dependencies
        }
        files.insert(GeneratedFile("README.md", context.readme(framework: framework, setup: setup, files: files),
                                   requirements: requirements.functional.map(\.id)), at: 0)
        let plan = PlanWriter(productName: analysis.productName, requirements: requirements, model: architecture.dataModel,
                              pages: ux.pages, files: files).write()
        files.append(GeneratedFile(PlanWriter.path, plan.markdown))
        try Self.checkPaths(files)
        let selected = try select(files)

        var production = JSONObject()
        for (name, version) in dependencies.production { production[name] = .string(version) }
        var development = JSONObject()
        for (name, version) in dependencies.development { development[name] = .string(version) }
        var output: JSONObject = [:]
        output["files"] = .array(selected.map(\.json))
        output["dependencies"] = ["production": .object(production), "development": .object(development)]
        output["setup_instructions"] = .strings(setup)
        output["framework"] = .string(framework.rawValue)
        output["traceability"] = .array(traceability(selected))
        output["plan"] = .object(plan.json)
        // The review sees every generated file, whatever target_files selected.
        var whole = output
        whole["files"] = .array(files.map(\.json))
        output["review"] = .object(ReadinessReview(strategy: review.strategy, architecture: review.architecture, ux: review.ux, code: whole).run())
        return output
    }

    private func traceability(_ files: [GeneratedFile]) -> [JSONValue] {
        requirements.functional.map { requirement in
            let endpoints = architecture.endpoints.filter { $0.requirementIDs.contains(requirement.id) }.map { "\($0.method) \($0.path)" }
            let pages = ux.pages.filter { $0.requirementIDs.contains(requirement.id) }.map(\.route)
            let paths = files.filter { $0.requirementIDs.contains(requirement.id) && $0.path != "README.md" }.map(\.path)
            return [
                "requirement_id": .string(requirement.id),
                "description": .string(requirement.description),
                "priority": .string(requirement.priority),
                "endpoints": .strings(endpoints),
                "pages": .strings(pages),
                "files": .strings(paths),
            ]
        }
    }

    // MARK: - Paths

    /// The one check every emitted path passes, whatever input it was made from: relative,
    /// inside the project (``ProjectPath/validate(relativePath:)``, the rule `aiosctl artifact
    /// --out` writes by) and unique.
    ///
    /// - Throws: `AIOSError(.invalidInput)` naming the path.
    package static func checkPaths(_ files: [GeneratedFile]) throws(AIOSError) {
        var seen: Set<String> = []
        for file in files {
            do {
                try ProjectPath.validate(relativePath: file.path)
            } catch {
                throw AIOSError(
                    .invalidInput, "the input would make a file outside the project: \(error.message)",
                    details: ["found": .string(file.path)])
            }
            guard seen.insert(file.path).inserted else {
                throw AIOSError(
                    .invalidInput, "the input would make two files at \(file.path); give the endpoints or pages distinct paths",
                    details: ["found": .string(file.path)])
            }
        }
    }

    // MARK: - target_files

    private func select(_ files: [GeneratedFile]) throws(AIOSError) -> [GeneratedFile] {
        guard !targetFiles.isEmpty else { return files }
        for (index, pattern) in targetFiles.enumerated() {
            let unsafe = pattern.isEmpty || pattern.hasPrefix("/") || pattern.contains("\\") || pattern.split(separator: "/").contains("..") || pattern.contains("\0")
            if unsafe {
                throw AIOSError(.invalidInput, "target_files[\(index)] must be a relative path inside the project (no leading /, no ..)",
                                details: ["path": .string("target_files[\(index)]"), "found": .string(pattern)])
            }
        }
        let selected = files.filter { file in targetFiles.contains { Self.matches(file.path, pattern: $0) } }
        guard !selected.isEmpty else {
            throw AIOSError(.invalidInput, "target_files matched none of the \(files.count) generated files; use paths such as package.json, src/app/ or src/lib/models/*.ts",
                            details: ["path": "target_files", "available": .strings(files.map(\.path))])
        }
        return selected
    }

    /// Exact path, a directory (`src/app/` or `src/app`), or a glob where `*` stays within one
    /// path segment and `**` crosses segments.
    package static func matches(_ path: String, pattern: String) -> Bool {
        if path == pattern { return true }
        if !pattern.contains("*") {
            let directory = pattern.hasSuffix("/") ? pattern : pattern + "/"
            return path.hasPrefix(directory)
        }
        return glob(Array(pattern), Array(path))
    }

    private static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
        var memo: [Int: Bool] = [:]
        func match(_ p: Int, _ t: Int) -> Bool {
            let key = p * (text.count + 1) + t
            if let known = memo[key] { return known }
            let result: Bool
            if p == pattern.count {
                result = t == text.count
            } else if pattern[p] == "*" {
                let double = p + 1 < pattern.count && pattern[p + 1] == "*"
                let next = double ? p + 2 : p + 1
                var ok = match(next, t)
                var i = t
                while !ok && i < text.count && (double || text[i] != "/") {
                    i += 1
                    ok = match(next, i)
                }
                result = ok
            } else {
                result = t < text.count && (pattern[p] == "?" ? text[t] != "/" : pattern[p] == text[t]) && match(p + 1, t + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}
