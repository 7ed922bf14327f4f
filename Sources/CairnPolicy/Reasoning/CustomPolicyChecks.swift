/// Access Analyzer's custom policy checks (CheckNoNewAccess, CheckAccessNotGranted), decided by reasoning
/// over the statements' action, resource and principal patterns and their conditions as sets, never by
/// sampling requests. PASS is returned only when it is proven; whatever the reasoning cannot prove is a FAIL
/// naming the statement (docs/policy-validation.md, "Custom checks", says where that is conservative).
package enum CustomPolicyChecks {
    package struct Reason: Sendable, Hashable, Encodable {
        package var description: String
        package var statementIndex: Int
        package var statementId: String?
    }

    /// A check's answer with AWS's words for it, so the door and the CLI say the same.
    package struct Outcome: Sendable, Hashable {
        package var passed: Bool
        package var message: String
        package var reasons: [Reason]

        package var result: String { passed ? "PASS" : "FAIL" }

        init(reasons: [Reason], pass: String, fail: String) {
            passed = reasons.isEmpty
            message = passed ? pass : fail
            self.reasons = reasons
        }
    }

    // MARK: CheckAccessNotGranted

    /// Whether the policy can allow any listed action on any listed resource (no actions: any action on the
    /// listed resources; no resources: the listed actions on any resource). Conditions on an Allow are taken as
    /// satisfiable; only an unconditional Deny of the same policy is relied on to take access away.
    package static func accessNotGranted(_ policy: PolicyDocument, actions: [String], resources: [String]) -> Outcome {
        let wantedActions = actions.isEmpty ? ["*"] : actions
        let wantedResources = resources.isEmpty ? ["*"] : resources
        var reasons: [Reason] = []
        for (i, s) in policy.statements.enumerated() where s.effect == .allow {
            let hitActions = wantedActions.filter { mayMatch(action: $0, s.action) }
            let hitResources = wantedResources.filter { mayMatch(resource: $0, s.resource) }
            guard !hitActions.isEmpty && !hitResources.isEmpty else { continue }
            let denied = hitActions.allSatisfy { a in
                hitResources.allSatisfy { r in
                    policy.statements.contains { d in
                        d.effect == .deny && d.conditions.isEmpty && appliesToEveryone(d.principal) && surely(action: a, d.action)
                            && surely(resource: r, d.resource)
                    }
                }
            }
            if !denied {
                let what = actions.isEmpty ? "listed resources" : "listed actions"
                reasons.append(
                    Reason(description: "One or more of the \(what) in the statement with index: \(i).", statementIndex: i, statementId: s.sid))
            }
        }
        return Outcome(
            reasons: reasons, pass: "The policy document does not grant access to perform the listed actions or resources.",
            fail: "The policy document grants access to perform \(actions.isEmpty ? "the listed resources" : "one or more of the listed actions").")
    }

    // MARK: CheckNoNewAccess

    /// Whether everything `new` allows, `existing` allows too. A new Allow must be covered by one existing
    /// Allow (its actions, resources and principals, with conditions at least as strict), and every existing
    /// Deny that could apply to it must be kept by an equally strong Deny in `new`.
    package static func noNewAccess(new: PolicyDocument, existing: PolicyDocument) -> Outcome {
        var reasons: [Reason] = []
        for (i, s) in new.statements.enumerated() where s.effect == .allow {
            let granted = existing.statements.contains { o in
                o.effect == .allow && covers(o.action, s.action) && covers(o.resource, s.resource) && covers(o.principal, s.principal)
                    && implies(s.conditions, o.conditions)
            }
            let denialsKept = existing.statements.allSatisfy { d in
                guard d.effect == .deny, overlaps(d, s) else { return true }
                return new.statements.contains { e in
                    e.effect == .deny && covers(e.action, d.action) && covers(e.resource, d.resource) && covers(e.principal, d.principal)
                        && implies(d.conditions, e.conditions)
                }
            }
            if !granted || !denialsKept {
                reasons.append(Reason(description: "New access in the statement with index: \(i).", statementIndex: i, statementId: s.sid))
            }
        }
        return Outcome(
            reasons: reasons, pass: "The modified permissions grant no new access compared to your existing policy.",
            fail: "The modified permissions grant new access compared to your existing policy.")
    }

    // MARK: CheckNoPublicAccess

    /// Keys that, compared by a positive operator with literal values, confine a statement to known callers:
    /// the ones S3 Block Public Access names as making a policy non-public (IP ranges excluded: an address
    /// is not an identity).
    static let confiningKeys: Set<String> = [
        "aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths", "aws:sourceaccount",
        "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner", "aws:userid",
        "aws:username",
    ]

    /// Whether a resource policy can let in callers it does not name: an Allow for everyone (`"*"`,
    /// `{"AWS": "*"}` or NotPrincipal) without a condition that pins the caller, which no unconditional Deny
    /// for everyone takes back.
    package static func noPublicAccess(_ policy: PolicyDocument) -> Outcome {
        var reasons: [Reason] = []
        for (i, s) in policy.statements.enumerated() where s.effect == .allow {
            let everyone: Bool
            switch s.principal {
            case .principal(let set)?: everyone = set.wildcard || set.aws.contains("*")
            case .notPrincipal?: everyone = true
            case nil: everyone = false
            }
            guard everyone else { continue }
            let confined = s.conditions.contains { c in
                confiningKeys.contains(c.key.lowercased()) && ConditionReasoning.requiresPresence(c) && !c.values.isEmpty
                    && !c.values.contains { $0.contains("*") || $0.contains("?") }
            }
            if confined { continue }
            let takenBack = policy.statements.contains { d in
                d.effect == .deny && d.conditions.isEmpty && appliesToEveryone(d.principal) && covers(d.action, s.action)
                    && covers(d.resource, s.resource)
            }
            if !takenBack {
                reasons.append(
                    Reason(description: "Public access granted in the following statement with index: \(i).", statementIndex: i, statementId: s.sid))
            }
        }
        return Outcome(
            reasons: reasons, pass: "The resource policy does not grant public access for the given resource type.",
            fail: "The resource policy grants public access for the given resource type.")
    }

    // MARK: Patterns

    static func mayMatch(action a: String, _ clause: ActionClause) -> Bool {
        switch clause {
        case .action(let p): p.contains { GlobReasoning.intersects($0, a, caseInsensitive: true) }
        case .notAction(let p): !p.contains { GlobReasoning.covers($0, a, caseInsensitive: true) }
        }
    }

    static func mayMatch(resource r: String, _ clause: ResourceClause?) -> Bool {
        switch clause {
        case nil: true
        case .resource(let p): p.contains { GlobReasoning.intersects($0, r) }
        case .notResource(let p): !p.contains { GlobReasoning.covers($0, r) }
        }
    }

    /// Whether the clause matches every action `a` stands for.
    static func surely(action a: String, _ clause: ActionClause) -> Bool {
        switch clause {
        case .action(let p): p.contains { GlobReasoning.covers($0, a, caseInsensitive: true) }
        case .notAction(let p): !p.contains { GlobReasoning.intersects($0, a, caseInsensitive: true) }
        }
    }

    static func surely(resource r: String, _ clause: ResourceClause?) -> Bool {
        switch clause {
        case nil: false
        case .resource(let p): p.contains { GlobReasoning.covers($0, r) }
        case .notResource(let p): !p.contains { GlobReasoning.intersects($0, r) }
        }
    }

    /// Whether `outer` matches every action `inner` does.
    static func covers(_ outer: ActionClause, _ inner: ActionClause) -> Bool {
        switch (outer, inner) {
        case (.action(let o), .action(let i)): i.allSatisfy { p in o.contains { GlobReasoning.covers($0, p, caseInsensitive: true) } }
        case (.notAction(let o), .action(let i)): i.allSatisfy { p in !o.contains { GlobReasoning.intersects($0, p, caseInsensitive: true) } }
        case (.action(let o), .notAction): o.contains { $0 == "*" }
        case (.notAction(let o), .notAction(let i)): o.allSatisfy { q in i.contains { GlobReasoning.covers($0, q, caseInsensitive: true) } }
        }
    }

    static func covers(_ outer: ResourceClause?, _ inner: ResourceClause?) -> Bool {
        switch (outer, inner) {
        case (nil, nil): true
        case (.resource(let o), nil): o.contains { $0 == "*" }
        case (nil, _): false
        case (.resource(let o), .resource(let i)): i.allSatisfy { p in o.contains { GlobReasoning.covers($0, p) } }
        case (.notResource(let o), .resource(let i)): i.allSatisfy { p in !o.contains { GlobReasoning.intersects($0, p) } }
        case (.resource(let o), .notResource): o.contains { $0 == "*" }
        case (.notResource(let o), .notResource(let i)): o.allSatisfy { q in i.contains { GlobReasoning.covers($0, q) } }
        case (.notResource, nil): false
        }
    }

    /// Principals: identity policies have none; otherwise `outer` must name everyone or every value of `inner`.
    static func covers(_ outer: PrincipalClause?, _ inner: PrincipalClause?) -> Bool {
        switch (outer, inner) {
        case (nil, nil): return true
        case (.principal(let o), .principal(let i)):
            if o.wildcard || o.aws.contains("*") { return true }
            return i.aws.allSatisfy(o.aws.contains) && i.service.allSatisfy(o.service.contains) && i.federated.allSatisfy(o.federated.contains)
                && i.canonicalUser.allSatisfy(o.canonicalUser.contains) && !i.wildcard && !i.aws.contains("*")
        case (.principal(let o), nil): return o.wildcard || o.aws.contains("*")
        default: return outer == inner
        }
    }

    static func appliesToEveryone(_ p: PrincipalClause?) -> Bool {
        switch p {
        case nil: true
        case .principal(let set): set.wildcard || set.aws.contains("*")
        case .notPrincipal: false
        }
    }

    /// Whether a Deny may apply to some request the Allow lets through.
    static func overlaps(_ deny: Statement, _ allow: Statement) -> Bool {
        let actions: Bool
        switch (deny.action, allow.action) {
        case (.action(let d), .action(let a)): actions = d.contains { x in a.contains { GlobReasoning.intersects(x, $0, caseInsensitive: true) } }
        default: actions = true
        }
        let resources: Bool
        switch (deny.resource, allow.resource) {
        case (.resource(let d), .resource(let a)): resources = d.contains { x in a.contains { GlobReasoning.intersects(x, $0) } }
        default: resources = true
        }
        return actions && resources && !ConditionReasoning.contradict(allow.conditions, deny.conditions)
    }

    /// Whether conditions `strong` hold only when `weak` holds (every request satisfying the first satisfies
    /// the second). Proven clause by clause: each clause of `weak` must appear in `strong` at least as strictly.
    static func implies(_ strong: [ConditionClause], _ weak: [ConditionClause]) -> Bool {
        weak.allSatisfy { w in strong.contains { ConditionReasoning.implies($0, w) } }
    }
}
