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
        "lodge", "nudge", "rewrite", "accept", "achieve", "acknowledge", "add", "adjust", "allocate", "allot", "allow", "alert", "analyse", "analyze",
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
        "pass", "hand", "queue", "stamp", "clock", "seal", "screen", "pitch", "commission", "ground", "catch", "cut", "draw", "hit", "stand", "award", "bid", "book", "change", "chat", "check", "comment", "cost", "count", "cover", "design", "document",
        "draft", "estimate", "file", "group", "guide", "host", "like", "list", "log", "mark", "message", "note",
        "order", "plan", "play", "post", "quote", "rate", "record", "return", "ride", "schedule", "share", "ship",
        "shop", "sketch", "store", "tag", "task", "text", "visit", "walk", "work", "audit", "repair", "report",
        "request", "review", "search", "transfer", "swap", "tip", "score", "price", "water", "harvest", "feed",
        "offer", "move", "trade", "vote", "test", "scan", "sign", "track", "issue", "match", "question", "answer",
        "reply", "supply", "design", "present", "release", "process", "pay", "view", "need", "wait", "help", "show",
        "produce", "invoice", "download", "upload", "purchase", "exchange", "claim", "label", "refund", "copy", "link",
    ]

    /// Common English verbs beyond a product brief's usual ones (a general list of frequent English
    /// verbs, then, from `shortlist` on, verbs of the tuning briefs' domains): rarely nouns of a
    /// brief. Words whose `-ing` or `-ed` form is a common noun of briefs (`wedding`, `seating`,
    /// `tasting`, `fishing`) are left out, since an inflected verb never names a record.
    package static let commonVerbs: Set<String> = [
        "abandon", "accompany", "accumulate", "acquire", "activate", "adapt", "admire", "admit", "adopt", "advertise",
        "advise", "afford", "agree", "amend", "anticipate", "apologise", "apologize", "appreciate", "argue", "arise",
        "assist", "assume", "attract", "authenticate", "await", "bathe", "beat", "beg", "behave", "believe", "belong",
        "bend", "bind", "bite", "bleed", "blend", "bless", "blow", "boil", "bother", "bounce", "break", "breathe",
        "breed", "brew", "broadcast", "burn", "bury", "calibrate", "carry", "celebrate", "certify", "chase", "cheer", "chew",
        "clarify", "classify", "climb", "cling", "collaborate", "commit", "communicate", "commute", "compete",
        "complain", "comply", "concentrate", "conclude", "conduct", "configure", "consider", "consist", "construct",
        "consume", "contain", "contribute", "convince", "coordinate", "cope", "criticise", "criticize", "decorate",
        "decrease", "dedicate", "defend", "delegate", "demonstrate", "depend", "derive", "deserve", "destroy",
        "develop", "diagnose", "dictate", "differ", "dig", "disagree", "disappear", "discourage", "dislike",
        "dispense", "divide", "drive", "eat", "educate", "elect", "eliminate", "embed", "emerge", "emphasise",
        "emphasize", "employ", "encourage", "endorse", "engage", "enhance", "enjoy", "enlist", "enquire", "inquire",
        "entertain", "equip", "erase", "escalate", "establish", "evolve", "exceed", "exclude", "exist", "expand",
        "expect", "express", "extend", "fail", "fasten", "ferment", "flee", "float", "fly", "fold", "forbid", "forget",
        "forgive", "freeze", "frighten", "fry", "gain", "greet", "grind", "grow", "guess", "hang", "happen", "harm",
        "hate", "hesitate", "hold", "hope", "hunt", "hurry", "hurt", "illustrate", "imagine", "imply", "impose",
        "impress", "indicate", "inherit", "inject", "insist", "instruct", "insure", "integrate", "intend", "interpret",
        "interrupt", "introduce", "invent", "invest", "investigate", "involve", "justify", "kick", "kneel", "knit",
        "knock", "laugh", "lean", "leap", "lift", "lose", "lower", "manufacture", "marry", "memorise", "memorize",
        "mention", "miss", "mix", "moderate", "motivate", "multiply", "nominate", "obey", "observe", "occupy", "occur",
        "offboard", "omit", "onboard", "operate", "oppose", "overcome", "overlook", "overwrite", "owe", "pause",
        "persuade", "photograph", "plead", "please", "plug", "polish", "postpone", "pour", "practise", "pray",
        "predict", "prefer", "pretend", "prevent", "proceed", "prohibit", "promote", "pronounce", "protect", "protest",
        "prove", "pull", "pump", "punish", "push", "quit", "react", "realise", "realize", "reassure", "rebuild",
        "recalculate", "recognise", "recognize", "recover", "recruit", "recycle", "reduce", "reflect", "refuse",
        "regret", "regulate", "reimburse", "reinforce", "relax", "rely", "remain", "remember", "renovate", "repay",
        "repeat", "replenish", "rescue", "resign", "resist", "restock", "restrict", "retire", "reveal", "reverse",
        "revise", "rinse", "rise", "rotate", "rub", "ruin", "rush", "sail", "satisfy", "scratch", "scream", "seek",
        "seem", "seize", "shake", "shave", "shine", "shoot", "shout", "shrink", "shut", "sing", "sink", "sit", "skip",
        "sleep", "slide", "slip", "smile", "solve", "speak", "spell", "spend", "spill", "spin", "spoil", "spray",
        "spread", "squeeze", "stare", "steal", "steer", "stick", "stimulate", "stir", "strengthen", "stretch",
        "strike", "struggle", "succeed", "suffer", "supervise", "suppose", "surround", "survive", "suspect", "swallow",
        "sweep", "swim", "swing", "tear", "tempt", "tend", "terminate", "thank", "think", "threaten", "throw",
        "tolerate", "touch", "transform", "travel", "treat", "trust", "try", "turn", "twist", "unload", "unpack",
        "undo", "understand", "unite", "urge", "vaccinate", "vanish", "vary", "wake", "wander", "wash", "waste",
        "wear", "weave", "weep", "welcome", "whisper", "wipe", "wish", "wonder", "worry", "wrap", "yell", "shortlist",
        "bookmark", "upvote", "downvote", "annotate", "mute", "ban", "unban", "prune", "sow", "mow", "rehearse",
        "reorder", "relist", "cross",
        "block", "discharge", "escort", "randomise", "randomize", "sample", "unblock",
        // Verbs the issue 18 census (session 9) found unread in briefs: `deducts`, `curates`, `defers`.
        "accredit", "cite", "curate", "deduct", "defer", "digitise", "digitize", "quarantine",
    ]

    /// Common English verbs that are as often nouns (`a judge`, `an interview`, `a refill`).
    package static let commonNounVerbs: Set<String> = [
        "judge", "attempt", "interview", "escape", "bottle", "highlight", "fund", "bill", "charge", "stock", "rank",
        "reward", "refill", "outline", "promise", "study", "increase", "forecast", "notice", "transport", "favourite",
        "favorite",
        // From the issue 18 census (session 9): `drivers start and end their shifts`, `boats land
        // their catch`, `crews stack the timber`, and `dry the seeds` (as often an adjective). Not
        // `radio` and `empty`: in lists of kit (`boards, radios and …`) and states (`full and
        // empty`) they are nouns and adjectives with no determiner to tell them apart.
        "bag", "bundle", "drill", "end", "land", "stack", "tap", "trace", "dry",
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
        "broke": "break", "broken": "break", "forgot": "forget", "forgotten": "forget", "forgave": "forgive",
        "forgiven": "forgive", "froze": "freeze", "frozen": "freeze", "grew": "grow", "grown": "grow", "hung": "hang",
        "rose": "rise", "risen": "rise", "shook": "shake", "shaken": "shake", "shot": "shoot", "slept": "sleep",
        "slid": "slide", "sought": "seek", "stole": "steal", "stolen": "steal", "stuck": "stick", "struck": "strike",
        "swept": "sweep", "swam": "swim", "threw": "throw", "thrown": "throw", "tore": "tear", "torn": "tear",
        "woke": "wake", "woken": "wake", "wove": "weave", "woven": "weave", "wept": "weep", "bent": "bend",
        "bound": "bind", "bit": "bite", "bitten": "bite", "bled": "bleed", "blew": "blow", "blown": "blow",
        "bred": "breed", "dug": "dig", "fled": "flee", "forbade": "forbid", "forbidden": "forbid",
        "overcame": "overcome", "spun": "spin", "rebuilt": "rebuild", "repaid": "repay", "undid": "undo",
        "undone": "undo", "sank": "sink", "sunk": "sink",
    ]

    package static let all: Set<String> = pureVerbs.union(nounVerbs).union(commonVerbs).union(commonNounVerbs).union(DomainLexicon.verbKinds.keys)

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

    /// Light verbs: verbs that say little of their own before an action noun, which carries the
    /// action (`does an inspection of`, `makes a booking for`, `gives approval to`, `carries out a
    /// check of`). A closed list of general English; `carry` only with its particle `out`.
    package static let lightVerbs: Set<String> = ["do", "make", "give", "run", "carry", "perform", "conduct", "undertake"]

    /// The base forms of the light verbs as written (`does`, `made`, `carried`), which the verb
    /// lexicon does not read since `do` is an auxiliary too.
    package static func lightVerb(_ word: String) -> String? {
        if ["do", "does", "did", "doing", "done"].contains(word) { return "do" }
        return base(of: word).flatMap { lightVerbs.contains($0) ? $0 : nil }
    }

    /// The verb an action noun is made from (`inspection` → `inspect`, `booking` → `book`,
    /// `approval` → `approve`, `assessment` → `assess`, `review` → `review`), by the suffix rules
    /// of `-ion`, `-ment`, `-al` and `-ing`, or nil when the noun names no action of a known verb
    /// (`reason`, `sale`). A noun that is the verb's own form (`review`, `check`) is the verb.
    package static func verb(ofActionNoun noun: String) -> String? {
        if all.contains(noun) { return noun }
        var candidates: [String] = []
        func drop(_ suffix: String, adding endings: [String]) {
            guard noun.hasSuffix(suffix), noun.count > suffix.count + 2 else { return }
            let stem = String(noun.dropLast(suffix.count))
            candidates += endings.map { stem + $0 }
        }
        // "application" → "apply", "confirmation" → "confirm", "reservation" → "reserve", "registration" → "register",
        // "inspection" → "inspect", "completion" → "complete", "submission" → "submit", "decision" → "decide".
        drop("ication", adding: ["y"])
        drop("ation", adding: ["", "e"])
        drop("ration", adding: ["er"])
        drop("ion", adding: ["", "e"])
        drop("ssion", adding: ["t"])
        drop("sion", adding: ["de", "se"])
        // "assessment" → "assess", "payment" → "pay"; "approval" → "approve", "renewal" → "renew".
        drop("ment", adding: [""])
        drop("al", adding: ["", "e"])
        if noun.hasSuffix("ing"), let verb = base(of: noun), verb != noun { candidates.append(verb) }
        return candidates.first { all.contains($0) }
    }

    /// Whether the word is a verb inflected for tense or aspect (`approved`, `scheduling`, `lent`),
    /// which never names a record.
    package static func isInflected(_ word: String) -> Bool {
        guard let base = base(of: word), base != word else { return false }
        return word.hasSuffix("ed") || word.hasSuffix("ing") || irregular[word] != nil
    }

    /// A verb that is rarely a noun: `describe`, `keep`, `wait` never become tables.
    package static func isPureVerb(_ word: String) -> Bool {
        (pureVerbs.contains(word) || commonVerbs.contains(word)) && !isNounVerb(word)
    }

    /// A verb that is as often a noun (`walk`, `judge`).
    package static func isNounVerb(_ word: String) -> Bool {
        nounVerbs.contains(word) || commonNounVerbs.contains(word)
    }
}

/// English words that qualify rather than name: they never become a record of their own.
package enum EnglishWords {
    /// Adjectives that follow their noun as a complement (`judge a learner ready`, `keep it clean`).
    package static let complements: Set<String> = [
        "ready", "clean", "dirty", "complete", "finished", "available", "unavailable", "open", "closed", "full", "empty", "safe",
        "active", "inactive", "visible", "hidden", "paid", "unpaid", "late", "ok", "fit", "eligible", "present", "absent", "missing",
        // Adverbs of place that follow the object the same way ("find teachers near them").
        "near", "nearby", "online", "together", "around", "abroad",
    ]

    /// Pronouns that name no particular thing (`report anything broken`).
    /// Nouns for people that no agent suffix (`-er`, `-or`, `-ist`, …) marks: general English,
    /// for any domain (`a claims clerk`, `the head chef`, `any guest`).
    /// Adverbs that follow a verb's object and end its noun phrase (`renew loans twice a year`).
    package static let trailingAdverbs: Set<String> = [
        "twice", "thrice", "daily", "weekly", "monthly", "yearly", "annually", "fortnightly", "hourly", "nightly", "quarterly", "online",
        "offline", "remotely", "manually", "automatically", "immediately", "promptly", "instantly", "later", "afterwards", "together", "again",
        // Particles of phrasal verbs after their object ("hand an item back", "put the chairs away").
        "back", "away", "aside", "forward", "apart",
        // "block a card straight away", "reply right away".
        "straight", "right",
    ]

    /// Verbs whose past participle is their base form (`fixtures are set by …`).
    /// Verbs whose passive the reader mostly takes for a state (`is made of`, `is given as`, `is
    /// split across`) but that, done to a thing, handle it as a record: `a pump test is done`,
    /// `a deduction is made`, `statements are sent`, `each collection is given a number`,
    /// `each accession is split into samples`, `its moisture is measured`.
    package static let handlingParticiples: Set<String> = ["do", "make", "send", "give", "split", "measure", "count", "weigh", "print"]

    package static let sameFormParticiples: Set<String> = ["set", "put", "cut", "shut", "hit", "spread", "read", "split", "quit", "reset", "broadcast", "upset"]

    /// Ordinals and like words that qualify a person without naming a role (`a second examiner`).
    package static let ordinals: Set<String> = ["first", "second", "third", "fourth", "fifth", "last", "next", "previous", "another", "extra", "backup", "spare"]

    /// Things named like agent nouns (a verb and `-er`): no person (`the storage freezer`).
    package static let thingsInEr: Set<String> = [
        "freezer", "printer", "scanner", "folder", "timer", "planner", "heater", "cooler", "container", "charger", "sticker", "marker",
        "poster", "trailer", "counter", "locker", "binder", "router", "computer", "reminder", "browser", "holder", "tracker", "server",
        "blender", "mixer", "cooker", "washer", "dryer", "roller", "cutter", "controller", "boiler", "feeder", "sprayer", "sprinkler",
        "recorder", "transmitter", "adapter", "converter", "monitor", "sensor", "detector", "processor", "elevator", "generator",
        "calculator", "indicator", "connector", "reflector", "projector", "compressor", "radiator", "incubator", "ventilator",
        "cover", "letter", "filter", "answer", "number", "order", "offer", "register", "voucher", "stopper", "opener", "dispenser",
    ]

    /// Nouns of two letters (`an ad`, `the TV`, `shows ID`): a shorter head is most often a stray
    /// letter or a unit (`a`, `km`), so an object of two letters is read only when it is one of these.
    package static let twoLetterNouns: Set<String> = ["ad", "tv", "id"]

    /// Measures and quantities: properties of a record, never records of their own (`logs each dive
    /// with the maximum depth and the water temperature`).
    package static let measures: Set<String> = [
        "depth", "temperature", "height", "width", "length", "distance", "speed", "volume", "quantity", "duration", "mileage",
        "humidity", "pressure", "altitude", "percentage", "ratio", "frequency",
    ]

    /// Departments: mass nouns for a body of work that qualify a role (`finance lead`, `sales
    /// manager`, `payroll clerk`), though a lexicon may know one as an actor on its own.
    package static let departments: Set<String> = [
        "finance", "sales", "marketing", "support", "hr", "legal", "payroll", "procurement", "accounts", "operations", "compliance",
        "facilities", "maintenance", "security", "logistics", "admissions", "reception", "housekeeping", "dispatch",
    ]

    /// Departments named by two words that no rule of `departments` reads as one (`Human
    /// resources approves leave`).
    package static let departmentPhrases: Set<String> = [
        "accounts payable", "accounts receivable", "human resources", "customer service", "customer success",
        "quality assurance", "quality control", "internal audit", "front office", "back office",
    ]

    /// Person nouns that name a group (`the crew`, `the board`): organisations, read by their own rules.
    package static let collectiveNouns: Set<String> = ["squad", "staff", "crew", "team", "panel", "board", "committee", "jury", "family", "household", "couple", "clergy"]

    package static let personNouns: Set<String> = [
        "clerk", "chef", "coach", "guest", "client", "patient", "student", "resident", "pupil", "judge", "host", "pilot",
        "vet", "tutor", "captain", "chairperson", "secretary", "treasurer", "steward", "warden", "cook", "maid", "boss", "colleague",
        "partner", "friend", "neighbour", "neighbor", "citizen", "athlete", "candidate", "applicant", "participant", "attendee", "delegate",
        "referee", "umpire", "fan", "sponsor", "donor", "trustee", "member", "admin", "mechanic", "technician", "consultant", "agent",
        "midwife", "guardian", "kid", "adult", "visitor", "tourist", "passenger", "nanny", "surgeon", "tenant", "landlord", "landlady",
        "volunteer", "apprentice", "intern", "trainee", "mentee", "employee", "person", "nurse", "parent", "relative", "cousin", "spouse",
        "squad", "staff", "crew", "team", "officer", "official", "rep", "representative", "specialist", "expert", "assistant", "aide",
        "medic", "paramedic", "physio", "architect", "clergy", "priest", "student", "graduate", "alumnus", "cadet", "recruit", "novice",
        "beginner", "veteran", "chief", "director", "head", "principal", "dean", "provost", "registrar", "bursar", "janitor", "caretaker",
        "custodian", "concierge", "bartender", "barista", "waiter", "waitress", "butler", "groom", "bride", "couple", "family", "household",
        "policyholder", "beneficiary", "claimant", "defendant", "plaintiff", "witness", "juror", "jury", "panel", "board", "committee",
        // Family who act in a family business ("my son and me record …", "my wife does the selling").
        "son", "daughter", "wife", "husband", "brother", "sister",
        // People named by what they are rather than what they do ("a guard issues …", "the girl measure it").
        "guard", "girl", "boy", "man", "woman", "lady", "gentleman",
    ]

    package static let indefinitePronouns: Set<String> = [
        "anything", "something", "everything", "nothing", "anyone", "someone", "everyone", "noone", "anybody", "somebody",
        "everybody", "nobody", "whatever", "whoever",
    ]

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
        // Colours: qualities, never records ("yellow or red cards").
        "red", "yellow", "green", "blue", "black", "white", "orange", "purple", "pink", "brown", "grey", "gray", "silver", "gold",
        // Reflexive pronouns: the subject again, no record ("updates itself").
        "itself", "themselves", "himself", "herself", "myself", "ourselves", "yourself",
    ]

    /// Words that end a line introducing a list of things to do (`need to:`, `patients need to:`,
    /// `we want:`, `the app must:`): each item under it is a verb phrase whose subject is the
    /// words before them, or the brief's owner when there are none. Longest first.
    package static let listLeadIns: [[String]] = [
        ["must", "be", "able", "to"], ["should", "be", "able", "to"], ["would", "like", "to"], ["need", "to"], ["needs", "to"],
        ["want", "to"], ["wants", "to"], ["has", "to"], ["have", "to"], ["must"], ["should"], ["can"], ["need"], ["needs"], ["want"], ["wants"],
    ]

    /// Verbs of wanting whose object is a thing, not an act (`we'd like an app for the boathouse`,
    /// `the council wants an online service`): a wish for the product, no step anyone takes.
    /// `like`, `love` and `prefer` only after `would` (`members like posts` is an act).
    package static let wantingVerbs: Set<String> = ["want", "wants", "wanted", "wish", "wishes"]
    package static let wouldWishes: Set<String> = ["like", "love", "prefer"]
}
