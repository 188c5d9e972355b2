import AIOSJSON

/// The work plan for a generated project: epics → stories → tasks, each task with the requirement
/// ids it serves, the generated files it touches, the tasks it depends on (a DAG), a size and the
/// test to write first. Rendered as JSON (the code artifact's `plan`) and as `docs/tasks.md`.
///
/// Files are grouped by what they are (setup, schema, sign-in, one entity's model, API and pages,
/// integrations, other pages); every generated file except the README and the plan itself lands in
/// exactly one task, and every requirement a file implements is served by that file's task.
package struct PlanWriter: Sendable {
    package let productName: String
    package let requirements: RequirementSet
    package let model: DataModel
    package let pages: [Page]
    package let files: [GeneratedFile]

    package struct Task: Sendable {
        package var id = ""
        package var key: String
        package var title: String
        package var requirementIDs: [String] = []
        package var files: [String] = []
        package var dependsOn: [String] = []
        package var size = "S"
        package var test = ""
        package var storyIDs: [String] = []

        package var json: JSONValue {
            ["id": .string(id), "title": .string(title), "requirement_ids": .strings(requirementIDs), "files": .strings(files),
             "depends_on": .strings(dependsOn), "size": .string(size), "test": .string(test), "user_story_ids": .strings(storyIDs)]
        }
    }

    package struct Story: Sendable {
        package var id = ""
        package var title: String
        package var taskKeys: [String]
    }

    package struct Epic: Sendable {
        package var id = ""
        package var title: String
        package var stories: [Story]
    }

    /// The plan's path in the generated project.
    package static let path = "docs/tasks.md"

    /// The plan as JSON and as Markdown.
    package func write() -> (json: JSONObject, markdown: String) {
        var tasks = groupedTasks()
        let epics = self.epics(tasks)
        // Ids in reading order: epic by epic, story by story.
        var byKey: [String: Int] = [:]
        for (index, task) in tasks.enumerated() { byKey[task.key] = index }
        var next = 1
        for epic in epics { for story in epic.stories { for key in story.taskKeys { if let index = byKey[key] { tasks[index].id = "T-\(next)"; next += 1 } } } }
        let idOf = { (key: String) -> String? in byKey[key].map { tasks[$0].id } }
        for index in tasks.indices {
            tasks[index].dependsOn = UXAgent.sorted(dependencies(of: tasks[index], among: tasks).compactMap(idOf))
        }
        var numberedEpics = epics
        var storyNumber = 1
        for e in numberedEpics.indices {
            numberedEpics[e].id = "EP-\(e + 1)"
            for s in numberedEpics[e].stories.indices {
                numberedEpics[e].stories[s].id = "ST-\(storyNumber)"
                storyNumber += 1
            }
        }
        let order = Self.topologicalOrder(tasks.map { ($0.id, $0.dependsOn) }) ?? []
        let epicsJSON: [JSONValue] = numberedEpics.map { epic in
            ["id": .string(epic.id), "title": .string(epic.title), "stories": .array(epic.stories.map { story in
                let storyTasks = story.taskKeys.compactMap { byKey[$0].map { tasks[$0] } }
                let requirementIDs = UXAgent.sorted(Array(Set(storyTasks.flatMap(\.requirementIDs))))
                let storyIDs = UXAgent.sorted(Array(Set(storyTasks.flatMap(\.storyIDs))))
                return ["id": .string(story.id), "title": .string(story.title), "requirement_ids": .strings(requirementIDs),
                        "user_story_ids": .strings(storyIDs), "acceptance_criteria": .strings(criteria(of: storyIDs, tasks: storyTasks)),
                        "tasks": .array(storyTasks.map(\.json))]
            })]
        }
        let json: JSONObject = ["epics": .array(epicsJSON), "order": .strings(order)]
        return (json, markdown(numberedEpics, tasks: tasks, byKey: byKey, order: order))
    }

    // MARK: - Grouping files into tasks

    private var appEntities: [DataModel.Entity] { model.entities.filter { !$0.isProfile } }

    /// The task a generated file belongs to, by its path.
    private func taskKey(for path: String) -> String {
        let segments = path.split(separator: "/").map(String.init)
        let name = segments.last ?? path
        let stem = String(name.prefix { $0 != "." })
        if path.hasPrefix("supabase/migrations/") || name == "openapi.json" { return "schema" }
        if name.hasPrefix(".env") { return "setup" }
        if segments.contains("models") && stem == "profile" { return "auth" }
        // Longest resource first, so that `order-items` is not taken for `orders`.
        for entity in appEntities.sorted(by: { $0.resource.count > $1.resource.count }) {
            if segments.contains("models") && stem == entity.term.kebab { return "model:\(entity.table)" }
            let inAPI = segments.contains("api")
            if segments.dropLast().contains(entity.resource) || (inAPI && stem == entity.resource) {
                return inAPI ? "api:\(entity.table)" : "ui:\(entity.table)"
            }
        }
        let lower = path.lowercased()
        if ["email", "sms", "slack", "analytics", "stripe", "webhooks", "calendar", "functions", "cron", "jobs", "reminders"].contains(where: { segments.contains($0) || stem == $0 }) {
            return "integrations"
        }
        if segments.contains("supabase") && segments.count > 1 && !lower.hasPrefix("supabase/functions/.env") || lower.contains("middleware")
            || segments.contains("me") || stem == "me" || ["sign", "login", "auth", "account"].contains(where: { lower.contains($0) }) && !lower.contains("author") {
            return "auth"
        }
        if ["email", "sms", "slack", "analytics", "stripe", "webhooks", "calendar", "functions", "cron", "jobs", "reminders"].contains(where: { segments.contains($0) || stem == $0 }) {
            return "integrations"
        }
        if name.hasSuffix(".tsx") {
            for entity in appEntities.sorted(by: { $0.name.count > $1.name.count })
            where stem.hasPrefix(entity.name) || stem.hasPrefix(entity.term.pluralPascal) || stem.hasSuffix(entity.name) {
                return "ui:\(entity.table)"
            }
            if segments.contains("components") || ["layout", "App", "main"].contains(stem) { return "shell" }
            return "pages"
        }
        if segments.contains("api") { return "pages-api" }
        return "setup"
    }

    private func groupedTasks() -> [Task] {
        var tasks: [String: Task] = [:]
        var lines: [String: Int] = [:]
        for file in files where file.path != "README.md" && file.path != Self.path {
            let key = taskKey(for: file.path)
            var task = tasks[key] ?? Task(key: key, title: title(for: key))
            task.files.append(file.path)
            task.requirementIDs += file.requirementIDs
            tasks[key] = task
            lines[key, default: 0] += file.content.split(separator: "\n", omittingEmptySubsequences: false).count
        }
        // Setup serves the maintainability and availability requirements and the constraints.
        if var setup = tasks["setup"] {
            setup.requirementIDs += requirements.nonFunctional.filter { ["maintainability", "availability"].contains($0.category) }.map(\.id)
            setup.requirementIDs += requirements.constraints.map(\.id)
            tasks["setup"] = setup
        }
        // The shell carries the skip link, focus styles and responsive navigation.
        if var shell = tasks["shell"] {
            shell.requirementIDs += requirements.nonFunctional.filter { ["accessibility", "usability"].contains($0.category) }.map(\.id)
            tasks["shell"] = shell
        }
        // A check per non-functional category, on the files it is about.
        var categories: [String] = []
        for item in requirements.nonFunctional where !categories.contains(item.category) { categories.append(item.category) }
        for category in categories {
            let ids = requirements.nonFunctional.filter { $0.category == category }.map(\.id)
            let key = "nfr:\(category)"
            tasks[key] = Task(key: key, title: "Check the \(category) requirements (\(ids.joined(separator: ", ")))", requirementIDs: ids,
                              files: nfrFiles(category: category, tasks: tasks))
        }
        var result: [Task] = []
        for key in Self.keyOrder(Array(tasks.keys), entities: model.entities.map(\.table)) {
            guard var task = tasks[key] else { continue }
            task.requirementIDs = UXAgent.sorted(Array(Set(task.requirementIDs)))
            let size = lines[key] ?? 0
            task.size = key.hasPrefix("nfr:") ? (task.requirementIDs.count > 2 ? "M" : "S") : size < 150 ? "S" : size < 500 ? "M" : "L"
            // Setup, schema and checks serve every requirement structurally; the stories they
            // would list are delivered by the feature tasks.
            if !["setup", "schema"].contains(key) && !key.hasPrefix("nfr:") {
                task.storyIDs = requirements.stories.filter { story in story.requirementIDs.contains { task.requirementIDs.contains($0) } }.map(\.id)
            }
            task.test = test(for: task)
            result.append(task)
        }
        return result
    }

    private func nfrFiles(category: String, tasks: [String: Task]) -> [String] {
        switch category {
        case "security", "privacy", "compliance", "scalability", "maintainability": return tasks["schema"]?.files ?? []
        case "accessibility", "usability": return (tasks["shell"]?.files ?? []) + files.filter { $0.path.hasSuffix(".css") }.map(\.path)
        case "performance": return tasks.filter { $0.key.hasPrefix("api:") }.sorted { $0.key < $1.key }.flatMap(\.value.files)
        default: return tasks["setup"]?.files ?? []
        }
    }

    /// Keys in the order of the plan: foundation, entities in model order, the rest, the checks.
    package static func keyOrder(_ keys: [String], entities: [String]) -> [String] {
        var ordered = ["setup", "schema", "auth", "shell"].filter(keys.contains)
        for table in entities { ordered += ["model:\(table)", "api:\(table)", "ui:\(table)"].filter(keys.contains) }
        ordered += ["integrations", "pages-api", "pages"].filter(keys.contains)
        ordered += keys.filter { $0.hasPrefix("nfr:") && !ordered.contains($0) }.sorted()
        return ordered + keys.filter { !ordered.contains($0) }.sorted()
    }

    private func entity(_ key: String) -> DataModel.Entity? {
        guard let colon = key.firstIndex(of: ":") else { return nil }
        return model.entity(table: String(key[key.index(after: colon)...]))
    }

    private func title(for key: String) -> String {
        if let entity = entity(key) {
            if key.hasPrefix("model:") { return "\(entity.name) model and validation" }
            if key.hasPrefix("api:") { return "\(entity.term.pluralTitle) API" }
            return "\(entity.term.pluralTitle) pages and forms"
        }
        switch key {
        case "setup": return "Project setup and configuration"
        case "schema": return "Database schema, row-level security and API contract"
        case "auth": return "Sign-in, session and profile"
        case "shell": return "App shell and navigation"
        case "integrations": return "Integrations and scheduled jobs"
        case "pages-api": return "Report and utility endpoints"
        default: return "Dashboard, reports and settings pages"
        }
    }

    /// A task's prerequisites (by key): the foundation before features, a model before its API,
    /// the models of referenced entities before an API, an API before its pages.
    private func dependencies(of task: Task, among tasks: [Task]) -> [String] {
        let keys = Set(tasks.map(\.key))
        func present(_ list: [String]) -> [String] { list.filter { keys.contains($0) && $0 != task.key } }
        let key = task.key
        if key == "setup" { return [] }
        if key == "schema" { return present(["setup"]) }
        if key == "auth" || key == "shell" { return present(["schema"]) + (key == "shell" ? present(["auth"]) : []) }
        if let entity = entity(key) {
            if key.hasPrefix("model:") { return present(["schema"]) }
            if key.hasPrefix("api:") {
                let parents = entity.foreignKeys.compactMap(\.referencedTable).filter { $0 != entity.table }.map { "model:\($0)" }
                return present(["model:\(entity.table)", "auth"] + parents)
            }
            return present(["api:\(entity.table)", "shell"])
        }
        if key == "integrations" || key == "pages-api" { return present(["auth"] + tasks.map(\.key).filter { $0.hasPrefix("api:") }) }
        if key == "pages" { return present(["shell", "pages-api"] + tasks.map(\.key).filter { $0.hasPrefix("api:") }) }
        if key.hasPrefix("nfr:") {
            // A check runs on the finished features it is about.
            return present(tasks.map(\.key).filter { !$0.hasPrefix("nfr:") && ($0.hasPrefix("ui:") || $0 == "pages" || $0 == "integrations" || $0 == "schema" || $0 == "auth") })
        }
        return present(["schema"])
    }

    // MARK: - Tests

    private func story(_ id: String) -> RequirementSet.Story? { requirements.stories.first { $0.id == id } }

    private func criteria(of storyIDs: [String], tasks: [Task]) -> [String] {
        var result: [String] = []
        for id in storyIDs { for criterion in story(id)?.criteria ?? [] where !result.contains(criterion) { result.append(criterion) } }
        if result.isEmpty { result = tasks.map(\.test).filter { !$0.isEmpty } }
        return result
    }

    /// The test to write before the task's code: from its stories' EARS criteria where it has
    /// stories, else from what the task builds.
    private func test(for task: Task) -> String {
        if task.key.hasPrefix("nfr:") {
            let category = String(task.key.dropFirst(4))
            return requirements.nonFunctional.first { $0.category == category }?.verification ?? StrategyAgent.verification(category: category)
        }
        let criterion = task.storyIDs.lazy.compactMap { id in self.story(id).flatMap { story in story.criteria.first.map { (id, $0) } } }.first
        if let entity = entity(task.key) {
            if task.key.hasPrefix("model:") {
                return "Unit test: the \(entity.name) input validator accepts a complete valid \(entity.term.phrase) and rejects one with a required field missing or of the wrong type."
            }
            if task.key.hasPrefix("api:") {
                let base = "Integration test against a local Supabase: as a signed-in user, create, read, update and delete \(entity.term.pluralPhrase) through the API; as another user, get no rows."
                return criterion.map { "\(base) Covers \($0.0): \($0.1)" } ?? base
            }
            let base = "Component test: the \(entity.term.pluralPhrase) list renders rows, the form shows a message per invalid field and submits valid input."
            return criterion.map { "\(base) Covers \($0.0): \($0.1)" } ?? base
        }
        switch task.key {
        case "setup": return "CI check: `npm ci`, the type check and the production build succeed on a clean clone."
        case "schema": return "Migration test: the migration applies to an empty PostgreSQL database and every table has row-level security enabled."
        case "auth": return criterion.map { "End-to-end test, \($0.0): \($0.1)" } ?? "End-to-end test: sign up, sign out, sign in again; signed-out visitors are sent to the sign-in page."
        case "shell": return "Component test: the navigation links to every entity's list page and marks the current one."
        default: return criterion.map { "Test \($0.0): \($0.1)" } ?? "Smoke test: each page renders for a signed-in user without console errors."
        }
    }

    // MARK: - Epics and stories

    private func epics(_ tasks: [Task]) -> [Epic] {
        let keys = Set(tasks.map(\.key))
        func present(_ list: [String]) -> [String] { list.filter(keys.contains) }
        var result: [Epic] = []
        var foundation: [Story] = []
        if !present(["setup", "schema"]).isEmpty { foundation.append(Story(title: "Set up the project and its database", taskKeys: present(["setup", "schema"]))) }
        if !present(["auth", "shell"]).isEmpty { foundation.append(Story(title: "Sign in and find the way around", taskKeys: present(["auth", "shell"]))) }
        if !foundation.isEmpty { result.append(Epic(title: "Foundation", stories: foundation)) }
        for entity in model.entities {
            let own = present(["model:\(entity.table)", "api:\(entity.table)", "ui:\(entity.table)"])
            guard !own.isEmpty else { continue }
            result.append(Epic(title: entity.term.pluralTitle, stories: [Story(title: "Work with \(entity.term.pluralPhrase)", taskKeys: own)]))
        }
        let rest = present(["integrations", "pages-api", "pages"])
        if !rest.isEmpty {
            var stories: [Story] = []
            if keys.contains("integrations") { stories.append(Story(title: "Connect the integrations", taskKeys: ["integrations"])) }
            let pages = present(["pages-api", "pages"])
            if !pages.isEmpty { stories.append(Story(title: "Dashboard, reports and settings", taskKeys: pages)) }
            result.append(Epic(title: "Cross-cutting features", stories: stories))
        }
        let checks = tasks.map(\.key).filter { $0.hasPrefix("nfr:") }
        if !checks.isEmpty { result.append(Epic(title: "Quality", stories: [Story(title: "Meet the non-functional requirements", taskKeys: checks)])) }
        return result
    }

    // MARK: - Order

    /// A valid build order (each task after its dependencies, ties in id order), or nil when the
    /// dependencies have a cycle or name an unknown task.
    package static func topologicalOrder(_ nodes: [(id: String, dependsOn: [String])]) -> [String]? {
        let ids = Set(nodes.map(\.id))
        guard nodes.allSatisfy({ $0.dependsOn.allSatisfy(ids.contains) }) else { return nil }
        var remaining = nodes
        var done: Set<String> = []
        var order: [String] = []
        while !remaining.isEmpty {
            let ready = remaining.filter { $0.dependsOn.allSatisfy(done.contains) }.map(\.id)
            if ready.isEmpty { return nil }
            let sortedReady = UXAgent.sorted(ready)
            order += sortedReady
            done.formUnion(sortedReady)
            remaining.removeAll { done.contains($0.id) }
        }
        return order
    }

    // MARK: - Markdown

    private func markdown(_ epics: [Epic], tasks: [Task], byKey: [String: Int], order: [String]) -> String {
        var md = Markdown()
        md.heading(1, "\(productName) — Tasks")
        md.paragraph("Epics, stories and tasks for building \(productName) from this scaffold. Each task names the requirements it serves (see the PRD), the files it touches, the tasks to finish first and the test to write before the code. Sizes: S under a day, M a few days, L a week or more.")
        md.paragraph("Build order: " + order.joined(separator: " → "))
        for epic in epics {
            md.heading(2, "\(epic.id) \(epic.title)")
            for story in epic.stories {
                md.heading(3, "\(story.id) \(story.title)")
                let storyTasks = story.taskKeys.compactMap { byKey[$0].map { tasks[$0] } }
                let storyIDs = UXAgent.sorted(Array(Set(storyTasks.flatMap(\.storyIDs))))
                let criteria = criteria(of: storyIDs, tasks: storyTasks)
                if !criteria.isEmpty {
                    md.paragraph("Acceptance criteria" + (storyIDs.isEmpty ? ":" : " (\(storyIDs.joined(separator: ", "))):"))
                    md.bullets(criteria)
                }
                for task in storyTasks {
                    md.heading(4, "\(task.id) \(task.title) (\(task.size))")
                    md.bullets([
                        "Requirements: " + (task.requirementIDs.isEmpty ? "none" : task.requirementIDs.joined(separator: ", ")),
                        "Depends on: " + (task.dependsOn.isEmpty ? "nothing" : task.dependsOn.joined(separator: ", ")),
                        "Files: " + (task.files.isEmpty ? "none" : task.files.map { "`\($0)`" }.joined(separator: ", ")),
                        "Test first: " + task.test,
                    ])
                }
            }
        }
        return md.text
    }
}
