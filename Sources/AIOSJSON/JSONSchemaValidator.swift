import Synchronization

/// Validates JSON values against a JSON Schema (draft 2020-12), for the subset tool schemas use.
///
/// Supported keywords: `type` (a name or a list; `integer` also accepts doubles with an
/// integral value), `properties`, `required`, `additionalProperties` (`false` or a schema),
/// `minProperties`/`maxProperties`, `enum`, `const`, `items` (one schema for every element),
/// `minItems`/`maxItems`, `uniqueItems`, `minLength`/`maxLength` (counted in Unicode code
/// points), `pattern` (a Swift `Regex`, searched anywhere in the string as ECMA-262 does),
/// `minimum`/`maximum`/`exclusiveMinimum`/`exclusiveMaximum` (compared exactly across
/// integers and doubles), `allOf`/`anyOf`/`oneOf`/`not`, and boolean schemas.
/// Annotations (`title`, `description`, `default`, `examples`, `$schema`, `$id`, `format`, …)
/// and unknown keywords are ignored; `$ref` is refused, since ignoring it would silently
/// accept anything.
///
/// The schema is compiled once (a pattern's syntax is checked then, its `Regex` built on first
/// use); a validator is immutable and can be shared across tasks.
public struct JSONSchemaValidator: Sendable {
    /// The most violations `validate(_:)` reports for one instance.
    public static let maxViolations = 20

    private let root: Node

    /// Compiles a schema.
    ///
    /// - Parameter schema: The schema, an object or a boolean.
    /// - Throws: `JSONSchemaError` naming the offending keyword when a keyword's value has the
    ///   wrong shape, a pattern does not compile, or the schema uses `$ref`.
    public init(schema: JSONValue) throws(JSONSchemaError) {
        root = try Node(schema, at: "")
    }

    /// Checks an instance against the schema.
    ///
    /// - Parameter instance: The value to check.
    /// - Returns: The violations, at most `maxViolations`, in document order; empty when the
    ///   instance is valid. Does not throw.
    public func validate(_ instance: JSONValue) -> [JSONSchemaViolation] {
        var collector = Collector(limit: Self.maxViolations)
        var path: [PathToken] = []
        root.check(instance, path: &path, into: &collector)
        return collector.violations
    }

    /// Whether the instance satisfies the schema; stops at the first violation.
    ///
    /// - Parameter instance: The value to check.
    /// - Returns: `true` when `validate(_:)` would return no violations.
    public func isValid(_ instance: JSONValue) -> Bool {
        var collector = Collector(limit: 1)
        var path: [PathToken] = []
        root.check(instance, path: &path, into: &collector)
        return collector.violations.isEmpty
    }
}

/// A schema compiled on its first use instead of where it is declared. A process that
/// declares many schemas and checks values against few (every `aiosctl` command, an MCP session
/// that calls one or two tools) then skips compiling the rest: compiling the seven tools' input
/// schemas was 1.1 M of the 7.3 M instructions of `aios-mcp`'s start-up. The compiled validator,
/// or the compile error, is kept; thread-safe.
public final class LazyJSONSchemaValidator: Sendable {
    /// The schema as declared.
    public let schema: JSONValue
    private let compiled = Mutex<Result<JSONSchemaValidator, JSONSchemaError>?>(nil)

    public init(schema: JSONValue) {
        self.schema = schema
    }

    /// The compiled schema, or why it does not compile; compiled by the first caller.
    public var validator: Result<JSONSchemaValidator, JSONSchemaError> {
        compiled.withLock { compiled in
            if let compiled { return compiled }
            let result = Result { () throws(JSONSchemaError) in try JSONSchemaValidator(schema: schema) }
            compiled = result
            return result
        }
    }
}

// MARK: - Validation state

extension JSONSchemaValidator {
    private enum PathToken {
        case key(String)
        case index(Int)
    }

    private struct Collector {
        let limit: Int
        var violations: [JSONSchemaViolation] = []

        var isFull: Bool { violations.count >= limit }

        mutating func report(_ path: [PathToken], _ keyword: String, _ message: String) {
            guard !isFull else { return }
            var pointer = ""
            for token in path {
                switch token {
                case .key(let key): pointer += "/" + JSONError.pointerToken(key)
                case .index(let index): pointer += "/" + String(index)
                }
            }
            violations.append(JSONSchemaViolation(path: pointer, keyword: keyword, message: message))
        }
    }
}

// MARK: - Compiled schema

extension JSONSchemaValidator {
    /// A `pattern`, checked for well-formed syntax up front and compiled to a `Regex` on first
    /// use: most servers never validate a string against most patterns, and compiling them all at
    /// start-up would load Swift's regex libraries (≈ 1.5 MB of resident memory) for nothing.
    /// Matches are made under a lock, since `Regex` is not `Sendable`.
    private final class CompiledPattern: Sendable {
        let source: String
        private let regex = Mutex<Regex<AnyRegexOutput>?>(nil)

        /// - Throws: A description of the first syntax error.
        init(source: String) throws(PatternSyntaxError) {
            try Self.checkSyntax(source)
            self.source = source
        }

        /// Whether the pattern matches anywhere in `string` (ECMA-262 `test`); a pattern that
        /// passed the syntax check but still does not compile matches nothing.
        func matches(_ string: String) -> Bool {
            regex.withLock { regex in
                if regex == nil { regex = try? Regex(source) }
                guard let regex else { return false }
                return string.contains(regex)
            }
        }

        struct PatternSyntaxError: Error {
            let message: String
        }

        /// Brackets, parentheses, escapes and quantifiers are well placed (what `Regex` would
        /// refuse most often), without compiling anything.
        static func checkSyntax(_ source: String) throws(PatternSyntaxError) {
            var depth = 0
            var inClass = false
            var escaped = false
            var canRepeat = false  // an atom precedes: a quantifier may follow
            var afterQuantifier = false  // only a lazy `?` may follow
            var previous: Character = " "
            for character in source {
                defer { previous = character }
                if escaped {
                    escaped = false
                    canRepeat = !inClass
                    afterQuantifier = false
                    continue
                }
                if inClass {
                    if character == "\\" { escaped = true } else if character == "]" { inClass = false; canRepeat = true }
                    continue
                }
                switch character {
                case "*", "+", "?":
                    if character == "?" && (previous == "(" || afterQuantifier) {
                        afterQuantifier = false
                        continue
                    }
                    guard canRepeat else { throw PatternSyntaxError(message: "'\(character)' has nothing to repeat") }
                    canRepeat = false
                    afterQuantifier = true
                    continue
                case "\\": escaped = true
                case "[": inClass = true
                case "(": depth += 1; canRepeat = false
                case ")":
                    guard depth > 0 else { throw PatternSyntaxError(message: "unbalanced ')'") }
                    depth -= 1
                    canRepeat = true
                case "|", "^": canRepeat = false
                default: canRepeat = true
                }
                afterQuantifier = false
            }
            if escaped { throw PatternSyntaxError(message: "trailing backslash") }
            if inClass { throw PatternSyntaxError(message: "unterminated character class '['") }
            if depth > 0 { throw PatternSyntaxError(message: "missing ')'") }
        }
    }

    private final class Node: Sendable {
        enum Additional {
            case allowed
            case forbidden
            case schema(Node)
        }

        let rejectsEverything: Bool
        let types: [String]?
        let properties: [String: Node]
        let required: [String]
        let additional: Additional
        let minProperties: Int?
        let maxProperties: Int?
        let enumValues: [JSONValue]?
        let constValue: JSONValue?
        let items: Node?
        let minItems: Int?
        let maxItems: Int?
        let uniqueItems: Bool
        let minLength: Int?
        let maxLength: Int?
        let pattern: CompiledPattern?
        let minimum: JSONValue?
        let maximum: JSONValue?
        let exclusiveMinimum: JSONValue?
        let exclusiveMaximum: JSONValue?
        let allOf: [Node]
        let anyOf: [Node]
        let oneOf: [Node]
        let not: Node?

        private static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "string", "integer"]

        init(_ schema: JSONValue, at schemaPath: String) throws(JSONSchemaError) {
            let object: JSONObject
            switch schema {
            case .bool(let accepts):
                object = [:]
                rejectsEverything = !accepts
            case .object(let members):
                object = members
                rejectsEverything = false
            default:
                throw JSONSchemaError(
                    message: "a schema must be an object or a boolean, not \(schema.typeName)", schemaPath: schemaPath)
            }
            func path(_ keyword: String) -> String { schemaPath + "/" + JSONError.pointerToken(keyword) }

            if object["$ref"] != nil {
                throw JSONSchemaError(message: "$ref is not supported; inline the referenced schema", schemaPath: path("$ref"))
            }

            switch object["type"] {
            case nil:
                types = nil
            case .string(let name)?:
                guard Self.typeNames.contains(name) else {
                    throw JSONSchemaError(message: "unknown type '\(name)'", schemaPath: path("type"))
                }
                types = [name]
            case .array(let names)?:
                var collected: [String] = []
                for name in names {
                    guard let name = name.stringValue, Self.typeNames.contains(name) else {
                        throw JSONSchemaError(message: "must list type names such as \"string\" or \"null\"", schemaPath: path("type"))
                    }
                    collected.append(name)
                }
                types = collected
            case let other?:
                throw JSONSchemaError(message: "must be a type name or a list of them, not \(other.typeName)", schemaPath: path("type"))
            }

            var properties: [String: Node] = [:]
            if let value = object["properties"] {
                guard let members = value.objectValue else {
                    throw JSONSchemaError(message: "must be an object of schemas", schemaPath: path("properties"))
                }
                for (key, subschema) in members {
                    properties[key] = try Node(subschema, at: path("properties") + "/" + JSONError.pointerToken(key))
                }
            }
            self.properties = properties

            if let value = object["required"] {
                guard let names = value.arrayValue, names.allSatisfy({ $0.stringValue != nil }) else {
                    throw JSONSchemaError(message: "must be an array of property names", schemaPath: path("required"))
                }
                required = names.compactMap(\.stringValue)
            } else {
                required = []
            }

            switch object["additionalProperties"] {
            case nil, .bool(true)?: additional = .allowed
            case .bool(false)?: additional = .forbidden
            case let subschema?: additional = .schema(try Node(subschema, at: path("additionalProperties")))
            }

            minProperties = try Self.count(object, "minProperties", path)
            maxProperties = try Self.count(object, "maxProperties", path)
            minItems = try Self.count(object, "minItems", path)
            maxItems = try Self.count(object, "maxItems", path)
            minLength = try Self.count(object, "minLength", path)
            maxLength = try Self.count(object, "maxLength", path)

            if let value = object["enum"] {
                guard let values = value.arrayValue else {
                    throw JSONSchemaError(message: "must be an array of allowed values", schemaPath: path("enum"))
                }
                enumValues = values
            } else {
                enumValues = nil
            }
            constValue = object["const"]

            switch object["items"] {
            case nil: items = nil
            case .array?:
                throw JSONSchemaError(
                    message: "must be a single schema in draft 2020-12 (tuples use prefixItems, which is not supported)",
                    schemaPath: path("items"))
            case let subschema?: items = try Node(subschema, at: path("items"))
            }

            switch object["uniqueItems"] {
            case nil: uniqueItems = false
            case .bool(let flag)?: uniqueItems = flag
            default: throw JSONSchemaError(message: "must be true or false", schemaPath: path("uniqueItems"))
            }

            if let value = object["pattern"] {
                guard let source = value.stringValue else {
                    throw JSONSchemaError(message: "must be a regular expression string", schemaPath: path("pattern"))
                }
                do {
                    pattern = try CompiledPattern(source: source)
                } catch {
                    throw JSONSchemaError(
                        message: "pattern \(JSONValue.string(source).jsonText) does not compile: \(error.message)",
                        schemaPath: path("pattern"))
                }
            } else {
                pattern = nil
            }

            minimum = try Self.number(object, "minimum", path)
            maximum = try Self.number(object, "maximum", path)
            exclusiveMinimum = try Self.number(object, "exclusiveMinimum", path)
            exclusiveMaximum = try Self.number(object, "exclusiveMaximum", path)

            allOf = try Self.schemaList(object, "allOf", path)
            anyOf = try Self.schemaList(object, "anyOf", path)
            oneOf = try Self.schemaList(object, "oneOf", path)
            not = try object["not"].map { (subschema) throws(JSONSchemaError) in try Node(subschema, at: path("not")) }
        }

        private static func count(_ object: JSONObject, _ keyword: String, _ path: (String) -> String) throws(JSONSchemaError) -> Int? {
            guard let value = object[keyword] else { return nil }
            guard case .some(let number) = value.intValue, number >= 0, value.doubleValue != nil else {
                throw JSONSchemaError(message: "must be a non-negative integer", schemaPath: path(keyword))
            }
            return Int(clamping: number)
        }

        private static func number(_ object: JSONObject, _ keyword: String, _ path: (String) -> String) throws(JSONSchemaError) -> JSONValue? {
            guard let value = object[keyword] else { return nil }
            guard value.doubleValue?.isFinite == true else {
                throw JSONSchemaError(message: "must be a number", schemaPath: path(keyword))
            }
            return value
        }

        private static func schemaList(_ object: JSONObject, _ keyword: String, _ path: (String) -> String) throws(JSONSchemaError) -> [Node] {
            guard let value = object[keyword] else { return [] }
            guard let list = value.arrayValue, !list.isEmpty else {
                throw JSONSchemaError(message: "must be a non-empty array of schemas", schemaPath: path(keyword))
            }
            var nodes: [Node] = []
            for (index, subschema) in list.enumerated() {
                nodes.append(try Node(subschema, at: path(keyword) + "/" + String(index)))
            }
            return nodes
        }

        // MARK: Checking

        func check(_ instance: JSONValue, path: inout [PathToken], into collector: inout Collector) {
            if collector.isFull { return }
            if rejectsEverything {
                collector.report(path, "false", "no value is allowed here")
                return
            }
            if let types, !types.contains(where: { Self.matches(instance, type: $0) }) {
                collector.report(
                    path, "type",
                    "must be of type \(types.joined(separator: " or ")) (got \(instance.typeName))")
                return
            }
            if let enumValues, !enumValues.contains(where: { JSONSchemaValidator.equal($0, instance) }) {
                collector.report(path, "enum", "must be one of \(enumValues.map(Self.render).joined(separator: ", "))")
            }
            if let constValue, !JSONSchemaValidator.equal(constValue, instance) {
                collector.report(path, "const", "must be exactly \(constValue.jsonText)")
            }

            switch instance {
            case .string(let string): checkString(string, path: path, into: &collector)
            case .int, .double: checkNumber(instance, path: path, into: &collector)
            case .array(let elements): checkArray(elements, path: &path, into: &collector)
            case .object(let object): checkObject(object, path: &path, into: &collector)
            case .null, .bool: break
            }

            for subschema in allOf { subschema.check(instance, path: &path, into: &collector) }
            if !anyOf.isEmpty {
                let failures = anyOf.map { Self.violations(of: $0, instance, path: &path) }
                if !failures.contains(where: \.isEmpty) {
                    collector.report(
                        path, "anyOf",
                        "must match at least one of \(anyOf.count) allowed schemas; \(Self.closest(failures))")
                }
            }
            if !oneOf.isEmpty {
                let failures = oneOf.map { Self.violations(of: $0, instance, path: &path) }
                let matched = failures.filter(\.isEmpty).count
                if matched == 0 {
                    collector.report(
                        path, "oneOf",
                        "must match exactly one of \(oneOf.count) allowed schemas; \(Self.closest(failures))")
                } else if matched > 1 {
                    collector.report(
                        path, "oneOf", "must match exactly one of \(oneOf.count) allowed schemas, but matches \(matched)")
                }
            }
            if let not, Self.violations(of: not, instance, path: &path).isEmpty {
                collector.report(path, "not", "must not match the schema under 'not'")
            }
        }

        private func checkString(_ string: String, path: [PathToken], into collector: inout Collector) {
            if minLength != nil || maxLength != nil {
                // A scalar is 1 to 4 UTF-8 bytes, so the (constant-time) byte count settles most
                // checks without walking a long string; only the ambiguous band is counted.
                let bytes = string.utf8.count
                if let minLength, bytes < minLength || (bytes / 4 < minLength && string.unicodeScalars.count < minLength) {
                    collector.report(path, "minLength", "must be at least \(Self.plural(minLength, "character")) long")
                }
                if let maxLength, bytes > maxLength {
                    if bytes / 4 > maxLength {
                        collector.report(
                            path, "maxLength", "must be at most \(Self.plural(maxLength, "character")) long (got \(bytes) bytes)")
                    } else {
                        let length = string.unicodeScalars.count
                        if length > maxLength {
                            collector.report(
                                path, "maxLength", "must be at most \(Self.plural(maxLength, "character")) long (got \(length))")
                        }
                    }
                }
            }
            if let pattern, !pattern.matches(string) {
                collector.report(path, "pattern", "must match the pattern \(pattern.source)")
            }
        }

        private func checkNumber(_ number: JSONValue, path: [PathToken], into collector: inout Collector) {
            if let minimum, let order = JSONSchemaValidator.compare(number, minimum), order < 0 {
                collector.report(path, "minimum", "must be at least \(minimum.jsonText)")
            }
            if let maximum, let order = JSONSchemaValidator.compare(number, maximum), order > 0 {
                collector.report(path, "maximum", "must be at most \(maximum.jsonText)")
            }
            if let exclusiveMinimum, let order = JSONSchemaValidator.compare(number, exclusiveMinimum), order <= 0 {
                collector.report(path, "exclusiveMinimum", "must be greater than \(exclusiveMinimum.jsonText)")
            }
            if let exclusiveMaximum, let order = JSONSchemaValidator.compare(number, exclusiveMaximum), order >= 0 {
                collector.report(path, "exclusiveMaximum", "must be less than \(exclusiveMaximum.jsonText)")
            }
        }

        private func checkArray(_ elements: [JSONValue], path: inout [PathToken], into collector: inout Collector) {
            if let minItems, elements.count < minItems {
                collector.report(path, "minItems", "must have at least \(Self.plural(minItems, "item")) (got \(elements.count))")
            }
            if let maxItems, elements.count > maxItems {
                collector.report(path, "maxItems", "must have at most \(Self.plural(maxItems, "item")) (got \(elements.count))")
            }
            if uniqueItems {
                duplicates: for i in elements.indices {
                    for j in elements.indices where j > i && JSONSchemaValidator.equal(elements[i], elements[j]) {
                        collector.report(path, "uniqueItems", "must not contain duplicates (items \(i) and \(j) are equal)")
                        break duplicates
                    }
                }
            }
            if let items {
                for (index, element) in elements.enumerated() {
                    if collector.isFull { return }
                    path.append(.index(index))
                    items.check(element, path: &path, into: &collector)
                    path.removeLast()
                }
            }
        }

        private func checkObject(_ object: JSONObject, path: inout [PathToken], into collector: inout Collector) {
            for name in required where !object.contains(name) {
                collector.report(path, "required", "missing required property '\(name)'")
            }
            if let minProperties, object.count < minProperties {
                collector.report(path, "minProperties", "must have at least \(Self.plural(minProperties, "property", "properties"))")
            }
            if let maxProperties, object.count > maxProperties {
                collector.report(path, "maxProperties", "must have at most \(Self.plural(maxProperties, "property", "properties"))")
            }
            for (key, value) in object {
                if collector.isFull { return }
                if let subschema = properties[key] {
                    path.append(.key(key))
                    subschema.check(value, path: &path, into: &collector)
                    path.removeLast()
                    continue
                }
                switch additional {
                case .allowed:
                    break
                case .forbidden:
                    collector.report(path, "additionalProperties", "unknown property '\(key)' (additionalProperties is false)")
                case .schema(let subschema):
                    path.append(.key(key))
                    subschema.check(value, path: &path, into: &collector)
                    path.removeLast()
                }
            }
        }

        // MARK: Helpers

        private static func violations(of node: Node, _ instance: JSONValue, path: inout [PathToken]) -> [JSONSchemaViolation] {
            var collector = Collector(limit: JSONSchemaValidator.maxViolations)
            node.check(instance, path: &path, into: &collector)
            return collector.violations
        }

        /// Describes the branch that came closest, so the reader knows what to change.
        private static func closest(_ failures: [[JSONSchemaViolation]]) -> String {
            guard let best = failures.min(by: { $0.count < $1.count }), let first = best.first else { return "none matched" }
            return "the closest fails with \(first)"
        }

        private static func matches(_ instance: JSONValue, type: String) -> Bool {
            switch (type, instance) {
            case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): true
            case ("number", .int), ("number", .double), ("integer", .int): true
            case ("integer", .double(let value)): value.isFinite && value.rounded(.towardZero) == value
            default: false
            }
        }

        private static func render(_ value: JSONValue) -> String {
            if case .string(let string) = value { return string }
            return value.jsonText
        }

        private static func plural(_ count: Int, _ noun: String, _ nouns: String? = nil) -> String {
            "\(count) \(count == 1 ? noun : nouns ?? noun + "s")"
        }
    }
}

// MARK: - JSON Schema equality and order

extension JSONSchemaValidator {
    /// Equality as JSON Schema defines it: numbers by mathematical value (`1 == 1.0`), objects
    /// regardless of key order, strings by code points.
    package static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double): return compare(lhs, rhs) == 0
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { member in b[member.key].map { equal(member.value, $0) } ?? false }
        default: return false
        }
    }

    /// Compares two numbers exactly, also an `Int64` against a `Double`; `nil` when either is
    /// not a number or is NaN.
    package static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return nil }
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.double(let a), .int(let b)): return compare(a, b)
        case (.int(let a), .double(let b)): return compare(b, a).map { -$0 }
        default: return nil
        }
    }

    private static func compare(_ double: Double, _ integer: Int64) -> Int? {
        if double.isNaN { return nil }
        if double >= 9_223_372_036_854_775_808.0 { return 1 }
        if double < -9_223_372_036_854_775_808.0 { return -1 }
        let floor = double.rounded(.down)
        let whole = Int64(floor)
        if whole != integer { return whole < integer ? -1 : 1 }
        return double > floor ? 1 : 0
    }
}
