import AIOSJSON

/// An architecture artifact read back for the later phases: derived by the engine or supplied by
/// a user as the `architecture` input of the UX and code tools.
package struct ArchitectureModel: Sendable, Hashable {
    package var preset: StackPreset
    package var dataModel: DataModel
    package var endpoints: [Endpoint]
    /// The migration as the architecture states it; nil when a user-supplied one has none.
    package var sqlMigration: String?
    package var openapi: JSONValue?

    /// Reads a whole architecture output (`{architecture, openapi, sql_migration, …}`) or its
    /// inner `architecture` object.
    ///
    /// - Throws: `AIOSError(.invalidInput)` naming the path of the first malformed member.
    package init(json value: JSONValue, path: String) throws(AIOSError) {
        let outer = try ArtifactReader(value, path: path)
        let inner = outer.object["architecture"] != nil ? try outer.requiredObject("architecture") : outer
        sqlMigration = try outer.optionalString("sql_migration")
        openapi = outer.object["openapi"]
        dataModel = try DataModel(json: inner.object["data_model"] ?? .null, path: inner.child("data_model"))
        let stack = try inner.optionalObject("stack")
        let presetName = try stack?.optionalString("preset")
        let frontend = try stack?.optionalString("frontend")
        preset = StackPreset.matching(presetName) ?? StackPreset.matching(frontend) ?? .default
        var endpoints: [Endpoint] = []
        if let design = try inner.optionalObject("api_design") {
            for item in try design.objects("endpoints") {
                endpoints.append(try Endpoint(json: item, model: dataModel))
            }
        }
        self.endpoints = endpoints
    }
}
