import AIOSJSON

/// A UX spec read back for the code phase: derived by the engine or supplied by a user.
package struct UXModel: Sendable {
    package var pages: [Page]
    /// Colour tokens by name, in order.
    package var colors: [(name: String, hex: String)]
    package var radii: [(name: String, value: String)]
    package var fontFamily: String?

    /// Reads a whole UX output (`{ux_spec, ux_markdown}`) or the `ux_spec` object alone.
    ///
    /// - Throws: `AIOSError(.invalidInput)` naming the path of the first malformed member.
    package init(json value: JSONValue, path: String, model: DataModel) throws(AIOSError) {
        let outer = try ArtifactReader(value, path: path)
        let spec = outer.object["ux_spec"] != nil ? try outer.requiredObject("ux_spec") : outer
        pages = try spec.objects("pages").map { (reader) throws(AIOSError) in try Page(json: reader, model: model) }
        colors = []
        radii = []
        fontFamily = nil
        if let tokens = try spec.optionalObject("design_tokens") {
            if let colorReader = try tokens.optionalObject("colors") {
                for (name, value) in colorReader.object {
                    guard case .string(let hex) = value, ContrastColor(hex: hex) != nil else {
                        throw AIOSError(.invalidInput, "\(colorReader.child(name)) must be a hex colour like #1a2b3c",
                                        details: ["path": .string(colorReader.child(name))])
                    }
                    colors.append((name, hex))
                }
            }
            if let radiiReader = try tokens.optionalObject("radii") {
                for (name, value) in radiiReader.object { if let text = value.stringValue { radii.append((name, text)) } }
            }
            fontFamily = try tokens.optionalObject("typography")?.optionalString("font_family")
        }
    }
}
