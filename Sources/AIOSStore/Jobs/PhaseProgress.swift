/// How far a running phase's current attempt is, as its worker last reported it (a model
/// engine streaming its answer: "strategy: asking M: N characters received").
///
/// Recorded by `phase.progress` journal records, which the state machine accepts only from the
/// worker holding the job while the phase runs, and only when the percent or the message
/// changed and at least ``minimumInterval`` passed since the phase's last report: a stream
/// cannot flood the journal. Kept while the phase runs; any other phase status drops it.
public struct PhaseProgress: Sendable, Hashable {
    /// 0...100: how much of this phase's attempt is done (not of the job).
    public var percent: Int
    /// A short sentence for people, e.g. `strategy: asking gpt-x: 1200 characters received`.
    public var message: String
    /// When the worker reported it, in Unix milliseconds.
    public var at: Int64

    public init(percent: Int, message: String, at: Int64) {
        self.percent = percent
        self.message = message
        self.at = at
    }

    /// The shortest time between two recorded reports of one phase.
    public static let minimumInterval: Int64 = 1000
    /// The longest message kept, in UTF-8 bytes (longer ones are cut at a character boundary).
    public static let maxMessageBytes = 200

    /// `message` cut to ``maxMessageBytes``.
    static func bounded(_ message: String) -> String {
        guard message.utf8.count > maxMessageBytes else { return message }
        var result = ""
        for character in message {
            if result.utf8.count + character.utf8.count > maxMessageBytes - 3 { break }
            result.append(character)
        }
        return result + "…"
    }

    /// `{percent, message, at}` as `aios_get_status` shows it.
    var json: JSONValue {
        [
            "percent": .integer(percent), "message": .string(message),
            "at": .string(RFC3339Timestamp.format(milliseconds: at)),
        ]
    }
}
