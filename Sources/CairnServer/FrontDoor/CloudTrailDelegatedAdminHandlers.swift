import CairnCore
import CairnStore
import Foundation

/// CloudTrail's RegisterOrganizationDelegatedAdmin / DeregisterOrganizationDelegatedAdmin: the same
/// registration as Organizations' for `cloudtrail.amazonaws.com`, with CloudTrail's errors and its limit of
/// three delegated administrators per organization.
struct CloudTrailDelegatedAdminHandlers: Sendable {
    let runner: OperationRunner
    static let servicePrincipal = "cloudtrail.amazonaws.com"

    struct Input: Decodable, Sendable {
        var MemberAccountId: String?
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
    static func managedOrganization(_ tx: Transaction, _ facts: CallFacts) async throws -> OrganizationRecord {
        let standing = try await tx.organizations.standing(of: facts.principal.account, lock: true)
        guard let org = standing.organization else { throw ServiceError.cloudTrailOrganizationsNotInUse }
        guard standing.isManagement else { throw ServiceError.notOrganizationManagementAccount }
        guard org.allFeatures else { throw ServiceError.organizationNotInAllFeaturesMode }
        guard try await tx.organizations.isServiceAccessEnabled(org, servicePrincipal) else {
            throw ServiceError.cloudTrailAccessNotEnabled(caller: facts.principal.account)
        }
        return org
    }

    /// RegisterOrganizationDelegatedAdmin, for both doors.
    func register(_ raw: String?, parameters: JSONValue?) async throws {
        let account = try Self.accountId(raw, "MemberAccountId")
        try await runner.run(OperationCatalogue.registerOrganizationDelegatedAdmin, parameters: parameters) { tx, facts in
            let org = try await Self.managedOrganization(tx, facts)
            switch try await OrganizationsHandlers.checkDelegation(tx, org, account: account, servicePrincipal: Self.servicePrincipal) {
            case .failure(.management): throw ServiceError.cannotDelegateManagementAccount
            case .failure(.notMember), .failure(.suspended): throw ServiceError.cloudTrailAccountNotFound(account)
            case .failure(.notAllFeatures): throw ServiceError.organizationNotInAllFeaturesMode
            case .failure(.serviceAccessNotEnabled): throw ServiceError.cloudTrailAccessNotEnabled(caller: facts.principal.account)
            case .success(let m):
                do {
                    try await tx.organizations.registerDelegatedAdministrator(org, account: m.account, servicePrincipal: Self.servicePrincipal)
                } catch let e as ServiceError where e.code == "AccountAlreadyRegisteredException" {
                    throw ServiceError.accountRegistered(account)
                } catch let e as ServiceError where e.reason == OrganizationConstraint.maxDelegatedAdministratorsForServiceLimitExceeded.rawValue {
                    throw ServiceError.delegatedAdminAccountLimitExceeded
                }
            }
            return .init(())
        }
    }

    /// DeregisterOrganizationDelegatedAdmin, for both doors.
    func deregister(_ raw: String?, parameters: JSONValue?) async throws {
        let account = try Self.accountId(raw, "DelegatedAdminAccountId")
        try await runner.run(OperationCatalogue.deregisterOrganizationDelegatedAdmin, parameters: parameters) { tx, facts in
            let org = try await Self.managedOrganization(tx, facts)
            guard let m = try await tx.organizations.member(of: org, account: account) else {
                throw ServiceError.cloudTrailAccountNotFound(account)
            }
            guard try await tx.organizations.deregisterDelegatedAdministrator(org, account: m.account, servicePrincipal: Self.servicePrincipal) else {
                throw ServiceError.accountNotRegistered(account)
            }
            return .init(())
        }
    }

    var all: [AWSHandler] {
        [
            AWSHandler(operation: OperationCatalogue.registerOrganizationDelegatedAdmin) { [self] call in
                try await register(try call.decode(Input.self).MemberAccountId, parameters: call.parameters)
                return .json(Data("{}".utf8))
            },
            AWSHandler(operation: OperationCatalogue.deregisterOrganizationDelegatedAdmin) { [self] call in
                try await deregister(try call.decode(Input.self).DelegatedAdminAccountId, parameters: call.parameters)
                return .json(Data("{}".utf8))
            },
        ]
    }
}
