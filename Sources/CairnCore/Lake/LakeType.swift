/// A value's type as Lake (Trino) sees it. Scalars are native PostgreSQL values; maps, arrays, rows and json are
/// `jsonb` (an array's elements and a row's fields are decoded when read), so every structure the record holds is
/// used where it lies, without copying it into PostgreSQL arrays or composites.
indirect enum LakeType: Sendable, Equatable, CustomStringConvertible {
    case varchar, bigint, integer, double, boolean, timestamp, date, json
    /// The type of a bare NULL: it takes whatever type it meets.
    case unknown
    /// `map(varchar, value)`: a jsonb object.
    case map(LakeType)
    /// `array(element)`: a jsonb array.
    case array(LakeType)
    /// `row(…)`: a jsonb object whose fields the schema names.
    case row([LakeField])

    var description: String {
        switch self {
        case .varchar: return "varchar"
        case .bigint: return "bigint"
        case .integer: return "integer"
        case .double: return "double"
        case .boolean: return "boolean"
        case .timestamp: return "timestamp(3)"
        case .date: return "date"
        case .json: return "json"
        case .unknown: return "unknown"
        case .map(let value): return "map(varchar, \(value))"
        case .array(let element): return "array(\(element))"
        case .row(let fields): return "row(\(fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ")))"
        }
    }

    /// The PostgreSQL type that holds it.
    var postgres: String {
        switch self {
        case .varchar: return "text"
        case .bigint: return "bigint"
        case .integer: return "integer"
        case .double: return "double precision"
        case .boolean: return "boolean"
        case .timestamp: return "timestamp"
        case .date: return "date"
        case .unknown: return "text"
        case .json, .map, .array, .row: return "jsonb"
        }
    }

    var isNumeric: Bool { self == .bigint || self == .integer || self == .double }

    var isJSONB: Bool {
        switch self {
        case .json, .map, .array, .row: return true
        default: return false
        }
    }

    var element: LakeType? {
        if case .array(let element) = self { return element }
        return nil
    }

    /// The type both sides of a comparison, CASE branches or UNION columns take, if they can meet.
    static func common(_ a: LakeType, _ b: LakeType) -> LakeType? {
        if a == b { return a }
        if a == .unknown { return b }
        if b == .unknown { return a }
        if a.isNumeric && b.isNumeric { return a == .double || b == .double ? .double : .bigint }
        if (a == .timestamp && b == .date) || (a == .date && b == .timestamp) { return .timestamp }
        switch (a, b) {
        case (.array(let x), .array(let y)): return common(x, y).map { .array($0) }
        case (.map(let x), .map(let y)): return common(x, y).map { .map($0) }
        case (.row, .row): return a
        default: return nil
        }
    }
}

/// A field of a row, or a column of a store: where it lies in the event record and what it holds.
struct LakeField: Sendable, Equatable {
    /// Lower-case, as Lake's schema lists it.
    var name: String
    /// JSON keys from the parent object to the value (more than one where Lake flattens the record).
    var path: [String]
    var type: LakeType
    /// SQL for the same value read from the relation's typed columns (`{r}` is the relation's alias), used instead
    /// of the JSON path when the field is reached straight from a store.
    var physical: String?
    /// Other spellings AWS documents for the field.
    var aliases: [String] = []

    static func == (a: LakeField, b: LakeField) -> Bool { a.name == b.name && a.path == b.path }

    func matches(_ folded: String) -> Bool { name == folded || aliases.contains(folded) }
}

extension [LakeField] {
    func named(_ folded: String) -> LakeField? { first { $0.matches(folded) } }
}
