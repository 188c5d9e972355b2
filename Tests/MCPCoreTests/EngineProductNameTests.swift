import Testing
@testable import MCPCore

/// The product's name heads every artifact: it is the name the brief gives, never a word that
/// opens some later sentence, a quoted status, or words picked from across a sentence.
/// Sentences invented for these tests. Every case of `notANameOfTheProduct` failed before these
/// rules; `theBriefsOwnName` guards the names the rules must keep.
@Suite struct EngineProductNameTests {
    static func name(_ spec: String) throws -> String {
        try EngineClauseTests.analysis(spec).productName
    }

    @Test(arguments: [
        // A coined name anywhere, an ordinary word only in the opening sentence.
        ("Members book courts online. Pitchly tracks every booking and every refund.", "Pitchly"),
        ("Harvest is the ordering tool for our farm shop. Customers order boxes online.", "Harvest"),
        ("Rallyo is wanted by the tennis club to replace its paper diary. Members book courts online.", "Rallyo"),
        // A quoted name, capitalised.
        ("Build \"Kettle\", a tea subscription service. Subscribers pause deliveries online.", "Kettle"),
        // The nouns right before the kind of product, or the one who wants it.
        ("Our rowing club wants a website for its regattas. Crews enter races online.", "Rowing Club Website"),
        ("Leave planner for a small firm. Employees request leave and managers approve it.", "Leave Planner"),
    ])
    func theBriefsOwnName(spec: String, expected: String) throws {
        #expect(try Self.name(spec) == expected)
    }

    @Test(arguments: [
        // A record or a role opening a later sentence is no name.
        ("Clinicians record visits for patients. Case notes are kept for eight years.", "Case"),
        ("Stallholders rent pitches at the market. Rain cancels the market and refunds every pitch.", "Rain"),
        ("Hauliers book loading slots at the depot. Freight is weighed at the gate.", "Freight"),
        ("The surveyor measures each roof. Homeowner is receiving a quote with the price.", "Homeowner"),
        // A quoted status or phrase is no name.
        ("Customers bring garments to the shop. Tailors alter each garment and mark it as \"finished\" when done.", "finished"),
        // Words picked from across the sentence are no name.
        ("We are a family bakery and want to replace our paper order book with a proper system.", "Order Book Proper System"),
        ("We deliver parcels to about 300 shops and need a system to prove each delivery.", "300 Shops System"),
    ])
    func notANameOfTheProduct(spec: String, wrong: String) throws {
        let name = try Self.name(spec)
        #expect(name != wrong)
        #expect(!name.lowercased().contains(" one ") && !name.contains("Proper") && name.first?.isNumber == false)
    }
}
