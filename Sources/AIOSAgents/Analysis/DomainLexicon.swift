/// The vocabulary the brief analyser recognises: product nouns with their usual fields and
/// parents, people and roles, feature verbs, integrations and quality words.
///
/// Every table is an array, never a dictionary, so whatever is built from it comes out in the
/// same order on every run.
package enum DomainLexicon {
    /// A product noun the analyser knows, with the fields and parents such a record usually has.
    package struct Noun: Sendable {
        /// The canonical name, singular, space-separated words.
        package let name: String
        /// Other spellings that mean the same record (singular).
        package let aliases: [String]
        /// Entities this one usually belongs to, when the brief mentions them too.
        package let parents: [String]
        /// Field specs: `name:type[:unique][:optional]`; types: text, longtext, int, money,
        /// decimal, date, time, timestamp, bool, json, email, url, phone, enum(a|b|c).
        package let fields: [String]
        /// Words that need a feature verb or a relation to count as an entity (`order`, `class`).
        package let ambiguous: Bool

        package init(_ name: String, aliases: [String] = [], parents: [String] = [], fields: [String], ambiguous: Bool = false) {
            self.name = name
            self.aliases = aliases
            self.parents = parents
            self.fields = fields
            self.ambiguous = ambiguous
        }
    }

    package static let nouns: [Noun] = [
        // Workspaces and collaboration
        Noun("workspace", aliases: ["organization", "organisation", "tenant", "company account"], fields: ["name:text", "slug:text:unique"]),
        Noun("team", fields: ["name:text", "description:longtext:optional"]),
        Noun("member", aliases: ["membership", "team member"], parents: ["workspace", "team"], fields: ["role:text", "joined_at:timestamp"]),
        Noun("invitation", aliases: ["invite"], parents: ["workspace", "team"], fields: ["email:email", "role:text", "token:text:unique", "expires_at:timestamp", "accepted_at:timestamp:optional"]),
        Noun("project", parents: ["workspace", "team", "client"], fields: ["name:text", "description:longtext:optional", "status:enum(active|on_hold|completed|archived)", "due_date:date:optional"]),
        Noun("task", aliases: ["todo", "to-do", "ticket item"], parents: ["project", "board", "sprint"], fields: ["title:text", "description:longtext:optional", "status:enum(todo|in_progress|done)", "due_date:date:optional", "priority:enum(low|medium|high)"]),
        Noun("milestone", parents: ["project"], fields: ["title:text", "due_date:date"]),
        Noun("sprint", parents: ["project"], fields: ["name:text", "starts_on:date", "ends_on:date"]),
        Noun("board", parents: ["project", "workspace", "team"], fields: ["name:text"]),
        Noun("comment", parents: ["task", "post", "article", "issue", "document", "ticket", "photo", "video", "recipe"], fields: ["body:longtext"]),
        Noun("label", aliases: ["tag"], parents: ["workspace", "project"], fields: ["name:text", "color:text"]),
        Noun("attachment", parents: ["task", "message", "ticket", "issue"], fields: ["file_name:text", "storage_path:text", "size_bytes:int"]),
        Noun("document", aliases: ["doc"], parents: ["folder", "project", "workspace", "patient", "client"], fields: ["title:text", "storage_path:text:optional", "body:longtext:optional"]),
        Noun("folder", parents: ["workspace", "project"], fields: ["name:text"]),
        Noun("note", parents: ["project", "patient", "client", "contact", "deal"], fields: ["body:longtext"], ambiguous: true),
        Noun("issue", aliases: ["bug"], parents: ["project"], fields: ["title:text", "description:longtext:optional", "status:enum(open|in_progress|resolved|closed)", "severity:enum(low|medium|high|critical)"], ambiguous: true),
        Noun("time entry", aliases: ["timesheet", "timesheet entry"], parents: ["project", "task", "employee"], fields: ["started_at:timestamp", "minutes:int", "description:text:optional"]),
        // Invoicing and finance
        Noun("client", parents: ["workspace"], fields: ["name:text", "email:email", "company_name:text:optional", "billing_address:longtext:optional"]),
        Noun("invoice", parents: ["client", "workspace"], fields: ["number:text:unique", "status:enum(draft|sent|paid|overdue|void)", "issue_date:date", "due_date:date", "currency:text", "total:money"]),
        Noun("line item", aliases: ["invoice item", "invoice line"], parents: ["invoice", "estimate", "quote", "order"], fields: ["description:text", "quantity:decimal", "unit_price:money"]),
        Noun("tax rate", parents: ["workspace"], fields: ["name:text", "percentage:decimal"]),
        Noun("payment", parents: ["invoice", "order", "booking", "appointment", "subscription"], fields: ["amount:money", "currency:text", "method:enum(card|bank_transfer|cash|other)", "status:enum(pending|succeeded|failed|refunded)", "paid_at:timestamp:optional", "provider_reference:text:optional"]),
        Noun("estimate", aliases: ["quote", "quotation"], parents: ["client", "workspace"], fields: ["number:text:unique", "status:enum(draft|sent|accepted|declined)", "valid_until:date", "total:money"]),
        Noun("expense", parents: ["workspace", "project", "budget"], fields: ["description:text", "amount:money", "spent_on:date", "category:text"]),
        Noun("receipt", parents: ["expense", "payment"], fields: ["storage_path:text", "total:money"]),
        Noun("transaction", parents: ["bank account", "wallet", "budget"], fields: ["amount:money", "occurred_at:timestamp", "description:text", "category:text"]),
        Noun("budget", parents: ["workspace", "project"], fields: ["name:text", "amount:money", "period:enum(monthly|quarterly|yearly)"]),
        Noun("bank account", aliases: ["account"], parents: ["workspace"], fields: ["name:text", "currency:text", "balance:money"], ambiguous: true),
        Noun("wallet", fields: ["currency:text", "balance:money"]),
        Noun("subscription", parents: ["customer", "workspace", "plan"], fields: ["status:enum(trialing|active|past_due|canceled)", "current_period_end:timestamp"]),
        Noun("plan", aliases: ["pricing plan"], fields: ["name:text", "price:money", "billing_interval:enum(month|year)"], ambiguous: true),
        // Commerce
        Noun("product", aliases: ["item for sale"], parents: ["store", "category", "vendor"], fields: ["name:text", "description:longtext:optional", "price:money", "sku:text:unique", "stock:int"], ambiguous: true),
        Noun("category", parents: ["store", "workspace"], fields: ["name:text", "slug:text:unique"]),
        Noun("order", aliases: ["purchase"], parents: ["customer", "store", "restaurant"], fields: ["number:text:unique", "status:enum(pending|paid|shipped|delivered|cancelled)", "total:money", "placed_at:timestamp"], ambiguous: true),
        Noun("order item", aliases: ["order line"], parents: ["order", "product", "menu item"], fields: ["quantity:int", "unit_price:money"]),
        Noun("cart", aliases: ["shopping cart", "basket"], parents: ["customer"], fields: ["status:enum(open|checked_out|abandoned)"]),
        Noun("cart item", parents: ["cart", "product"], fields: ["quantity:int"]),
        Noun("store", aliases: ["shop"], parents: ["vendor", "merchant"], fields: ["name:text", "slug:text:unique"]),
        Noun("review", aliases: ["rating"], parents: ["product", "restaurant", "listing", "course", "driver", "host"], fields: ["rating:int", "body:longtext:optional"]),
        Noun("coupon", aliases: ["discount code", "promo code", "discount"], parents: ["store"], fields: ["code:text:unique", "percent_off:decimal", "expires_at:timestamp:optional"]),
        Noun("shipment", aliases: ["delivery"], parents: ["order"], fields: ["carrier:text", "tracking_number:text:optional", "status:enum(pending|in_transit|delivered|failed)", "delivered_at:timestamp:optional"]),
        Noun("address", parents: ["customer", "client", "patient"], fields: ["line1:text", "line2:text:optional", "city:text", "postal_code:text", "country:text"]),
        Noun("warehouse", fields: ["name:text", "location:text"]),
        Noun("inventory item", aliases: ["stock item", "stock level"], parents: ["warehouse", "product"], fields: ["quantity:int", "reorder_level:int"]),
        Noun("supplier", parents: ["workspace"], fields: ["name:text", "email:email:optional", "phone:phone:optional"]),
        Noun("purchase order", parents: ["supplier", "warehouse"], fields: ["number:text:unique", "status:enum(draft|ordered|received|cancelled)", "ordered_on:date"]),
        Noun("restaurant", parents: [], fields: ["name:text", "address:text", "cuisine:text:optional"]),
        Noun("menu item", aliases: ["dish", "meal option"], parents: ["restaurant", "menu"], fields: ["name:text", "description:longtext:optional", "price:money", "is_available:bool"]),
        Noun("menu", parents: ["restaurant"], fields: ["name:text"], ambiguous: true),
        // Scheduling and bookings
        Noun("clinic", aliases: ["practice"], parents: ["workspace"], fields: ["name:text", "city:text", "address:text", "phone:phone:optional"]),
        Noun("appointment", aliases: ["consultation"], parents: ["clinic", "therapist", "doctor", "patient", "client", "customer"], fields: ["starts_at:timestamp", "ends_at:timestamp", "status:enum(booked|rescheduled|cancelled|completed|no_show)", "notes:longtext:optional"]),
        Noun("booking", aliases: ["reservation", "stay", "booking request"], parents: ["listing", "room", "venue", "guest", "customer", "event", "restaurant"], fields: ["starts_at:timestamp", "ends_at:timestamp", "status:enum(pending|confirmed|cancelled|completed)", "party_size:int:optional"]),
        Noun("schedule", aliases: ["weekly schedule", "working hours", "availability slot", "opening hours"], parents: ["therapist", "doctor", "employee", "instructor", "clinic"], fields: ["weekday:int", "starts_at:time", "ends_at:time"], ambiguous: true),
        Noun("time off", aliases: ["leave", "absence", "vacation", "leave request", "time off request"], parents: ["therapist", "doctor", "employee", "instructor"], fields: ["starts_on:date", "ends_on:date", "reason:text:optional"]),
        Noun("holiday", aliases: ["public holiday", "bank holiday"], parents: ["workspace", "department"], fields: ["name:text", "date:date"]),
        Noun("leave policy", aliases: ["leave type"], parents: ["workspace", "department"], fields: ["name:text", "days_per_year:decimal"]),
        Noun("ticket type", aliases: ["ticket tier", "price tier"], parents: ["event"], fields: ["name:text", "price:money", "quantity:int"]),
        Noun("program", aliases: ["training program", "workout plan", "training plan", "workout program"], parents: ["coach", "workspace"], fields: ["name:text", "description:longtext:optional", "weeks:int:optional"]),
        Noun("shift", parents: ["employee", "location", "schedule"], fields: ["starts_at:timestamp", "ends_at:timestamp", "role:text:optional"]),
        Noun("room", parents: ["venue", "clinic", "hotel", "property"], fields: ["name:text", "capacity:int"], ambiguous: true),
        Noun("venue", parents: ["workspace"], fields: ["name:text", "address:text", "capacity:int:optional"]),
        Noun("event", parents: ["venue", "workspace", "organizer", "community", "group"], fields: ["title:text", "description:longtext:optional", "starts_at:timestamp", "ends_at:timestamp", "capacity:int:optional"], ambiguous: true),
        Noun("ticket", aliases: ["support ticket", "help request"], parents: ["event", "customer", "workspace"], fields: ["subject:text", "status:enum(open|pending|resolved|closed)", "priority:enum(low|normal|high|urgent)"]),
        Noun("registration", aliases: ["rsvp", "signup"], parents: ["event", "attendee"], fields: ["status:enum(registered|waitlisted|cancelled|attended)", "registered_at:timestamp"]),
        Noun("session", aliases: ["talk", "class session"], parents: ["event", "course", "coach", "venue"], fields: ["title:text", "starts_at:timestamp", "ends_at:timestamp"], ambiguous: true),
        // Health
        Noun("medical record", aliases: ["patient record", "health record", "chart"], parents: ["patient"], fields: ["summary:longtext", "recorded_at:timestamp"]),
        Noun("prescription", parents: ["patient", "doctor", "appointment"], fields: ["medication:text", "dosage:text", "issued_on:date"]),
        Noun("treatment plan", aliases: ["treatment"], parents: ["patient", "therapist", "doctor"], fields: ["goals:longtext", "starts_on:date", "ends_on:date:optional"]),
        Noun("lab result", aliases: ["test result"], parents: ["patient"], fields: ["test_name:text", "value:text", "collected_at:timestamp"]),
        // Education
        Noun("course", aliases: ["curriculum"], parents: ["teacher", "instructor", "workspace", "school"], fields: ["title:text", "description:longtext:optional"]),
        Noun("lesson", aliases: ["module", "chapter"], parents: ["course"], fields: ["title:text", "position:int", "content:longtext:optional"]),
        Noun("quiz", aliases: ["test", "exam", "assessment"], parents: ["course", "lesson", "teacher"], fields: ["title:text", "description:longtext:optional", "time_limit_minutes:int:optional"]),
        Noun("question", parents: ["quiz", "survey", "exam", "form"], fields: ["prompt:longtext", "kind:enum(multiple_choice|short_answer)", "position:int", "points:int"]),
        Noun("answer option", aliases: ["choice", "option", "answer choice"], parents: ["question", "poll"], fields: ["label:text", "is_correct:bool"]),
        Noun("answer", aliases: ["response"], parents: ["question", "attempt", "submission", "survey response"], fields: ["value:longtext", "is_correct:bool:optional"], ambiguous: true),
        Noun("class", aliases: ["classroom", "cohort", "class group"], parents: ["teacher", "school"], fields: ["name:text", "join_code:text:unique"], ambiguous: true),
        Noun("assignment", aliases: ["homework"], parents: ["class", "course", "quiz", "teacher"], fields: ["due_at:timestamp", "instructions:longtext:optional"]),
        Noun("submission", parents: ["assignment", "student", "quiz"], fields: ["submitted_at:timestamp", "score:decimal:optional"]),
        Noun("attempt", aliases: ["quiz attempt"], parents: ["quiz", "student"], fields: ["started_at:timestamp", "submitted_at:timestamp:optional", "score:decimal:optional"]),
        Noun("enrollment", aliases: ["enrolment"], parents: ["course", "class", "student", "learner"], fields: ["enrolled_at:timestamp", "status:enum(active|completed|dropped)"]),
        Noun("grade", aliases: ["mark"], parents: ["student", "assignment", "course"], fields: ["value:decimal", "graded_at:timestamp"], ambiguous: true),
        Noun("certificate", parents: ["course", "student", "learner"], fields: ["issued_on:date", "code:text:unique"]),
        Noun("school", parents: [], fields: ["name:text", "city:text:optional"]),
        // Habits, fitness, personal
        Noun("habit", parents: [], fields: ["name:text", "frequency:enum(daily|weekly)", "target_per_period:int", "archived:bool"]),
        Noun("check-in", aliases: ["check in", "checkin", "habit log", "completion"], parents: ["habit", "goal"], fields: ["checked_on:date:unique-with-parent"]),
        Noun("goal", aliases: ["objective", "target"], parents: ["habit", "project", "athlete"], fields: ["title:text", "target_value:decimal:optional", "due_date:date:optional"], ambiguous: true),
        Noun("workout", aliases: ["training session"], parents: ["athlete", "coach", "program"], fields: ["performed_on:date", "duration_minutes:int", "notes:longtext:optional"]),
        Noun("exercise", parents: ["workout"], fields: ["name:text", "sets:int", "reps:int", "weight_kg:decimal:optional"]),
        Noun("meal", parents: ["meal plan"], fields: ["name:text", "eaten_at:timestamp", "calories:int:optional"]),
        Noun("meal plan", parents: [], fields: ["name:text", "week_starts_on:date"]),
        Noun("recipe", parents: ["collection", "cookbook"], fields: ["title:text", "instructions:longtext", "servings:int", "prep_minutes:int:optional"]),
        Noun("ingredient", parents: ["recipe"], fields: ["name:text", "quantity:text"]),
        Noun("journal entry", aliases: ["diary entry", "entry", "log entry", "mood entry"], parents: ["journal"], fields: ["body:longtext", "written_on:date", "mood:int:optional"], ambiguous: true),
        Noun("journal", parents: [], fields: ["title:text"]),
        Noun("measurement", parents: ["patient", "athlete", "device"], fields: ["kind:text", "value:decimal", "measured_at:timestamp"]),
        // Content and social
        Noun("post", aliases: ["blog post", "update"], parents: ["community", "group", "channel", "blog", "author"], fields: ["title:text:optional", "body:longtext", "published_at:timestamp:optional"], ambiguous: true),
        Noun("article", aliases: ["knowledge base article", "help article", "story"], parents: ["category", "author", "publication"], fields: ["title:text", "slug:text:unique", "body:longtext", "status:enum(draft|published|archived)", "published_at:timestamp:optional"]),
        Noun("message", aliases: ["chat message", "direct message", "dm"], parents: ["conversation", "channel", "ticket"], fields: ["body:longtext", "sent_at:timestamp", "read_at:timestamp:optional"], ambiguous: true),
        Noun("conversation", aliases: ["thread", "chat"], parents: ["workspace", "ticket", "listing"], fields: ["subject:text:optional"]),
        Noun("channel", parents: ["workspace", "team", "community"], fields: ["name:text", "is_private:bool"]),
        Noun("community", aliases: ["group", "forum", "club"], parents: [], fields: ["name:text", "description:longtext:optional", "is_private:bool"]),
        Noun("photo", aliases: ["image", "picture"], parents: ["album", "listing", "post", "property"], fields: ["storage_path:text", "caption:text:optional", "taken_at:timestamp:optional"]),
        Noun("album", aliases: ["gallery"], parents: [], fields: ["title:text"]),
        Noun("video", aliases: ["episode"], parents: ["channel", "course", "lesson", "playlist", "podcast"], fields: ["title:text", "storage_path:text", "duration_seconds:int"]),
        Noun("playlist", parents: [], fields: ["name:text", "is_public:bool"]),
        Noun("podcast", parents: [], fields: ["title:text", "description:longtext:optional"]),
        Noun("song", aliases: ["track"], parents: ["album", "playlist", "artist"], fields: ["title:text", "duration_seconds:int"], ambiguous: true),
        Noun("bookmark", aliases: ["saved link", "link"], parents: ["collection", "folder"], fields: ["url:url", "title:text", "note:text:optional"]),
        Noun("collection", aliases: ["board"], parents: [], fields: ["name:text", "is_public:bool"], ambiguous: true),
        Noun("poll", aliases: ["survey"], parents: ["community", "channel", "event"], fields: ["question:text", "closes_at:timestamp:optional"]),
        Noun("vote", parents: ["poll", "answer option", "post", "idea"], fields: ["value:int"], ambiguous: true),
        Noun("idea", aliases: ["feature request", "suggestion"], parents: ["workspace", "board"], fields: ["title:text", "description:longtext:optional", "status:enum(open|planned|in_progress|done|declined)"]),
        // CRM, HR, hiring
        Noun("contact", aliases: ["lead", "prospect"], parents: ["workspace", "company"], fields: ["name:text", "email:email:optional", "phone:phone:optional", "stage:enum(lead|qualified|customer|churned)"], ambiguous: true),
        Noun("company", aliases: ["organization account"], parents: ["workspace"], fields: ["name:text", "domain:text:optional"], ambiguous: true),
        Noun("deal", aliases: ["opportunity"], parents: ["contact", "company", "pipeline"], fields: ["title:text", "value:money", "stage:enum(new|qualified|proposal|won|lost)", "expected_close_on:date:optional"]),
        Noun("pipeline", parents: ["workspace"], fields: ["name:text"], ambiguous: true),
        Noun("activity", aliases: ["call", "meeting"], parents: ["deal", "contact"], fields: ["kind:enum(call|email|meeting|note)", "occurred_at:timestamp", "summary:text"], ambiguous: true),
        Noun("department", parents: ["workspace"], fields: ["name:text"]),
        Noun("job", aliases: ["job posting", "job opening", "position", "vacancy", "role opening"], parents: ["company", "workspace", "department"], fields: ["title:text", "description:longtext", "location:text:optional", "status:enum(draft|open|closed)"], ambiguous: true),
        Noun("application", aliases: ["job application"], parents: ["job", "candidate", "applicant"], fields: ["status:enum(applied|screening|interview|offer|hired|rejected)", "resume_path:text:optional", "applied_at:timestamp"], ambiguous: true),
        Noun("interview", parents: ["application", "candidate"], fields: ["scheduled_at:timestamp", "kind:text", "feedback:longtext:optional"]),
        Noun("payroll run", aliases: ["payslip", "payroll"], parents: ["workspace", "employee"], fields: ["period_start:date", "period_end:date", "gross_total:money"]),
        // Property and mobility
        Noun("property", aliases: ["building"], parents: ["landlord", "owner", "workspace"], fields: ["name:text", "address:text"]),
        Noun("listing", aliases: ["rental listing", "apartment", "home"], parents: ["host", "property", "seller"], fields: ["title:text", "description:longtext", "price_per_night:money", "city:text"], ambiguous: true),
        Noun("unit", aliases: ["flat"], parents: ["property"], fields: ["label:text", "bedrooms:int"], ambiguous: true),
        Noun("lease", aliases: ["rental agreement", "contract"], parents: ["unit", "property", "tenant"], fields: ["starts_on:date", "ends_on:date", "monthly_rent:money"]),
        Noun("maintenance request", aliases: ["repair request"], parents: ["unit", "property"], fields: ["description:longtext", "status:enum(open|scheduled|done)", "reported_at:timestamp"]),
        Noun("work order", aliases: ["job ticket", "service job", "job order", "service call"], parents: ["customer", "location", "asset"], fields: ["number:text:unique", "description:longtext", "status:enum(open|scheduled|in_progress|completed|cancelled)", "scheduled_for:timestamp:optional", "completed_at:timestamp:optional"]),
        Noun("vehicle", aliases: ["car", "truck", "bike"], parents: ["driver", "fleet", "workspace"], fields: ["plate_number:text:unique", "model:text", "capacity:int:optional"]),
        Noun("trip", aliases: ["ride", "journey"], parents: ["driver", "vehicle", "rider", "route"], fields: ["pickup_address:text", "dropoff_address:text", "requested_at:timestamp", "status:enum(requested|accepted|in_progress|completed|cancelled)", "fare:money:optional"], ambiguous: true),
        Noun("route", parents: ["workspace", "driver"], fields: ["name:text", "distance_km:decimal:optional"], ambiguous: true),
        Noun("parcel", aliases: ["package", "shipment item"], parents: ["shipment", "customer", "route"], fields: ["tracking_code:text:unique", "weight_kg:decimal", "status:enum(created|in_transit|delivered|returned)"]),
        Noun("location", aliases: ["site", "branch", "store location"], parents: ["workspace"], fields: ["name:text", "address:text", "latitude:decimal:optional", "longitude:decimal:optional"], ambiguous: true),
        // Misc
        Noun("asset", aliases: ["device", "equipment item"], parents: ["workspace", "location"], fields: ["name:text", "serial_number:text:unique", "status:enum(in_use|available|retired)"], ambiguous: true),
        Noun("donation", aliases: ["pledge"], parents: ["campaign", "donor"], fields: ["amount:money", "donated_at:timestamp"]),
        Noun("campaign", aliases: ["fundraiser"], parents: ["workspace"], fields: ["name:text", "goal_amount:money:optional", "starts_on:date", "ends_on:date:optional"]),
        Noun("pet", parents: ["owner", "client"], fields: ["name:text", "species:text", "born_on:date:optional"]),
        Noun("plant", parents: ["garden"], fields: ["name:text", "species:text", "watered_at:timestamp:optional"]),
        Noun("book", parents: ["library", "author", "shelf"], fields: ["title:text", "isbn:text:unique", "author_name:text"], ambiguous: true),
        Noun("loan", aliases: ["checkout", "borrowing"], parents: ["book", "member"], fields: ["borrowed_on:date", "due_on:date", "returned_on:date:optional"]),
        Noun("form", aliases: ["questionnaire"], parents: ["workspace"], fields: ["title:text", "is_published:bool"], ambiguous: true),
        Noun("survey response", aliases: ["form response", "form submission"], parents: ["form", "poll"], fields: ["submitted_at:timestamp"]),
        Noun("api key", parents: ["workspace"], fields: ["name:text", "prefix:text:unique", "last_used_at:timestamp:optional"]),
        Noun("webhook", parents: ["workspace"], fields: ["url:url", "events:text", "is_active:bool"]),
        Noun("audit log", aliases: ["audit trail", "access log", "activity log"], parents: ["workspace"], fields: ["action:text", "target_table:text", "target_id:uuid:optional", "occurred_at:timestamp", "ip_address:text:optional"]),
    ]

    /// Nouns that are never records of their own: reports, time units, the product itself.
    package static let nonEntities: Set<String> = [
        "report", "statistic", "stat", "analytics", "dashboard", "chart", "insight", "metric", "summary",
        "breakdown", "overview", "statistics", "analytics", "stats", "insights", "trend", "streak", "score", "progress", "balance", "revenue", "history",
        "data", "time", "day", "week", "month", "year", "hour", "minute", "second", "date", "way", "thing",
        "app", "application", "system", "platform", "product", "tool", "service", "site", "website", "page",
        "screen", "feature", "user", "people", "everyone", "anyone", "email", "sms", "phone", "code", "link",
        "csv", "pdf", "excel", "card", "online", "web", "mobile", "detail", "information", "info", "list",
        "status", "availability", "utilisation", "utilization", "access", "role", "permission", "account",
        "sign", "login", "password", "google", "github", "apple", "stripe", "supabase", "each", "other",
        "reminder email", "share", "result", "answers", "question statistic", "rate", "content", "city",
        "name", "number", "amount", "price", "total", "cost", "fee", "everything", "priority", "deadline", "title",
        "description", "confirmation", "slot", "weight", "notification", "reminder", "alert", "message", "rule", "request", "something", "them",
        "it", "their", "they", "this", "that", "these", "those", "one", "lot", "kind", "type", "support",
    ]

    /// People and roles. `entity` marks those that are records of the domain too (a clinic's
    /// patients), not only people who sign in (an admin).
    package static let actors: [(name: String, entity: Bool)] = [
        ("user", false), ("admin", false), ("administrator", false), ("owner", false), ("manager", false),
        ("staff", false), ("accountant", false), ("guest", true), ("visitor", false), ("editor", false),
        ("moderator", false), ("reviewer", false), ("auditor", false), ("operator", false), ("approver", false),
        ("dispatcher", false), ("receptionist", false), ("support agent", false), ("developer", false),
        ("designer", false), ("superadmin", false), ("analyst", false), ("finance", false),
        ("member", true), ("customer", true), ("client", true), ("patient", true), ("therapist", true),
        ("doctor", true), ("physician", true), ("nurse", true), ("dentist", true), ("teacher", true),
        ("student", true), ("pupil", true), ("parent", true), ("author", true), ("writer", true),
        ("seller", true), ("buyer", true), ("vendor", true), ("merchant", true), ("driver", true),
        ("rider", true), ("passenger", true), ("host", true), ("landlord", true), ("tenant", true),
        ("employee", true), ("instructor", true), ("tutor", true), ("learner", true), ("coach", true),
        ("athlete", true), ("trainer", true), ("subscriber", true), ("volunteer", true), ("organizer", true),
        ("organiser", true), ("attendee", true), ("speaker", true), ("recruiter", false), ("candidate", true),
        ("applicant", true), ("freelancer", true), ("contractor", true), ("courier", true), ("player", true),
        ("creator", true), ("artist", true), ("listener", false), ("reader", false), ("technician", true),
        ("mentor", true), ("mentee", true), ("caregiver", true), ("pharmacist", true), ("donor", true),
        ("shopper", true), ("traveler", true), ("traveller", true), ("agent", false), ("lawyer", true),
        ("librarian", false), ("cook", false), ("home cook", false), ("rep", false), ("sales rep", false),
        ("coordinator", false), ("hr admin", false), ("dispatcher", false), ("hiring manager", false), ("clinic manager", false), ("store manager", false), ("team lead", false),
        ("project manager", false), ("account manager", false), ("office manager", false),
    ]

    /// Heads that combine with a preceding noun into a compound role (`clinic manager`).
    package static let compoundRoleHeads: Set<String> = ["manager", "admin", "administrator", "lead", "agent", "owner", "staff"]

    /// What a feature verb does to its object, which decides its endpoints.
    package enum VerbKind: String, Sendable { case create, read, manage, update, delete, action, export }

    package static let verbs: [(word: String, kind: VerbKind)] = [
        ("create", .create), ("add", .create), ("write", .create), ("compose", .create), ("draft", .create),
        ("post", .create), ("upload", .create), ("submit", .create), ("record", .create), ("log", .create),
        ("register", .create), ("open", .create), ("define", .create), ("generate", .create),
        ("issue", .create), ("raise", .create), ("file", .create), ("request", .create), ("book", .create),
        ("reserve", .create), ("order", .create), ("buy", .create), ("purchase", .create), ("sell", .create),
        ("list", .create), ("rent", .create), ("plan", .create), ("invite", .create), ("import", .create),
        ("enter", .create), ("publish", .action), ("schedule", .create), ("start", .create), ("build", .create),
        ("make", .create), ("set", .create), ("donate", .create), ("apply", .create), ("leave", .create),
        ("see", .read), ("view", .read), ("browse", .read), ("search", .read), ("find", .read),
        ("filter", .read), ("read", .read), ("watch", .read), ("discover", .read), ("explore", .read),
        ("compare", .read), ("monitor", .read), ("get", .read), ("receive", .read), ("access", .read),
        ("download", .read), ("visit", .read), ("track", .manage), ("follow", .action), ("look", .read),
        ("check", .action), ("review", .read), ("manage", .manage), ("edit", .update), ("update", .update),
        ("change", .update), ("organize", .manage), ("organise", .manage), ("maintain", .manage),
        ("configure", .manage), ("customize", .update), ("customise", .update), ("rename", .update),
        ("reschedule", .action), ("assign", .action), ("reassign", .action), ("approve", .action),
        ("reject", .action), ("cancel", .action), ("complete", .action), ("close", .action),
        ("archive", .action), ("tag", .update), ("group", .update), ("rate", .action), ("comment", .action),
        ("like", .action), ("vote", .action), ("share", .action), ("send", .action), ("pay", .action),
        ("accept", .action), ("decline", .action), ("confirm", .action), ("mark", .action), ("join", .action),
        ("take", .action), ("answer", .action), ("message", .action), ("chat", .action), ("reply", .action),
        ("respond", .action), ("refund", .action), ("return", .action), ("renew", .action), ("duplicate", .action),
        ("delete", .delete), ("remove", .delete), ("get rid", .delete), ("save", .create), ("borrow", .create), ("store", .create), ("export", .export), ("print", .export), ("sync", .action),
        ("tick", .action), ("claim", .action), ("bid", .create), ("sign", .action), ("attend", .action),
    ]

    package static let verbKinds: [String: VerbKind] = {
        var table: [String: VerbKind] = [:]
        for verb in verbs where table[verb.word] == nil { table[verb.word] = verb.kind }
        return table
    }()

    /// Words that carry no domain meaning: articles, pronouns, auxiliaries, prepositions.
    package static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by", "for",
        "with", "from", "into", "onto", "about", "as", "is", "are", "was", "were", "be", "been", "being",
        "am", "do", "does", "did", "has", "have", "had", "can", "could", "should", "would", "will", "shall",
        "may", "might", "must", "cannot", "need", "needs", "it", "its", "this", "that", "these", "those", "there",
        "their", "they", "them", "we", "our", "us", "you", "your", "i", "me", "my", "he", "she", "his",
        "her", "him", "who", "whom", "which", "what", "when", "where", "why", "how", "all", "any", "each",
        "every", "some", "no", "not", "only", "own", "same", "such", "than", "too", "very", "just", "also",
        "up", "down", "out", "off", "over", "under", "again", "once", "here", "both", "few", "more", "most",
        "other", "per", "via", "etc", "eg", "ie", "like", "want", "wants", "let", "lets", "able", "new",
        "after", "before", "while", "during", "within", "without", "between", "across", "through",
        "asdf", "qwer", "lorem", "ipsum", "foo", "bar", "baz", "test", "todo", "tbd", "xyz", "hello", "world",
    ]

    /// Determiners and adjectives skipped before an object noun.
    package static let modifiers: Set<String> = [
        "a", "an", "the", "their", "its", "his", "her", "our", "your", "my", "each", "every", "all", "any",
        "new", "own", "multiple", "several", "many", "other", "existing", "weekly", "daily", "monthly",
        "upcoming", "past", "recent", "assigned", "overdue", "open", "available", "personal", "private",
        "public", "shared", "custom", "simple", "basic", "online", "single", "individual", "different",
        "various", "favorite", "favourite", "saved", "current", "active", "some", "more", "nearby", "local",
        "short", "long", "full", "detailed", "new", "one", "two", "three", "these", "those", "this", "that",
    ]

    /// Integrations: the kind, the words that reveal it, the default provider and named providers.
    package static let integrations: [(kind: String, title: String, triggers: [String], provider: String, providers: [String])] = [
        ("auth", "Authentication", ["sign in", "sign-in", "signin", "log in", "login", "sign up", "sign-up", "signup", "account", "password", "magic link", "oauth", "google", "github", "apple", "microsoft", "sso", "saml"], "Supabase Auth", ["google", "github", "apple", "microsoft", "facebook", "saml", "magic link"]),
        ("payments", "Payments", ["stripe", "paypal", "pay ", "payment", "card", "checkout", "billing", "subscription", "donat", "refund", "purchase"], "Stripe", ["stripe", "paypal", "adyen", "braintree", "mollie", "paddle"]),
        ("email", "Transactional email", ["email", "e-mail", "newsletter"], "Resend", ["sendgrid", "postmark", "mailgun", "resend", "ses"]),
        ("sms", "SMS", ["sms", "text message", "whatsapp"], "Twilio", ["twilio", "vonage", "messagebird"]),
        ("push", "Push notifications", ["push notification", "push"], "Web Push", ["firebase", "onesignal"]),
        ("maps", "Maps and geolocation", ["map", "maps", "geolocation", "nearby", "directions", "gps", "distance"], "Mapbox", ["google maps", "mapbox", "openstreetmap"]),
        ("realtime", "Realtime updates", ["realtime", "real-time", "real time", "live ", "chat", "instant", "presence", "collaborat"], "Supabase Realtime", []),
        ("search", "Search", ["search", "full-text", "full text", "find "], "PostgreSQL full-text search", ["algolia", "meilisearch", "elasticsearch", "typesense"]),
        ("storage", "File upload", ["upload", "attachment", "photo", "image", "file", "avatar", "pdf", "document", "video", "resume", "receipt"], "Supabase Storage", ["s3", "cloudinary"]),
        ("analytics", "Product analytics", ["analytics", "usage tracking", "funnel", "posthog", "mixpanel", "amplitude"], "PostHog", ["posthog", "mixpanel", "amplitude", "google analytics", "plausible"]),
        ("chat_tools", "Chat tools", ["slack", "microsoft teams", "discord", "mattermost"], "Slack", ["slack", "microsoft teams", "discord", "mattermost"]),
        ("calendar", "Calendar sync", ["calendar", "ical", "ics", "outlook"], "Google Calendar", ["google calendar", "outlook", "ical"]),
        ("ai", "AI assistance", ["ai ", "ai-", "gpt", "llm", "openai", "machine learning", "recommendation", "summari"], "OpenAI", ["openai", "anthropic"]),
        ("export", "Data export", ["csv", "export", "excel", "spreadsheet"], "CSV export", []),
    ]

    /// Compliance and quality words: the kind, a title, the words that reveal it.
    package static let qualities: [(kind: String, title: String, triggers: [String])] = [
        ("gdpr", "GDPR", ["gdpr", "data protection", "right to be forgotten", "personal data"]),
        ("hipaa", "HIPAA", ["hipaa", "protected health information", "phi", "medical data", "patient data", "medical record"]),
        ("wcag", "Accessibility (WCAG)", ["wcag", "accessib", "a11y", "screen reader"]),
        ("sso", "Single sign-on", ["sso", "saml", "single sign-on", "scim", "okta", "azure ad"]),
        ("audit", "Audit log", ["audit", "access log", "activity log"]),
        ("retention", "Data retention", ["retention", "retain", "archiv", "kept for"]),
        ("offline", "Offline support", ["offline", "no connection", "poor connectivity"]),
        ("encryption", "Encryption", ["encrypt", "encryption at rest", "end-to-end"]),
        ("tenancy", "Tenant isolation", ["isolated per", "multi-tenant", "multitenant", "tenant", "isolation"]),
        ("mobile", "Mobile-friendly", ["phone", "mobile", "responsive", "tablet", "ios", "android", "on the go"]),
        ("performance", "Performance", ["fast", "latency", "performance", "under 200", "p95", "p99", "millisecond", " ms "]),
        ("availability", "Availability", ["uptime", "99.9", "high availability", "24/7"]),
        ("i18n", "Internationalisation", ["multiple languages", "multilingual", "translation", "locali", "i18n", "languages", "spanish", "german", "french", "portuguese", "italian", "japanese", "arabic"]),
        ("soc2", "SOC 2", ["soc 2", "soc2", "iso 27001"]),
        ("pci", "PCI DSS", ["pci", "card data"]),
        ("minors", "Children's privacy", ["coppa", "ferpa", "children", "kids", "minors", "secondary-school", "school"]),
    ]

    /// Quality kinds whose triggers are words of the domain (`children`, `school`, `phone`) rather
    /// than of a statement about how the product must behave: a sentence that holds one may well
    /// describe what people do, so it does not mark the sentence as a non-functional one.
    package static let domainWordQualities: Set<String> = ["minors", "mobile"]

    /// Verbs by which someone hands a thing over to the people who run the product (`Residents
    /// report noise`, `Customers place orders`): what is then done to it without an agent
    /// (`Every complaint is acknowledged`) is done by those who handle it, not by the one who
    /// handed it over.
    package static let submissionVerbs: Set<String> = ["report", "submit", "file", "lodge", "apply", "request", "complain", "raise", "place", "order", "send", "refer"]

    /// Verbs of billing: a person as their passive's subject is the one billed or paid, by whoever
    /// keeps the accounts (`the client is charged for them`, `Hosts are paid every four weeks`,
    /// `Customers are invoiced weekly`), which the answers give to the generic user.
    package static let billingVerbs: Set<String> = ["charge", "bill", "invoice", "pay", "refund", "reimburse", "fine"]

    /// Verbs of measuring, states in the active voice (`a crate weighs 20 kg`, `that counts as
    /// late`) but acts in the passive with a thing as the subject (`every crate is weighed`, `cash
    /// is counted at the depot`): someone measures the thing and records it, the generic user in
    /// the answers (issue 18, session 10).
    package static let measuringVerbs: Set<String> = ["weigh", "count", "measure"]

    /// Verbs of telling a person something: a person as their passive's subject is the one told,
    /// by whoever runs the product (`Neighbours within 500 metres are notified at least 24 hours
    /// before a blast`); a thing as the subject (`the notice is sent`) stays unread (issue 18,
    /// session 11).
    package static let tellingVerbs: Set<String> = ["notify", "remind", "alert", "warn", "inform"]

    /// Words that end a noun phrase: what follows describes the noun, it is not part of it.
    package static let phraseBreakers: Set<String> = [
        "made", "consisting", "composed", "containing", "including", "based", "called", "named", "using",
        "such", "that", "which", "who", "whose", "where", "when", "while", "because", "so", "than",
    ]

    /// Verbs whose doing makes a record the brief names by the verb alone: whoever is invoiced
    /// or billed gets an invoice (`clients are invoiced when …`, `I invoice the customer`). Money
    /// that changes hands is a record whatever the verb takes: paying makes a payment, whether it
    /// pays someone (`pay researchers through the platform`, `hosts are paid every four weeks`),
    /// for something (`pay for it online`) or nothing (`he pay, cash or card`), and refunding
    /// makes a refund (`everyone booked on it is refunded`). Goods that leave for a customer are
    /// one too: what is delivered makes a delivery, what is shipped a shipment (`the order is cut,
    /// bundled and delivered on our own lorry`, `we ship on Tuesdays`).
    package static let recordsMadeByVerbs: [(verb: String, record: String)] = [
        ("invoice", "invoice"), ("bill", "invoice"), ("pay", "payment"), ("refund", "refund"),
        ("deliver", "delivery"), ("ship", "shipment"),
    ]

    /// Words naming the kind of product, used to derive a name when the brief gives none.
    package static let productKinds: Set<String> = [
        "app", "application", "system", "platform", "tool", "tracker", "saas", "service", "portal",
        "marketplace", "dashboard", "website", "site", "crm", "manager", "planner", "builder", "hub",
        "network", "directory", "board", "journal", "shop", "store", "api", "bot", "assistant", "box", "desk", "helpdesk",
    ]

    /// Abstract nouns of manner, sequence and division: how, in what order or in how many pieces
    /// something is done (`pay in two parts`, `kept informed at every step`), and a change made to
    /// a record, which its history keeps (`every change to a reading is kept`). Counted or after a
    /// preposition, they name no kind of thing the product keeps.
    package static let mannerNouns: Set<String> = ["part", "step", "sequence", "manner", "way", "turn", "half", "change"]

    /// Verbs of attendance that take a particle and no object (`clock in`, `clock out`, `check
    /// in`), and the record each makes. `sign in` and `log in` are signing into the product.
    package static let attendanceRecords: [String: String] = ["clock": "clock-in", "check": "check-in"]

    /// Verbs that, with no object, make the record they name (`customers pay by direct debit`
    /// makes a payment, `candidates apply with a CV` an application).
    package static let objectlessRecords: [String: String] = ["pay": "payment", "apply": "application"]

    /// Words that name software itself: a product called after a record so named would say it
    /// twice (`Application App`).
    package static let softwareWords: Set<String> = ["app", "application", "software", "platform", "system", "portal", "website", "saas", "api"]

    /// Adjectives that never start a product name.
    package static let nameFillers: Set<String> = [
        "tiny", "simple", "small", "little", "web", "mobile", "b2b", "b2c", "new", "modern", "lightweight",
        "basic", "minimal", "online", "smart", "easy", "cloud", "internal", "open", "source", "free", "an",
        "a", "the", "our", "my", "build", "create", "make", "we", "want", "need", "i", "lightweight", "tiny", "powerful",
    ]
}
