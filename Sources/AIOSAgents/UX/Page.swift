import AIOSJSON

/// One page of the UX spec, with the requirements it serves.
package struct Page: Sendable, Hashable {
    package enum Kind: String, Sendable { case auth, dashboard, list, detail, create, edit, reports, settings, other }

    package var name: String
    /// Framework-neutral route: `/invoices/:id`.
    package var route: String
    package var components: [String]
    package var layout: String
    package var requirementIDs: [String]
    package var kind: Kind
    /// The table the page shows, if any.
    package var table: String?

    package var json: JSONValue {
        ["name": .string(name), "route": .string(route), "components": .strings(components), "layout": .string(layout),
         "requirement_ids": .strings(requirementIDs), "kind": .string(kind.rawValue), "entity": .optional(table)]
    }

    package init(name: String, route: String, components: [String], layout: String, requirementIDs: [String], kind: Kind, table: String?) {
        self.name = name
        self.route = route
        self.components = components
        self.layout = layout
        self.requirementIDs = requirementIDs
        self.kind = kind
        self.table = table
    }

    /// Reads a page of a user-supplied `ux_spec`.
    package init(json reader: ArtifactReader, model: DataModel) throws(AIOSError) {
        name = try reader.string("name")
        route = try reader.string("route")
        guard route.hasPrefix("/"), !route.contains(".."), route.allSatisfy({ $0.isLetterOrNumber || "/-_:[]".contains($0) }) else {
            throw AIOSError(.invalidInput, "\(reader.child("route")) must be a path like /invoices/:id (letters, digits, - _ : [ ] and /)",
                            details: ["path": .string(reader.child("route")), "found": .string(route)])
        }
        components = try reader.strings("components")
        layout = try reader.optionalString("layout") ?? "app-shell"
        requirementIDs = try reader.strings("requirement_ids")
        let segments = route.split(separator: "/").map(String.init)
        let explicit = try reader.optionalString("entity")
        table = explicit.flatMap { name in model.entities.first { $0.table == name || $0.name == name }?.table }
            ?? segments.first.flatMap { first in model.entities.first { $0.resource == first }?.table }
        if let kindName = try reader.optionalString("kind"), let known = Kind(rawValue: kindName) {
            kind = known
        } else if table != nil {
            kind = segments.last == "new" ? .create : segments.last == "edit" ? .edit : segments.count >= 2 ? .detail : .list
        } else {
            kind = route == "/" ? .dashboard : route.includes("sign") ? .auth : route.includes("setting") ? .settings : route.includes("report") ? .reports : .other
        }
    }
}
