/// Who is calling. The kind is derived from the ARN because the evaluation rules (session policies, which
/// principal a resource policy names, root's default access) all hinge on it.
package struct RequestPrincipal: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, Codable {
        case root
        case user
        /// The role ARN itself as caller: treated as a session of the role.
        case role
        case assumedRole
        case federatedUser
        case service
        case other
    }

    package var arn: String
    package var account: String
    package var kind: Kind
    /// For role sessions: the role's ARN (with its path if the caller knows it).
    package var roleArn: String?
    /// For federated-user sessions: the IAM user who called GetFederationToken.
    package var sourceUserArn: String?
    package var tags: [String: String]
    package var orgId: String?
    package var orgPaths: [String]
    package var isManagementAccount: Bool
    package var isServiceLinkedRole: Bool

    package init(
        arn: String, account: String? = nil, tags: [String: String] = [:], orgId: String? = nil, orgPaths: [String] = [],
        isManagementAccount: Bool = false, roleArn: String? = nil, sourceUserArn: String? = nil,
        isServiceLinkedRole: Bool? = nil
    ) {
        self.arn = arn
        let parsed = ParsedArn(arn)
        self.account = account ?? parsed.account ?? ""
        self.tags = tags
        self.orgId = orgId
        self.orgPaths = orgPaths
        self.isManagementAccount = isManagementAccount
        self.sourceUserArn = sourceUserArn
        let resource: String
        if let split = parsed.split {
            resource = String(decoding: parsed.bytes[split.range(5, count: parsed.bytes.count)], as: UTF8.self)
        } else {
            resource = ""
        }
        let service = parsed.split.map { String(decoding: parsed.bytes[$0.range(2)], as: UTF8.self) } ?? ""
        var derivedRole: String?
        if parsed.split == nil {
            kind = arn.hasSuffix(".amazonaws.com") || arn.hasSuffix(".amazonaws.com.cn") ? .service : .other
        } else if service == "iam" && resource == "root" {
            kind = .root
        } else if service == "iam" && resource.hasPrefix("user/") {
            kind = .user
        } else if service == "iam" && resource.hasPrefix("role/") {
            kind = .role
            derivedRole = arn
        } else if service == "sts" && resource.hasPrefix("assumed-role/") {
            kind = .assumedRole
            let parts = resource.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count >= 2 {
                let partition = String(decoding: parsed.bytes[parsed.split!.range(1)], as: UTF8.self)
                derivedRole = "arn:\(partition):iam::\(self.account):role/\(parts[1])"
            }
        } else if service == "sts" && resource.hasPrefix("federated-user/") {
            kind = .federatedUser
        } else {
            kind = .other
        }
        self.roleArn = roleArn ?? derivedRole
        self.isServiceLinkedRole = isServiceLinkedRole ?? (self.roleArn?.contains(":role/aws-service-role/") ?? false)
    }

    /// Sessions are subject to session policies; the role ARN itself is treated as its session.
    package var isSession: Bool { kind == .assumedRole || kind == .role || kind == .federatedUser }

    /// The last path element of the ARN's resource part: user name, session name, federated user name.
    package var name: String? {
        guard let slash = arn.lastIndex(of: "/") else { return nil }
        return String(arn[arn.index(after: slash)...])
    }

    /// The ARN `aws:PrincipalArn` reports: the role for role sessions, otherwise the caller's own ARN.
    package var principalArnKey: String {
        switch kind {
        case .assumedRole, .role: roleArn ?? arn
        default: arn
        }
    }
}
