import AIOSJSON

/// The common brief fields of every agent tool (SPEC §2), read from a tool's arguments.
package struct Brief: Sendable, Hashable {
    package var spec: String
    package var productName: String?
    package var targetSegments: [String]
    package var keyProblems: [String]
    package var successMetrics: [String]
    package var industry: String?
    package var targetAudience: String?
    package var budgetTier: String?

    /// Reads the brief fields from a tool's arguments.
    ///
    /// The arguments were validated against the tool's input schema already; this still refuses
    /// a wrong type with the failing path rather than trusting that.
    package init(input: JSONObject) throws(AIOSError) {
        let reader = ArtifactReader(object: input, path: "")
        spec = try reader.string("spec")
        productName = try reader.optionalString("product_name").flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0.trimmingWhitespace() }
        targetSegments = try reader.strings("target_segments")
        keyProblems = try reader.strings("key_problems")
        successMetrics = try reader.strings("success_metrics")
        if let context = try reader.optionalObject("context") {
            industry = try context.optionalString("industry")
            targetAudience = try context.optionalString("target_audience")
            budgetTier = try context.optionalString("budget_tier")
        }
    }
}
