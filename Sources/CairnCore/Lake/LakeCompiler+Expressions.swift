extension LakeCompiler {
    /// Compiles an expression. `expecting` is the type a literal should take (a string compared with a timestamp is
    /// a timestamp, parsed now); other expressions ignore it.
    mutating func expression(_ e: LakeExpression, _ scope: LakeScope, expecting: LakeType? = nil) throws(LakeQueryError) -> LakeSQLExpression {
        switch e.kind {
        case .name, .field:
            if let names = Self.chain(e) { return try resolve(names, scope: scope) }
            guard case .field(let base, let name) = e.kind else { preconditionFailure("a name is a chain") }
            return try field(try expression(base, scope), name, written: name.spelling)
        case .subscript(let base, let key):
            return try element(of: try expression(base, scope), key, scope, at: e.position)
        case .string(let text):
            return try string(text, expecting: expecting, at: e.position)
        case .integer(let value):
            switch expecting {
            case .double: return bound(.double(Double(value)), .double)
            case .integer: return bound(.integer(value), .integer)
            default: return bound(.integer(value), .bigint)
            }
        case .decimal(let value):
            return bound(.double(value), .double)
        case .boolean(let value):
            return bound(.boolean(value), .boolean)
        case .null:
            guard let expecting, expecting != .unknown else { return LakeSQLExpression("NULL", .unknown) }
            return LakeSQLExpression("CAST(NULL AS \(expecting.postgres))", expecting)
        case .typedLiteral(let type, let value):
            return try string(value, expecting: type == "date" ? .date : .timestamp, at: e.position)
        case .negate(let inner):
            let value = try expression(inner, scope)
            guard value.type.isNumeric || value.type == .unknown else {
                throw LakeQueryError("Cannot negate \(value.type)", at: e.position)
            }
            return .node("(- \(value.sql))", value.type, [value])
        case .not(let inner):
            let value = try expression(inner, scope)
            try requireBoolean(value, at: inner.position, what: "Value of logical NOT expression")
            return .node("(NOT \(value.sql))", .boolean, [value])
        case .binary(let op, let left, let right):
            return try binary(op, left, right, scope, at: e.position)
        case .logical(let op, let operands):
            var values: [LakeSQLExpression] = []
            for operand in operands {
                let value = try expression(operand, scope)
                try requireBoolean(value, at: operand.position, what: "\(op) operand")
                values.append(value)
            }
            return .node("(\(values.map(\.sql).joined(separator: " \(op) ")))", .boolean, values)
        case .isNull(let inner, let negated):
            let value = try expression(inner, scope)
            return .node("(\(value.sql) IS \(negated ? "NOT " : "")NULL)", .boolean, [value])
        case .distinctFrom(let left, let right, let negated):
            let (a, b) = try pair(left, right, scope)
            guard let type = LakeType.common(a.type, b.type) else {
                throw LakeQueryError("Cannot apply operator: \(a.type) IS DISTINCT FROM \(b.type)", at: e.position)
            }
            let sql = "(\(coerce(a, type).sql) IS \(negated ? "NOT " : "")DISTINCT FROM \(coerce(b, type).sql))"
            return .node(sql, .boolean, [a, b])
        case .between(let value, let low, let high, let negated):
            return try between(value, low, high, negated: negated, scope, at: e.position)
        case .inList(let value, let list, let negated):
            return try inList(value, list, negated: negated, scope, at: e.position)
        case .inQuery(let value, let query, let negated):
            let v = try expression(value, scope)
            let sub = try single(try self.query(query, parent: scope, top: false), at: query.position)
            guard LakeType.common(v.type, sub.type) != nil else {
                throw LakeQueryError(
                    "Value expression and result of subquery must be of the same type for IN expression: \(v.type) vs \(sub.type)", at: e.position)
            }
            return .node("(\(v.sql) \(negated ? "NOT IN" : "IN") (\(sub.sql)))", .boolean, [v])
        case .like(let value, let pattern, let escape, let negated):
            return try like(value, pattern, escape, negated: negated, scope, at: e.position)
        case .exists(let query):
            let sub = try self.query(query, parent: scope, top: false)
            return LakeSQLExpression("EXISTS (\(sub.sql))", .boolean)
        case .scalarQuery(let query):
            let sub = try single(try self.query(query, parent: scope, top: false), at: query.position)
            return LakeSQLExpression("(\(sub.sql))", sub.type)
        case .call(let call):
            return try function(call, scope)
        case .cast(let value, let type, let isTry):
            return try cast(value, to: type, isTry: isTry, scope)
        case .caseWhen(let operand, let branches, let otherwise):
            return try caseWhen(operand, branches, otherwise, scope, at: e.position)
        case .lambda:
            throw LakeQueryError("Lambda expressions are only allowed as arguments of array functions", at: e.position)
        case .currentTimestamp:
            return Self.now
        case .currentDate:
            return LakeSQLExpression("CAST(now() AT TIME ZONE 'UTC' AS date)", .date)
        case .extract(let field, let value):
            guard LakeFunctionTable.overloads(field.folded).first?.parameters == [.timestamp] else {
                throw LakeQueryError("Invalid EXTRACT field: \(field.spelling)", at: field.position)
            }
            return try function(LakeCall(name: field, arguments: [value]), scope)
        }
    }

    /// `current_timestamp` and `now()`: UTC, stable for the statement.
    static var now: LakeSQLExpression {
        var now = LakeSQLExpression("(now() AT TIME ZONE 'UTC')", .timestamp)
        now.instant = "now()"
        return now
    }

    /// A literal, bound as a parameter with an explicit type, so PostgreSQL never infers it from its text.
    mutating func bound(_ value: LakeValue, _ type: LakeType) -> LakeSQLExpression {
        let parameter = builder.bind(value)
        switch type {
        case .timestamp:
            var sql = LakeSQLExpression("(\(parameter)::timestamptz AT TIME ZONE 'UTC')", .timestamp)
            sql.instant = "\(parameter)::timestamptz"
            return sql
        case .date:
            return LakeSQLExpression("CAST(\(parameter)::timestamptz AT TIME ZONE 'UTC' AS date)", .date)
        default:
            return LakeSQLExpression("\(parameter)::\(type.postgres)", type)
        }
    }

    private mutating func string(_ text: String, expecting: LakeType?, at position: LakePosition) throws(LakeQueryError) -> LakeSQLExpression {
        switch expecting {
        case .timestamp:
            guard let instant = LakeTimestampLiteral.timestamp(text) else {
                throw LakeQueryError("'\(text)' is not a valid timestamp literal", at: position)
            }
            return bound(.timestamp(instant), .timestamp)
        case .date:
            guard let day = LakeTimestampLiteral.date(text) else { throw LakeQueryError("'\(text)' is not a valid date literal", at: position) }
            return bound(.timestamp(day), .date)
        default:
            return bound(.text(text), .varchar)
        }
    }

    /// Both sides of a comparison; a literal side is compiled second so it can take the other side's type.
    mutating func pair(
        _ left: LakeExpression, _ right: LakeExpression, _ scope: LakeScope
    ) throws(LakeQueryError)
        -> (LakeSQLExpression, LakeSQLExpression)
    {
        if left.isLiteral && !right.isLiteral {
            let b = try expression(right, scope)
            return (try expression(left, scope, expecting: b.type), b)
        }
        let a = try expression(left, scope)
        return (a, try expression(right, scope, expecting: a.type))
    }

    /// `value` as `type`, which the caller has checked it can meet.
    func coerce(_ value: LakeSQLExpression, _ type: LakeType) -> LakeSQLExpression {
        if value.type == type || type == .unknown { return value }
        if value.type == .unknown || (value.type.isNumeric && type.isNumeric) || (value.type == .date && type == .timestamp) {
            var cast = LakeSQLExpression.node("CAST(\(value.sql) AS \(type.postgres))", type, [value])
            cast.instant = nil
            return cast
        }
        return value
    }

    private func single(_ sub: Compiled, at position: LakePosition) throws(LakeQueryError) -> LakeSQLExpression {
        guard sub.columns.count == 1 else {
            throw LakeQueryError("Multiple columns returned by subquery are not yet supported. Found \(sub.columns.count)", at: position)
        }
        return LakeSQLExpression(sub.sql, sub.columns[0].type)
    }

    private mutating func binary(
        _ op: String, _ left: LakeExpression, _ right: LakeExpression, _ scope: LakeScope, at position: LakePosition
    )
        throws(LakeQueryError) -> LakeSQLExpression
    {
        switch op {
        case "=", "<>", "<", "<=", ">", ">=":
            let (a, b) = try pair(left, right, scope)
            return try comparison(op, a, b, at: position)
        case "||":
            let (a, b) = try pair(left, right, scope)
            if let type = LakeType.common(a.type, b.type), type == .varchar || type.element != nil || type == .unknown {
                return .node("(\(a.sql) || \(b.sql))", type == .unknown ? .varchar : type, [a, b])
            }
            throw LakeQueryError("Cannot apply operator: \(a.type) || \(b.type)", at: position)
        default:
            let (a, b) = try pair(left, right, scope)
            guard a.type.isNumeric || a.type == .unknown, b.type.isNumeric || b.type == .unknown,
                let common = LakeType.common(a.type, b.type)
            else { throw LakeQueryError("Cannot apply operator: \(a.type) \(op) \(b.type)", at: position) }
            let type = a.type == .integer && b.type == .integer ? LakeType.integer : common == .unknown ? .bigint : common
            if op == "%" && type == .double {
                return .node("CAST(mod(CAST(\(a.sql) AS numeric), CAST(\(b.sql) AS numeric)) AS double precision)", type, [a, b])
            }
            return .node("(\(a.sql) \(op) \(b.sql))", type, [a, b])
        }
    }

    /// `a op b`; timestamps compare through their instants where allowed (so `eventTime > '…'` reads `event_time`
    /// directly), varchar orders by code point.
    func comparison(
        _ op: String, _ a: LakeSQLExpression, _ b: LakeSQLExpression, at position: LakePosition
    ) throws(LakeQueryError)
        -> LakeSQLExpression
    {
        let ordering = op != "=" && op != "<>"
        guard let type = LakeType.common(a.type, b.type), !(ordering && type.isUnordered) else {
            throw LakeQueryError("Cannot apply operator: \(a.type) \(op) \(b.type)", at: position)
        }
        if type == .timestamp, instantsAllowed, a.instant != nil || b.instant != nil {
            return .node("(\(instant(a)) \(op) \(instant(b)))", .boolean, [a, b])
        }
        let collate = ordering && type == .varchar ? " COLLATE \"C\"" : ""
        return .node("(\(coerce(a, type).sql)\(collate) \(op) \(coerce(b, type).sql))", .boolean, [a, b])
    }

    /// A timestamp (UTC) as the instant it names.
    func instant(_ value: LakeSQLExpression) -> String {
        value.instant ?? "(\(coerce(value, .timestamp).sql) AT TIME ZONE 'UTC')"
    }

    private mutating func between(
        _ value: LakeExpression, _ low: LakeExpression, _ high: LakeExpression, negated: Bool, _ scope: LakeScope, at position: LakePosition
    ) throws(LakeQueryError) -> LakeSQLExpression {
        let v = try expression(value, scope)
        let a = try expression(low, scope, expecting: v.type)
        let b = try expression(high, scope, expecting: v.type)
        guard let first = LakeType.common(v.type, a.type), let type = LakeType.common(first, b.type),
            !type.isUnordered
        else { throw LakeQueryError("Cannot check if \(v.type) is BETWEEN \(a.type) and \(b.type)", at: position) }
        let not = negated ? " NOT" : ""
        if type == .timestamp, instantsAllowed, v.instant != nil {
            return .node("(\(instant(v))\(not) BETWEEN \(instant(a)) AND \(instant(b)))", .boolean, [v, a, b])
        }
        let collate = type == .varchar ? " COLLATE \"C\"" : ""
        let sql = "(\(coerce(v, type).sql)\(collate)\(not) BETWEEN \(coerce(a, type).sql) AND \(coerce(b, type).sql))"
        return .node(sql, .boolean, [v, a, b])
    }

    private mutating func inList(
        _ value: LakeExpression, _ list: [LakeExpression], negated: Bool, _ scope: LakeScope, at position: LakePosition
    )
        throws(LakeQueryError) -> LakeSQLExpression
    {
        let v = try expression(value, scope)
        var items: [LakeSQLExpression] = []
        var type = v.type
        for entry in list {
            let item = try expression(entry, scope, expecting: v.type)
            guard let common = LakeType.common(type, item.type) else {
                throw LakeQueryError("IN value and list items must be the same type: \(v.type) and \(item.type)", at: entry.position)
            }
            type = common
            items.append(item)
        }
        let sql = "(\(coerce(v, type).sql) \(negated ? "NOT IN" : "IN") (\(items.map { coerce($0, type).sql }.joined(separator: ", "))))"
        return .node(sql, .boolean, [v] + items)
    }

    /// LIKE with Trino's meaning: no escape character unless ESCAPE names one (PostgreSQL's default is `\`).
    private mutating func like(
        _ value: LakeExpression, _ pattern: LakeExpression, _ escape: LakeExpression?, negated: Bool, _ scope: LakeScope, at position: LakePosition
    ) throws(LakeQueryError) -> LakeSQLExpression {
        let v = try expression(value, scope, expecting: .varchar)
        let p = try expression(pattern, scope, expecting: .varchar)
        let e = try escape.map { (x: LakeExpression) throws(LakeQueryError) in try expression(x, scope, expecting: .varchar) }
        for part in [v, p] + (e.map { [$0] } ?? []) where part.type != .varchar && part.type != .unknown {
            throw LakeQueryError("LIKE operands must be varchar: actual type \(part.type)", at: position)
        }
        let sql = "(\(v.sql) \(negated ? "NOT LIKE" : "LIKE") \(p.sql) ESCAPE \(e?.sql ?? "''"))"
        return .node(sql, .boolean, [v, p] + (e.map { [$0] } ?? []))
    }

    private mutating func caseWhen(
        _ operand: LakeExpression?, _ branches: [LakeCaseBranch], _ otherwise: LakeExpression?, _ scope: LakeScope, at position: LakePosition
    ) throws(LakeQueryError) -> LakeSQLExpression {
        let subject = try operand.map { (x: LakeExpression) throws(LakeQueryError) in try expression(x, scope) }
        var conditions: [LakeSQLExpression] = []
        var results: [LakeSQLExpression] = []
        for branch in branches {
            let condition = try expression(branch.condition, scope, expecting: subject?.type)
            if let subject {
                guard LakeType.common(subject.type, condition.type) != nil else {
                    throw LakeQueryError(
                        "CASE operand type does not match WHEN clause type: \(subject.type) vs \(condition.type)", at: branch.condition.position)
                }
            } else {
                try requireBoolean(condition, at: branch.condition.position, what: "WHEN clause")
            }
            conditions.append(condition)
            results.append(try expression(branch.result, scope))
        }
        if let otherwise { results.append(try expression(otherwise, scope)) }
        var type = LakeType.unknown
        for result in results {
            guard let common = LakeType.common(type, result.type) else {
                throw LakeQueryError("All CASE results must be the same type: \(type) vs \(result.type)", at: position)
            }
            type = common
        }
        var sql = "(CASE" + (subject.map { " \($0.sql)" } ?? "")
        for (condition, result) in zip(conditions, results) { sql += " WHEN \(condition.sql) THEN \(coerce(result, type).sql)" }
        if otherwise != nil { sql += " ELSE \(coerce(results.last!, type).sql)" }
        sql += " END)"
        return .node(sql, type, (subject.map { [$0] } ?? []) + conditions + results)
    }

    /// `map[key]`, `array[index]`, `element_at(…)`: a map's value (NULL when the key is missing — Trino's subscript
    /// raises there), or an array's element counted from 1, negative from the end.
    mutating func element(
        of container: LakeSQLExpression, _ key: LakeExpression, _ scope: LakeScope, at position: LakePosition
    )
        throws(LakeQueryError) -> LakeSQLExpression
    {
        switch container.type {
        case .map(let valueType):
            let k = try expression(key, scope, expecting: .varchar)
            guard k.type == .varchar || k.type == .unknown else {
                throw LakeQueryError("Map key must be varchar: actual type \(k.type)", at: key.position)
            }
            return .mapValue("(\(container.sql) -> \(k.sql))", valueType, [container, k])
        case .array(let elementType):
            if case .integer(let n) = key.kind {
                guard n != 0 else { throw LakeQueryError("SQL array indices start at 1", at: key.position) }
                let index = builder.bind(.integer(n > 0 ? n - 1 : n))
                return .decoded(LakeJSONSource(base: "(\(container.sql) -> \(index)::integer)"), elementType, [container])
            }
            let i = try expression(key, scope, expecting: .bigint)
            guard i.type == .bigint || i.type == .integer else {
                throw LakeQueryError("Array index must be an integer: actual type \(i.type)", at: key.position)
            }
            let index = "CAST(CASE WHEN \(i.sql) > 0 THEN \(i.sql) - 1 ELSE \(i.sql) END AS integer)"
            return .decoded(LakeJSONSource(base: "(\(container.sql) -> \(index))"), elementType, [container, i])
        default:
            throw LakeQueryError("Cannot use subscript on type \(container.type)", at: position)
        }
    }
}

extension LakeType {
    /// Maps, rows and json have no order in Trino.
    var isUnordered: Bool {
        switch self {
        case .json, .map, .row: return true
        default: return false
        }
    }
}
