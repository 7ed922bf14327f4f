/// All documents of one role for one decision (e.g. a user's inline, managed and group policies), with
/// statements indexed by their actions' literal prefixes, so a `cloudtrail:GetTrail` request never looks at
/// `s3:` statements, nor at `cloudtrail:Delete*` ones.
package struct CompiledPolicySet: Sendable {
    package let type: PolicyType
    package let statements: [CompiledStatement]
    /// Candidate lookup by the literal prefixes of Action patterns.
    package let index: ActionIndex
    package let isEmpty: Bool
    /// Whether any statement reads the request's context: a condition, or a policy variable in a resource. A
    /// request checked only against sets that read none needs no context built.
    package let readsContext: Bool

    package init(_ documents: [PolicyDocument], type: PolicyType, scpLevel: Int? = nil) {
        self.init(documents.enumerated().map { CompiledPolicy($1, type: type, index: $0, scpLevel: scpLevel) }, type: type)
    }

    package init(_ policies: [CompiledPolicy], type: PolicyType) {
        self.type = type
        var all: [CompiledStatement] = []
        var index = ActionIndex()
        for p in policies {
            for s in p.statements {
                index.add(Int32(all.count), patterns: s.actions, negated: s.actionNegated)
                all.append(s)
            }
        }
        statements = all
        self.index = index
        isEmpty = policies.isEmpty
        readsContext = all.contains { !$0.conditions.isEmpty || ($0.resources ?? []).contains { $0.templateResource != nil } }
    }

    /// What this set says about a request.
    package struct Outcome: Sendable {
        package var allowed = false
        package var denied = false
        /// For resource and trust policies: the most favourable way an applicable Allow named the caller.
        package var grant: GrantKind?
    }

    /// Scans the candidate statements. Every applicable statement is recorded (both effects), so the result
    /// can explain itself; order never matters because only "any Allow" and "any Deny" are kept.
    package func scan(_ request: AuthorizationRequest, hasBoundary: Bool, into trace: inout EvaluationTrace) -> Outcome {
        var outcome = Outcome()
        let requiresPrincipal = type.requiresPrincipal
        // Bound once: reading these through `request` inside the loop would copy (and retain) them per statement.
        let action = request.action
        let resource = request.resource
        let context = request.context
        let principal = request.principal
        statements.withUnsafeBufferPointer { buf in
            func visit(_ s: CompiledStatement) {
                guard s.matchesAction(action) else { return }
                if !s.resourceKeys.isEmpty { trace.noteKeys(s.resourceKeys, context: context) }
                guard s.matchesResource(resource, context: context) else { return }
                var kind: GrantKind?
                if requiresPrincipal {
                    guard let pm = s.principal,
                        let k = pm.applies(to: principal, effect: s.effect, hasBoundary: hasBoundary)
                    else { return }
                    kind = k
                }
                if !s.conditionKeys.isEmpty { trace.noteKeys(s.conditionKeys, context: context) }
                guard s.conditionsHold(context) else { return }
                trace.matched.append(MatchedStatement(ref: s.ref, effect: s.effect))
                switch s.effect {
                case .deny:
                    outcome.denied = true
                case .allow:
                    outcome.allowed = true
                    if let kind, outcome.grant.map({ $0 < kind }) ?? true { outcome.grant = kind }
                }
            }
            index.forEachCandidate(action.lowercased) { visit(buf[Int($0)]) }
        }
        return outcome
    }
}

/// Evidence gathered while scanning: applicable statements and keys the policies wanted but the request lacked.
package struct EvaluationTrace: Sendable {
    package var matched: [MatchedStatement] = []
    package var missingKeys: [String] = []
    private var missingLower: Set<String> = []

    package init() {}

    mutating func noteKeys(_ keys: [(lower: String, written: String)], context: RequestContext) {
        for k in keys where !context.contains(k.lower) && !missingLower.contains(k.lower) {
            missingLower.insert(k.lower)
            missingKeys.append(k.written)
        }
    }
}
