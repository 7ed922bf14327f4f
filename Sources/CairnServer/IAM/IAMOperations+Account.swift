import CairnCore
import CairnStore
import Foundation

/// Who uses a managed policy, what the account holds, and a role's description.
extension IAMOperations {
    /// The entities a policy is attached to (PermissionsPolicy, the default) or is the boundary of
    /// (PermissionsBoundary), in the caller's account; EntityFilter narrows the kinds (`LocalManagedPolicy` and
    /// `AWSManagedPolicy` name what the policy is, and a policy is the one asked about, so they keep every kind).
    static let listEntitiesForPolicy = operation(Entry.listEntitiesForPolicy) {
        (input: IAMModel.ListEntitiesForPolicyInput, ctx) -> IAMModel.EntitiesForPolicyOutput in
        let arn = try IAMInputChecks.policyArn(input.PolicyArn)
        let filter = try IAMInputChecks.oneOf(
            input.EntityFilter, "EntityFilter", ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"])
        let usage = try IAMInputChecks.oneOf(input.PolicyUsageFilter, "PolicyUsageFilter", ["PermissionsPolicy", "PermissionsBoundary"])
        let prefix = try IAMInputChecks.pathPrefix(input.PathPrefix)
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let account = ctx.facts.principal.account
        _ = try await ctx.tx.iamPolicies.require(arn.description, seenBy: account)
        let kinds: Set<IAMEntityKind> =
            switch filter {
            case "User": [.user]
            case "Role": [.role]
            case "Group": [.group]
            default: Set(IAMEntityKind.allCases)
            }
        let found = try await ctx.tx.iamPolicies.entities(
            of: arn.description, account: account, boundary: usage == "PermissionsBoundary", kinds: kinds, pathPrefix: prefix, page: page)
        var out = IAMModel.EntitiesForPolicyOutput(
            PolicyGroups: [], PolicyUsers: [], PolicyRoles: [], IsTruncated: found.isTruncated, Marker: found.nextMarker)
        for e in found.items {
            switch e.kind {
            case .group: out.PolicyGroups.append(.init(GroupName: e.name, GroupId: e.id))
            case .user: out.PolicyUsers.append(.init(UserName: e.name, UserId: e.id))
            case .role: out.PolicyRoles.append(.init(RoleName: e.name, RoleId: e.id))
            }
        }
        return out
    }

    /// IAM's default quotas (IAM user guide, "IAM and AWS STS quotas") beside what the account holds; Cairn has no
    /// server or signing certificates or instance profiles yet, and the root user cannot enable an MFA device, so
    /// those are 0. `Providers` counts the account's identity providers (OpenID Connect), `MFADevices` its virtual
    /// MFA devices and `MFADevicesInUse` those enabled for a user.
    static let accountQuotas: [String: Int] = [
        "UsersQuota": 5_000, "GroupsQuota": 300, "RolesQuota": 1_000, "PoliciesQuota": 1_500, "PolicySizeQuota": 6_144,
        "UserPolicySizeQuota": 2_048, "GroupPolicySizeQuota": 5_120, "RolePolicySizeQuota": 10_240, "GroupsPerUserQuota": 10,
        "AttachedPoliciesPerUserQuota": 10, "AttachedPoliciesPerGroupQuota": 10, "AttachedPoliciesPerRoleQuota": 10,
        "AccessKeysPerUserQuota": 2, "SigningCertificatesPerUserQuota": 2, "VersionsPerPolicyQuota": 5, "PolicyVersionsInUseQuota": 10_000,
        "ServerCertificatesQuota": 20, "InstanceProfilesQuota": 1_000, "MFADevices": 0, "MFADevicesInUse": 0, "AccountMFAEnabled": 0,
        "AccountSigningCertificatesPresent": 0, "ServerCertificates": 0, "InstanceProfiles": 0, "Providers": 0, "GlobalEndpointTokenVersion": 1,
    ]

    static let getAccountSummary = operation(Entry.getAccountSummary) { (_: NoInput, ctx) -> IAMModel.AccountSummaryOutput in
        let counts = try await ctx.tx.iamPolicies.summaryCounts(account: ctx.facts.principal.account)
        return IAMModel.AccountSummaryOutput(SummaryMap: accountQuotas.merging(counts) { $1 })
    }

    static let updateRoleDescription = operation(Entry.updateRoleDescription) {
        (input: IAMModel.UpdateRoleDescriptionInput, ctx) -> IAMModel.RoleOutput in
        let name = try IAMInputChecks.name(input.RoleName, "RoleName", maxLength: NameLimit.role)
        guard let description = input.Description else { throw ServiceError.missingParameter("Description") }
        try IAMInputRules.roleDescription(description)
        let role = try await ctx.tx.roles.require(account: ctx.facts.principal.account, name: name, locked: true)
        try await ctx.tx.roles.update(roleId: role.roleId, description: description, maxSessionDuration: nil)
        let updated = try await ctx.tx.roles.require(account: ctx.facts.principal.account, name: name)
        return IAMModel.RoleOutput(Role: .init(updated, tags: try await ctx.tx.roles.tags(roleId: updated.roleId)))
    }
}
