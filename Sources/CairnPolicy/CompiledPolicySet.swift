/// All documents of one role for one decision (e.g. a user's inline, managed and group policies), with
/// statements indexed by service prefix so a `cloudtrail:` request never looks at `s3:` statements.
package struct CompiledPolicySet: Sendable, Hashable {
    package let type: PolicyType
    package let statements: [CompiledStatement]
    /// Statements whose actions all name concrete service prefixes, by prefix.
    package let byService: [String: [Int32]]
    /// NotAction statements and statements with a wildcard in a service prefix: candidates for every request.
    package let anyService: [Int32]
    package let isEmpty: Bool

    package init(_ documents: [PolicyDocument], type: PolicyType, scpLevel: Int? = nil) {
        self.init(documents.enumerated().map { CompiledPolicy($1, type: type, index: $0, scpLevel: scpLevel) }, type: type)
    }

    package init(_ policies: [CompiledPolicy], type: PolicyType) {
        self.type = type
        var all: [CompiledStatement] = []
        var byService: [String: [Int32]] = [:]
        var anyService: [Int32] = []
        for p in policies {
            for s in p.statements {
                let idx = Int32(all.count)
                all.append(s)
                if let services = s.servicePrefixes {
                    for svc in services { byService[svc, default: []].append(idx) }
                } else {
                    anyService.append(idx)
                }
            }
        }
        statements = all
        self.byService = byService
        self.anyService = anyService
        isEmpty = policies.isEmpty
    }

    package static func == (a: CompiledPolicySet, b: CompiledPolicySet) -> Bool {
        a.type == b.type && a.statements.map(\.ref) == b.statements.map(\.ref)
    }
    package func hash(into h: inout Hasher) { h.combine(type); h.combine(statements.count) }

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
        func visit(_ i: Int32) {
            let s = statements[Int(i)]
            guard s.matchesAction(request.action) else { return }
            if !s.resourceKeys.isEmpty { trace.noteKeys(s.resourceKeys, context: request.context) }
            guard s.matchesResource(request.resource, context: request.context) else { return }
            var kind: GrantKind?
            if requiresPrincipal {
                guard let pm = s.principal, let k = pm.applies(to: request.principal, effect: s.effect, hasBoundary: hasBoundary) else {
                    return
                }
                kind = k
            }
            if !s.conditionKeys.isEmpty { trace.noteKeys(s.conditionKeys, context: request.context) }
            guard s.conditionsHold(request.context) else { return }
            trace.matched.append(MatchedStatement(ref: s.ref, effect: s.effect))
            switch s.effect {
            case .deny:
                outcome.denied = true
            case .allow:
                outcome.allowed = true
                if let kind, outcome.grant.map({ $0 < kind }) ?? true { outcome.grant = kind }
            }
        }
        if let list = byService[request.action.service] { for i in list { visit(i) } }
        for i in anyService { visit(i) }
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
