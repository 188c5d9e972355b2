import AIOSJSON

/// The requirements of a strategy artifact, read back from JSON: derived by the engine or
/// supplied by a user as the `requirements` input of a later phase.
package struct RequirementSet: Sendable, Hashable {
    package struct Functional: Sendable, Hashable {
        package var id: String
        package var description: String
        package var priority: String
        package var actor: String
    }

    package struct Item: Sendable, Hashable {
        package var id: String
        package var description: String
        package var category: String
        /// How a non-functional requirement is checked, when the artifact says.
        package var verification: String? = nil
    }

    /// A user story of a whole strategy artifact: the requirements it details and its criteria.
    package struct Story: Sendable, Hashable {
        package var id: String
        package var requirementIDs: [String]
        package var criteria: [String]
    }

    package var functional: [Functional]
    package var nonFunctional: [Item]
    package var constraints: [Item]
    /// Empty when only the `requirements` object was given.
    package var stories: [Story] = []

    /// Reads requirements from a whole strategize output (`{requirements: {...}, ...}`) or from
    /// its `requirements` object alone.
    ///
    /// - Throws: `AIOSError(.invalidInput)` naming the path of the first malformed member.
    package init(json value: JSONValue, path: String) throws(AIOSError) {
        var reader = try ArtifactReader(value, path: path)
        if reader.object["functional"] == nil, reader.object["requirements"] != nil {
            let outer = reader
            reader = try reader.requiredObject("requirements")
            stories = try outer.objects("user_stories", required: false).map { (item) throws(AIOSError) in
                Story(id: try item.string("id"), requirementIDs: try item.strings("requirement_ids"), criteria: try item.strings("acceptance_criteria"))
            }
        }
        functional = []
        for item in try reader.objects("functional") {
            let priority = try item.optionalString("priority") ?? "should"
            guard ["must", "should", "could", "wont"].contains(priority) else {
                throw AIOSError(.invalidInput, "\(item.child("priority")) must be one of must, should, could, wont",
                                details: ["path": .string(item.child("priority")), "found": .string(priority)])
            }
            functional.append(.init(id: try item.string("id"), description: try item.string("description"),
                                    priority: priority, actor: try item.optionalString("actor") ?? "user"))
        }
        nonFunctional = try reader.objects("non_functional", required: false).map { (item) throws(AIOSError) in
            Item(id: try item.string("id"), description: try item.string("description"), category: try item.optionalString("category") ?? "general",
                 verification: try item.optionalString("verification"))
        }
        constraints = try reader.objects("constraints", required: false).map { (item) throws(AIOSError) in
            Item(id: try item.string("id"), description: try item.string("description"), category: "constraint")
        }
        var seen: Set<String> = []
        for (index, requirement) in functional.enumerated() where !seen.insert(requirement.id).inserted {
            throw AIOSError(.invalidInput, "\(reader.child("functional"))[\(index)].id repeats \(requirement.id): requirement ids must be unique",
                            details: ["path": .string("\(reader.child("functional"))[\(index)].id")])
        }
    }
}
