extension LakeCompiler {
    /// A FROM item, added to `scope` so later items, ON and the rest of the SELECT can name its columns.
    mutating func relation(_ relation: LakeRelation, scope: LakeScope) throws(LakeQueryError) -> (sql: String, lateral: Bool) {
        switch relation {
        case .store(let id, let position, let alias):
            guard let binding = stores[id] else { throw LakeQueryError("Event data store \(id) not found", at: position) }
            if let alias, !alias.columns.isEmpty {
                throw LakeQueryError("Column aliases are not supported for event data stores", at: alias.name.position)
            }
            let name = self.alias("t")
            let sql = "\(binding.relation(&builder)) AS \(name)"
            let record = LakeSQLExpression.record(of: name, kind: binding.kind)
            let columns = LakeSchema.columns(binding.kind).map { field in
                LakeScope.Column(
                    name: field.name, aliases: field.aliases, listed: !LakeSchema.whole.contains(field),
                    value: LakeSQLExpression.member(field, of: record))
            }
            scope.relations.append(LakeScope.Relation(name: alias?.name.folded, columns: columns))
            return (sql, false)

        case .subquery(let query, let alias):
            let inner = try self.query(query, parent: scope.parent, top: false)
            let name = self.alias("t")
            let names = try columnNames(alias, available: inner.columns.map(\.name), position: query.position)
            let columns = inner.columns.enumerated().map { i, column in
                var value = LakeSQLExpression("\(name).\(Self.column(i))", column.type)
                if column.type.isJSONB { value.source = LakeJSONSource(base: value.sql) }
                return LakeScope.Column(name: names[i].lowercased(), value: value)
            }
            scope.relations.append(LakeScope.Relation(name: alias?.name.folded, columns: columns))
            return ("(\(inner.sql)) AS \(name)", false)

        case .unnest(let arrays, let ordinality, let alias, let position):
            return try unnest(arrays, ordinality: ordinality, alias: alias, position: position, scope: scope)

        case .join(let kind, let left, let right, let on, let position):
            let start = scope.relations.count
            let l = try self.relation(left, scope: scope)
            let middle = scope.relations.count
            let r = try self.relation(right, scope: scope)
            // An outer join's padded side can be NULL, so its times may not skip the NULLS clause when sorted.
            let end = scope.relations.count
            let padded = kind == .left ? middle..<end : kind == .right ? start..<middle : kind == .full ? start..<end : start..<start
            for i in padded {
                for j in scope.relations[i].columns.indices { scope.relations[i].columns[j].value.padded = true }
            }
            if r.lateral && (kind == .right || kind == .full) {
                throw LakeQueryError("\(kind.rawValue) with UNNEST is not supported", at: position)
            }
            var sql = "\(l.sql) \(kind.rawValue) \(r.sql)"
            if let on {
                let condition = try clause(on, scope, name: "JOIN", instants: true)
                try requireBoolean(condition, at: on.position, what: "JOIN criteria")
                sql += " ON \(condition.sql)"
            }
            return (sql, l.lateral)
        }
    }

    private func columnNames(_ alias: LakeAlias?, available: [String], position: LakePosition) throws(LakeQueryError) -> [String] {
        guard let alias, !alias.columns.isEmpty else { return available }
        guard alias.columns.count == available.count else {
            throw LakeQueryError(
                "Column alias list has \(alias.columns.count) entries but '\(alias.name.spelling)' has \(available.count) columns available",
                at: alias.name.position)
        }
        return alias.columns.map(\.spelling)
    }

    /// `UNNEST(a, …) [WITH ORDINALITY] AS t(x, …)`: arrays give their elements (a row element either whole, as
    /// `t(r)` names it, or field by field, as Trino expands it), maps their keys and values.
    private mutating func unnest(
        _ arrays: [LakeExpression], ordinality: Bool, alias: LakeAlias?, position: LakePosition, scope: LakeScope
    ) throws(LakeQueryError) -> (sql: String, lateral: Bool) {
        let name = self.alias("t")
        var functions: [String] = []
        var columns: [LakeScope.Column] = []
        var physical = 0
        let wanted = alias?.columns.count
        for array in arrays {
            let value = try expression(array, scope)
            if value.aggregate || value.window {
                throw LakeQueryError("UNNEST cannot contain aggregations or window functions", at: array.position)
            }
            let base = "\(name).\(Self.column(physical))"
            switch value.type {
            case .array(let element):
                functions.append("jsonb_array_elements(cairn_lake_array(\(value.sql)))")
                let source = LakeJSONSource(base: base)
                if case .row(let fields) = element, arrays.count == 1, wanted != 1 + (ordinality ? 1 : 0) {
                    columns += fields.map { LakeScope.Column(name: $0.name, value: .decoded(source.appending($0.path), $0.type, [])) }
                } else {
                    columns.append(LakeScope.Column(name: nil, value: .decoded(source, element, [])))
                }
                physical += 1
            case .map(let valueType):
                functions.append("jsonb_each(cairn_lake_object(\(value.sql)))")
                columns.append(LakeScope.Column(name: nil, value: LakeSQLExpression(base, .varchar)))
                let entry = "\(name).\(Self.column(physical + 1))"
                columns.append(LakeScope.Column(name: nil, value: LakeSQLExpression.mapValue(entry, valueType, [])))
                physical += 2
            default:
                throw LakeQueryError("Cannot unnest type: \(value.type)", at: array.position)
            }
        }
        if ordinality {
            columns.append(LakeScope.Column(name: nil, value: LakeSQLExpression("\(name).\(Self.column(physical))", .bigint)))
            physical += 1
        }
        if let alias, !alias.columns.isEmpty {
            guard alias.columns.count == columns.count else {
                throw LakeQueryError(
                    "Column alias list has \(alias.columns.count) entries but '\(alias.name.spelling)' has \(columns.count) columns available",
                    at: alias.name.position)
            }
            for (i, column) in alias.columns.enumerated() { columns[i].name = column.folded }
        }
        scope.relations.append(LakeScope.Relation(name: alias?.name.folded, columns: columns))
        let names = (0..<physical).map(Self.column).joined(separator: ", ")
        let sql = "LATERAL ROWS FROM (\(functions.joined(separator: ", ")))\(ordinality ? " WITH ORDINALITY" : "") AS \(name)(\(names))"
        _ = position
        return (sql, true)
    }
}
