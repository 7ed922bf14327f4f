import CairnCore
import CairnStore
import Foundation

/// CloudTrail's RegisterOrganizationDelegatedAdmin / DeregisterOrganizationDelegatedAdmin: the same
/// registration as Organizations' for `cloudtrail.amazonaws.com`, with CloudTrail's errors and its limit of
/// three delegated administrators per organization.
enum TrailDelegatedAdministrators {
    static let servicePrincipal = "cloudtrail.amazonaws.com"

    struct RegisterInput: OperationInput, Codable {
        var MemberAccountId: String?
    }

    struct DeregisterInput: OperationInput, Codable {
        var DelegatedAdminAccountId: String?
    }

    /// The model: required, 12–16 characters, digits only.
    static func accountId(_ value: String?, _ member: String) throws(ServiceError) -> String {
        guard let value else { throw .missingParameter(member) }
        guard (12...16).contains(value.count), value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidParameter("\(member) must be 12 to 16 digits; got '\(value)'.")
        }
        return value
    }

    /// The caller's organization, when the caller is its management account; CloudTrail's errors otherwise.
    static func managedOrganization(_ ctx: OperationContext) async throws -> OrganizationRecord {
        let standing = try await ctx.tx.organizations.standing(of: ctx.facts.principal.account, lock: true)
        guard let org = standing.organization else { throw ServiceError.cloudTrailOrganizationsNotInUse }
        guard standing.isManagement else { throw ServiceError.notOrganizationManagementAccount }
        guard org.allFeatures else { throw ServiceError.organizationNotInAllFeaturesMode }
        guard try await ctx.tx.organizations.isServiceAccessEnabled(org, servicePrincipal) else {
            throw ServiceError.cloudTrailAccessNotEnabled(caller: ctx.facts.principal.account)
        }
        return org
    }

    static let register = Operation<RegisterInput, NoOutput>(OperationCatalogue.registerOrganizationDelegatedAdmin) { input, ctx in
        let account = try accountId(input.MemberAccountId, "MemberAccountId")
        let org = try await managedOrganization(ctx)
        switch try await OrganizationsOperations.checkDelegation(ctx.tx, org, account: account, servicePrincipal: servicePrincipal) {
        case .failure(.management): throw ServiceError.cannotDelegateManagementAccount
        case .failure(.notMember), .failure(.suspended): throw ServiceError.cloudTrailAccountNotFound(account)
        case .failure(.notAllFeatures): throw ServiceError.organizationNotInAllFeaturesMode
        case .failure(.serviceAccessNotEnabled): throw ServiceError.cloudTrailAccessNotEnabled(caller: ctx.facts.principal.account)
        case .success(let m):
            do {
                try await ctx.tx.organizations.registerDelegatedAdministrator(org, account: m.account, servicePrincipal: servicePrincipal)
            } catch let e as ServiceError where e.code == "AccountAlreadyRegisteredException" {
                throw ServiceError.accountRegistered(account)
            } catch let e as ServiceError where e.reason == OrganizationConstraint.maxDelegatedAdministratorsForServiceLimitExceeded.rawValue {
                throw ServiceError.delegatedAdminAccountLimitExceeded
            }
        }
        return NoOutput()
    }

    static let deregister = Operation<DeregisterInput, NoOutput>(OperationCatalogue.deregisterOrganizationDelegatedAdmin) { input, ctx in
        let account = try accountId(input.DelegatedAdminAccountId, "DelegatedAdminAccountId")
        let org = try await managedOrganization(ctx)
        guard let m = try await ctx.tx.organizations.member(of: org, account: account) else {
            throw ServiceError.cloudTrailAccountNotFound(account)
        }
        guard try await ctx.tx.organizations.deregisterDelegatedAdministrator(org, account: m.account, servicePrincipal: servicePrincipal) else {
            throw ServiceError.accountNotRegistered(account)
        }
        return NoOutput()
    }
}
