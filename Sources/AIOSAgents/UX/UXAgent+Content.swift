import AIOSJSON

/// The UX spec from content a model wrote (``UXContent``): its pages, copy and flows; our
/// components, layouts, tokens and checks.
extension UXAgent {
    /// The content's pages, in its order, with the components and layout their kind has. A
    /// requirement neither an endpoint nor a page serves is served from the dashboard, as on
    /// the derived path (the checks already hold every must-have one to a page).
    func pages(from content: UXContent) -> [Page] {
        var pages = content.pages.map { written -> Page in
            let kind = Page.Kind(rawValue: written.kind) ?? .other
            let entity = UXContent.entityKinds.contains(written.kind)
                ? architecture.dataModel.entities.first { !$0.isProfile && ($0.term == Term(parsing: written.entity) || $0.table == written.entity || $0.resource == written.entity || $0.name == written.entity) }
                : nil
            return Page(name: written.name, route: written.route, components: components(kind, entity: entity),
                        layout: kind == .auth ? "centered-card" : "app-shell", requirementIDs: Self.sorted(Array(Set(written.requirementIDs))),
                        kind: kind, table: entity?.table)
        }
        let cited = Set(architecture.endpoints.flatMap(\.requirementIDs) + pages.flatMap(\.requirementIDs))
        let orphans = requirements.functional.map(\.id).filter { !cited.contains($0) }
        if !orphans.isEmpty, let dashboard = pages.firstIndex(where: { $0.kind == .dashboard }) {
            pages[dashboard].requirementIDs = Self.sorted(pages[dashboard].requirementIDs + orphans)
        }
        return pages
    }

    /// The pages' JSON with what the content adds: purpose, sections and copy.
    func pagesJSON(_ pages: [Page], content: UXContent) -> [JSONValue] {
        zip(pages, content.pages).map { page, written in
            guard case .object(var object) = page.json else { return page.json }
            object["purpose"] = .string(written.purpose)
            object["sections"] = .strings(written.sections)
            object["copy"] = ["heading": .string(written.copy.heading), "empty_state": .string(written.copy.emptyState),
                              "error": .string(written.copy.error), "call_to_action": .string(written.copy.callToAction)]
            return .object(object)
        }
    }

    /// The content's flows, each step naming its page and route.
    func userFlows(from content: UXContent, pages: [Page]) -> [JSONValue] {
        let byID = Dictionary(zip(content.pages.map(\.id), pages), uniquingKeysWith: { first, _ in first })
        return content.flows.map { flow in
            let steps = flow.steps.map { step -> String in
                var action = step.action
                if action.hasSuffix(".") { action.removeLast() }
                return byID[step.pageID].map { "\(action) on \($0.name) (\($0.route))." } ?? "\(action)."
            }
            return [
                "name": .string(flow.name),
                "actor": .string(flow.actor),
                "steps": .strings(steps),
                "requirement_ids": .strings(Self.sorted(Array(Set(flow.requirementIDs)))),
            ]
        }
    }
}
