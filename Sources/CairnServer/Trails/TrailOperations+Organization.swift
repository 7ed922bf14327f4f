import CairnCore
import CairnStore
import Foundation

/// The organization side of trails: the facts OrganizationTrailRules judge, and the service-linked role
/// CloudTrail keeps in the management account.
extension TrailOperations {

    /// Whether the caller may call what CloudTrail calls on its behalf to set up an organization trail. AWS
    /// does not publish the list; Cairn checks the two reads every such setup needs.
    static func callerMayReadOrganization(_ ctx: OperationContext) async throws -> Bool {
        guard try await ctx.callerMay(OperationCatalogue.describeOrganization) else { return false }
        return try await ctx.callerMay(OperationCatalogue.listAWSServiceAccessForOrganization)
    }

    /// Judges an organization-trail action. The organization's row is locked, so the organization cannot be
    /// deleted, nor the caller removed, before the transaction commits.
    static func organizationClearance(
        _ action: OrganizationTrailRules.Action, _ ctx: OperationContext
    ) async throws -> (OrganizationTrailRules.Clearance, organizationId: String) {
        let tx = ctx.tx
        let account = ctx.facts.principal.account
        let dependencyAllowed = action == .convertToAccountTrail ? true : try await callerMayReadOrganization(ctx)
        let standing = try await tx.organizations.standing(of: account, lock: true)
        let org = standing.organization
        let ruleStanding: OrganizationTrailRules.Standing
        switch standing {
        case .standalone: ruleStanding = .standalone
        case .management: ruleStanding = .managementAccount
        case .member: ruleStanding = .memberAccount
        case .delegatedAdministrator:
            ruleStanding =
                try await tx.organizations.isDelegatedAdministrator(account: account, servicePrincipal: Self.servicePrincipal)
                ? .delegatedAdministrator : .memberAccount
        }
        var trusted = false
        var hasRole = false
        if let org {
            trusted = try await tx.organizations.isServiceAccessEnabled(org, Self.servicePrincipal)
            hasRole = try await tx.roles.find(account: org.managementAccount, name: ServiceLinkedRoleRules.cloudTrail.roleName) != nil
        }
        let ruleFacts = OrganizationTrailRules.Facts(
            callerAccountId: account.value, standing: ruleStanding, managementAccountId: org?.managementAccount.value,
            allFeaturesEnabled: org?.allFeatures ?? false, trustedAccessEnabled: trusted,
            managementAccountHasServiceLinkedRole: hasRole, callerHasDependencyPermissions: dependencyAllowed)
        let clearance = try OrganizationTrailRules.check(action, facts: ruleFacts)
        guard let org else { throw ServiceError.internalFailure }
        if clearance.createsServiceLinkedRole && !hasRole {
            // A service-linked role (IAMOperations+ServiceLinkedRoles): nobody but CloudTrail changes it.
            try await IAMOperations.ensureServiceLinkedRole(Self.servicePrincipal, account: org.managementAccount, tx)
        }
        return (clearance, org.id)
    }

}
