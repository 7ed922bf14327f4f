extension LakeCompiler {
    private struct Item {
        var name: String
        var value: LakeSQLExpression
    }

    /// One SELECT. With `orderBy`, also its sort keys over `wrapper`, adding hidden columns `"h0"`… for keys that are
    /// not output columns (the wrapping query drops them).
    mutating func select(
        _ select: LakeSelect, parent: LakeScope?, orderBy: [LakeSortItem], wrapper: String
    )
        throws(LakeQueryError) -> (Compiled, [String])
    {
        let scope = LakeScope(parent: parent, level: (parent?.level ?? 0) + 1)
        let saved = instantsAllowed
        instantsAllowed = false
        defer { instantsAllowed = saved }
        var from: [String] = []
        for relation in select.from {
            let part = try self.relation(relation, scope: scope)
            from.append(from.isEmpty ? part.sql : "CROSS JOIN \(part.sql)")
        }

        var filter: LakeSQLExpression?
        if let condition = select.filter {
            filter = try clause(condition, scope, name: "WHERE", instants: true)
            try requireBoolean(filter!, at: condition.position, what: "WHERE clause")
        }

        var items: [Item] = []
        for item in select.items {
            switch item {
            case .expression(let expression, let alias):
                let value = try self.expression(expression, scope)
                items.append(Item(name: alias?.spelling ?? Self.derivedName(expression) ?? "_col\(items.count)", value: value))
            case .all(let qualifier, let position):
                items += try allColumns(qualifier, scope: scope, position: position)
            }
        }

        var keys: [String] = []
        for key in select.groupBy {
            let value = try groupKey(key, items: items, scope: scope)
            if value.aggregate || value.window {
                throw LakeQueryError("GROUP BY clause cannot contain aggregations or window functions", at: key.position)
            }
            keys.append(value.sql)
        }

        var having: LakeSQLExpression?
        if let condition = select.having {
            having = try clause(condition, scope, name: "HAVING", instants: false, aggregates: true)
            try requireBoolean(having!, at: condition.position, what: "HAVING clause")
        }

        let aggregated = !keys.isEmpty || having != nil || items.contains { $0.value.aggregate }
        var hidden: [LakeSQLExpression] = []
        var sortKeys: [String] = []
        for item in orderBy {
            var index = try outputIndex(item.expression, items: items)
            var value: LakeSQLExpression
            if let index {
                value = items[index].value
            } else {
                value = try expression(item.expression, scope)
                index = items.firstIndex { $0.value.sql == value.sql }
            }
            if !aggregated && !select.distinct, let instant = value.instant {
                // Sort by the instant itself (`event_time`), which an index can deliver in order.
                hidden.append(LakeSQLExpression(instant, .timestamp))
                let key = LakeSQLExpression(hiddenColumn(wrapper, hidden.count - 1), .timestamp)
                sortKeys.append(try sortKey(key, item, neverNull: !value.padded))
            } else if let index {
                sortKeys.append(try sortKey(LakeSQLExpression("\(wrapper).\(Self.column(index))", value.type), item))
            } else if select.distinct {
                throw LakeQueryError("For SELECT DISTINCT, ORDER BY expressions must appear in select list", at: item.expression.position)
            } else {
                hidden.append(value)
                sortKeys.append(try sortKey(LakeSQLExpression(hiddenColumn(wrapper, hidden.count - 1), value.type), item))
            }
        }

        if aggregated {
            let grouped = Set(keys)
            for value in items.map(\.value) + [having].compactMap({ $0 }) + hidden {
                for use in value.uses where use.level == scope.level && !use.covers.contains(where: grouped.contains) {
                    throw LakeQueryError("'\(use.name)' must be an aggregate expression or appear in GROUP BY clause", at: use.position)
                }
            }
        }

        var list = items.enumerated().map { "\($1.value.sql) AS \(Self.column($0))" }
        list += hidden.enumerated().map { "\($1.sql) AS \"h\($0)\"" }
        var sql = "SELECT \(select.distinct ? "DISTINCT " : "")\(list.joined(separator: ", "))"
        if !from.isEmpty { sql += " FROM " + from.joined(separator: " ") }
        if let filter { sql += " WHERE \(filter.sql)" }
        if !keys.isEmpty { sql += " GROUP BY " + keys.joined(separator: ", ") }
        if let having { sql += " HAVING \(having.sql)" }
        return (Compiled(sql: sql, columns: items.map { Column(name: $0.name, type: $0.value.type) }), sortKeys)
    }

    private func hiddenColumn(_ wrapper: String, _ index: Int) -> String { "\(wrapper).\"h\(index)\"" }

    /// WHERE, HAVING or ON: aggregates only where allowed, window functions never.
    mutating func clause(
        _ condition: LakeExpression, _ scope: LakeScope, name: String, instants: Bool, aggregates: Bool = false
    )
        throws(LakeQueryError) -> LakeSQLExpression
    {
        let saved = instantsAllowed
        instantsAllowed = instants
        defer { instantsAllowed = saved }
        let value = try expression(condition, scope)
        if (value.aggregate && !aggregates) || value.window {
            throw LakeQueryError("\(name) clause cannot contain aggregations or window functions", at: condition.position)
        }
        return value
    }

    func requireBoolean(_ value: LakeSQLExpression, at position: LakePosition, what: String) throws(LakeQueryError) {
        guard value.type == .boolean || value.type == .unknown else {
            throw LakeQueryError("\(what) must evaluate to a boolean: actual type \(value.type)", at: position)
        }
    }

    /// The name Lake gives an unaliased column: a column or field keeps its last name as written.
    static func derivedName(_ expression: LakeExpression) -> String? {
        switch expression.kind {
        case .name(let name): return name.spelling
        case .field(_, let name): return name.spelling
        default: return nil
        }
    }

    /// An ORDER BY ordinal, or a bare name matching one output column.
    private func outputIndex(_ expression: LakeExpression, items: [Item]) throws(LakeQueryError) -> Int? {
        switch expression.kind {
        case .integer(let n):
            guard n >= 1, n <= items.count else {
                throw LakeQueryError("ORDER BY position \(n) is not in select list", at: expression.position)
            }
            return Int(n) - 1
        case .name(let name):
            let matches = items.indices.filter { items[$0].name.lowercased() == name.folded }
            if matches.count > 1 { throw LakeQueryError("Column '\(name.spelling)' is ambiguous", at: name.position) }
            return matches.first
        default:
            return nil
        }
    }

    /// A GROUP BY item: an ordinal of the select list, an expression over the FROM relations, or (as a convenience
    /// Trino does not offer) an output alias no input column shadows.
    private mutating func groupKey(_ key: LakeExpression, items: [Item], scope: LakeScope) throws(LakeQueryError) -> LakeSQLExpression {
        if case .integer(let n) = key.kind {
            guard n >= 1, n <= items.count else {
                throw LakeQueryError("GROUP BY position \(n) is not in select list", at: key.position)
            }
            return items[Int(n) - 1].value
        }
        do {
            return try expression(key, scope)
        } catch {
            if case .name(let name) = key.kind, let item = items.first(where: { $0.name.lowercased() == name.folded }) {
                return item.value
            }
            throw error
        }
    }

    /// `*` or `t.*`: every listed column of the FROM relations, named as Lake's schema names them.
    private func allColumns(_ qualifier: LakeName?, scope: LakeScope, position: LakePosition) throws(LakeQueryError) -> [Item] {
        var items: [Item] = []
        var found = qualifier == nil
        for relation in scope.relations where qualifier == nil || relation.name == qualifier?.folded {
            found = true
            for column in relation.columns where column.listed {
                guard let name = column.name else { continue }
                var value = column.value
                value.uses = [LakeColumnUse(name: name, position: position, level: scope.level, covers: [value.sql])]
                items.append(Item(name: name, value: value))
            }
        }
        if !found, let qualifier { throw LakeQueryError("Table '\(qualifier.spelling)' not found", at: qualifier.position) }
        if items.isEmpty { throw LakeQueryError("SELECT * not allowed in queries without FROM clause", at: position) }
        return items
    }
}
