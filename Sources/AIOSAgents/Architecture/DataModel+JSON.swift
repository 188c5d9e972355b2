import AIOSJSON

extension DataModel {
    /// The `data_model` object of the architecture artifact.
    package var json: JSONValue {
        [
            "entities": .array(entities.map { entity in
                var object: JSONObject = ["name": .string(entity.name), "table": .string(entity.table)]
                object["fields"] = .array(entity.fields.map(\.json))
                if !entity.uniqueTogether.isEmpty { object["unique_together"] = .array(entity.uniqueTogether.map { .strings($0) }) }
                return .object(object)
            }),
            "relationships": .array(relationships.map { relationship in
                ["from": .string(relationship.from), "to": .string(relationship.to), "type": .string(relationship.type), "via": .string(relationship.via)]
            }),
        ]
    }

    /// Reads a `data_model` object back, from the engine or from a user.
    ///
    /// - Throws: `AIOSError(.invalidInput)` naming the first malformed member's path.
    package init(json value: JSONValue, path: String) throws(AIOSError) {
        let reader = try ArtifactReader(value, path: path)
        var entities: [Entity] = []
        for item in try reader.objects("entities") {
            let name = try item.string("name")
            let term = Term(parsing: name)
            guard !term.isEmpty else {
                throw AIOSError(.invalidInput, "\(item.child("name")) must contain letters", details: ["path": .string(item.child("name"))])
            }
            var fields: [Field] = []
            for fieldReader in try item.objects("fields") {
                let fieldName = try fieldReader.string("name")
                guard !fieldName.isEmpty, fieldName.allSatisfy({ $0.isLetterOrNumber || $0 == "_" }) else {
                    throw AIOSError(.invalidInput, "\(fieldReader.child("name")) must be an identifier (letters, digits, underscores)",
                                    details: ["path": .string(fieldReader.child("name")), "found": .string(fieldName)])
                }
                let type = try fieldReader.string("type").lowercased()
                guard Self.isSafeType(type) else {
                    throw AIOSError(.invalidInput, "\(fieldReader.child("type")) must be a PostgreSQL type name such as text, uuid, integer, numeric(12,2), timestamptz",
                                    details: ["path": .string(fieldReader.child("type")), "found": .string(type)])
                }
                var field = Field(name: fieldName.lowercased(), type: type)
                field.primary = try fieldReader.bool("primary", default: false)
                field.unique = try fieldReader.bool("unique", default: false)
                field.nullable = try fieldReader.bool("nullable", default: false)
                field.references = try fieldReader.optionalString("references")
                if let references = field.references {
                    let parts = references.split(separator: ".", omittingEmptySubsequences: false)
                    guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetterOrNumber || $0 == "_" } }) else {
                        throw AIOSError(.invalidInput, "\(fieldReader.child("references")) must be table.column, e.g. clients.id",
                                        details: ["path": .string(fieldReader.child("references")), "found": .string(references)])
                    }
                    if parts.count == 1 { field.references = references + ".id" }
                }
                field.allowed = try fieldReader.strings("enum")
                field.defaultValue = try fieldReader.optionalString("default")
                field.format = try fieldReader.optionalString("format")
                fields.append(field)
            }
            var entity = Entity(term: term, fields: fields)
            entity.isProfile = term.snake == "profile"
            entity.isActor = fields.contains { $0.name == "profile_id" }
            if let together = item.object["unique_together"]?.arrayValue {
                entity.uniqueTogether = together.compactMap { $0.arrayValue?.compactMap(\.stringValue) }
            }
            entities.append(entity)
        }
        var relationships: [Relationship] = []
        for item in try reader.objects("relationships", required: false) {
            relationships.append(Relationship(from: try item.string("from"), to: try item.string("to"),
                                              type: try item.optionalString("type") ?? "one_to_many", via: try item.optionalString("via") ?? ""))
        }
        let tenantTables = ["workspaces", "organizations", "organisations", "tenants", "companies", "agencies"]
        let tenant = entities.first { entity in tenantTables.contains(entity.table) && entities.contains { $0.field(entity.term.snake + "_id") != nil } }?.table
        self.init(entities: entities, relationships: relationships, tenantTable: tenant)
    }
}

extension DataModel {
    /// A type name the migration can print as is: words, digits, `(p,s)` and `[]`.
    package static func isSafeType(_ type: String) -> Bool {
        guard let first = type.first, first.isLetterQuickly, type.count <= 40 else { return false }
        return type.allSatisfy { $0.isLetterOrNumber || " _(),[]".contains($0) }
    }
}

extension DataModel.Field {
    package var json: JSONValue {
        var object: JSONObject = [
            "name": .string(name), "type": .string(type), "primary": .bool(primary), "unique": .bool(unique),
            "nullable": .bool(nullable), "references": .optional(references),
        ]
        if !allowed.isEmpty { object["enum"] = .strings(allowed) }
        if let defaultValue { object["default"] = .string(defaultValue) }
        if let format { object["format"] = .string(format) }
        return .object(object)
    }
}
