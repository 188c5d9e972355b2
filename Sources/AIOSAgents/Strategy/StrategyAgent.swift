import AIOSJSON

/// `@pm`: turns the brief analysis into PRD-style requirements, personas, user stories, success
/// metrics, a complexity estimate and the PRD in Markdown.
package struct StrategyAgent: Sendable {
    package let analysis: BriefAnalysis
    /// Personas and stories a model wrote (``StrategyContent``), used in place of derived ones.
    package let authored: AuthoredStrategy?

    package init(analysis: BriefAnalysis, authored: AuthoredStrategy? = nil) {
        self.analysis = analysis
        self.authored = authored
    }

    private struct Requirement {
        var description: String
        var priority: String
        var actor: Term
        /// The brief's sentence it was read from; empty for a standard addition.
        var source: String = ""
        /// Why a requirement the brief does not state was added.
        var assumption: String? = nil
        /// The feature's statement as analysed, before the writer extends it.
        var statement: String = ""
    }

    private struct Quality {
        var category: String
        var description: String
        /// The brief's sentence that asked for it; empty for a standard one.
        var source: String = ""
    }

    /// The strategize output (SPEC §2).
    package func run() -> JSONObject {
        let functional = functionalRequirements()
        let nonFunctional = nonFunctionalRequirements()
        var constraints = constraintList()
        let coverage = BriefCoverage(spec: analysis.brief.spec, analysis: analysis,
                                     functional: functional.map { ($0.source, $0.description) },
                                     nonFunctional: nonFunctional.map(\.source),
                                     scaleID: nonFunctional.firstIndex { $0.category == "scalability" }.map { "NFR-\($0 + 1)" }, constraints: &constraints)
        let personas = self.personas(functional)
        let stories = userStories(functional)
        let metrics = successMetrics(functional)
        let complexity = estimatedComplexity()
        let summary = strategySummary(functional, complexity: complexity)

        var output: JSONObject = [:]
        output["requirements"] = [
            "functional": .array(functional.enumerated().map { index, requirement in
                var item: JSONObject = ["id": .string("FR-\(index + 1)"), "description": .string(requirement.description),
                                        "priority": .string(requirement.priority), "actor": .string(requirement.actor.phrase)]
                if let assumption = requirement.assumption {
                    item["assumed"] = .bool(true)
                    item["assumption"] = .string(assumption)
                }
                return .object(item)
            }),
            "non_functional": .array(nonFunctional.enumerated().map { index, item in
                ["id": .string("NFR-\(index + 1)"), "description": .string(item.description), "category": .string(item.category),
                 "verification": .string(Self.verification(category: item.category))]
            }),
            "constraints": .array(constraints.enumerated().map { index, text in
                ["id": .string("CON-\(index + 1)"), "description": .string(text)]
            }),
        ]
        output["personas"] = .array(personas)
        output["user_stories"] = .array(stories)
        output["success_metrics"] = .array(metrics)
        output["strategy_summary"] = .string(summary)
        output["estimated_complexity"] = .string(complexity)
        output["brief_coverage"] = .array(coverage.entries.map { entry in
            ["sentence": .string(entry.sentence), "ids": .strings(entry.ids), "use": .string(entry.use), "reason": .string(entry.reason)]
        })
        output["prd_markdown"] = .string(markdown(functional, nonFunctional, constraints, personas, stories, metrics, summary, complexity, coverage))
        return output
    }

    // MARK: - Requirements

    private var managerActor: Term { analysis.managerActor }

    private func functionalRequirements() -> [Requirement] {
        var result: [Requirement] = []
        func add(_ description: String, _ priority: String, _ actor: Term, source: String = "", assumption: String? = nil, statement: String = "") {
            guard !result.contains(where: { $0.description == description }) else { return }
            result.append(Requirement(description: description, priority: priority, actor: actor, source: source, assumption: assumption, statement: statement))
        }
        let hasAuthFeature = analysis.features.contains { $0.kind == .auth }
        if !hasAuthFeature {
            let providers = analysis.integrations.first { $0.kind == "auth" }?.named.filter { $0 != "email" } ?? []
            let names = providers.map { $0 == "saml" ? "SAML single sign-on" : $0 == "magic link" ? "a magic link" : Term.capitalized($0) }
            let with = providers.isEmpty ? "with email and password" : "with email and password or " + names.joined(separator: " or ")
            add("Users can sign up, sign in and sign out \(with).", "must", Term(words: ["user"]),
                assumption: "Standard: people who keep records of their own need an account; the brief does not describe signing in.")
        }
        if let tenant = analysis.tenant {
            add("Users can create a \(tenant.phrase), invite people to it and switch between the \(tenant.pluralPhrase) they belong to.", "must", Term(words: ["user"]),
                assumption: "Standard: the brief keeps data per \(tenant.phrase), so people must create and join one.")
        }
        let matcher = EntityMatcher(analysis.entities.map(\.term))
        for feature in analysis.features {
            var description = feature.statement
            if feature.kind == .auth, !description.lowercased().includes("sign out") {
                description = description.withoutFinalPeriod() + ". Users can sign out and reset their password."
            }
            let mentioned = matcher.entities(in: description)
            // (Once each: a verb's two objects may name one record, `assign a presiding officer and two poll clerks`.)
            var named: Set<Term> = []
            let unmentioned = feature.objects.filter { !mentioned.contains($0) && named.insert($0).inserted }
            if !unmentioned.isEmpty {
                description = description.withoutFinalPeriod() + "; " + unmentioned.map { "every \($0.phrase) is recorded" }.joined(separator: " and ") + "."
            }
            add(description, feature.priority, feature.actor, source: feature.source, statement: feature.statement)
        }
        // An integration the features do not already cover becomes a requirement of its own,
        // worded as the brief words it ("New tickets are posted to Slack.").
        // A line that states no step ("Card payments only.", "The first permit costs £65 a year.")
        // stays a constraint or a rule; it is no one's requirement.
        for integration in analysis.integrations where Self.integrationKinds.contains(integration.kind) && !integration.evidence.isEmpty
            && !BriefAnalyzer.statesNoStep(integration.evidence) {
            let words = Self.integrationWords[integration.kind] ?? []
            let covered = result.contains { requirement in
                let lower = requirement.description.lowercased()
                return words.contains { lower.includes($0) } || requirement.description == integration.evidence
            }
            guard !covered else { continue }
            let priority = Self.integrationPriority(integration.evidence)
            add(integration.evidence, priority, managerActor, source: integration.evidence)
        }
        if analysis.has(quality: "audit") || analysis.has(quality: "hipaa") {
            let evidence = analysis.qualities.first { $0.kind == "audit" || $0.kind == "hipaa" }?.evidence ?? ""
            add("\(managerActor.pluralTitle) can review the audit log of who created, changed, viewed or deleted which record and when.", "must", managerActor,
                source: evidence, assumption: "Standard: an audit trail is only useful if someone can read it; the brief asks for one.")
        }
        if analysis.has(quality: "gdpr") {
            add("Users can export their personal data and delete their account (GDPR rights of access and erasure).", "must", Term(words: ["user"]),
                source: analysis.qualities.first { $0.kind == "gdpr" }?.evidence ?? "")
        }
        // Every entity is named by at least one requirement, so endpoints and pages can cite one.
        let covered = Set(result.flatMap { matcher.entities(in: EndpointPlanner.predicate($0.description)) })
        let uncovered = analysis.entities.filter { !covered.contains($0.term) }
        // "Shops can create, view, update and delete … shops": the manager's own record is kept in
        // the owner's form, never in the manager's CRUD listing.
        let owned = uncovered.filter { $0.actor != nil || $0.term == managerActor }
        let records = uncovered.filter { $0.actor == nil && $0.term != managerActor }
        for entity in owned {
            let listing = managerActor == entity.term ? "" : "; \(managerActor.pluralPhrase) can list them"
            add("\(entity.term.pluralTitle) can view and update their own \(entity.term.phrase) record\(listing).", "should", entity.term,
                assumption: "Standard: the brief keeps data about \(entity.term.pluralPhrase) but says nothing about who keeps it current.")
        }
        if !records.isEmpty {
            let names = Self.list(records.map(\.term.pluralPhrase))
            add("\(managerActor.pluralTitle) can create, view, update and delete \(names).", "should", managerActor,
                assumption: "Standard: the brief names \(names) but no action on \(records.count == 1 ? "it" : "them"); someone must keep these records.")
        }
        return result
    }

    package static let integrationKinds: Set<String> = ["payments", "email", "sms", "push", "maps", "realtime", "chat_tools", "calendar", "analytics", "ai"]

    /// Words that show a requirement already covers an integration.
    package static let integrationWords: [String: [String]] = [
        "payments": ["pay", "stripe", "checkout", "subscription", "billing", "card"],
        "email": ["email", "e-mail", "remind"],
        "sms": ["sms", "text message", "remind"],
        "push": ["push", "notif"],
        "maps": ["map", "location", "nearby"],
        "realtime": ["realtime", "real-time", "live", "chat"],
        "chat_tools": ["slack", "teams", "discord"],
        "calendar": ["calendar", "ical", "outlook"],
        "analytics": ["analytics", "track"],
        "ai": ["ai", "suggest", "summar", "recommend"],
    ]

    package static func integrationPriority(_ evidence: String) -> String {
        let lower = " " + evidence.lowercased() + " "
        if lower.includes("nice to have") || lower.includes("optional") || lower.includes(" could ") { return "could" }
        if lower.includes(" later") || lower.includes("future") || lower.includes("out of scope") { return "wont" }
        if lower.includes(" must ") || lower.includes("required") { return "must" }
        return "should"
    }

    /// The brief's first sentence as a statement about the product: "Build "Ledgerly", a B2B
    /// invoicing SaaS." → "Ledgerly is a B2B invoicing SaaS."
    package static func pitch(_ sentence: String, name: String) -> String {
        var text = sentence.withoutFinalPeriod()
        for opener in ["We want to build ", "We want ", "I want to build ", "I want ", "I need ", "We need ", "Build ", "Create ", "Make ", "Develop ", "Design "] where text.hasPrefix(opener) {
            text = String(text.dropFirst(opener.count))
            break
        }
        for quoted in ["\"\(name)\"", "“\(name)”", name] where text.hasPrefix(quoted) {
            text = String(text.dropFirst(quoted.count)).trimmingWhitespace()
            if text.hasPrefix(",") { text = String(text.dropFirst()).trimmingWhitespace() }
            // "Shelfie runs …", "LunchBox lets …", "Plotkeeper is …": the brief's own verb stays.
            let first = String(text.prefix { $0 != " " }).lowercased()
            if ["is", "are", "was", "has", "will", "can"].contains(first) || (first.hasSuffix("s") && EnglishVerbs.base(of: first) != nil && EnglishVerbs.base(of: first) != first) {
                return "\(name) \(text)."
            }
            return "\(name) is \(text)."
        }
        if let first = text.first, first.isUppercase, !text.hasPrefix("A ") && !text.hasPrefix("An ") {
            return "\(name): \(text)."
        }
        if let first = text.first { text = first.lowercased() + text.dropFirst() }
        return "\(name) is \(text)."
    }

    package static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }

    private func nonFunctionalRequirements() -> [Quality] {
        var result: [Quality] = []
        func evidence(_ kinds: String...) -> String { analysis.qualities.first { kinds.contains($0.kind) }?.evidence ?? "" }
        let tenancy = analysis.tenant.map { " and through \($0.phrase) membership" } ?? ""
        result.append(Quality(category: "security", description: "Row-level security is enabled on every table: people reach only the rows they own\(tenancy); the service role key never reaches the browser."))
        if let tenant = analysis.tenant, analysis.has(quality: "tenancy") || true {
            result.append(Quality(category: "security", description: "Data is isolated per \(tenant.phrase): every row carries its \(tenant.phrase) id and every policy checks membership."))
        }
        if analysis.has(quality: "gdpr") {
            result.append(Quality(category: "privacy", description: "GDPR: personal data is minimised, exportable and erasable on request; processors are listed with data processing agreements; EU hosting region.", source: evidence("gdpr")))
        }
        if analysis.has(quality: "hipaa") {
            result.append(Quality(category: "compliance", description: "HIPAA-grade safeguards for health data: encryption at rest and in transit, least-privilege access, access logging, and a BAA with every hosting provider.", source: evidence("hipaa")))
        }
        if analysis.has(quality: "audit") || analysis.has(quality: "hipaa") {
            result.append(Quality(category: "compliance", description: "Every create, update and delete is written to an append-only audit log with actor, time, action and target.", source: evidence("audit", "hipaa")))
        }
        if analysis.has(quality: "encryption") && !analysis.has(quality: "hipaa") {
            result.append(Quality(category: "security", description: "Sensitive data is encrypted at rest and in transit (TLS 1.2+).", source: evidence("encryption")))
        }
        if analysis.has(quality: "pci") || analysis.has(integration: "payments") {
            result.append(Quality(category: "security", description: "Card data never touches our servers: payments go through the provider's hosted checkout (PCI DSS SAQ A).", source: evidence("pci")))
        }
        if analysis.has(quality: "sso") {
            result.append(Quality(category: "security", description: "Enterprise single sign-on through SAML 2.0 / OIDC, with just-in-time provisioning.", source: evidence("sso")))
        }
        if analysis.has(quality: "minors") {
            result.append(Quality(category: "privacy", description: "Data about minors is kept to the minimum needed (FERPA/COPPA where they apply); no third-party trackers.", source: evidence("minors")))
        }
        let level = analysis.qualities.first { $0.kind == "wcag" }?.level ?? "AA"
        result.append(Quality(category: "accessibility", description: "The interface meets WCAG 2.1 \(level): text contrast at least 4.5:1, full keyboard use, visible focus, labelled form fields.", source: evidence("wcag")))
        if analysis.has(quality: "mobile") {
            result.append(Quality(category: "usability", description: "Responsive from 320 px wide; touch targets at least 44 by 44 px; core flows usable one-handed on phones.", source: evidence("mobile")))
        }
        if let retention = analysis.qualities.first(where: { $0.kind == "retention" }) {
            result.append(Quality(category: "compliance", description: "Data retention as the brief sets it (\(retention.evidence.withoutFinalPeriod())): a scheduled job deletes or anonymises records past their retention period.", source: evidence("retention")))
        }
        if analysis.has(quality: "soc2") {
            result.append(Quality(category: "compliance", description: "SOC 2 / ISO 27001 readiness: access reviews, change management through pull requests, encrypted backups and incident runbooks.", source: evidence("soc2")))
        }
        if analysis.has(quality: "offline") {
            result.append(Quality(category: "reliability", description: "Core flows work offline and synchronise when the connection returns, without losing edits.", source: evidence("offline")))
        }
        if analysis.has(quality: "i18n") {
            result.append(Quality(category: "usability", description: "All user-facing text is translatable; dates, numbers and currencies follow the user's locale.", source: evidence("i18n")))
        }
        result.append(Quality(category: "performance", description: "API responses within 300 ms at the 95th percentile and pages interactive within 2.5 s on a mid-range phone."))
        if !analysis.scale.isEmpty {
            result.append(Quality(category: "scalability", description: "Sized for the stated load (\(analysis.scale.joined(separator: ", "))) with indexed foreign keys and paginated lists."))
        }
        let uptime = ["startup": "99.5", "scaleup": "99.9", "enterprise": "99.95"][analysis.budgetTier] ?? "99.5"
        result.append(Quality(category: "availability", description: "\(uptime)% monthly availability; daily backups with point-in-time recovery."))
        result.append(Quality(category: "maintainability", description: "Schema changes ship as versioned SQL migrations; the API is described by an OpenAPI 3.1 document kept in the repository."))
        return result
    }

    private func constraintList() -> [String] {
        var result = analysis.constraints
        let budget: String
        switch analysis.budgetTier {
        case "enterprise": budget = "Budget tier enterprise: managed services with SLAs, SSO and audit features are in budget."
        case "scaleup": budget = "Budget tier scaleup: managed services on paid tiers; no self-hosted infrastructure to operate."
        default: budget = "Budget tier startup: managed services on free or low-cost tiers; no infrastructure to operate."
        }
        result.append(budget)
        return result
    }

    // MARK: - Personas, stories, metrics

    private static let personaNames = ["Alex", "Sam", "Priya", "Jordan", "Mei", "Luis", "Amara", "Noah", "Sofia", "Kenji", "Fatima", "Elena"]

    private func personas(_ functional: [Requirement]) -> [JSONValue] {
        if let authored, !authored.personas.isEmpty { return authored.personas }
        return analysis.actors.prefix(8).enumerated().map { index, actor -> JSONValue in
            var goals = functional.filter { $0.actor == actor.term }.prefix(4).map(\.description)
            if goals.isEmpty, actor.isRole {
                // A role (admin, accountant) does what the people holding roles do.
                let holder = analysis.entities.first { $0.fields.contains { $0.hasPrefix("role:enum(") } }?.term
                goals = functional.filter { $0.actor == holder }.prefix(4).map(\.description)
            }
            let problems = analysis.brief.keyProblems.isEmpty
                ? ["Keeps track of this work in spreadsheets, email and memory today.", "Loses time switching between tools and chasing status."]
                : analysis.brief.keyProblems
            var description = "\(actor.term.title) of \(analysis.productName)"
            if actor.isRole { description += "; a role with its own permissions" }
            if let segment = analysis.brief.targetSegments.first { description += ", from the \(segment) segment" }
            return [
                "name": .string("\(Self.personaNames[index % Self.personaNames.count]), \(actor.term.phrase)"),
                "role": .string(actor.term.phrase),
                "description": .string(description + "."),
                "goals": .strings(goals.isEmpty ? ["Get their part of the work done in \(analysis.productName) quickly and safely."] : goals),
                "pain_points": .strings(problems),
            ]
        }
    }

    private func userStories(_ functional: [Requirement]) -> [JSONValue] {
        functional.enumerated().map { index, requirement -> JSONValue in
            if let story = authored?.stories[requirement.statement], !requirement.statement.isEmpty {
                return JSONValue.object([
                    "id": .string("US-\(index + 1)"), "actor": .string(requirement.actor.phrase), "story": .string(story.story),
                    "requirement_ids": .strings(["FR-\(index + 1)"]), "acceptance_criteria": .strings(story.acceptanceCriteria),
                ])
            }
            let action = Self.action(from: requirement.description, actor: requirement.actor)
            return [
                "id": .string("US-\(index + 1)"),
                "actor": .string(requirement.actor.phrase),
                "story": .string(Self.story(requirement.actor, action: action, description: requirement.description)),
                "requirement_ids": .strings(["FR-\(index + 1)"]),
                "acceptance_criteria": .strings(Self.earsCriteria(description: requirement.description, actor: requirement.actor.phrase, action: action,
                                                                 tenant: analysis.tenant?.phrase)),
            ]
        }
    }

    /// "As a member, I want to create invoices so that …"; a requirement that is no "X can …"
    /// sentence is quoted instead of forced into one.
    package static func story(_ actor: Term, action: String, description: String) -> String {
        let who = "As \(article(actor.phrase)) \(actor.phrase)"
        if description.includes(" can ") {
            return "\(who), I want to \(action) so that \(benefit(for: action))."
        }
        return "\(who), I need this to hold: \(description.withoutFinalPeriod())."
    }

    /// `a` or `an` before a word, by its sound as far as spelling tells.
    package static func article(_ word: String) -> String {
        let lower = word.lowercased()
        if ["hour", "honest", "heir"].contains(where: { lower.hasPrefix($0) }) { return "an" }
        if ["uni", "use", "user", "eu", "one", "once"].contains(where: { lower.hasPrefix($0) }) { return "a" }
        return "aeiou".contains(lower.first ?? "x") ? "an" : "a"
    }

    /// Acceptance criteria in EARS form (event-driven "When …, the system shall …", unwanted
    /// behaviour "If …, then the system shall …", state-driven "While …, the system shall …" for
    /// tenant-scoped records), each one testable on its own.
    package static func earsCriteria(description: String, actor: String, action: String, tenant: String? = nil) -> [String] {
        let clause = firstClause(action)
        let verb = String(clause.prefix { $0 != " " && $0 != "," })
        let lower = description.lowercased()
        var criteria: [String] = []
        if lower.includes("sign up") || lower.includes("sign in") {
            criteria.append("When a visitor submits a valid email and password to sign up, the system shall create the account and sign them in.")
            criteria.append("When a signed-in \(actor) signs out, the system shall end the session and show the sign-in page.")
            criteria.append("If the email or the password is wrong, then the system shall refuse to sign in without saying which one was wrong.")
            return criteria
        }
        if !description.includes(" can ") {
            // A statement about the product ("Overdue invoices trigger reminder emails."): the
            // ubiquitous form.
            var statement = description.withoutFinalPeriod()
            // "Overdue invoices …" reads on in lower case; "SMS …" and "I …" keep their capitals.
            let firstWord = statement.prefix { $0 != " " }
            if firstWord.dropFirst().allSatisfy(\.isLowercase), firstWord != "I", let first = statement.first {
                statement = first.lowercased() + statement.dropFirst()
            }
            criteria.append("The system shall provide this behaviour: \(statement).")
        } else {
            switch DomainLexicon.verbKinds[verb] {
            case .read:
                criteria.append("When a signed-in \(actor) asks to \(clause), the system shall show the current records they may see.")
            case .create, .manage, .update:
                criteria.append("When a signed-in \(actor) submits a valid request to \(clause), the system shall save it and show the saved result.")
                criteria.append("If the submitted values are invalid, then the system shall reject them with a message per field and keep what was entered.")
            case .delete:
                criteria.append("When a signed-in \(actor) confirms a request to \(clause), the system shall remove the record and no longer list it.")
            default:
                criteria.append("When a signed-in \(actor) asks to \(clause), the system shall complete it and confirm the result.")
            }
        }
        criteria.append(description.includes(" can ")
            ? "If someone without access tries to \(clause), then the system shall refuse the request and reveal no data."
            : "If someone without access asks for the records involved, then the system shall refuse the request and reveal no data.")
        // State-driven: in a multi-tenant product every record belongs to one tenant.
        if let tenant, !lower.includes("sign") && !lower.includes(" \(tenant)") {
            criteria.append("While \(article(actor)) \(actor) works in one \(tenant), the system shall show and change only that \(tenant)'s records.")
        }
        if lower.includes("remind") || lower.includes("notif") || (lower.includes("email") && !lower.includes("email and password")) {
            criteria.append("When a message is due, the system shall send it once, in the recipient's time zone, and retry a failed delivery.")
        }
        return criteria
    }

    /// How a non-functional requirement of a category is checked before release.
    package static func verification(category: String) -> String {
        switch category {
        case "security": "Automated test against the migration: as a user of another account or tenant, every select, insert, update and delete on each table returns no rows or is refused."
        case "privacy": "Automated test: a user's export holds every personal field, and after erasure no row references them."
        case "compliance": "Automated test that each create, update and delete writes its audit or retention record, plus a checklist review before release."
        case "accessibility": "axe-core scan of every page in CI with no serious or critical violations, keyboard-only walk-through of each flow, and the computed contrast checks of the design tokens."
        case "usability": "Test each core flow at 320 px width and in a second locale in the end-to-end suite."
        case "performance": "Load test of the API (p95 at most 300 ms) and a Lighthouse run on a mid-range mobile profile (interactive within 2.5 s) in CI."
        case "scalability": "Load test at the stated volume with production-sized seed data; every list endpoint is paginated and every foreign key indexed (checked on the migration)."
        case "availability": "Uptime monitoring against the target and a restore drill from backup before launch."
        case "reliability": "End-to-end test that edits made offline are synchronised without loss when the connection returns."
        case "maintainability": "CI check that the migrations apply to an empty database and the OpenAPI document validates."
        default: "Checklist review before release, recorded in the pull request."
        }
    }

    /// "Members can create invoices." → "create invoices".
    package static func action(from description: String, actor: Term) -> String {
        var text = description.withoutFinalPeriod()
        if let range = text.firstRange(of: " can ") { text = String(text[range.upperBound...]) }
        else if let first = text.first { text = first.lowercased() + text.dropFirst() }
        return text
    }

    package static func firstClause(_ action: String) -> String {
        String(action.prefix { $0 != ";" && $0 != "(" }).trimmingWhitespace()
    }

    package static func benefit(for action: String) -> String {
        let verb = String(action.prefix { $0 != " " && $0 != "," })
        switch DomainLexicon.verbKinds[verb] {
        case .read: return "I can decide what to do next without asking anyone"
        case .create: return "the work is recorded once and everyone involved sees it"
        case .manage, .update: return "the information stays accurate"
        case .delete: return "nothing outdated lingers"
        case .export: return "I can use the data in other tools"
        default: return "I finish the task without leaving the product"
        }
    }

    private func successMetrics(_ functional: [Requirement]) -> [JSONValue] {
        if !analysis.brief.successMetrics.isEmpty {
            return analysis.brief.successMetrics.map { metric in
                ["name": .string(metric), "target": .string(metric.contains(where: \.isNumber) ? metric : "Improve on the baseline measured at launch"),
                 "measurement": "Product analytics events and database queries, reviewed weekly."]
            }
        }
        let core = functional.first { $0.priority == "must" && $0.description.lowercased().includes(" can ") && !$0.description.lowercased().includes("sign") }
        let coreAction = core.map { Self.firstClause(Self.action(from: $0.description, actor: $0.actor)) } ?? "complete the core task"
        return [
            ["name": "Activation", "target": .string("60% of new accounts \(coreAction) within their first day"), "measurement": "Share of sign-ups with the first core action within 24 hours."],
            ["name": "Weekly retention", "target": "40% of activated accounts active in week 4", "measurement": "Accounts with at least one core action in their fourth week."],
            ["name": "Task time", "target": .string("Median time to \(coreAction) under 2 minutes"), "measurement": "Time from opening the form to saving it, from client events."],
        ]
    }

    private func estimatedComplexity() -> String {
        let integrations = analysis.integrations.filter { !["auth", "export", "search"].contains($0.kind) }.count
        let heavy = analysis.qualities.filter { ["hipaa", "soc2", "sso", "pci", "i18n", "offline"].contains($0.kind) }.count
        let entities = analysis.entities.count
        if entities <= 3 && integrations <= 1 && heavy == 0 && analysis.tenant == nil { return "simple" }
        if entities >= 12 || integrations >= 5 || heavy >= 2 || analysis.budgetTier == "enterprise" || analysis.has(quality: "hipaa") { return "complex" }
        return "standard"
    }

    private func strategySummary(_ functional: [Requirement], complexity: String) -> String {
        let musts = functional.filter { $0.priority == "must" }.count
        let actors = Self.list(analysis.actors.map(\.term.pluralPhrase))
        let entities = Self.list(analysis.entities.map(\.term.pluralPhrase))
        var text = "\(Self.pitch(analysis.pitch, name: analysis.productName)) It serves \(actors), working with \(entities). "
        text += "\(functional.count) functional requirements (\(musts) must-have)"
        let integrations = analysis.integrations.filter { $0.kind != "auth" }.map { "\($0.title.lowercased()) (\($0.provider))" }
        if !integrations.isEmpty { text += "; integrations: \(integrations.joined(separator: ", "))" }
        let qualities = analysis.qualities.map(\.title)
        if !qualities.isEmpty { text += "; quality and compliance: \(qualities.joined(separator: ", "))" }
        text += ". Estimated complexity: \(complexity); budget tier \(analysis.budgetTier)."
        return text
    }

    // MARK: - PRD

    private func markdown(_ functional: [Requirement], _ nonFunctional: [Quality], _ constraints: [String],
                          _ personas: [JSONValue], _ stories: [JSONValue], _ metrics: [JSONValue], _ summary: String, _ complexity: String,
                          _ coverage: BriefCoverage) -> String {
        var md = Markdown()
        md.heading(1, "\(analysis.productName) — Product requirements")
        md.paragraph(summary)
        if !analysis.brief.targetSegments.isEmpty || analysis.brief.targetAudience != nil || analysis.brief.industry != nil {
            md.heading(2, "Market")
            var lines: [String] = []
            if let industry = analysis.brief.industry { lines.append("Industry: \(industry)") }
            if let audience = analysis.brief.targetAudience { lines.append("Audience: \(audience)") }
            lines += analysis.brief.targetSegments.map { "Segment: \($0)" }
            md.bullets(lines)
        }
        if !analysis.brief.keyProblems.isEmpty {
            md.heading(2, "Problems to solve")
            md.bullets(analysis.brief.keyProblems)
        }
        md.heading(2, "Personas")
        for persona in personas {
            md.heading(3, persona["name"]?.stringValue ?? "")
            md.paragraph(persona["description"]?.stringValue ?? "")
            md.bullets((persona["goals"]?.arrayValue ?? []).compactMap(\.stringValue).map { "Goal: \($0)" })
        }
        md.heading(2, "Functional requirements")
        md.table(["ID", "Priority", "Actor", "Requirement"], functional.enumerated().map { index, requirement in
            ["FR-\(index + 1)", requirement.priority, requirement.actor.phrase, requirement.description]
        })
        md.heading(2, "Non-functional requirements")
        md.table(["ID", "Category", "Requirement", "How it is checked"], nonFunctional.enumerated().map { index, item in
            ["NFR-\(index + 1)", item.category, item.description, Self.verification(category: item.category)]
        })
        md.heading(2, "Constraints")
        md.table(["ID", "Constraint"], constraints.enumerated().map { index, text in ["CON-\(index + 1)", text] })
        md.heading(2, "User stories")
        for story in stories {
            md.paragraph("**\(story["id"]?.stringValue ?? "")** (\((story["requirement_ids"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", "))) \(story["story"]?.stringValue ?? "")")
            md.bullets((story["acceptance_criteria"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        md.heading(2, "Success metrics")
        md.table(["Metric", "Target", "Measurement"], metrics.map { metric in
            [metric["name"]?.stringValue ?? "", metric["target"]?.stringValue ?? "", metric["measurement"]?.stringValue ?? ""]
        })
        md.heading(2, "Brief coverage")
        md.paragraph("What became of each sentence of the brief.")
        md.table(["Sentence", "Used as", "IDs", "Why"], coverage.entries.map { entry in
            [entry.sentence, entry.use, entry.ids.joined(separator: ", "), entry.reason]
        })
        let unused = coverage.entries.filter { $0.use == "not used" }
        if !unused.isEmpty {
            md.heading(3, "Not used")
            md.bullets(unused.map { "\($0.sentence) — \($0.reason)" })
        }
        md.heading(2, "Estimated complexity")
        md.paragraph("\(complexity): \(analysis.entities.count) entities, \(analysis.integrations.count) integrations, \(analysis.qualities.count) quality and compliance concerns.")
        return md.text
    }
}
