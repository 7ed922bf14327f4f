/// Where a statement came from, for explanations and `cairn policy test` expectations.
package struct StatementRef: Sendable, Hashable, Codable {
    package var policyType: PolicyType
    package var policyIndex: Int
    package var statementIndex: Int
    package var sid: String?
    /// For SCPs: 0 = root, then each OU, the last level is the account.
    package var scpLevel: Int?

    package init(policyType: PolicyType, policyIndex: Int, statementIndex: Int, sid: String?, scpLevel: Int? = nil) {
        self.policyType = policyType
        self.policyIndex = policyIndex
        self.statementIndex = statementIndex
        self.sid = sid
        self.scpLevel = scpLevel
    }
}

/// A statement ready for evaluation: every pattern parsed, every key lowercased.
///
/// An immutable final class rather than a struct: the scan loop touches hundreds of these per decision, and
/// copying a struct with eight array fields costs eight retain/release pairs where a reference costs one.
/// All stored properties are `let` and Sendable, so instances are freely shareable.
package final class CompiledStatement: Sendable, Hashable {
    package let ref: StatementRef
    package let effect: Effect
    package let actionNegated: Bool
    package let actions: [ActionPattern]
    package let resourceNegated: Bool
    /// nil: no Resource element (trust policies, resource policies scoped to their resource).
    package let resources: [ArnPattern]?
    /// nil: no Principal element. In resource and trust policies such a statement never applies.
    package let principal: PrincipalMatcher?
    package let conditions: [CompiledCondition]
    /// (lowercased, as written) keys the conditions read, for "missing context keys".
    package let conditionKeys: [(lower: String, written: String)]
    /// Keys used as `${…}` variables in Resource/NotResource.
    package let resourceKeys: [(lower: String, written: String)]

    package static func == (a: CompiledStatement, b: CompiledStatement) -> Bool { a.ref == b.ref }
    package func hash(into h: inout Hasher) { h.combine(ref) }

    package init(_ s: Statement, ref: StatementRef, substituteVariables: Bool) {
        self.ref = ref
        effect = s.effect
        actionNegated = s.action.isNegated
        actions = s.action.patterns.map(ActionPattern.init)
        resourceNegated = s.resource?.isNegated ?? false
        resources = s.resource.map { $0.patterns.map { ArnPattern($0, substituteVariables: substituteVariables) } }
        principal = s.principal.map(PrincipalMatcher.init)
        conditions = s.conditions.map { CompiledCondition($0, substituteVariables: substituteVariables) }
        var keys: [(lower: String, written: String)] = []
        for c in conditions { keys += c.referencedKeys }
        conditionKeys = keys
        var rkeys: [(lower: String, written: String)] = []
        for r in resources ?? [] { for k in r.variableKeys { rkeys.append((k, k)) } }
        resourceKeys = rkeys
    }

    @inline(__always)
    package func matchesAction(_ action: RequestAction) -> Bool {
        let hit = action.lowercased.withUnsafeBufferPointer { buf in
            actions.withUnsafeBufferPointer { patterns in
                for i in 0..<patterns.count where patterns[i].glob.matches(buf) { return true }
                return false
            }
        }
        return hit != actionNegated
    }

    @inline(__always)
    package func matchesResource(_ resource: ParsedArn, context: RequestContext) -> Bool {
        guard let resources else { return true }
        let hit = resources.withUnsafeBufferPointer { patterns in
            for i in 0..<patterns.count where patterns[i].matches(resource, context: context) { return true }
            return false
        }
        return hit != resourceNegated
    }

    @inline(__always)
    package func conditionsHold(_ context: RequestContext) -> Bool {
        conditions.withUnsafeBufferPointer { list in
            for i in 0..<list.count where !list[i].evaluate(context) { return false }
            return true
        }
    }
}
