/// The input of `cairn policy simulate` and `POST /v1/policy/simulate`. Field names are a public contract
/// (docs/policy.md); unknown fields are rejected and required ones named when missing.
package struct SimulationRequest: Sendable, Hashable, Codable {
    package var request: Request
    package var identityPolicies: [PolicyInput]
    package var resourcePolicies: [PolicyInput]
    package var permissionsBoundaries: [PolicyInput]
    /// Root first, then each OU on the path, the account's own SCPs last.
    package var scps: [[PolicyInput]]
    package var sessionPolicies: [PolicyInput]
    /// "resource" or "trust"; absent: an `sts:` action on a role ARN reads the resource policies as trust policies.
    package var resourcePolicyType: PolicyBundle.ResourcePolicyKind?

    package init(
        request: Request, identityPolicies: [PolicyInput] = [], resourcePolicies: [PolicyInput] = [],
        permissionsBoundaries: [PolicyInput] = [], scps: [[PolicyInput]] = [], sessionPolicies: [PolicyInput] = [],
        resourcePolicyType: PolicyBundle.ResourcePolicyKind? = nil
    ) {
        self.request = request
        self.identityPolicies = identityPolicies
        self.resourcePolicies = resourcePolicies
        self.permissionsBoundaries = permissionsBoundaries
        self.scps = scps
        self.sessionPolicies = sessionPolicies
        self.resourcePolicyType = resourcePolicyType
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case request, identityPolicies, resourcePolicies, permissionsBoundaries, scps, sessionPolicies, resourcePolicyType
    }

    package init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        request = try c.decode(Request.self, forKey: .request)
        identityPolicies = try c.decodeIfPresent([PolicyInput].self, forKey: .identityPolicies) ?? []
        resourcePolicies = try c.decodeIfPresent([PolicyInput].self, forKey: .resourcePolicies) ?? []
        permissionsBoundaries = try c.decodeIfPresent([PolicyInput].self, forKey: .permissionsBoundaries) ?? []
        scps = try c.decodeIfPresent([[PolicyInput]].self, forKey: .scps) ?? []
        sessionPolicies = try c.decodeIfPresent([PolicyInput].self, forKey: .sessionPolicies) ?? []
        resourcePolicyType = try c.decodeIfPresent(PolicyBundle.ResourcePolicyKind.self, forKey: .resourcePolicyType)
    }

    package struct Request: Sendable, Hashable, Codable {
        package var principal: Principal
        package var action: String
        package var resource: String
        package var resourceAccount: String?
        package var context: [String: ContextValue]

        package init(principal: Principal, action: String, resource: String, resourceAccount: String? = nil, context: [String: ContextValue] = [:]) {
            self.principal = principal
            self.action = action
            self.resource = resource
            self.resourceAccount = resourceAccount
            self.context = context
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case principal, action, resource, resourceAccount, context
        }

        package init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            principal = try c.decode(Principal.self, forKey: .principal)
            action = try c.decode(String.self, forKey: .action)
            resource = try c.decode(String.self, forKey: .resource)
            resourceAccount = try c.decodeIfPresent(String.self, forKey: .resourceAccount)
            context = try c.decodeIfPresent([String: ContextValue].self, forKey: .context) ?? [:]
        }
    }

    package struct Principal: Sendable, Hashable, Codable {
        package var arn: String
        /// Absent: the account in `arn`.
        package var account: String?
        package var tags: [String: String]
        package var orgId: String?
        package var orgPaths: [String]
        package var isManagementAccount: Bool
        /// For role sessions whose role has a path: the role's full ARN.
        package var roleArn: String?
        /// For federated-user sessions: the IAM user that called GetFederationToken.
        package var sourceUserArn: String?
        package var isServiceLinkedRole: Bool?

        package init(
            arn: String, account: String? = nil, tags: [String: String] = [:], orgId: String? = nil, orgPaths: [String] = [],
            isManagementAccount: Bool = false, roleArn: String? = nil, sourceUserArn: String? = nil, isServiceLinkedRole: Bool? = nil
        ) {
            self.arn = arn
            self.account = account
            self.tags = tags
            self.orgId = orgId
            self.orgPaths = orgPaths
            self.isManagementAccount = isManagementAccount
            self.roleArn = roleArn
            self.sourceUserArn = sourceUserArn
            self.isServiceLinkedRole = isServiceLinkedRole
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case arn, account, tags, orgId, orgPaths, isManagementAccount, roleArn, sourceUserArn, isServiceLinkedRole
        }

        package init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            arn = try c.decode(String.self, forKey: .arn)
            account = try c.decodeIfPresent(String.self, forKey: .account)
            tags = try c.decodeIfPresent([String: String].self, forKey: .tags) ?? [:]
            orgId = try c.decodeIfPresent(String.self, forKey: .orgId)
            orgPaths = try c.decodeIfPresent([String].self, forKey: .orgPaths) ?? []
            isManagementAccount = try c.decodeIfPresent(Bool.self, forKey: .isManagementAccount) ?? false
            roleArn = try c.decodeIfPresent(String.self, forKey: .roleArn)
            sourceUserArn = try c.decodeIfPresent(String.self, forKey: .sourceUserArn)
            isServiceLinkedRole = try c.decodeIfPresent(Bool.self, forKey: .isServiceLinkedRole)
        }

        package var requestPrincipal: RequestPrincipal {
            RequestPrincipal(
                arn: arn, account: account, tags: tags, orgId: orgId, orgPaths: orgPaths,
                isManagementAccount: isManagementAccount, roleArn: roleArn, sourceUserArn: sourceUserArn,
                isServiceLinkedRole: isServiceLinkedRole)
        }
    }
}
