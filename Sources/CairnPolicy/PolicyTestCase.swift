/// One case of a `cairn policy test` suite: a simulation request and what it must decide.
package struct PolicyTestCase: Sendable, Hashable, Codable {
    package var name: String
    package var input: SimulationRequest
    package var expect: Expectation

    package struct Expectation: Sendable, Hashable, Codable {
        package var decision: Decision
        /// Checked only when present.
        package var decidingPolicyType: PolicyType?
        /// Sids that must be among the matched statements.
        package var matchedSids: [String]?
        /// Exactly these keys (any order) must be reported missing.
        package var missingContextKeys: [String]?

        package init(decision: Decision, decidingPolicyType: PolicyType? = nil, matchedSids: [String]? = nil, missingContextKeys: [String]? = nil) {
            self.decision = decision
            self.decidingPolicyType = decidingPolicyType
            self.matchedSids = matchedSids
            self.missingContextKeys = missingContextKeys
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case decision, decidingPolicyType, matchedSids, missingContextKeys
        }

        package init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            decision = try c.decode(Decision.self, forKey: .decision)
            decidingPolicyType = try c.decodeIfPresent(PolicyType.self, forKey: .decidingPolicyType)
            matchedSids = try c.decodeIfPresent([String].self, forKey: .matchedSids)
            missingContextKeys = try c.decodeIfPresent([String].self, forKey: .missingContextKeys)
        }
    }

    package init(name: String, input: SimulationRequest, expect: Expectation) {
        self.name = name
        self.input = input
        self.expect = expect
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, input, expect
    }

    package init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        input = try c.decode(SimulationRequest.self, forKey: .input)
        expect = try c.decode(Expectation.self, forKey: .expect)
    }

    /// nil when the result meets every expectation, else what differed.
    package func mismatch(_ r: SimulationResult) -> String? {
        var problems: [String] = []
        if r.decision != expect.decision { problems.append("expected \(expect.decision.rawValue), got \(r.decision.rawValue)") }
        if let t = expect.decidingPolicyType, t != r.decidingPolicyType {
            problems.append("expected deciding policy type \(t.rawValue), got \(r.decidingPolicyType?.rawValue ?? "none")")
        }
        if let sids = expect.matchedSids {
            let got = Set(r.matchedStatements.compactMap(\.sid))
            let absent = sids.filter { !got.contains($0) }
            if !absent.isEmpty { problems.append("expected matched Sids \(absent) not matched") }
        }
        if let keys = expect.missingContextKeys, Set(keys.map { $0.lowercased() }) != Set(r.missingContextKeys.map { $0.lowercased() }) {
            problems.append("expected missing context keys \(keys.sorted()), got \(r.missingContextKeys.sorted())")
        }
        guard !problems.isEmpty else { return nil }
        let matched = r.matchedStatements.map { m in
            "\(m.policyType.rawValue)\(m.scpLevel.map { "[level \($0)]" } ?? "")[\(m.policyIndex)].Statement[\(m.statementIndex)]\(m.sid.map { " (\($0))" } ?? "") \(m.effect.rawValue)"
        }
        return problems.joined(separator: "; ")
            + " (deciding: \(r.decidingPolicyType?.rawValue ?? "none"); \(r.reason); matched: \(matched.isEmpty ? "none" : matched.joined(separator: ", "))"
            + (r.missingContextKeys.isEmpty ? "" : "; missing context keys: \(r.missingContextKeys.joined(separator: ", "))") + ")"
    }
}
