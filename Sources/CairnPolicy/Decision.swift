/// The three outcomes AWS distinguishes in its error messages ("explicit deny in a … policy" versus
/// "no … policy allows").
package enum Decision: String, Sendable, Hashable, Codable {
    case allow = "Allow"
    case explicitDeny = "ExplicitDeny"
    case implicitDeny = "ImplicitDeny"
}

/// A statement that applied to the request (action, resource, principal and conditions all matched).
package struct MatchedStatement: Sendable, Hashable, Codable {
    package var policyType: PolicyType
    package var policyIndex: Int
    package var statementIndex: Int
    package var sid: String?
    package var effect: Effect
    package var scpLevel: Int?

    package init(ref: StatementRef, effect: Effect) {
        policyType = ref.policyType
        policyIndex = ref.policyIndex
        statementIndex = ref.statementIndex
        sid = ref.sid
        scpLevel = ref.scpLevel
        self.effect = effect
    }

    package init(policyType: PolicyType, policyIndex: Int, statementIndex: Int, sid: String?, effect: Effect, scpLevel: Int? = nil) {
        self.policyType = policyType
        self.policyIndex = policyIndex
        self.statementIndex = statementIndex
        self.sid = sid
        self.effect = effect
        self.scpLevel = scpLevel
    }
}

/// The evaluator's answer with its evidence. `decidingPolicyType` is nil when no policy decided
/// (root's default access, `sts:GetCallerIdentity`).
package struct EvaluationResult: Sendable, Hashable, Codable {
    package var decision: Decision
    package var decidingPolicyType: PolicyType?
    package var matchedStatements: [MatchedStatement]
    package var missingContextKeys: [String]
    /// One sentence in AWS's words, for error messages and test failure explanations.
    package var reason: String

    package init(
        decision: Decision, decidingPolicyType: PolicyType?, matchedStatements: [MatchedStatement] = [], missingContextKeys: [String] = [],
        reason: String
    ) {
        self.decision = decision
        self.decidingPolicyType = decidingPolicyType
        self.matchedStatements = matchedStatements
        self.missingContextKeys = missingContextKeys
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case decision, decidingPolicyType, matchedStatements, missingContextKeys, reason
    }

    /// `decidingPolicyType` is always present in JSON (null when none) so clients need not guess.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(decision, forKey: .decision)
        try c.encode(decidingPolicyType, forKey: .decidingPolicyType)
        try c.encode(matchedStatements, forKey: .matchedStatements)
        try c.encode(missingContextKeys, forKey: .missingContextKeys)
        try c.encode(reason, forKey: .reason)
    }
}
