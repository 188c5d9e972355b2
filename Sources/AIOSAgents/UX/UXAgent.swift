import AIOSJSON
import MCPServerKit

/// `@ux-design-expert`: user flows per actor, pages per entity (list, detail, form) plus
/// dashboard, sign-in, reports and settings, WCAG-checked design tokens and a component library.
package struct UXAgent: Sendable {
    package let analysis: BriefAnalysis
    package let requirements: RequirementSet
    package let architecture: ArchitectureModel
    package let style: StylePreference
    /// Pages and flows a model (or the caller) wrote, already checked; nil derives them.
    package var content: UXContent? = nil

    /// The ux output (SPEC §2).
    package func run() -> JSONObject {
        let briefLevel = analysis.qualities.first { $0.kind == "wcag" }?.level ?? "AA"
        let level = style.highContrast ? "AAA" : briefLevel
        let tokens = DesignTokens(preset: style.preset, level: level, request: style)
        let pages = content.map(pages(from:)) ?? self.pages()
        let flows = content.map { userFlows(from: $0, pages: pages) } ?? userFlows(pages)
        let checks = accessibilityChecks(tokens: tokens, level: level)
        let library = componentLibrary(pages)

        var spec: JSONObject = [:]
        spec["user_flows"] = .array(flows)
        spec["pages"] = .array(content.map { pagesJSON(pages, content: $0) } ?? pages.map(\.json))
        spec["design_tokens"] = tokens.json
        spec["accessibility"] = ["wcag_level": .string(level), "checks": .array(checks)]
        spec["component_library"] = library
        var output: JSONObject = [:]
        output["ux_spec"] = .object(spec)
        output["ux_markdown"] = .string(markdown(pages: pages, flows: flows, tokens: tokens, checks: checks, library: library))
        return output
    }

    // MARK: - Pages

    private func ids(_ kinds: Set<Endpoint.Kind>, table: String) -> [String] {
        var result: [String] = []
        for endpoint in architecture.endpoints where endpoint.table == table && kinds.contains(endpoint.kind) {
            for id in endpoint.requirementIDs where !result.contains(id) { result.append(id) }
        }
        return Self.sorted(result)
    }

    package static func sorted(_ ids: [String]) -> [String] {
        ids.sorted { a, b in
            let (pa, na) = split(a), (pb, nb) = split(b)
            return pa != pb ? pa < pb : na < nb
        }
    }

    private static func split(_ id: String) -> (String, Int) {
        let prefix = String(id.prefix { !$0.isNumber })
        return (prefix, Int(id.drop { !$0.isNumber }) ?? 0)
    }

    package func pages() -> [Page] {
        var pages: [Page] = []
        let functional = requirements.functional
        let authIDs = functional.filter { let t = $0.description.lowercased(); return t.includes("sign") || t.includes("log in") || t.includes("password") }.map(\.id)
        pages.append(Page(name: "Sign in", route: "/sign-in", components: components(.auth, entity: nil),
                          layout: "centered-card", requirementIDs: authIDs, kind: .auth, table: nil))
        pages.append(Page(name: "Sign up", route: "/sign-up", components: components(.auth, entity: nil),
                          layout: "centered-card", requirementIDs: authIDs, kind: .auth, table: nil))
        let reportEndpoints = architecture.endpoints.filter { $0.kind == .report }
        let dashboardIDs = reportEndpoints.filter { $0.name == "dashboard" }.flatMap(\.requirementIDs)
        pages.append(Page(name: "Dashboard", route: "/", components: components(.dashboard, entity: nil),
                          layout: "app-shell", requirementIDs: dashboardIDs, kind: .dashboard, table: nil))
        for entity in architecture.dataModel.entities where !entity.isProfile {
            let base = "/" + entity.resource
            let readOnly = entity.table == "audit_logs"
            pages.append(Page(name: entity.term.pluralTitle, route: base, components: components(.list, entity: entity), layout: "app-shell",
                              requirementIDs: ids([.list, .export], table: entity.table), kind: .list, table: entity.table))
            pages.append(Page(name: "\(entity.term.title) details", route: base + "/:id", components: components(.detail, entity: entity), layout: "app-shell",
                              requirementIDs: ids([.read, .action, .delete], table: entity.table), kind: .detail, table: entity.table))
            if !readOnly {
                pages.append(Page(name: "New \(entity.term.phrase)", route: base + "/new", components: components(.create, entity: entity),
                                  layout: "app-shell", requirementIDs: ids([.create], table: entity.table), kind: .create, table: entity.table))
                pages.append(Page(name: "Edit \(entity.term.phrase)", route: base + "/:id/edit", components: components(.edit, entity: entity),
                                  layout: "app-shell", requirementIDs: ids([.update], table: entity.table), kind: .edit, table: entity.table))
            }
        }
        let reportIDs = reportEndpoints.filter { $0.name != "dashboard" }.flatMap(\.requirementIDs)
        if !reportIDs.isEmpty {
            pages.append(Page(name: "Reports", route: "/reports", components: components(.reports, entity: nil),
                              layout: "app-shell", requirementIDs: Self.sorted(reportIDs), kind: .reports, table: nil))
        }
        let meIDs = architecture.endpoints.filter { $0.kind == .me }.flatMap(\.requirementIDs).filter { !authIDs.contains($0) }
        pages.append(Page(name: "Settings", route: "/settings", components: components(.settings, entity: nil), layout: "app-shell",
                          requirementIDs: Self.sorted(Array(Set(meIDs + authIDs.prefix(1)))), kind: .settings, table: nil))

        // A requirement no endpoint or page serves yet is served from the dashboard, where its
        // entry point lives, so traceability stays complete.
        let cited = Set(architecture.endpoints.flatMap(\.requirementIDs) + pages.flatMap(\.requirementIDs))
        let orphans = functional.map(\.id).filter { !cited.contains($0) }
        if !orphans.isEmpty, let dashboard = pages.firstIndex(where: { $0.kind == .dashboard }) {
            pages[dashboard].requirementIDs = Self.sorted(pages[dashboard].requirementIDs + orphans)
        }
        return pages
    }

    /// The components of a page of `kind` (showing `entity`, for the entity kinds): our code
    /// chooses them, whoever wrote the page's content.
    package func components(_ kind: Page.Kind, entity: DataModel.Entity?) -> [String] {
        switch kind {
        case .auth:
            let oauth = analysis.integrations.first { $0.kind == "auth" }?.named.filter { $0 != "email" } ?? []
            return ["AuthCard", "EmailPasswordForm"] + (oauth.isEmpty ? [] : ["OAuthButtons"]) + ["FormError"]
        case .dashboard:
            return ["AppShell", "PageHeader", "StatCard", "RecentActivityList", "QuickActions"]
        case .list:
            var list = ["AppShell", "PageHeader", "FilterBar", "DataTable", "Pagination", "EmptyState"]
            if let entity, !entity.searchable.isEmpty { list.insert("SearchInput", at: 2) }
            return list
        case .detail:
            guard let entity else { return ["AppShell", "PageHeader", "DetailList"] }
            let children = architecture.dataModel.entities.filter { child in
                !child.isProfile && child.table != entity.table && child.foreignKeys.contains { $0.referencedTable == entity.table && $0.name != "created_by" }
            }
            var detail = ["AppShell", "PageHeader", "DetailList"]
            if !children.isEmpty { detail += children.map { "\($0.term.pascal)Table" } }
            if architecture.endpoints.contains(where: { $0.table == entity.table && $0.kind == .action }) { detail.append("ActionBar") }
            if entity.table != "audit_logs" { detail.append("ConfirmDialog") }
            return detail
        case .create, .edit:
            return ["AppShell", "PageHeader", "\(entity?.term.pascal ?? "Record")Form", "FormActions"]
        case .reports:
            return ["AppShell", "PageHeader", "DateRangePicker", "ChartCard", "DataTable", "ExportButton"]
        case .settings:
            var settings = ["AppShell", "PageHeader", "ProfileForm"]
            if analysis.has(integration: "email") || analysis.has(integration: "sms") { settings.append("NotificationPreferences") }
            if analysis.has(quality: "gdpr") { settings += ["DataExportButton", "DeleteAccountDialog"] }
            return settings
        case .other:
            return ["AppShell", "PageHeader", "ContentSection"]
        }
    }

    // MARK: - Flows

    private func userFlows(_ pages: [Page]) -> [JSONValue] {
        var flows: [JSONValue] = []
        var actorNames: [String] = []
        for requirement in requirements.functional where !actorNames.contains(requirement.actor) { actorNames.append(requirement.actor) }
        for actor in actorNames {
            let owned = requirements.functional.filter { $0.actor == actor && $0.priority != "wont" }
            let ordered = owned.filter { $0.priority == "must" } + owned.filter { $0.priority != "must" }
            guard !ordered.isEmpty else { continue }
            var steps = ["Sign in at /sign-in (\(actor))."]
            for requirement in ordered {
                let page = pages.first { $0.requirementIDs.contains(requirement.id) && $0.kind != .auth && $0.kind != .settings }
                    ?? pages.first { $0.requirementIDs.contains(requirement.id) }
                let place = page.map { "on \($0.name) (\($0.route))" } ?? "from the dashboard (/)"
                steps.append("\(requirement.id): \(StrategyAgent.firstClause(StrategyAgent.action(from: requirement.description, actor: Term(parsing: actor)))) \(place).")
            }
            flows.append([
                "name": .string("\(Term.capitalized(actor)) journey"),
                "actor": .string(actor),
                "steps": .strings(steps),
                "requirement_ids": .strings(ordered.map(\.id)),
            ])
        }
        return flows
    }

    // MARK: - Accessibility

    private func accessibilityChecks(tokens: DesignTokens, level: String) -> [JSONValue] {
        var checks: [JSONValue] = []
        for pair in tokens.pairs {
            checks.append([
                "id": .string("contrast-\(pair.foreground)-on-\(pair.background)"),
                "criterion": .string(pair.criterion),
                "description": .string("\(pair.foreground) (\(tokens.hex(pair.foreground) ?? "")) on \(pair.background) (\(tokens.hex(pair.background) ?? "")) for \(pair.kind == "ui" ? "component boundaries and focus indicators" : "text")."),
                "status": .string(pair.ratio >= pair.minimum ? "pass" : "fail"),
                "foreground": .string(tokens.hex(pair.foreground) ?? ""),
                "background": .string(tokens.hex(pair.background) ?? ""),
                "ratio": .double(pair.ratio),
                "minimum": .double(pair.minimum),
            ])
        }
        let manual: [(String, String, String)] = [
            ("keyboard", "2.1.1 Keyboard", "Every action on every page works with the keyboard alone, in a logical tab order."),
            ("focus-visible", "2.4.7 Focus Visible", "Focused controls show the focus ring token (2 px outline, offset 2 px)."),
            ("labels", "3.3.2 Labels or Instructions", "Every form field has a visible label tied to it; required fields say so in text."),
            ("errors", "3.3.1 Error Identification", "Form errors are announced (aria-live) and name the field and the fix."),
            ("text-alternatives", "1.1.1 Non-text Content", "Icons that act have accessible names; images have alt text or are marked decorative."),
            ("structure", "1.3.1 Info and Relationships", "Pages use landmarks (header, nav, main) and one h1; tables have header cells."),
            ("reflow", "1.4.10 Reflow", "Content reflows without horizontal scrolling at 320 CSS px wide."),
            style.largeTouchTargets
                ? ("target-size", "2.5.5 Target Size (Enhanced)", "Pointer targets are at least 48 by 48 CSS px, on every layout (asked for in the style preference).")
                : ("target-size", "2.5.8 Target Size (Minimum)", "Pointer targets are at least 24 by 24 CSS px (44 by 44 on touch layouts)."),
            ("language", "3.1.1 Language of Page", "The html element declares the page language."),
            ("motion", "2.3.3 Animation from Interactions", "Animations respect prefers-reduced-motion."),
        ]
        for (id, criterion, description) in manual {
            checks.append(["id": .string(id), "criterion": .string(criterion), "description": .string(description), "status": "verify-in-review"])
        }
        return checks
    }

    // MARK: - Components

    private func componentLibrary(_ pages: [Page]) -> JSONValue {
        var names: [String] = []
        for page in pages { for component in page.components where !names.contains(component) { names.append(component) } }
        let purposes: [String: String] = [
            "AppShell": "Header, navigation and main landmark around every signed-in page.",
            "PageHeader": "Page title (h1), breadcrumbs and the primary action.",
            "AuthCard": "Centered card for sign-in and sign-up.",
            "EmailPasswordForm": "Email and password fields with validation.",
            "OAuthButtons": "Sign in with external identity providers.",
            "FormError": "Announced error summary for forms.",
            "StatCard": "One figure with its label and trend.",
            "RecentActivityList": "Latest changes the person can see.",
            "QuickActions": "Shortcuts to the most frequent create actions.",
            "FilterBar": "Filters bound to the list endpoint's query parameters.",
            "SearchInput": "Search field bound to the searchable columns.",
            "DataTable": "Sortable table with header cells and row links.",
            "Pagination": "Previous and next pages (limit and offset).",
            "EmptyState": "What to do when a list is empty.",
            "ContentSection": "A headed section of a page's content.",
            "DetailList": "Label and value pairs of one record.",
            "ActionBar": "Record actions (send, cancel, …) with confirmation.",
            "ConfirmDialog": "Accessible modal dialog to confirm destructive actions.",
            "FormActions": "Save and cancel buttons with pending state.",
            "DateRangePicker": "Period selector for reports.",
            "ChartCard": "Chart with a data table fallback for screen readers.",
            "ExportButton": "Downloads the current view as CSV.",
            "ProfileForm": "Name and email of the signed-in person.",
            "NotificationPreferences": "Which reminders and emails the person receives.",
            "DataExportButton": "Downloads all personal data (GDPR access).",
            "DeleteAccountDialog": "Deletes the account after confirmation (GDPR erasure).",
        ]
        return [
            "name": "shadcn/ui",
            "foundation": "Radix UI primitives styled with Tailwind CSS, themed from the design tokens",
            "icons": "lucide-react",
            "components": .array(names.map { name in
                let purpose = purposes[name] ?? (name.hasSuffix("Form") ? "Create and edit form for one \(Term(parsing: String(name.dropLast(4))).phrase), fields from the data model."
                    : name.hasSuffix("Table") ? "Related \(Term(parsing: String(name.dropLast(5))).pluralPhrase) of the record shown." : "Reusable component.")
                let routes = pages.filter { $0.components.contains(name) }.map(\.route)
                return ["name": .string(name), "purpose": .string(purpose), "used_on": .strings(routes)]
            }),
        ]
    }

    // MARK: - Markdown

    private func markdown(pages: [Page], flows: [JSONValue], tokens: DesignTokens, checks: [JSONValue], library: JSONValue) -> String {
        var md = Markdown()
        md.heading(1, "\(analysis.productName) — UX specification")
        md.paragraph("Style: \(style.preset.description) Accessibility target: WCAG 2.1 \(tokens.level).")
        md.paragraph(style.sentence)
        md.heading(2, "User flows")
        for flow in flows {
            md.heading(3, flow["name"]?.stringValue ?? "")
            md.bullets((flow["steps"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        md.heading(2, "Pages")
        md.table(["Page", "Route", "Layout", "Components", "Requirements"], pages.map {
            [$0.name, $0.route, $0.layout, $0.components.joined(separator: ", "), $0.requirementIDs.joined(separator: ", ")]
        })
        if let content {
            md.heading(2, "Page copy")
            md.table(["Page", "Purpose", "Heading", "Empty state", "Error", "Call to action"], zip(pages, content.pages).map { page, written in
                [page.name, written.purpose, written.copy.heading, written.copy.emptyState, written.copy.error, written.copy.callToAction]
            })
        }
        md.heading(2, "Design tokens")
        md.table(["Colour", "Value"], tokens.colors.map { [$0.name, $0.hex] })
        md.heading(2, "Contrast")
        md.table(["Foreground", "Background", "Ratio", "Minimum", "Result"], tokens.pairs.map {
            [$0.foreground, $0.background, "\($0.ratio):1", "\($0.minimum):1", $0.ratio >= $0.minimum ? "pass" : "fail"]
        })
        md.heading(2, "Accessibility checks")
        md.bullets(checks.compactMap { check in
            guard check["ratio"] == nil else { return nil }
            return "\(check["criterion"]?.stringValue ?? ""): \(check["description"]?.stringValue ?? "")"
        })
        md.heading(2, "Component library")
        md.paragraph("\(library["name"]?.stringValue ?? "") on \(library["foundation"]?.stringValue ?? "").")
        md.table(["Component", "Purpose"], (library["components"]?.arrayValue ?? []).map {
            [$0["name"]?.stringValue ?? "", $0["purpose"]?.stringValue ?? ""]
        })
        return md.text
    }
}
