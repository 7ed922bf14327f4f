/// What any STS call that issues a session may narrow it with — a session policy, managed policy ARNs and session
/// tags — checked as STS checks them, with STS's messages naming the member. AssumeRole* and GetFederationToken
/// share it, so the two cannot drift apart.
package struct SessionPolicies: Sendable, Equatable {
    package let policy: String?
    package let policyArns: [String]
    package let tags: [String: String]

    /// `tags` in request order, each pair as sent.
    package init(policy: String?, policyArns arns: [String], tags given: [(key: String?, value: String?)]) throws(ServiceError) {
        guard arns.count <= 10 else { throw .validation("policyArns", "Member must have length less than or equal to 10") }
        var tags: [String: String] = [:]
        for (i, pair) in given.enumerated() {
            let n = i + 1
            guard let k = pair.key, (1...128).contains(k.count) else {
                throw .validation("tags.\(n).member.key", "Member must have length between 1 and 128")
            }
            let v = pair.value ?? ""
            guard v.count <= 256 else { throw .validation("tags.\(n).member.value", "Member must have length less than or equal to 256") }
            if tags.keys.contains(where: { $0.lowercased() == k.lowercased() }) {
                throw ServiceError(
                    code: "InvalidParameterValue", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
            }
            tags[k] = v
        }
        guard tags.count <= 50 else { throw .validation("tags", "Member must have length less than or equal to 50") }
        if let p = policy {
            guard (1...2048).contains(p.count) else { throw .validation("policy", "Member must have length less than or equal to 2048") }
        }
        self.policy = policy
        policyArns = arns
        self.tags = tags
    }

    /// STS's PackedPolicySize: the percentage of the packed session-policy and tag allowance used.
    package var packedPolicySize: Int {
        let size = (policy?.filter { !$0.isWhitespace }.count ?? 0) + tags.reduce(0) { $0 + $1.key.count + $1.value.count }
        return min(100, (size * 100 + 2047) / 2048)
    }
}
