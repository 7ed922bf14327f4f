/// One statement as written. Exactly one of Action/NotAction is present (the parser enforces it);
/// Resource and Principal are optional because trust policies have no Resource and identity policies
/// have no Principal.
package struct Statement: Sendable, Hashable {
    package var sid: String?
    package var effect: Effect
    package var action: ActionClause
    package var resource: ResourceClause?
    package var principal: PrincipalClause?
    package var conditions: [ConditionClause]

    package init(
        sid: String? = nil, effect: Effect, action: ActionClause, resource: ResourceClause? = .resource(["*"]),
        principal: PrincipalClause? = nil, conditions: [ConditionClause] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.action = action
        self.resource = resource
        self.principal = principal
        self.conditions = conditions
    }
}

package enum ActionClause: Sendable, Hashable {
    case action([String])
    case notAction([String])

    package var patterns: [String] {
        switch self {
        case .action(let p), .notAction(let p): p
        }
    }
    package var isNegated: Bool { if case .notAction = self { true } else { false } }
}

package enum ResourceClause: Sendable, Hashable {
    case resource([String])
    case notResource([String])

    package var patterns: [String] {
        switch self {
        case .resource(let p), .notResource(let p): p
        }
    }
    package var isNegated: Bool { if case .notResource = self { true } else { false } }
}

package enum PrincipalClause: Sendable, Hashable {
    case principal(PrincipalSet)
    case notPrincipal(PrincipalSet)

    package var set: PrincipalSet {
        switch self {
        case .principal(let s), .notPrincipal(let s): s
        }
    }
    package var isNegated: Bool { if case .notPrincipal = self { true } else { false } }
}

/// `"*"` is kept apart from `{"AWS": "*"}` only for faithful echoing; both mean everyone.
package struct PrincipalSet: Sendable, Hashable {
    package var wildcard: Bool = false
    package var aws: [String] = []
    package var service: [String] = []
    package var federated: [String] = []
    package var canonicalUser: [String] = []

    package init(wildcard: Bool = false, aws: [String] = [], service: [String] = [], federated: [String] = [], canonicalUser: [String] = []) {
        self.wildcard = wildcard
        self.aws = aws
        self.service = service
        self.federated = federated
        self.canonicalUser = canonicalUser
    }
}

/// One (operator, key) pair with its values. A Condition block is the AND of its clauses.
package struct ConditionClause: Sendable, Hashable {
    package var op: ConditionOperator
    /// The key as written; matching lowercases it.
    package var key: String
    package var values: [String]

    package init(op: ConditionOperator, key: String, values: [String]) {
        self.op = op
        self.key = key
        self.values = values
    }
}
