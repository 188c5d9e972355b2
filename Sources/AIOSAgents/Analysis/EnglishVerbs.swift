/// A general English verb lexicon: base forms, irregular past forms and the inflection rules that
/// take `borrows`, `approved`, `scheduling`, `lent` back to their base, for any domain.
///
/// The domain lexicon's verbs (`DomainLexicon.verbs`) say what a verb does to its record
/// (create, read, …); this lexicon only says that a word is a verb and what its base form is.
/// Verbs that are as often nouns (`walk`, `review`, `swap`) are listed apart: they read as verbs
/// after a subject, and as nouns after an article or a verb.
package enum EnglishVerbs {
    /// Verbs rarely used as nouns of a product brief.
    package static let pureVerbs: Set<String> = [
        "accept", "achieve", "acknowledge", "add", "adjust", "allocate", "allow", "alert", "analyse", "analyze",
        "announce", "appear", "append", "apply", "appoint", "approve", "archive", "arrange", "arrive", "ask",
        "assemble", "assess", "assign", "attach", "attend", "audit", "authorise", "authorize", "avoid", "bake",
        "become", "begin", "borrow", "bring", "browse", "build", "buy", "calculate", "cancel", "capture",
        "catalogue", "categorise", "categorize", "choose", "claim", "clean", "clear", "close", "collect",
        "combine", "compare", "compile", "complete", "compose", "compute", "confirm", "connect", "consult",
        "contact", "continue", "convert", "copy", "correct", "create", "customise", "customize", "deactivate",
        "decide", "decline", "define", "delete", "deliver", "deny", "deploy", "describe", "detect", "determine",
        "disable", "discard", "disclose", "discover", "discuss", "dismiss", "dispatch", "display", "distribute",
        "donate", "download", "drop", "weigh", "duplicate", "earn", "edit", "email", "enable", "enroll", "enrol", "ensure",
        "enter", "estimate", "evaluate", "examine", "exchange", "execute", "expire", "explain", "explore",
        "export", "fetch", "fill", "finalise", "finalize", "find", "finish", "fix", "flag", "follow", "forward",
        "gather", "generate", "get", "give", "go", "grade", "grant", "handle", "hear", "help", "hide", "hire",
        "identify", "ignore", "import", "improve", "include", "inform", "inspect", "install", "invite",
        "invoice", "issue", "join", "keep", "know", "label", "launch", "learn", "leave", "lend", "let", "link",
        "listen", "load", "locate", "lock", "maintain", "make", "manage", "match", "measure", "meet", "merge",
        "migrate", "modify", "monitor", "move", "need", "negotiate", "notify", "obtain", "offer", "open",
        "organise", "organize", "pack", "pair", "participate", "pay", "perform", "pick", "place", "prepare",
        "prescribe", "present", "preview", "print", "prioritise", "prioritize", "process", "produce", "proofread",
        "propose", "provide", "publish", "purchase", "put", "qualify", "query", "raise", "reach", "read",
        "reassign", "receive", "recommend", "reconcile", "redeem", "refer", "refund", "register", "reject",
        "release", "remind", "remove", "rename", "renew", "reopen", "repair", "replace", "reply", "report",
        "represent", "request", "require", "reschedule", "reserve", "reset", "resolve", "respond", "restore",
        "retrieve", "reuse", "review", "revoke", "run", "save", "scan", "search", "see", "select", "sell",
        "send", "serve", "set", "settle", "ship", "sign", "simulate", "sort", "specify", "split",
        "start", "stop", "submit", "subscribe", "suggest", "supply", "suspend", "swap", "switch", "sync",
        "synchronise", "synchronize", "take", "teach", "tell", "test", "tick", "top", "track", "trade", "train",
        "transcribe", "transfer", "translate", "triage", "unlock", "unsubscribe", "update", "upgrade", "upload",
        "use", "validate", "verify", "view", "visit", "vote", "wait", "want", "warn", "watch", "win", "withdraw",
        "write", "price", "score", "pre-order", "preorder", "tip", "rent", "water", "harvest", "feed", "inspect",
    ]

    /// Verbs that are as often nouns (`a walk`, `the review`, `a swap`).
    package static let nounVerbs: Set<String> = [
        "award", "bid", "book", "change", "chat", "check", "comment", "cost", "count", "cover", "design", "document",
        "draft", "estimate", "file", "group", "guide", "host", "like", "list", "log", "mark", "message", "note",
        "order", "plan", "play", "post", "quote", "rate", "record", "return", "ride", "schedule", "share", "ship",
        "shop", "sketch", "store", "tag", "task", "text", "visit", "walk", "work", "audit", "repair", "report",
        "request", "review", "search", "transfer", "swap", "tip", "score", "price", "water", "harvest", "feed",
        "offer", "move", "trade", "vote", "test", "scan", "sign", "track", "issue", "match", "question", "answer",
        "reply", "supply", "design", "present", "release", "process", "pay", "view", "need", "wait", "help", "show",
        "produce", "invoice", "download", "upload", "purchase", "exchange", "claim", "label", "refund", "copy", "link",
    ]

    /// Irregular past tenses and participles, to their base form.
    package static let irregular: [String: String] = [
        "lent": "lend", "sold": "sell", "wrote": "write", "written": "write", "bought": "buy", "paid": "pay",
        "sent": "send", "took": "take", "taken": "take", "gave": "give", "given": "give", "kept": "keep",
        "met": "meet", "heard": "hear", "made": "make", "found": "find", "got": "get", "gotten": "get",
        "went": "go", "gone": "go", "saw": "see", "seen": "see", "brought": "bring", "built": "build",
        "chose": "choose", "chosen": "choose", "began": "begin", "begun": "begin", "left": "leave", "led": "lead",
        "knew": "know", "known": "know", "ran": "run", "told": "tell", "taught": "teach", "won": "win",
        "withdrew": "withdraw", "withdrawn": "withdraw", "shown": "show", "hid": "hide", "hidden": "hide",
        "fed": "feed", "held": "hold", "drew": "draw", "drawn": "draw", "spent": "spend", "stood": "stand",
        "understood": "understand", "thought": "think", "caught": "catch", "became": "become", "read": "read",
        "set": "set", "put": "put", "cut": "cut", "let": "let", "split": "split", "reset": "reset", "bid": "bid",
        "shut": "shut", "cost": "cost", "hit": "hit", "rode": "ride", "ridden": "ride", "drove": "drive",
        "driven": "drive", "flew": "fly", "flown": "fly", "ate": "eat", "eaten": "eat", "spoke": "speak",
        "spoken": "speak", "sat": "sit", "lost": "lose", "sang": "sing", "sung": "sing", "wore": "wear", "worn": "wear",
    ]

    package static let all: Set<String> = pureVerbs.union(nounVerbs).union(DomainLexicon.verbKinds.keys)

    /// The base form of a verb as written (`borrows` → `borrow`, `approved` → `approve`,
    /// `scheduling` → `schedule`, `lent` → `lend`), or nil when the word is not a known verb.
    package static func base(of word: String) -> String? {
        if all.contains(word) { return word }
        if let known = irregular[word] { return known }
        var candidates: [String] = []
        if word.hasSuffix("ies") { candidates.append(String(word.dropLast(3)) + "y") }
        if word.hasSuffix("es") { candidates.append(String(word.dropLast(2))) }
        if word.hasSuffix("s") { candidates.append(String(word.dropLast())) }
        for suffix in ["ied", "ed", "ing"] where word.hasSuffix(suffix) {
            let stem = String(word.dropLast(suffix.count))
            if suffix == "ied" { candidates.append(stem + "y"); continue }
            candidates.append(stem)
            candidates.append(stem + "e")
            if let last = stem.last, stem.count >= 3, stem.dropLast().last == last { candidates.append(String(stem.dropLast())) }
        }
        if let found = candidates.first(where: { all.contains($0) && $0.count >= 2 }) { return found }
        // "reorders", "rebooked", "reassign": `re-` before a verb of four letters or more is a verb.
        if word.hasPrefix("re"), word.count >= 6, let rest = base(of: String(word.dropFirst(2))), rest.count >= 4 { return "re" + rest }
        return nil
    }

    /// Whether the word is a verb inflected for tense or aspect (`approved`, `scheduling`, `lent`),
    /// which never names a record.
    package static func isInflected(_ word: String) -> Bool {
        guard let base = base(of: word), base != word else { return false }
        return word.hasSuffix("ed") || word.hasSuffix("ing") || irregular[word] != nil
    }

    /// A verb that is rarely a noun: `describe`, `keep`, `wait` never become tables.
    package static func isPureVerb(_ word: String) -> Bool {
        pureVerbs.contains(word) && !nounVerbs.contains(word)
    }
}

/// English words that qualify rather than name: they never become a record of their own.
package enum EnglishWords {
    package static let adverbsAndAdjectives: Set<String> = [
        "live", "near", "until", "done", "used", "final", "free", "ready", "popular", "valid", "invalid", "private",
        "public", "confidential", "incoming", "outgoing", "running", "current", "peak", "surplus", "daily", "weekly",
        "monthly", "yearly", "annual", "online", "offline", "late", "early", "soon", "later", "always", "never",
        "often", "today", "tomorrow", "yesterday", "tonight", "here", "there", "everywhere", "nearby", "around",
        "together", "apart", "away", "back", "forward", "instead", "already", "still", "yet", "even", "ever",
        "about", "above", "below", "least", "less", "much", "enough", "whole", "due", "able", "unable", "easy",
        "hard", "fast", "slow", "quick", "safe", "secure", "simple", "new", "old", "big", "small", "large", "long",
        "short", "high", "low", "good", "bad", "best", "worst", "first", "last", "next", "previous", "same",
        "different", "other", "another", "own", "certain", "several", "various", "main", "only", "real", "true",
        "false", "local", "remote", "paper", "both", "either", "neither", "else", "each", "such",
    ]
}
