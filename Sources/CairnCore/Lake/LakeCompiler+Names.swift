extension LakeCompiler {
    /// `a`, `a.b.c`: the names of a column reference, or nil when the base is not a plain name.
    static func chain(_ expression: LakeExpression) -> [LakeName]? {
        switch expression.kind {
        case .name(let name): return [name]
        case .field(let base, let name): return chain(base).map { $0 + [name] }
        default: return nil
        }
    }

    /// Resolves `a.b.c` as Trino does: a lambda parameter, else `relation.column`, else a column of exactly one
    /// relation, searching outward through enclosing queries; the rest are fields.
    func resolve(_ names: [LakeName], scope: LakeScope) throws(LakeQueryError) -> LakeSQLExpression {
        let first = names[0].folded
        let written = names.map(\.spelling).joined(separator: ".")
        var current: LakeScope? = scope
        while let s = current {
            if let parameter = s.parameters[first] {
                return try fields(parameter, names.dropFirst(), written: written)
            }
            if names.count >= 2 {
                let qualified = s.relations.filter { $0.name == first }.compactMap { $0.column(names[1].folded) }
                if qualified.count > 1 { throw LakeQueryError("Column '\(written)' is ambiguous", at: names[0].position) }
                if let column = qualified.first {
                    let value = use(column, name: names[0...1], level: s.level)
                    return try fields(value, names.dropFirst(2), written: written)
                }
            }
            let matches = s.relations.compactMap { $0.column(first) }
            if matches.count > 1 { throw LakeQueryError("Column '\(names[0].spelling)' is ambiguous", at: names[0].position) }
            if let column = matches.first {
                return try fields(use(column, name: names[0...0], level: s.level), names.dropFirst(), written: written)
            }
            current = s.parent
        }
        throw LakeQueryError("Column '\(written)' cannot be resolved", at: names[0].position)
    }

    private func use(_ column: LakeScope.Column, name: ArraySlice<LakeName>, level: Int) -> LakeSQLExpression {
        var value = column.value
        let written = name.map(\.spelling).joined(separator: ".")
        value.uses = [LakeColumnUse(name: written, position: name.first!.position, level: level, covers: [value.sql])]
        return value
    }

    private func fields(_ base: LakeSQLExpression, _ names: ArraySlice<LakeName>, written: String) throws(LakeQueryError) -> LakeSQLExpression {
        var value = base
        for name in names { value = try field(value, name, written: written) }
        return value
    }

    /// `row.name`.
    func field(_ base: LakeSQLExpression, _ name: LakeName, written: String) throws(LakeQueryError) -> LakeSQLExpression {
        guard case .row(let fields) = base.type else {
            throw LakeQueryError("Cannot read field '\(name.spelling)' of type \(base.type): it is not a ROW", at: name.position)
        }
        guard let field = fields.named(name.folded) else {
            throw LakeQueryError("Column '\(written)' cannot be resolved", at: name.position)
        }
        return LakeSQLExpression.member(field, of: base)
    }
}
