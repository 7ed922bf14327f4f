import CairnCore
import CairnStore
import Foundation

/// GetAccountAuthorizationDetails: every user, group and role of the account with its inline and attached
/// policies, and the managed policies with their versions, as policy-analysis tools read an account in one call.
/// `Filter` narrows the kinds (User, Role, Group, LocalManagedPolicy, AWSManagedPolicy: the AWS-managed policies
/// attached in the account); one Marker pages through all of them in that order.
extension IAMOperations {
    private enum DetailEntry: Sendable {
        case user(IAMUserRecord)
        case group(IAMGroupRecord)
        case role(RoleRecord)
        case policy(ManagedPolicyRecord)

        /// Users, then groups, roles and policies, each by name (or ARN), as the Marker orders them.
        var key: String {
            switch self {
            case .user(let u): "1/\(u.name.lowercased())"
            case .group(let g): "2/\(g.name.lowercased())"
            case .role(let r): "3/\(r.name.lowercased())"
            case .policy(let p): "4/\(p.arn)"
            }
        }
    }

    static let filters: Set<String> = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"]

    static let getAccountAuthorizationDetails = operation(Entry.getAccountAuthorizationDetails) {
        (input: IAMModel.AuthorizationDetailsInput, ctx) -> IAMModel.AuthorizationDetailsOutput in
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let asked = input.Filter ?? []
        for (i, filter) in asked.enumerated() where !filters.contains(filter) {
            throw ServiceError.iamValidation(
                "filter.\(i + 1).member", value: filter,
                "Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]")
        }
        let kinds = asked.isEmpty ? filters : Set(asked)
        let account = ctx.facts.principal.account
        let everything = IAMListPage(after: nil, maxItems: 100_000)
        var entries: [DetailEntry] = []
        if kinds.contains("User") {
            entries += try await ctx.tx.iamUsers.list(account: account, pathPrefix: "/", page: everything).items.map(DetailEntry.user)
        }
        if kinds.contains("Group") {
            entries += try await ctx.tx.iamGroups.list(account: account, pathPrefix: "/", page: everything).items.map(DetailEntry.group)
        }
        if kinds.contains("Role") {
            entries += try await ctx.tx.roles.list(account: account, pathPrefix: "/", page: everything).items.map(DetailEntry.role)
        }
        if kinds.contains("LocalManagedPolicy") {
            entries += try await ctx.tx.iamPolicies.list(account: account, filter: .init(scope: .local), page: everything).items.map(
                DetailEntry.policy)
        }
        if kinds.contains("AWSManagedPolicy") {
            entries += try await ctx.tx.iamPolicies.list(account: account, filter: .init(scope: .aws, onlyAttached: true), page: everything)
                .items.map(DetailEntry.policy)
        }
        let found = IAMPaging.slice(entries.sorted { $0.key < $1.key }, page: page) { $0.key }
        var out = IAMModel.AuthorizationDetailsOutput(
            UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: found.isTruncated, Marker: found.nextMarker)
        for entry in found.items {
            switch entry {
            case .user(let u):
                out.UserDetailList.append(
                    .init(
                        Path: u.path, UserName: u.name, UserId: u.userId, Arn: u.arn, CreateDate: u.createdAt,
                        UserPolicyList: try await ctx.tx.iamInlinePolicies.all(kind: .user, ownerId: u.userId).map(IAMModel.PolicyDetail.init),
                        GroupList: try await ctx.tx.iamGroups.groups(ofUser: u.userId, page: everything).items.map(\.name),
                        AttachedManagedPolicies: try await attached(.user, u.userId, ctx),
                        PermissionsBoundary: u.permissionsBoundaryArn.map { .init(PermissionsBoundaryArn: $0) },
                        Tags: u.tags.isEmpty ? nil : u.tags.map(IAMModel.tag)))
            case .group(let g):
                out.GroupDetailList.append(
                    .init(
                        Path: g.path, GroupName: g.name, GroupId: g.groupId, Arn: g.arn, CreateDate: g.createdAt,
                        GroupPolicyList: try await ctx.tx.iamInlinePolicies.all(kind: .group, ownerId: g.groupId).map(IAMModel.PolicyDetail.init),
                        AttachedManagedPolicies: try await attached(.group, g.groupId, ctx)))
            case .role(let r):
                let tags = try await ctx.tx.roles.tags(roleId: r.roleId)
                out.RoleDetailList.append(
                    .init(
                        Path: r.path, RoleName: r.name, RoleId: r.roleId, Arn: r.arn, CreateDate: r.createdAt,
                        AssumeRolePolicyDocument: IAMPolicyDocumentRules.urlEncoded(r.trustPolicy),
                        RolePolicyList: try await ctx.tx.iamInlinePolicies.all(kind: .role, ownerId: r.roleId).map(IAMModel.PolicyDetail.init),
                        AttachedManagedPolicies: try await attached(.role, r.roleId, ctx),
                        PermissionsBoundary: r.permissionsBoundaryArn.map { .init(PermissionsBoundaryArn: $0) },
                        Tags: tags.isEmpty ? nil : tags.map(IAMModel.tag)))
            case .policy(let p):
                out.Policies.append(
                    .init(
                        PolicyName: p.name, PolicyId: p.policyId, Arn: p.arn, Path: p.path, DefaultVersionId: p.defaultVersionId,
                        AttachmentCount: p.attachmentCount, PermissionsBoundaryUsageCount: p.permissionsBoundaryUsageCount,
                        Description: p.description, CreateDate: p.createdAt, UpdateDate: p.updatedAt,
                        PolicyVersionList: try await ctx.tx.iamPolicies.versions(of: p.arn).map { IAMModel.PolicyVersion($0, withDocument: true) }))
            }
        }
        return out
    }

    private static func attached(_ kind: IAMEntityKind, _ id: String, _ ctx: OperationContext) async throws -> [IAMModel.AttachedPolicy] {
        try await ctx.tx.iamPolicies.attachedPolicies(kind: kind, id: id).map { .init(PolicyName: $0.policyName, PolicyArn: $0.policyArn) }
    }
}
