/// A name as the user wrote it: Lake resolves names case-insensitively but echoes the spelling in result columns.
struct LakeName: Sendable, Equatable {
    var spelling: String
    var position: LakePosition

    var folded: String { spelling.lowercased() }
}

/// An expression of the query, with where it starts for error messages.
struct LakeExpression: Sendable {
    indirect enum Kind: Sendable {
        case name(LakeName)
        case field(LakeExpression, LakeName)
        case `subscript`(LakeExpression, LakeExpression)
        case string(String)
        case integer(Int64)
        case decimal(Double)
        case boolean(Bool)
        case null
        /// `TIMESTAMP '…'`, `DATE '…'`.
        case typedLiteral(type: String, value: String)
        case negate(LakeExpression)
        case not(LakeExpression)
        /// Arithmetic, `||` and comparisons; the operator as Trino spells it (`!=` is read as `<>`).
        case binary(String, LakeExpression, LakeExpression)
        /// `a AND b AND …`, `a OR b OR …`: kept flat, so a long list of conditions does not nest.
        case logical(String, [LakeExpression])
        case isNull(LakeExpression, negated: Bool)
        case distinctFrom(LakeExpression, LakeExpression, negated: Bool)
        case between(LakeExpression, LakeExpression, LakeExpression, negated: Bool)
        case inList(LakeExpression, [LakeExpression], negated: Bool)
        case inQuery(LakeExpression, LakeQuerySyntax, negated: Bool)
        case like(LakeExpression, pattern: LakeExpression, escape: LakeExpression?, negated: Bool)
        case exists(LakeQuerySyntax)
        case scalarQuery(LakeQuerySyntax)
        case call(LakeCall)
        case cast(LakeExpression, LakeTypeName, isTry: Bool)
        case caseWhen(operand: LakeExpression?, branches: [LakeCaseBranch], otherwise: LakeExpression?)
        case lambda([LakeName], LakeExpression)
        case currentTimestamp
        case currentDate
        case extract(field: LakeName, LakeExpression)
    }

    var kind: Kind
    var position: LakePosition

    init(_ kind: Kind, at position: LakePosition) {
        self.kind = kind
        self.position = position
    }

    /// True for a literal that keeps its meaning whatever type it is compared with (so it can be coerced).
    var isLiteral: Bool {
        switch kind {
        case .string, .integer, .decimal, .boolean, .null: return true
        case .negate(let inner): return inner.isLiteral
        default: return false
        }
    }
}

struct LakeCaseBranch: Sendable {
    var condition: LakeExpression
    var result: LakeExpression
}

struct LakeCall: Sendable {
    var name: LakeName
    var distinct = false
    /// `count(*)`.
    var star = false
    var arguments: [LakeExpression] = []
    var filter: LakeExpression?
    var window: LakeWindow?
}

struct LakeWindow: Sendable {
    var partition: [LakeExpression]
    var order: [LakeSortItem]
}

/// A type named in `CAST`: `varchar`, `map(varchar, json)`, `array(varchar)`…
struct LakeTypeName: Sendable {
    var name: String
    var parameters: [LakeTypeName]
    var position: LakePosition
}

struct LakeSortItem: Sendable {
    var expression: LakeExpression
    var descending: Bool
    /// nil when the query leaves it to the default (NULLS LAST in both directions, as Trino does).
    var nullsFirst: Bool?
}

/// A query: a SELECT or a set operation, with the ORDER BY, OFFSET and LIMIT that apply to all of it.
struct LakeQuerySyntax: Sendable {
    var body: LakeQueryBody
    var orderBy: [LakeSortItem] = []
    var offset: LakeCount?
    var limit: LakeCount?
    var position: LakePosition
}

struct LakeCount: Sendable {
    var value: Int64
    var position: LakePosition
}

indirect enum LakeQueryBody: Sendable {
    case select(LakeSelect)
    case setOperation(LakeSetOperator, all: Bool, LakeQueryBody, LakeQueryBody, position: LakePosition)
    case nested(LakeQuerySyntax)
}

enum LakeSetOperator: String, Sendable {
    case union = "UNION", except = "EXCEPT", intersect = "INTERSECT"
}

struct LakeSelect: Sendable {
    var distinct = false
    var items: [LakeSelectItem] = []
    var from: [LakeRelation] = []
    var filter: LakeExpression?
    var groupBy: [LakeExpression] = []
    var having: LakeExpression?
    var position: LakePosition
}

enum LakeSelectItem: Sendable {
    case expression(LakeExpression, alias: LakeName?)
    /// `*` or `t.*`.
    case all(qualifier: LakeName?, position: LakePosition)
}

struct LakeAlias: Sendable {
    var name: LakeName
    var columns: [LakeName]
}

enum LakeJoinKind: String, Sendable {
    case inner = "INNER JOIN", left = "LEFT JOIN", right = "RIGHT JOIN", full = "FULL JOIN", cross = "CROSS JOIN"
}

indirect enum LakeRelation: Sendable {
    case store(id: String, position: LakePosition, alias: LakeAlias?)
    case subquery(LakeQuerySyntax, alias: LakeAlias?)
    case unnest([LakeExpression], ordinality: Bool, alias: LakeAlias?, position: LakePosition)
    case join(LakeJoinKind, LakeRelation, LakeRelation, on: LakeExpression?, position: LakePosition)
}
