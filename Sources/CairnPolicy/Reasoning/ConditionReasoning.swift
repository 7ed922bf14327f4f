/// Relations between condition clauses that the custom checks can prove: one clause implying another, and
/// two sets of clauses that no request satisfies together. Anything else is "not proven".
enum ConditionReasoning {
    /// Whether every request satisfying `strong` satisfies `weak`.
    static func implies(_ strong: ConditionClause, _ weak: ConditionClause) -> Bool {
        guard strong.key.lowercased() == weak.key.lowercased() else { return false }
        if strong.op == weak.op {
            if Set(strong.values) == Set(weak.values) { return true }
            guard strong.op.qualifier == nil, !strong.op.ifExists else { return false }
            switch strong.op.base {
            // Fewer accepted values is stricter for the positive operators…
            case .stringEquals, .stringEqualsIgnoreCase, .arnEquals, .ipAddress, .stringLike, .arnLike:
                return strong.values.allSatisfy { v in weak.values.contains { w in covers(w, v, strong.op.base) } }
            // …and more excluded values for the negated ones.
            case .stringNotEquals, .stringNotLike, .arnNotEquals, .arnNotLike:
                return weak.values.allSatisfy { w in strong.values.contains { v in covers(v, w, strong.op.base) } }
            default:
                return false
            }
        }
        // A positive comparison holds only when the key is present, so it implies `Null: false`.
        if weak.op.base == .null, weak.op.qualifier == nil, weak.values.map({ $0.lowercased() }) == ["false"] {
            return requiresPresence(strong)
        }
        return false
    }

    /// Whether no request can satisfy all of `a` and all of `b`.
    static func contradict(_ a: [ConditionClause], _ b: [ConditionClause]) -> Bool {
        a.contains { x in b.contains { y in contradict(x, y) || contradict(y, x) } }
    }

    static func contradict(_ x: ConditionClause, _ y: ConditionClause) -> Bool {
        guard x.key.lowercased() == y.key.lowercased() else { return false }
        // The key must be present for x, and absent for y.
        if y.op.base == .null, y.op.qualifier == nil, y.values.map({ $0.lowercased() }) == ["true"], requiresPresence(x) { return true }
        guard x.op.qualifier == nil, y.op.qualifier == nil, !x.op.ifExists, !y.op.ifExists, !hasWildcards(x), !hasWildcards(y) else {
            return false
        }
        switch (x.op.base, y.op.base) {
        case (.stringEquals, .stringEquals), (.bool, .bool):
            // One value for a single-valued key cannot be in two disjoint sets.
            return Set(x.values.map { $0.lowercased() == "true" || $0.lowercased() == "false" ? $0.lowercased() : $0 })
                .isDisjoint(with: y.values.map { $0.lowercased() == "true" || $0.lowercased() == "false" ? $0.lowercased() : $0 })
                && !RequestContext.knownMultivaluedKeys.contains(x.key.lowercased())
        case (.stringEquals, .stringNotEquals):
            return Set(x.values).isSubset(of: y.values) && !RequestContext.knownMultivaluedKeys.contains(x.key.lowercased())
        default:
            return false
        }
    }

    /// Whether the clause can hold only when its key is in the request.
    static func requiresPresence(_ c: ConditionClause) -> Bool {
        !c.op.ifExists && c.op.qualifier == nil && c.op.base != .null && !c.op.base.isNegated
    }

    static func hasWildcards(_ c: ConditionClause) -> Bool { c.values.contains { $0.contains("*") || $0.contains("?") || $0.contains("${") } }

    /// Whether every value `inner` accepts, `outer` accepts (patterns only for the Like operators).
    static func covers(_ outer: String, _ inner: String, _ base: ConditionOperator.Base) -> Bool {
        switch base {
        case .stringLike, .stringNotLike, .arnLike, .arnNotLike: GlobReasoning.covers(outer, inner)
        case .stringEqualsIgnoreCase: outer.lowercased() == inner.lowercased()
        default: outer == inner
        }
    }
}
