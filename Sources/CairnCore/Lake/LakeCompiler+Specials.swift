extension LakeCompiler {
    /// Units for date_trunc, date_add and date_diff: PostgreSQL's name, one unit as an interval, and the unit in
    /// seconds (or months). Only these are accepted, and only these words are written into the SQL.
    private static let units: [String: (field: String, interval: String, seconds: String?, months: Int?)] = [
        "millisecond": ("milliseconds", "1 millisecond", "0.001", nil),
        "second": ("second", "1 second", "1", nil),
        "minute": ("minute", "1 minute", "60", nil),
        "hour": ("hour", "1 hour", "3600", nil),
        "day": ("day", "1 day", "86400", nil),
        "week": ("week", "7 days", "604800", nil),
        "month": ("month", "1 month", nil, 1),
        "quarter": ("quarter", "3 months", nil, 3),
        "year": ("year", "1 year", nil, 12),
    ]

    mutating func special(_ special: LakeFunction.Special, _ call: LakeCall, _ scope: LakeScope) throws(LakeQueryError) -> LakeSQLExpression {
        let arguments = call.arguments
        let name = call.name.folded
        let position = call.name.position
        func arity(_ counts: ClosedRange<Int>) throws(LakeQueryError) {
            guard counts.contains(arguments.count) else {
                let expected = counts.count == 1 ? "\(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
                throw LakeQueryError("Function \(name) takes \(expected) arguments, not \(arguments.count)", at: position)
            }
        }
        switch special {
        case .elementAt:
            try arity(2...2)
            return try element(of: try expression(arguments[0], scope), arguments[1], scope, at: position)
        case .concat:
            try arity(1...254)
            let (values, type) = try values(arguments, scope, function: name)
            guard type == .varchar || type == .unknown || type.element != nil else {
                throw LakeQueryError("Unexpected parameters (\(type)) for function concat", at: position)
            }
            return .node("(\(values.map(\.sql).joined(separator: " || ")))", type == .unknown ? .varchar : type, values)
        case .coalesce:
            try arity(1...254)
            let (values, type) = try values(arguments, scope, function: name)
            return .node("coalesce(\(values.map { coerce($0, type).sql }.joined(separator: ", ")))", type, values)
        case .greatest, .least:
            try arity(1...254)
            let (values, type) = try values(arguments, scope, function: name)
            guard !type.isUnordered, type.element == nil else {
                throw LakeQueryError("Unexpected parameters (\(type)) for function \(name)", at: position)
            }
            let list = values.map { coerce($0, type).sql + (type == .varchar ? " COLLATE \"C\"" : "") }.joined(separator: ", ")
            let anyNull = values.map { "\($0.sql) IS NULL" }.joined(separator: " OR ")
            return .node("(CASE WHEN \(anyNull) THEN NULL ELSE \(name)(\(list)) END)", type, values)
        case .conditional:
            try arity(2...3)
            let condition = try expression(arguments[0], scope)
            try requireBoolean(condition, at: arguments[0].position, what: "IF condition")
            let (values, type) = try values(Array(arguments.dropFirst()), scope, function: name)
            let otherwise = values.count > 1 ? " ELSE \(coerce(values[1], type).sql)" : ""
            return .node("(CASE WHEN \(condition.sql) THEN \(coerce(values[0], type).sql)\(otherwise) END)", type, [condition] + values)
        case .regexpLike, .regexpExtract, .regexpReplace:
            return try regexp(special, arguments, scope, name: name, position: position)
        case .dateTrunc:
            try arity(2...2)
            let unit = try self.unit(arguments[0], function: name)
            let value = try expression(arguments[1], scope, expecting: .timestamp)
            switch value.type {
            case .timestamp:
                return .node("date_trunc('\(unit.field)', \(value.sql))", .timestamp, [value])
            case .date where unit.seconds == nil || unit.field == "day" || unit.field == "week":
                return .node("CAST(date_trunc('\(unit.field)', CAST(\(value.sql) AS timestamp)) AS date)", .date, [value])
            default:
                throw LakeQueryError("Unexpected parameters (varchar, \(value.type)) for function date_trunc", at: position)
            }
        case .dateAdd:
            try arity(3...3)
            let unit = try self.unit(arguments[0], function: name)
            let count = try expression(arguments[1], scope, expecting: .bigint)
            let value = try expression(arguments[2], scope, expecting: .timestamp)
            guard count.type == .bigint || count.type == .integer else {
                throw LakeQueryError("date_add value must be an integer: actual type \(count.type)", at: arguments[1].position)
            }
            let sum = "\(value.sql) + \(count.sql) * INTERVAL '\(unit.interval)'"
            switch value.type {
            case .timestamp:
                return .node("(\(sum))", .timestamp, [count, value])
            case .date where unit.seconds == nil || unit.field == "day" || unit.field == "week":
                return .node("CAST(\(sum) AS date)", .date, [count, value])
            default:
                throw LakeQueryError("Unexpected parameters (varchar, bigint, \(value.type)) for function date_add", at: position)
            }
        case .dateDiff:
            try arity(3...3)
            let unit = try self.unit(arguments[0], function: name)
            let (a, b) = try pair(arguments[1], arguments[2], scope)
            for value in [a, b] where value.type != .timestamp && value.type != .date {
                throw LakeQueryError("Unexpected parameters (varchar, \(a.type), \(b.type)) for function date_diff", at: position)
            }
            let from = coerce(a, .timestamp).sql
            let to = coerce(b, .timestamp).sql
            let sql: String
            if let seconds = unit.seconds {
                sql = "CAST(trunc(EXTRACT(EPOCH FROM (\(to) - \(from))) / \(seconds)) AS bigint)"
            } else {
                let months = "(EXTRACT(YEAR FROM age(\(to), \(from))) * 12 + EXTRACT(MONTH FROM age(\(to), \(from))))"
                sql = "CAST(trunc(\(months) / \(unit.months!)) AS bigint)"
            }
            return .node(sql, .bigint, [a, b])
        case .dateFormat:
            try arity(2...2)
            let value = try expression(arguments[0], scope, expecting: .timestamp)
            guard value.type == .timestamp || value.type == .date else {
                throw LakeQueryError("Unexpected parameters (\(value.type), varchar) for function date_format", at: position)
            }
            let (format, at) = try literal(arguments[1], function: name)
            let pattern: String
            do {
                pattern = try LakeDateFormat.pattern(format)
            } catch {
                throw LakeQueryError(error.reason, at: at)
            }
            return .node("to_char(\(coerce(value, .timestamp).sql), \(builder.bind(.text(pattern)))::text)", .varchar, [value])
        case .now:
            try arity(0...0)
            return Self.now
        case .jsonExtract, .jsonExtractScalar:
            try arity(2...2)
            let value = json(try expression(arguments[0], scope, expecting: .varchar))
            guard value.type == .json else {
                throw LakeQueryError("Unexpected parameters (\(value.type), varchar) for function \(name)", at: position)
            }
            let (path, at) = try literal(arguments[1], function: name)
            let keys: [String]
            do {
                keys = try LakeJSONPath.keys(path)
            } catch {
                throw LakeQueryError(error.reason, at: at)
            }
            var found = value.sql
            if !keys.isEmpty {
                var list: [String] = []
                for key in keys { list.append("\(builder.bind(.text(key)))::text") }
                found = "(\(value.sql) #> ARRAY[\(list.joined(separator: ", "))])"
            }
            return special == .jsonExtract ? .node(found, .json, [value]) : .node("cairn_lake_scalar(\(found))", .varchar, [value])
        case .arrayMax, .arrayMin:
            try arity(1...1)
            let array = try expression(arguments[0], scope)
            guard let element = array.type.element, !element.isUnordered, element.element == nil else {
                throw LakeQueryError("Unexpected parameters (\(array.type)) for function \(name)", at: position)
            }
            let l = alias("l")
            var item = LakeSQLExpression.decoded(LakeJSONSource(base: "\(l).\"v\""), element, []).sql
            if element == .varchar { item += " COLLATE \"C\"" }
            let max = special == .arrayMax
            let aggregate = element == .boolean ? (max ? "bool_or" : "bool_and") : (max ? "max" : "min")
            return .node("(SELECT \(aggregate)(\(item)) FROM jsonb_array_elements(cairn_lake_array(\(array.sql))) AS \(l)(\"v\"))", element, [array])
        case .filter, .transform, .anyMatch, .allMatch, .noneMatch:
            try arity(2...2)
            return try lambda(special, arguments[0], arguments[1], scope, name: name, position: position)
        }
    }

    /// Arguments that must meet in one type; literals are compiled last, taking that type.
    private mutating func values(
        _ arguments: [LakeExpression], _ scope: LakeScope, function: String
    ) throws(LakeQueryError)
        -> ([LakeSQLExpression], LakeType)
    {
        var compiled: [LakeSQLExpression?] = Array(repeating: nil, count: arguments.count)
        var type = LakeType.unknown
        for pass in 0..<2 {
            for (i, argument) in arguments.enumerated() where argument.isLiteral == (pass == 1) {
                let value = try expression(argument, scope, expecting: pass == 1 && type != .unknown ? type : nil)
                guard let common = LakeType.common(type, value.type) else {
                    throw LakeQueryError("All \(function) arguments must be the same type: \(type) vs \(value.type)", at: argument.position)
                }
                type = common
                compiled[i] = value
            }
        }
        return (compiled.map { $0! }, type)
    }

    private func literal(_ argument: LakeExpression, function: String) throws(LakeQueryError) -> (String, LakePosition) {
        guard case .string(let text) = argument.kind else {
            throw LakeQueryError("\(function) requires a string literal here", at: argument.position)
        }
        return (text, argument.position)
    }

    private func unit(
        _ argument: LakeExpression, function: String
    ) throws(LakeQueryError)
        -> (field: String, interval: String, seconds: String?, months: Int?)
    {
        let (text, position) = try literal(argument, function: function)
        guard let unit = Self.units[text.lowercased()] else { throw LakeQueryError("'\(text)' is not a valid TIMESTAMP field", at: position) }
        return unit
    }

    private mutating func regexp(
        _ special: LakeFunction.Special, _ arguments: [LakeExpression], _ scope: LakeScope, name: String, position: LakePosition
    ) throws(LakeQueryError) -> LakeSQLExpression {
        let counts = special == .regexpLike ? 2...2 : 2...3
        guard counts.contains(arguments.count) else {
            throw LakeQueryError(
                "Function \(name) takes \(counts.lowerBound) to \(counts.upperBound) arguments, not \(arguments.count)", at: position)
        }
        let value = try expression(arguments[0], scope, expecting: .varchar)
        guard value.type == .varchar || value.type == .unknown else {
            throw LakeQueryError("Unexpected parameters (\(value.type), varchar) for function \(name)", at: position)
        }
        let (pattern, at) = try literal(arguments[1], function: name)
        let regex: LakeRegex.Translation
        do {
            regex = try LakeRegex.translate(pattern)
        } catch {
            throw LakeQueryError(error.reason, at: at)
        }
        switch special {
        case .regexpLike:
            return .node("(\(value.sql) ~ \(builder.bind(.text(regex.pattern)))::text)", .boolean, [value])
        case .regexpExtract:
            var group: Int64 = 0
            if arguments.count == 3 {
                guard case .integer(let n) = arguments[2].kind, n >= 0 else {
                    throw LakeQueryError("regexp_extract group must be a non-negative integer literal", at: arguments[2].position)
                }
                guard n <= regex.groups else {
                    throw LakeQueryError("Pattern has \(regex.groups) groups. Cannot access group \(n)", at: arguments[2].position)
                }
                group = n
            }
            let whole = builder.bind(.text(regex.wholeMatch))
            let index = builder.bind(.integer(group + 1))
            return .node("(regexp_match(\(value.sql), \(whole)::text))[\(index)::integer]", .varchar, [value])
        default:
            var replacement = ""
            if arguments.count == 3 {
                let (text, at) = try literal(arguments[2], function: name)
                do {
                    replacement = try LakeRegex.replacement(text, groups: regex.groups)
                } catch {
                    throw LakeQueryError(error.reason, at: at)
                }
            }
            let sql = "regexp_replace(\(value.sql), \(builder.bind(.text(regex.pattern)))::text, \(builder.bind(.text(replacement)))::text, 'g')"
            return .node(sql, .varchar, [value])
        }
    }

    /// filter, transform and the *_match functions: the lambda's body runs once per element, its parameter bound
    /// to the element (read as the array's element type).
    private mutating func lambda(
        _ special: LakeFunction.Special, _ arrayArgument: LakeExpression, _ lambdaArgument: LakeExpression, _ scope: LakeScope,
        name: String, position: LakePosition
    ) throws(LakeQueryError) -> LakeSQLExpression {
        let array = try expression(arrayArgument, scope)
        guard let element = array.type.element else {
            throw LakeQueryError("Unexpected parameters (\(array.type), function) for function \(name)", at: position)
        }
        guard case .lambda(let parameters, let body) = lambdaArgument.kind, parameters.count == 1 else {
            throw LakeQueryError("\(name) expects a lambda with one parameter, such as x -> x IS NOT NULL", at: lambdaArgument.position)
        }
        let l = alias("l")
        let inner = LakeScope(parent: scope, level: scope.level)
        inner.parameters[parameters[0].folded] = .decoded(LakeJSONSource(base: "\(l).\"v\""), element, [])
        let result = try expression(body, inner)
        if result.aggregate || result.window {
            throw LakeQueryError("Lambda expressions cannot contain aggregations or window functions", at: body.position)
        }
        if special != .transform { try requireBoolean(result, at: body.position, what: "Lambda expression in \(name)") }
        let elements = "jsonb_array_elements(cairn_lake_array(\(array.sql)))"
        switch special {
        case .filter:
            let kept =
                "(SELECT coalesce(jsonb_agg(\(l).\"v\" ORDER BY \(l).\"o\"), '[]'::jsonb) FROM \(elements) WITH ORDINALITY AS \(l)(\"v\", \"o\") WHERE \(result.sql))"
            return .node("(CASE WHEN \(array.sql) IS NULL THEN NULL ELSE \(kept) END)", array.type, [array, result])
        case .transform:
            let type = result.type == .unknown ? LakeType.varchar : result.type
            let item = type.isJSONB ? result.sql : "to_jsonb(\(coerce(result, type).sql))"
            let mapped =
                "(SELECT coalesce(jsonb_agg(\(item) ORDER BY \(l).\"o\"), '[]'::jsonb) FROM \(elements) WITH ORDINALITY AS \(l)(\"v\", \"o\"))"
            return .node("(CASE WHEN \(array.sql) IS NULL THEN NULL ELSE \(mapped) END)", .array(type), [array, result])
        case .anyMatch:
            return .node("EXISTS (SELECT 1 FROM \(elements) AS \(l)(\"v\") WHERE \(result.sql))", .boolean, [array, result])
        case .allMatch:
            return .node("(NOT EXISTS (SELECT 1 FROM \(elements) AS \(l)(\"v\") WHERE (\(result.sql)) IS NOT TRUE))", .boolean, [array, result])
        default:
            return .node("(NOT EXISTS (SELECT 1 FROM \(elements) AS \(l)(\"v\") WHERE \(result.sql)))", .boolean, [array, result])
        }
    }
}
