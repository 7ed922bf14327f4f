import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// The organization's delegation policy (Put/Describe/DeleteResourcePolicy) and what it grants: a member account it
/// names may call the delegatable operations it allows — the reads, and managing the organization's policies — as
/// the management account would (OrganizationDelegationPolicy). The member's own IAM policies must allow the call
/// too; the Authorizer asked them already.
extension OrganizationsOperations {
    static let putResourcePolicy = Operation<OrganizationsModel.PutResourcePolicyInput, OrganizationsModel.ResourcePolicyOutput>(
        OperationCatalogue.putResourcePolicy
    ) { req, ctx in
        let org = try await standing(ctx.tx, ctx.facts).requireManagement()
        let arns = org.arns(partition: ctx.partition)
        let actions = OperationCatalogue.all.filter { $0.service == .organizations }.map(\.action)
        _ = try OrganizationDelegationPolicy.check(
            req.Content, organizationsActions: actions, organizationArnPrefix: "arn:\(ctx.partition):organizations::\(org.managementAccount.value):")
        let tags = try OrganizationsInputRules.tags(req.Tags)
        var g = SystemRandomNumberGenerator()
        let stored = try await ctx.tx.organizationResourcePolicies.put(
            org, newId: OrganizationIdentifiers.newResourcePolicy(using: &g), content: req.Content ?? "",
            tags: tags.map { IAMTag(key: $0.key, value: $0.value) })
        return .init(stored, arns: arns)
    }

    /// The management account's, and any account the organization's reads are open to.
    static let describeResourcePolicy = Operation<NoInput, OrganizationsModel.ResourcePolicyOutput>(OperationCatalogue.describeResourcePolicy) {
        _, ctx in
        let org = try await reader(ctx)
        guard let stored = try await ctx.tx.organizationResourcePolicies.find(org) else { throw ServiceError.resourcePolicyNotFound }
        return .init(stored, arns: org.arns(partition: ctx.partition))
    }

    static let deleteResourcePolicy = Operation<NoInput, NoOutput>(OperationCatalogue.deleteResourcePolicy) { _, ctx in
        let org = try await standing(ctx.tx, ctx.facts).requireManagement()
        guard try await ctx.tx.organizationResourcePolicies.delete(org) else { throw ServiceError.resourcePolicyNotFound }
        return NoOutput()
    }

    /// The organization, for the management account or a member the delegation policy lets call this operation.
    static func manager(_ ctx: OperationContext) async throws -> OrganizationRecord {
        let standing = try await standing(ctx.tx, ctx.facts)
        if standing.isManagement { return try standing.requireManagement() }
        let org = try standing.requireOrganization()
        guard try await delegated(org, ctx) else { throw ServiceError.organizationsAccessDenied }
        return org
    }

    /// The organization, for its readers (the management account, delegated administrators) or a member the
    /// delegation policy lets read.
    static func reader(_ ctx: OperationContext) async throws -> OrganizationRecord {
        let standing = try await standing(ctx.tx, ctx.facts)
        if case .member(let org) = standing, try await delegated(org, ctx) { return org }
        return try standing.requireReader()
    }

    private static func delegated(_ org: OrganizationRecord, _ ctx: OperationContext) async throws -> Bool {
        guard let stored = try await ctx.tx.organizationResourcePolicies.find(org),
            let policy = try? PolicyDocument.parse(stored.content)
        else { return false }
        let who = ctx.facts.principal
        return OrganizationDelegationPolicy.allows(
            policy, callerArn: who.arn, callerAccount: who.account.value, action: ctx.facts.operation.action,
            resource: org.arns(partition: ctx.partition).organization, managementAccount: org.managementAccount.value)
    }
}
