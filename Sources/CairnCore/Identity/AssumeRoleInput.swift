/// sts:AssumeRole's parameters, validated as STS validates them, with STS's messages naming the field.
package struct AssumeRoleInput: Sendable, Equatable {
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

    /// From Query-protocol fields (`PolicyArns.member.1.arn`, `Tags.member.1.Key`, …).
    package init(fields: [String: String]) throws(ServiceError) {
        guard let arn = fields["RoleArn"], !arn.isEmpty else { throw .missingParameter("roleArn") }
        guard (20...2048).contains(arn.count) else {
            throw .validation("roleArn", "Member must have length greater than or equal to 20")
        }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", let account = AccountId(String(parts[4])),
            parts[5].hasPrefix("role/"), let name = parts[5].split(separator: "/").last, !name.isEmpty
        else { throw ServiceError(code: "ValidationError", status: 400, message: "\(arn) is invalid") }
        guard let session = fields["RoleSessionName"], !session.isEmpty else { throw .missingParameter("roleSessionName") }
        guard (2...64).contains(session.count), session.allSatisfy(Self.isSessionCharacter) else {
            throw .validation("roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*")
        }
        var duration: Int?
        if let d = fields["DurationSeconds"] {
            guard let v = Int(d), (900...43200).contains(v) else {
                throw .validation("durationSeconds", "Member must have value between 900 and 43200")
            }
            duration = v
        }
        var arns: [String] = []
        var i = 1
        while let a = fields["PolicyArns.member.\(i).arn"] {
            arns.append(a)
            i += 1
        }
        guard arns.count <= 10 else { throw .validation("policyArns", "Member must have length less than or equal to 10") }
        var tags: [String: String] = [:]
        i = 1
        while let k = fields["Tags.member.\(i).Key"] {
            guard (1...128).contains(k.count) else { throw .validation("tags.\(i).member.key", "Member must have length between 1 and 128") }
            let v = fields["Tags.member.\(i).Value"] ?? ""
            guard v.count <= 256 else { throw .validation("tags.\(i).member.value", "Member must have length less than or equal to 256") }
            if tags.keys.contains(where: { $0.lowercased() == k.lowercased() }) {
                throw ServiceError(code: "InvalidParameterValue", status: 400, message: "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
            }
            tags[k] = v
            i += 1
        }
        guard tags.count <= 50 else { throw .validation("tags", "Member must have length less than or equal to 50") }
        var transitive: [String] = []
        i = 1
        while let k = fields["TransitiveTagKeys.member.\(i)"] {
            transitive.append(k)
            i += 1
        }
        if let p = fields["Policy"] {
            guard (1...2048).contains(p.count) else { throw .validation("policy", "Member must have length less than or equal to 2048") }
        }
        if let e = fields["ExternalId"], !(2...1224).contains(e.count) {
            throw .validation("externalId", "Member must have length between 2 and 1224")
        }
        if let s = fields["SourceIdentity"], !(2...64).contains(s.count) {
            throw .validation("sourceIdentity", "Member must have length between 2 and 64")
        }
        roleArn = arn
        roleAccount = account
        roleName = String(name)
        sessionName = session
        durationSeconds = duration
        policy = fields["Policy"]
        policyArns = arns
        self.tags = tags
        transitiveTagKeys = transitive
        externalId = fields["ExternalId"]
        sourceIdentity = fields["SourceIdentity"]
    }

    private static func isSessionCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "_+=,.@-".contains(c))
    }

    /// STS's PackedPolicySize: the percentage of the packed session-policy and tag allowance used.
    package var packedPolicySize: Int {
        let size = (policy?.filter { !$0.isWhitespace }.count ?? 0) + tags.reduce(0) { $0 + $1.key.count + $1.value.count }
        return min(100, (size * 100 + 2047) / 2048)
    }
}
