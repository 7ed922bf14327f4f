/// Where a value lies inside a jsonb value: a base and the schema's keys under it. Kept so `a.b.c` reads as one
/// `#>>` path rather than three nested lookups, and so fields reached straight from a store can use its typed columns.
struct LakeJSONSource: Sendable {
    var base: String
    var keys: [String]
    /// The store relation's alias when `base` is that store's `record`.
    var relation: String?

    init(base: String, keys: [String] = [], relation: String? = nil) {
        precondition(keys.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }, "schema keys only")
        self.base = base
        self.keys = keys
        self.relation = relation
    }

    func appending(_ more: [String]) -> LakeJSONSource { LakeJSONSource(base: base, keys: keys + more, relation: relation) }

    /// The value as jsonb.
    var jsonb: String {
        switch keys.count {
        case 0: return base
        case 1: return "(\(base) -> '\(keys[0])')"
        default: return "(\(base) #> '{\(keys.joined(separator: ","))}')"
        }
    }

    /// A JSON scalar's text.
    var text: String {
        switch keys.count {
        case 0: return "(\(base) #>> '{}')"
        case 1: return "(\(base) ->> '\(keys[0])')"
        default: return "(\(base) #>> '{\(keys.joined(separator: ","))}')"
        }
    }

    /// The value as `type`; malformed data reads as NULL rather than failing the query.
    func read(_ type: LakeType) -> String {
        switch type {
        case .varchar, .unknown: return text
        case .bigint, .integer: return "cairn_lake_bigint(\(text))"
        case .double: return "cairn_lake_double(\(text))"
        case .boolean: return "(CASE lower(\(text)) WHEN 'true' THEN true WHEN 'false' THEN false END)"
        case .timestamp: return "cairn_lake_timestamp(\(text))"
        case .date: return "CAST(cairn_lake_timestamp(\(text)) AS date)"
        case .json, .map, .array, .row: return jsonb
        }
    }
}

/// A column reference not (yet) inside an aggregate, with the SQL of every expression enclosing it: the reference is
/// grouped when one of those is a GROUP BY key.
struct LakeColumnUse: Sendable {
    var name: String
    var position: LakePosition
    var level: Int
    var covers: [String]
}

/// An expression compiled to PostgreSQL, with its Lake type and what later steps need to know about it.
struct LakeSQLExpression: Sendable {
    var sql: String
    var type: LakeType
    /// A `timestamptz` expression ordered the same way as this timestamp (the store's `event_time`, a bound literal),
    /// so WHERE and ORDER BY can use the column's index and partitions.
    var instant: String?
    /// Read from the NULL-padded side of an outer join, so even a store's `event_time` may be NULL here.
    var padded = false
    /// For varchar read out of JSON: the jsonb it was read from, so JSON functions need not print and re-parse it.
    var json: String?
    var source: LakeJSONSource?
    var aggregate = false
    var window = false
    var uses: [LakeColumnUse] = []

    init(_ sql: String, _ type: LakeType) {
        self.sql = sql
        self.type = type
    }

    /// A node over `parts`: it carries their aggregate and window flags, and their column uses, noting itself as
    /// enclosing them.
    static func node(_ sql: String, _ type: LakeType, _ parts: [LakeSQLExpression]) -> LakeSQLExpression {
        var node = LakeSQLExpression(sql, type)
        node.aggregate = parts.contains { $0.aggregate }
        node.window = parts.contains { $0.window }
        node.uses = parts.flatMap(\.uses).map { use in
            var use = use
            use.covers.append(sql)
            return use
        }
        return node
    }

    /// This value read as `type` from JSON (an array element, a map value), remembering the jsonb for later paths.
    static func decoded(_ source: LakeJSONSource, _ type: LakeType, _ parts: [LakeSQLExpression]) -> LakeSQLExpression {
        var value = node(source.read(type), type, parts)
        value.source = source
        if type == .varchar { value.json = source.jsonb }
        return value
    }

    /// Where a further field access starts.
    var jsonSource: LakeJSONSource { source ?? LakeJSONSource(base: sql) }
}
