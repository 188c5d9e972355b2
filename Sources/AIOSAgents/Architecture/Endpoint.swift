import AIOSJSON

/// One REST operation of the API design, with the requirements it serves.
package struct Endpoint: Sendable, Hashable {
    package enum Kind: String, Sendable { case list, create, read, update, delete, action, export, report, me, job }

    package var method: String
    package var path: String
    package var description: String
    package var requirementIDs: [String]
    package var kind: Kind
    /// The table it works on; nil for reports, jobs and `/me`.
    package var table: String?
    /// For actions: the verb (`send`), for reports: the slug.
    package var name: String = ""

    package var json: JSONValue {
        ["method": .string(method), "path": .string(path), "description": .string(description), "requirement_ids": .strings(requirementIDs)]
    }

    /// `GET /invoices/{id}` → `getInvoice`-style ids, unique within one API.
    package var operationID: String {
        let words = Term(parsing: path.split(separator: "/").filter { !$0.hasPrefix("{") }.joined(separator: " ")).words
        let verb: String
        switch kind {
        case .list: verb = "list"
        case .create: verb = "create"
        case .read: verb = "get"
        case .update: verb = "update"
        case .delete: verb = "delete"
        case .export: verb = "export"
        case .report: verb = "get"
        case .me: verb = method.lowercased() == "get" ? "get" : method.lowercased() == "delete" ? "delete" : "update"
        case .job: verb = "run"
        case .action: verb = ""
        }
        var parts: [String]
        switch kind {
        case .list, .export, .report, .job:
            parts = [verb] + words
        case .create, .read, .update, .delete:
            parts = [verb] + words.dropLast() + [Inflector.singular(words.last ?? "")]
        case .me:
            parts = [verb] + words
        case .action:
            let action = words.last ?? "run"
            parts = [action] + words.dropLast().dropLast() + [Inflector.singular(words.dropLast().last ?? "")]
        }
        guard let first = parts.first else { return "operation" }
        return first + parts.dropFirst().map { Term.capitalized($0) }.joined()
    }

    /// Reads an endpoint of a user-supplied `api_design`.
    package init(json reader: ArtifactReader, model: DataModel) throws(AIOSError) {
        method = try reader.string("method").uppercased()
        guard ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) else {
            throw AIOSError(.invalidInput, "\(reader.child("method")) must be GET, POST, PUT, PATCH or DELETE", details: ["path": .string(reader.child("method"))])
        }
        path = try reader.string("path")
        // The path names route files (`src/app/api/<segments>/route.ts`): segments of letters,
        // digits, - _ . and {param}, none of them `.` or `..`, none empty.
        let pathSegments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let safe = path.hasPrefix("/") && path.count > 1
            && pathSegments.allSatisfy { segment in
                !segment.isEmpty && segment != "." && segment != ".."
                    && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.{}".contains($0)) }
            }
        guard safe else {
            throw AIOSError(
                .invalidInput,
                "\(reader.child("path")) must be a path like /invoices/{id}: segments of letters, digits, - _ . and {param}, none empty, . or ..",
                details: ["path": .string(reader.child("path")), "found": .string(path)])
        }
        description = try reader.optionalString("description") ?? ""
        requirementIDs = try reader.strings("requirement_ids")
        let segments = path.split(separator: "/").map(String.init)
        let resource = segments.first ?? ""
        table = model.entities.first { $0.resource == resource || $0.table == resource }?.table
        if resource == "me" {
            kind = .me
            table = "profiles"
            name = segments.count > 1 ? segments[1] : ""
            return
        }
        switch (method, segments.count) {
        case ("GET", 1): kind = table == nil ? .report : .list
        case ("POST", 1): kind = table == nil ? .job : .create
        case ("POST", 2) where resource == "jobs": kind = .job; name = segments[1]
        case ("GET", 2) where segments[1] == "export": kind = .export; name = "export"
        case ("GET", 2): kind = segments[1].hasPrefix("{") ? .read : .report
        case ("PATCH", 2), ("PUT", 2): kind = .update
        case ("DELETE", 2): kind = .delete
        case ("POST", 3): kind = .action; name = segments[2]
        default: kind = table == nil ? .report : .action
        }
        if kind == .report { name = segments.last ?? "report" }
    }

    package init(method: String, path: String, description: String, requirementIDs: [String], kind: Kind, table: String?, name: String = "") {
        self.method = method
        self.path = path
        self.description = description
        self.requirementIDs = requirementIDs
        self.kind = kind
        self.table = table
        self.name = name
    }
}
