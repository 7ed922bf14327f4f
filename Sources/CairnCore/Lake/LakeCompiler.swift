/// Turns parsed Lake syntax into one parameterised PostgreSQL statement. Everything written into the SQL comes from
/// the schema, the function table or this compiler; the user's literals are bound, their names only chosen among.
struct LakeCompiler {
    /// A SELECT whose columns are `"c0"`, `"c1"`, … and nothing else.
    struct Compiled {
        var sql: String
        var columns: [Column]
    }

    struct Column {
        var name: String
        var type: LakeType
    }

    let stores: [String: LakeStoreBinding]
    var builder = LakeSQLBuilder()
    private var aliasCount = 0
    /// Whether timestamps may be compared through their `instant` (WHERE and ON, where no grouping can be upset).
    var instantsAllowed = false

    init(stores: [String: LakeStoreBinding]) { self.stores = stores }

    mutating func alias(_ prefix: String) -> String {
        defer { aliasCount += 1 }
        return "\"\(prefix)\(aliasCount)\""
    }

    static func column(_ index: Int) -> String { "\"c\(index)\"" }

    /// The whole query: its rows rendered as Lake renders values, all text.
    mutating func top(_ query: LakeQuerySyntax) throws(LakeQueryError) -> LakeCompiledQuery {
        let compiled = try self.query(query, parent: nil, top: true)
        return LakeCompiledQuery(sql: compiled.sql, binds: builder.binds, columns: compiled.columns.map(\.name))
    }

    /// A query with its ORDER BY, OFFSET and LIMIT. At the top, and wherever it has a LIMIT or OFFSET, the body is
    /// wrapped so that sorting can use hidden columns and the top can render; an ORDER BY alone in a subquery means
    /// nothing (as in Trino) and is dropped.
    mutating func query(_ query: LakeQuerySyntax, parent: LakeScope?, top: Bool) throws(LakeQueryError) -> Compiled {
        let wrapped = top || query.limit != nil || query.offset != nil
        if !wrapped { return try body(query.body, parent: parent) }
        let wrapper = alias("q")
        var body: Compiled
        var keys: [String]
        if case .select(let select) = query.body {
            (body, keys) = try self.select(select, parent: parent, orderBy: query.orderBy, wrapper: wrapper)
        } else {
            body = try self.body(query.body, parent: parent)
            keys = try outputKeys(query.orderBy, of: body, wrapper: wrapper, parent: parent)
        }
        let list = body.columns.enumerated().map { i, column in
            let value = "\(wrapper).\(Self.column(i))"
            return "\(top ? LakeRendering.text(value, column.type) : value) AS \(Self.column(i))"
        }
        var sql = "SELECT \(list.joined(separator: ", ")) FROM (\(body.sql)) AS \(wrapper)"
        if !keys.isEmpty { sql += " ORDER BY " + keys.joined(separator: ", ") }
        if let limit = query.limit { sql += " LIMIT \(builder.bind(.integer(limit.value)))::bigint" }
        if let offset = query.offset { sql += " OFFSET \(builder.bind(.integer(offset.value)))::bigint" }
        return Compiled(sql: sql, columns: body.columns)
    }

    mutating func body(_ body: LakeQueryBody, parent: LakeScope?) throws(LakeQueryError) -> Compiled {
        switch body {
        case .select(let select):
            return try self.select(select, parent: parent, orderBy: [], wrapper: "").0
        case .nested(let inner):
            return try query(inner, parent: parent, top: false)
        case .setOperation(let op, let all, let left, let right, let position):
            var l = try self.body(left, parent: parent)
            var r = try self.body(right, parent: parent)
            guard l.columns.count == r.columns.count else {
                throw LakeQueryError(
                    "\(op.rawValue) query has different number of fields: \(l.columns.count), \(r.columns.count)", at: position)
            }
            var types: [LakeType] = []
            for (i, (a, b)) in zip(l.columns, r.columns).enumerated() {
                guard let common = LakeType.common(a.type, b.type) else {
                    throw LakeQueryError(
                        "column \(i + 1) in \(op.rawValue) query has incompatible types: \(a.type), \(b.type)", at: position)
                }
                types.append(common)
            }
            l = widen(l, to: types)
            r = widen(r, to: types)
            let sql = "(\(l.sql)) \(op.rawValue)\(all ? " ALL" : "") (\(r.sql))"
            return Compiled(sql: sql, columns: zip(l.columns, types).map { Column(name: $0.name, type: $1) })
        }
    }

    /// A set operation's side with its columns cast to the types both sides share.
    private mutating func widen(_ side: Compiled, to types: [LakeType]) -> Compiled {
        guard zip(side.columns, types).contains(where: { $0.type != $1 }) else { return side }
        let b = alias("u")
        let list = zip(side.columns, types).enumerated().map { i, pair in
            let value = "\(b).\(Self.column(i))"
            let cast = pair.0.type == pair.1 ? value : "CAST(\(value) AS \(pair.1.postgres))"
            return "\(cast) AS \(Self.column(i))"
        }
        let columns = zip(side.columns, types).map { Column(name: $0.name, type: $1) }
        return Compiled(sql: "SELECT \(list.joined(separator: ", ")) FROM (\(side.sql)) AS \(b)", columns: columns)
    }

    /// ORDER BY over a set operation's result: ordinals, or expressions over its output columns.
    private mutating func outputKeys(
        _ items: [LakeSortItem], of body: Compiled, wrapper: String, parent: LakeScope?
    )
        throws(LakeQueryError) -> [String]
    {
        let scope = LakeScope(parent: parent, level: (parent?.level ?? 0) + 1)
        let columns = body.columns.enumerated().map { i, column in
            LakeScope.Column(name: column.name.lowercased(), value: LakeSQLExpression("\(wrapper).\(Self.column(i))", column.type))
        }
        scope.relations = [LakeScope.Relation(name: nil, columns: columns)]
        var keys: [String] = []
        for item in items {
            if case .integer(let n) = item.expression.kind {
                guard n >= 1, n <= body.columns.count else {
                    throw LakeQueryError("ORDER BY position \(n) is not in select list", at: item.expression.position)
                }
                let i = Int(n) - 1
                keys.append(try sortKey(LakeSQLExpression("\(wrapper).\(Self.column(i))", body.columns[i].type), item))
            } else {
                keys.append(try sortKey(try expression(item.expression, scope), item))
            }
        }
        return keys
    }

    /// One ORDER BY key: varchar in code-point order (Trino compares code points), NULLs last unless asked. A key
    /// that is never NULL (a store's `event_time`) gets no NULLS clause, so an index on it can be read backwards.
    func sortKey(_ value: LakeSQLExpression, _ item: LakeSortItem, neverNull: Bool = false) throws(LakeQueryError) -> String {
        if value.type.isUnordered { throw LakeQueryError("Type \(value.type) is not orderable", at: item.expression.position) }
        var sql = value.sql
        if value.type == .varchar { sql += " COLLATE \"C\"" }
        sql += item.descending ? " DESC" : " ASC"
        if !neverNull { sql += item.nullsFirst == true ? " NULLS FIRST" : " NULLS LAST" }
        return sql
    }
}
