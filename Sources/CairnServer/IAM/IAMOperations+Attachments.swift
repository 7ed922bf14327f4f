import CairnCore
import CairnStore

/// Managed policies attached to users, roles and groups, and permissions boundaries.
extension IAMOperations {
    static let attachUserPolicy = attachPolicy(.user, Entry.attachUserPolicy)
    static let attachRolePolicy = attachPolicy(.role, Entry.attachRolePolicy)
    static let attachGroupPolicy = attachPolicy(.group, Entry.attachGroupPolicy)
    static let detachUserPolicy = detachPolicy(.user, Entry.detachUserPolicy)
    static let detachRolePolicy = detachPolicy(.role, Entry.detachRolePolicy)
    static let detachGroupPolicy = detachPolicy(.group, Entry.detachGroupPolicy)
    static let listAttachedUserPolicies = listAttachedPolicies(.user, Entry.listAttachedUserPolicies)
    static let listAttachedRolePolicies = listAttachedPolicies(.role, Entry.listAttachedRolePolicies)
    static let listAttachedGroupPolicies = listAttachedPolicies(.group, Entry.listAttachedGroupPolicies)
    static let putUserPermissionsBoundary = putPermissionsBoundary(.user, Entry.putUserPermissionsBoundary)
    static let putRolePermissionsBoundary = putPermissionsBoundary(.role, Entry.putRolePermissionsBoundary)
    static let deleteUserPermissionsBoundary = deletePermissionsBoundary(.user, Entry.deleteUserPermissionsBoundary)
    static let deleteRolePermissionsBoundary = deletePermissionsBoundary(.role, Entry.deleteRolePermissionsBoundary)

    /// The caller's own managed policies or AWS's.
    private static func attachPolicy(_ kind: IAMEntityKind, _ entry: CatalogueOperation) -> Operation<IAMModel.AttachmentInput, NoOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let arn = try IAMInputChecks.policyArn(input.PolicyArn)
            let account = ctx.facts.principal.account
            let owner = try await entity(kind, input, ctx, locked: true)
            guard let policy = try await ctx.tx.iamPolicies.find(arn.description, seenBy: account, lock: .share) else {
                throw ServiceError.noSuchEntity("Policy \(arn) does not exist or is not attachable.")
            }
            try await ctx.tx.iamPolicies.attach(policy, to: kind, id: owner.id, account: account)
            return NoOutput()
        }
    }

    private static func detachPolicy(_ kind: IAMEntityKind, _ entry: CatalogueOperation) -> Operation<IAMModel.AttachmentInput, NoOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let arn = try IAMInputChecks.policyArn(input.PolicyArn)
            let owner = try await entity(kind, input, ctx, locked: true)
            guard try await ctx.tx.iamPolicies.detach(arn.description, from: kind, id: owner.id) else {
                throw ServiceError.noSuchEntity("Policy \(arn) was not found.")
            }
            return NoOutput()
        }
    }

    private static func listAttachedPolicies(
        _ kind: IAMEntityKind, _ entry: CatalogueOperation
    ) -> Operation<IAMModel.ListAttachedPoliciesInput, IAMModel.AttachedPoliciesOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let prefix = try IAMInputChecks.policyPath(input.PathPrefix, "PathPrefix")
            let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
            let owner = try await entity(kind, input, ctx, locked: false)
            let all = try await ctx.tx.iamPolicies.attachedPolicies(kind: kind, id: owner.id, pathPrefix: prefix)
            let found = IAMPaging.slice(all, page: page) { $0.policyArn }
            return IAMModel.AttachedPoliciesOutput(
                AttachedPolicies: found.items.map { .init(PolicyName: $0.policyName, PolicyArn: $0.policyArn) }, IsTruncated: found.isTruncated,
                Marker: found.nextMarker)
        }
    }

    /// A managed policy the account can see.
    private static func putPermissionsBoundary(
        _ kind: IAMEntityKind, _ entry: CatalogueOperation
    ) -> Operation<IAMModel.PermissionsBoundaryInput, NoOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let text = try IAMInputChecks.required(input.PermissionsBoundary, "PermissionsBoundary")
            _ = try IAMPolicyARN(parsing: text, field: "permissionsBoundary")
            let owner = try await entity(kind, input, ctx, locked: true)
            let policy = try await boundaryPolicy(text, member: "PermissionsBoundary", ctx)
            try await setBoundary(kind, owner.id, policy.arn, ctx)
            return NoOutput()
        }
    }

    private static func deletePermissionsBoundary(
        _ kind: IAMEntityKind, _ entry: CatalogueOperation
    ) -> Operation<IAMModel.PermissionsBoundaryInput, NoOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let owner = try await entity(kind, input, ctx, locked: true)
            try await setBoundary(kind, owner.id, nil, ctx)
            return NoOutput()
        }
    }

    private static func setBoundary(_ kind: IAMEntityKind, _ id: String, _ arn: String?, _ ctx: OperationContext) async throws {
        switch kind {
        case .user: try await ctx.tx.iamUsers.setPermissionsBoundary(userId: id, arn: arn)
        case .role: try await ctx.tx.roles.setPermissionsBoundary(roleId: id, arn: arn)
        case .group: throw ServiceError.invalidInput("Groups cannot have permissions boundaries.")
        }
    }
}
