/// The output of a simulation: the decision, which policy type decided it, the statements that applied and
/// the context keys the policies read but the request did not supply (often the reason for a surprise).
package struct SimulationResult: Sendable, Hashable, Codable {
    package var decision: Decision
    package var decidingPolicyType: PolicyType?
    package var matchedStatements: [MatchedStatement]
    package var missingContextKeys: [String]
    package var reason: String
    /// Lint findings about the supplied documents that did not stop evaluation.
    package var warnings: [String]

    package init(_ result: EvaluationResult, warnings: [String] = []) {
        decision = result.decision
        decidingPolicyType = result.decidingPolicyType
        matchedStatements = result.matchedStatements
        missingContextKeys = result.missingContextKeys
        reason = result.reason
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case decision, decidingPolicyType, matchedStatements, missingContextKeys, reason, warnings
    }

    /// `decidingPolicyType` is always written (null when no policy decided).
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(decision, forKey: .decision)
        try c.encode(decidingPolicyType, forKey: .decidingPolicyType)
        try c.encode(matchedStatements, forKey: .matchedStatements)
        try c.encode(missingContextKeys, forKey: .missingContextKeys)
        try c.encode(reason, forKey: .reason)
        try c.encode(warnings, forKey: .warnings)
    }
}
