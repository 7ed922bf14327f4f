extension LakeCompiler {
    /// A function call, resolved against `LakeFunctionTable` by name and argument types.
    mutating func function(_ call: LakeCall, _ scope: LakeScope) throws(LakeQueryError) -> LakeSQLExpression {
        let name = call.name.folded
        let overloads = LakeFunctionTable.overloads(name)
        guard let first = overloads.first else {
            throw LakeQueryError("Function '\(call.name.spelling)' not registered", at: call.name.position)
        }
        if call.star && name != "count" { throw LakeQueryError("'*' is only allowed in count(*)", at: call.name.position) }
        if let special = first.special {
            if call.distinct || call.filter != nil || call.window != nil {
                throw LakeQueryError("\(name) is not an aggregate or window function", at: call.name.position)
            }
            return try self.special(special, call, scope)
        }
        var compiled: [LakeSQLExpression?] = []
        var types: [LakeType] = []
        for argument in call.arguments {
            if case .lambda = argument.kind {
                throw LakeQueryError("Lambda expressions are not allowed in \(name)", at: argument.position)
            }
            if argument.isLiteral {
                compiled.append(nil)
                types.append(Self.literalType(argument))
            } else {
                let value = try expression(argument, scope)
                compiled.append(value)
                types.append(value.type)
            }
        }
        let countStar = name == "count" && call.star
        guard
            let function = overloads.first(where: { f in
                f.parameters.count == types.count && (name != "count" || types.isEmpty == countStar)
                    && f.parameters.indices.allSatisfy { Self.accepts(f.parameters[$0], types[$0], call.arguments[$0], types) }
            })
        else {
            let expected = overloads.map { "\(name)(\($0.parameters.map(Self.describe).joined(separator: ", ")))" }.joined(separator: ", ")
            throw LakeQueryError(
                "Unexpected parameters (\(types.map(\.description).joined(separator: ", "))) for function \(name). Expected: \(expected)",
                at: call.name.position)
        }
        var arguments: [LakeSQLExpression] = []
        for (i, argument) in call.arguments.enumerated() {
            let parameter = function.parameters[i]
            var value: LakeSQLExpression
            if let known = compiled[i] {
                value = known
            } else {
                value = try expression(argument, scope, expecting: Self.expected(parameter, types))
            }
            types[i] = value.type
            arguments.append(convert(value, to: parameter))
        }
        return try apply(function, arguments, call, scope)
    }

    static func literalType(_ literal: LakeExpression) -> LakeType {
        switch literal.kind {
        case .string: return .varchar
        case .integer: return .bigint
        case .decimal: return .double
        case .boolean: return .boolean
        case .negate(let inner): return literalType(inner)
        default: return .unknown
        }
    }

    private static func accepts(_ parameter: LakeFunction.Parameter, _ type: LakeType, _ argument: LakeExpression, _ types: [LakeType]) -> Bool {
        let stringLiteral = if case .string = argument.kind { true } else { false }
        switch parameter {
        case .varchar: return type == .varchar || type == .unknown
        case .boolean: return type == .boolean || type == .unknown
        case .bigint: return type == .bigint || type == .integer || type == .unknown
        case .double, .number: return type.isNumeric || type == .unknown
        case .timestamp: return type == .timestamp || type == .date || type == .unknown || stringLiteral
        case .date: return type == .date || type == .unknown || stringLiteral
        case .json: return type == .json || type == .varchar || type == .unknown
        case .array: return type.element != nil
        case .map: if case .map = type { return true } else { return false }
        case .textMap: return type == .map(.varchar)
        case .orderable: return !type.isUnordered && type.element == nil
        case .any: return true
        case .element(let i): return types[i].element.flatMap { LakeType.common($0, type) } != nil
        case .same(let i): return LakeType.common(types[i], type) != nil
        }
    }

    private static func expected(_ parameter: LakeFunction.Parameter, _ types: [LakeType]) -> LakeType? {
        switch parameter {
        case .varchar, .json: return .varchar
        case .boolean: return .boolean
        case .bigint: return .bigint
        case .double: return .double
        case .timestamp: return .timestamp
        case .date: return .date
        case .element(let i): return types[i].element
        case .same(let i): return types[i]
        default: return nil
        }
    }

    private static func describe(_ parameter: LakeFunction.Parameter) -> String {
        switch parameter {
        case .varchar: return "varchar"
        case .boolean: return "boolean"
        case .bigint: return "bigint"
        case .double, .number: return "double"
        case .timestamp: return "timestamp"
        case .date: return "date"
        case .json: return "json"
        case .array, .element: return "array(T)"
        case .map, .textMap: return "map(K,V)"
        case .orderable, .any, .same: return "T"
        }
    }

    /// An argument as the parameter takes it.
    private func convert(_ value: LakeSQLExpression, to parameter: LakeFunction.Parameter) -> LakeSQLExpression {
        switch parameter {
        case .double: return coerce(value, .double)
        case .timestamp: return coerce(value, .timestamp)
        case .json: return json(value)
        case .any, .orderable: return value.type == .unknown ? coerce(value, .varchar) : value
        default: return value
        }
    }

    /// A value as JSON: json as it is, text parsed (reading a record's jsonb directly when the text came from one).
    func json(_ value: LakeSQLExpression) -> LakeSQLExpression {
        switch value.type {
        case .varchar:
            return .node(value.json.map { "cairn_lake_json(\($0))" } ?? "cairn_lake_jsonb(\(value.sql))", .json, [value])
        case .unknown:
            return coerce(value, .json)
        default:
            return value
        }
    }

    /// Fills the template, with the FILTER and OVER clauses, and marks aggregates and window functions.
    private mutating func apply(
        _ function: LakeFunction, _ arguments: [LakeSQLExpression], _ call: LakeCall, _ scope: LakeScope
    )
        throws(LakeQueryError) -> LakeSQLExpression
    {
        let name = function.name
        let position = call.name.position
        let template = function.template
        if call.distinct && !template.contains("{d}") {
            throw LakeQueryError("DISTINCT is not supported for \(name)", at: position)
        }
        if call.filter != nil && !template.contains("{filter}") {
            throw LakeQueryError("FILTER is not supported for \(name)", at: position)
        }
        if call.window != nil && !template.contains("{over}") {
            throw LakeQueryError("\(name) cannot be used as a window function", at: position)
        }
        if function.kind == .window && call.window == nil {
            throw LakeQueryError("Window function \(name) requires an OVER clause", at: position)
        }
        let windowed = call.window != nil
        if function.kind == .aggregate && !windowed, arguments.contains(where: { $0.aggregate || $0.window }) {
            throw LakeQueryError("Cannot nest aggregations inside aggregation '\(name)'", at: position)
        }
        if windowed, arguments.contains(where: \.window) {
            throw LakeQueryError("Cannot nest window functions inside window function '\(name)'", at: position)
        }
        var parts = arguments
        var filter = ""
        if let condition = call.filter {
            let value = try clause(condition, scope, name: "FILTER", instants: false)
            try requireBoolean(value, at: condition.position, what: "FILTER clause")
            filter = " FILTER (WHERE \(value.sql))"
            parts.append(value)
        }
        var over = ""
        if let window = call.window {
            var clauses: [String] = []
            var partition: [String] = []
            for key in window.partition {
                let value = try expression(key, scope)
                if value.window { throw LakeQueryError("PARTITION BY cannot contain window functions", at: key.position) }
                partition.append(value.sql)
                parts.append(value)
            }
            if !partition.isEmpty { clauses.append("PARTITION BY " + partition.joined(separator: ", ")) }
            var order: [String] = []
            for item in window.order {
                let value = try expression(item.expression, scope)
                if value.window { throw LakeQueryError("ORDER BY cannot contain window functions", at: item.expression.position) }
                order.append(try sortKey(value, item))
                parts.append(value)
            }
            if !order.isEmpty { clauses.append("ORDER BY " + order.joined(separator: ", ")) }
            over = " OVER (\(clauses.joined(separator: " ")))"
        }
        let sql = Self.fill(template, arguments: arguments, distinct: call.distinct, filter: filter, over: over)
        var value = LakeSQLExpression.node(sql, resultType(function.result, arguments), parts)
        if windowed {
            value.window = true
        } else if function.kind == .aggregate {
            value.aggregate = true
            value.uses = []
        }
        return value
    }

    private func resultType(_ result: LakeFunction.Result, _ arguments: [LakeSQLExpression]) -> LakeType {
        switch result {
        case .type(let type): return type
        case .argument(let i): return arguments[i].type
        case .element(let i): return arguments[i].type.element ?? .unknown
        case .arrayOf(let i): return .array(arguments[i].type)
        case .mapValues(let i):
            if case .map(let value) = arguments[i].type { return .array(value) }
            return .array(.unknown)
        }
    }

    /// One pass over the template, so nothing an argument's SQL contains is ever taken for a placeholder.
    static func fill(_ template: String, arguments: [LakeSQLExpression], distinct: Bool, filter: String, over: String) -> String {
        var sql = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            sql += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let placeholder = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            switch placeholder {
            case "d": sql += distinct ? "DISTINCT " : ""
            case "filter": sql += filter
            case "over": sql += over
            default:
                let parts = placeholder.split(separator: ":")
                guard let i = Int(parts[0]), i < arguments.count else { preconditionFailure("template \(template)") }
                let argument = arguments[i]
                sql += parts.count > 1 && argument.type == .varchar ? "\(argument.sql) COLLATE \"C\"" : argument.sql
            }
        }
        return sql + rest
    }
}
