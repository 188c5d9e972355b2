import AIOSJSON

/// Writes the OpenAPI 3.1 document for a data model and its endpoints: a schema per entity (plus
/// create and update bodies), every path and operation, shared parameters, errors and bearer auth.
package struct OpenAPIWriter: Sendable {
    package let productName: String
    package let summary: String
    package let model: DataModel
    package let endpoints: [Endpoint]

    package static let serverManaged: Set<String> = ["id", "created_by", "created_at", "updated_at", "actor_id"]

    package func write() -> JSONObject {
        var document: JSONObject = [:]
        document["openapi"] = "3.1.0"
        document["info"] = [
            "title": .string("\(productName) API"),
            "version": "1.0.0",
            "description": .string(summary),
        ]
        document["servers"] = [["url": "/api", "description": "Same origin as the web app"]]
        document["security"] = [["bearerAuth": []]]
        document["tags"] = .array(tags().map { ["name": .string($0)] })
        document["paths"] = .object(paths())
        document["components"] = .object(components())
        return document
    }

    private func tag(for endpoint: Endpoint) -> String {
        switch endpoint.kind {
        case .me: return "Account"
        case .report: return "Reports"
        case .job: return "Jobs"
        default: return endpoint.table.flatMap { model.entity(table: $0)?.term.pluralTitle } ?? "Other"
        }
    }

    private func tags() -> [String] {
        var result: [String] = []
        for endpoint in endpoints where !result.contains(tag(for: endpoint)) { result.append(tag(for: endpoint)) }
        return result
    }

    private static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    private static func json(_ schema: JSONValue) -> JSONValue { ["application/json": ["schema": schema]] }
    private static func response(_ description: String, _ schema: JSONValue?) -> JSONValue {
        var object: JSONObject = ["description": .string(description)]
        if let schema { object["content"] = json(schema) }
        return .object(object)
    }

    private func paths() -> JSONObject {
        var paths: JSONObject = [:]
        var usedIDs: Set<String> = []
        for endpoint in endpoints {
            var operationID = endpoint.operationID
            var suffix = 2
            while usedIDs.contains(operationID) { operationID = endpoint.operationID + String(suffix); suffix += 1 }
            usedIDs.insert(operationID)
            var operation: JSONObject = [
                "operationId": .string(operationID),
                "summary": .string(endpoint.description),
                "tags": .strings([tag(for: endpoint)]),
            ]
            let entity = endpoint.table.flatMap { model.entity(table: $0) }
            var parameters: [JSONValue] = []
            if endpoint.path.includes("{id}") { parameters.append(["$ref": "#/components/parameters/Id"]) }
            var responses: JSONObject = [:]
            switch endpoint.kind {
            case .list:
                parameters += [["$ref": "#/components/parameters/Limit"], ["$ref": "#/components/parameters/Offset"]]
                if let entity {
                    let filters = entity.foreignKeys.map(\.name).filter { $0 != "created_by" } + entity.searchable
                    var seen: Set<String> = []
                    for name in filters where seen.insert(name).inserted {
                        let field = entity.field(name)
                        parameters.append([
                            "name": .string(name), "in": "query", "required": false,
                            "description": .string("Only \(entity.term.pluralPhrase) whose \(name) equals this value."),
                            "schema": field.map { Self.schema(for: $0, nullable: false) } ?? ["type": "string"],
                        ])
                    }
                    responses["200"] = Self.response("A page of \(entity.term.pluralPhrase).", Self.ref("\(entity.name)List"))
                }
            case .create:
                if let entity {
                    operation["requestBody"] = ["required": true, "content": Self.json(Self.ref("\(entity.name)Input"))]
                    responses["201"] = Self.response("The created \(entity.term.phrase).", Self.ref(entity.name))
                    responses["400"] = ["$ref": "#/components/responses/BadRequest"]
                }
            case .read:
                if let entity { responses["200"] = Self.response("The \(entity.term.phrase).", Self.ref(entity.name)) }
                responses["404"] = ["$ref": "#/components/responses/NotFound"]
            case .update:
                if let entity {
                    operation["requestBody"] = ["required": true, "content": Self.json(Self.ref("\(entity.name)Update"))]
                    responses["200"] = Self.response("The updated \(entity.term.phrase).", Self.ref(entity.name))
                    responses["400"] = ["$ref": "#/components/responses/BadRequest"]
                }
                responses["404"] = ["$ref": "#/components/responses/NotFound"]
            case .delete:
                responses["204"] = ["description": "Deleted."]
                responses["404"] = ["$ref": "#/components/responses/NotFound"]
            case .action:
                if let entity { responses["200"] = Self.response("The \(entity.term.phrase) after the action.", Self.ref(entity.name)) }
                responses["404"] = ["$ref": "#/components/responses/NotFound"]
                responses["409"] = Self.response("The action is not allowed in the record's current state.", Self.ref("Error"))
            case .export:
                responses["200"] = ["description": "CSV file, one row per record.", "content": ["text/csv": ["schema": ["type": "string"]]]]
            case .report:
                responses["200"] = Self.response("The report.", Self.ref("Report"))
            case .me:
                if endpoint.method == "DELETE" {
                    responses["204"] = ["description": "Account and personal data deleted."]
                } else if endpoint.path.hasSuffix("/export") {
                    responses["200"] = Self.response("Every record about the caller.", ["type": "object", "additionalProperties": true])
                } else if endpoint.method == "PATCH" {
                    operation["requestBody"] = ["required": true, "content": Self.json(Self.ref("ProfileUpdate"))]
                    responses["200"] = Self.response("The updated profile.", Self.ref("Profile"))
                } else {
                    responses["200"] = Self.response("The caller's profile.", Self.ref("Profile"))
                }
            case .job:
                responses["202"] = Self.response("The job ran.", ["type": "object", "required": ["processed"], "properties": ["processed": ["type": "integer", "minimum": 0]]])
            }
            responses["401"] = ["$ref": "#/components/responses/Unauthorized"]
            if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
            operation["responses"] = .object(responses)
            operation["x-requirement-ids"] = .strings(endpoint.requirementIDs)
            var item = paths[endpoint.path]?.objectValue ?? [:]
            item[endpoint.method.lowercased()] = .object(operation)
            paths[endpoint.path] = .object(item)
        }
        return paths
    }

    package static func schema(for field: DataModel.Field, nullable: Bool) -> JSONValue {
        var schema: JSONObject = [:]
        let base: String
        let type = field.type.lowercased()
        if type == "uuid" {
            base = "string"; schema["format"] = "uuid"
        } else if type.hasPrefix("int") || type == "bigint" || type == "smallint" || type.hasSuffix("serial") {
            base = "integer"
        } else if type.hasPrefix("numeric") || type.hasPrefix("decimal") || type == "real" || type.hasPrefix("double") || type == "float" {
            base = "number"
        } else if type == "boolean" || type == "bool" {
            base = "boolean"
        } else if type == "date" {
            base = "string"; schema["format"] = "date"
        } else if type.hasPrefix("timestamp") {
            base = "string"; schema["format"] = "date-time"
        } else if type.hasPrefix("time") {
            base = "string"; schema["format"] = "time"
        } else if type == "jsonb" || type == "json" {
            base = "object"
        } else {
            base = "string"
            if let format = field.format, format != "phone" { schema["format"] = .string(format) }
        }
        schema["type"] = nullable ? .strings([base, "null"]) : .string(base)
        if !field.allowed.isEmpty {
            schema["enum"] = .array(field.allowed.map { .string($0) } + (nullable ? [.null] : []))
        }
        return .object(schema)
    }

    private func components() -> JSONObject {
        var schemas: JSONObject = [:]
        for entity in model.entities {
            var properties: JSONObject = [:]
            for field in entity.fields { properties[field.name] = Self.schema(for: field, nullable: field.nullable) }
            schemas[entity.name] = [
                "type": "object",
                "description": .string(entity.isProfile ? "A signed-in person." : "A \(entity.term.phrase) (table \(entity.table))."),
                "required": .strings(entity.fields.map(\.name)),
                "properties": .object(properties),
            ]
            var input: JSONObject = [:]
            var required: [String] = []
            for field in entity.fields where !Self.serverManaged.contains(field.name) || entity.isProfile && field.name == "id" {
                input[field.name] = Self.schema(for: field, nullable: field.nullable)
                if !field.nullable && field.defaultValue == nil { required.append(field.name) }
            }
            var inputSchema: JSONObject = ["type": "object", "additionalProperties": false]
            if !required.isEmpty { inputSchema["required"] = .strings(required) }
            inputSchema["properties"] = .object(input)
            schemas["\(entity.name)Input"] = .object(inputSchema)
            var update = input
            update["id"] = nil
            schemas["\(entity.name)Update"] = ["type": "object", "additionalProperties": false, "minProperties": 1, "properties": .object(update)]
            schemas["\(entity.name)List"] = [
                "type": "object", "required": ["data", "next_offset"],
                "properties": [
                    "data": ["type": "array", "items": Self.ref(entity.name)],
                    "next_offset": ["type": ["integer", "null"], "description": "Offset of the next page; null on the last page."],
                ],
            ]
        }
        schemas["Report"] = [
            "type": "object", "required": ["name", "generated_at", "rows"],
            "properties": [
                "name": ["type": "string"],
                "generated_at": ["type": "string", "format": "date-time"],
                "rows": ["type": "array", "items": ["type": "object", "additionalProperties": true]],
            ],
        ]
        schemas["Error"] = [
            "type": "object", "required": ["error"],
            "properties": [
                "error": [
                    "type": "object", "required": ["code", "message"],
                    "properties": ["code": ["type": "string"], "message": ["type": "string"], "details": ["type": "object", "additionalProperties": true]],
                ],
            ],
        ]
        return [
            "schemas": .object(schemas),
            "parameters": [
                "Id": ["name": "id", "in": "path", "required": true, "description": "The record's id.", "schema": ["type": "string", "format": "uuid"]],
                "Limit": ["name": "limit", "in": "query", "required": false, "description": "Page size.", "schema": ["type": "integer", "minimum": 1, "maximum": 100, "default": 20]],
                "Offset": ["name": "offset", "in": "query", "required": false, "description": "Records to skip.", "schema": ["type": "integer", "minimum": 0, "default": 0]],
            ],
            "responses": [
                "BadRequest": Self.response("The request body or parameters are invalid.", Self.ref("Error")),
                "Unauthorized": Self.response("Missing or invalid bearer token.", Self.ref("Error")),
                "NotFound": Self.response("No such record, or not visible to the caller.", Self.ref("Error")),
            ],
            "securitySchemes": [
                "bearerAuth": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": "Supabase Auth access token."],
            ],
        ]
    }
}
