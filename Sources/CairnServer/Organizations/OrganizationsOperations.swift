import CairnCore
import CairnStore
import Foundation

/// AWS Organizations, one typed `Operation` each. Every operation checks the caller's standing in its
/// organization (management, delegated administrator, member, standalone) the way AWS does, and reaches only
/// that organization's rows.
enum OrganizationsOperations {
    /// The caller's standing. Writes lock the caller's organization row before anything else, so their checks
    /// and changes are serialised per organization.
    static func standing(_ tx: Transaction, _ facts: CallFacts) async throws -> OrganizationStanding {
        try await tx.organizations.standing(of: facts.principal.account, lock: !facts.operation.readOnly)
    }

    /// Every member account, with where it sits: the REST rendering of ListAccounts, which pages by REST's
    /// rules (`limit` up to 100) rather than AWS's.
    static let listMemberAccounts = Operation<TenancyModel.ListInput, OrganizationsModel.MembersOutput>(OperationCatalogue.listAccounts) {
        input, ctx in
        let org = try await reader(ctx)
        let page = try RESTListPage.slice(
            try await ctx.tx.organizations.members(of: org), limit: input.limit, nextToken: input.nextToken, listing: "organization-accounts")
        return OrganizationsModel.MembersOutput(organization: org, members: page.items, nextToken: page.nextToken)
    }

    /// The checks AWS makes before registering a delegated administrator, in its order; shared with
    /// CloudTrail's RegisterOrganizationDelegatedAdmin, which words the same failures its own way.
    enum DelegationRefusal: Error {
        case notAllFeatures, serviceAccessNotEnabled, management, notMember, suspended
    }

    static func checkDelegation(
        _ tx: Transaction, _ org: OrganizationRecord, account: String, servicePrincipal: String
    ) async throws -> Result<MemberAccountRecord, DelegationRefusal> {
        guard org.allFeatures else { return .failure(.notAllFeatures) }
        guard account != org.managementAccount.value else { return .failure(.management) }
        guard let m = try await tx.organizations.member(of: org, account: account) else { return .failure(.notMember) }
        guard try await tx.organizations.isServiceAccessEnabled(org, servicePrincipal) else { return .failure(.serviceAccessNotEnabled) }
        guard m.status == "ACTIVE" else { return .failure(.suspended) }
        return .success(m)
    }
}
