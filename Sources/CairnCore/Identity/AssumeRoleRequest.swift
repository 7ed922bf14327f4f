/// sts:AssumeRole's parameters, validated as STS validates them, with STS's messages naming the field.
package struct AssumeRoleRequest: Sendable, Equatable {
    package let roleArn: String
    package let roleAccount: AccountId
    package let roleName: String
    package let sessionName: String
    package let durationSeconds: Int?
    package let policy: String?
    package let policyArns: [String]
    package let tags: [String: String]
    package let transitiveTagKeys: [String]
    package let externalId: String?
    package let sourceIdentity: String?
    /// STS's PackedPolicySize of the session policy and tags (SessionPolicies).
    package let packedPolicySize: Int

    /// From the request's members as sent; `tags` in request order, each pair as sent.
    package init(
        roleArn arn: String?, sessionName session: String?, durationSeconds: Int?, policy: String?, policyArns arns: [String],
        tags given: [(key: String?, value: String?)], transitiveTagKeys: [String], externalId: String?, sourceIdentity: String?
    ) throws(ServiceError) {
        let role = try Self.role(arn)
        guard let session, !session.isEmpty else { throw .missingParameter("roleSessionName") }
        guard (2...64).contains(session.count), session.allSatisfy(Self.isSessionCharacter) else {
            throw .validation("roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*")
        }
        if let d = durationSeconds, !(900...43200).contains(d) {
            throw .validation("durationSeconds", "Member must have value between 900 and 43200")
        }
        let narrowing = try SessionPolicies(policy: policy, policyArns: arns, tags: given)
        if let e = externalId, !(2...1224).contains(e.count) {
            throw .validation("externalId", "Member must have length between 2 and 1224")
        }
        if let s = sourceIdentity, !(2...64).contains(s.count) {
            throw .validation("sourceIdentity", "Member must have length between 2 and 64")
        }
        roleArn = role.arn
        roleAccount = role.account
        roleName = role.name
        sessionName = session
        self.durationSeconds = durationSeconds
        self.policy = narrowing.policy
        policyArns = narrowing.policyArns
        tags = narrowing.tags
        packedPolicySize = narrowing.packedPolicySize
        self.transitiveTagKeys = transitiveTagKeys
        self.externalId = externalId
        self.sourceIdentity = sourceIdentity
    }

    /// A role ARN as STS checks it: its account and the role's name (the last element of its path).
    package static func role(_ arn: String?) throws(ServiceError) -> (arn: String, account: AccountId, name: String) {
        guard let arn, !arn.isEmpty else { throw .missingParameter("roleArn") }
        guard (20...2048).contains(arn.count) else {
            throw .validation("roleArn", "Member must have length greater than or equal to 20")
        }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", let account = AccountId(String(parts[4])),
            parts[5].hasPrefix("role/"), let name = parts[5].split(separator: "/").last, !name.isEmpty
        else { throw ServiceError(code: "ValidationError", status: 400, message: "\(arn) is invalid") }
        return (arn, account, String(name))
    }

    private static func isSessionCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "_+=,.@-".contains(c))
    }

    /// The permissions the role's trust policy must also grant (IAM user guide, "Passing session tags in AWS STS"
    /// and "Monitor and control actions taken with assumed roles"): sts:TagSession for session tags, and
    /// sts:SetSourceIdentity for a source identity.
    package var sessionPermissions: [String] {
        (tags.isEmpty ? [] : ["sts:TagSession"]) + (sourceIdentity == nil ? [] : ["sts:SetSourceIdentity"])
    }

}
