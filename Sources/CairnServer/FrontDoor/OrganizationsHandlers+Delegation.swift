import CairnCore
import CairnStore
import Foundation

/// Trusted service access and delegated administrators, on the Organizations side.
extension OrganizationsHandlers {
    struct ServiceAccessOutput: Encodable, Sendable {
        let EnabledServicePrincipals: [OrganizationsWire.EnabledServicePrincipal]
        let NextToken: String?
    }
    struct DelegatedAdministratorsOutput: Encodable, Sendable {
        let DelegatedAdministrators: [OrganizationsWire.DelegatedAdministrator]
        let NextToken: String?
    }
    struct DelegatedServicesOutput: Encodable, Sendable {
        let DelegatedServices: [OrganizationsWire.DelegatedService]
        let NextToken: String?
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

    var delegationHandlers: [AWSHandler] {
        [
            handler(OperationCatalogue.enableAWSServiceAccess) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let sp = try OrganizationsRequest.servicePrincipal(req.ServicePrincipal)
                guard org.allFeatures else { throw ServiceError.constraintViolation(.organizationNotInAllFeaturesMode) }
                try await tx.organizations.enableServiceAccess(org, sp)
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.disableAWSServiceAccess) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let sp = try OrganizationsRequest.servicePrincipal(req.ServicePrincipal)
                guard org.allFeatures else { throw ServiceError.constraintViolation(.organizationNotInAllFeaturesMode) }
                try await tx.organizations.disableServiceAccess(org, sp)
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.listAWSServiceAccessForOrganization) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let all = try await tx.organizations.enabledServices(org)
                let page = try OrganizationsPage.slice(all, req, operation: "ListAWSServiceAccessForOrganization")
                return ServiceAccessOutput(
                    EnabledServicePrincipals: page.items.map { .init(ServicePrincipal: $0.servicePrincipal, DateEnabled: $0.enabledAt) },
                    NextToken: page.nextToken)
            },
            handler(OperationCatalogue.registerDelegatedAdministrator) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let account = try OrganizationsRequest.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
                let sp = try OrganizationsRequest.servicePrincipal(req.ServicePrincipal)
                switch try await Self.checkDelegation(tx, org, account: account, servicePrincipal: sp) {
                case .failure(.notAllFeatures): throw ServiceError.constraintViolation(.organizationNotInAllFeaturesMode)
                case .failure(.management): throw ServiceError.constraintViolation(.cannotRegisterMasterAsDelegatedAdministrator)
                case .failure(.notMember): throw ServiceError.accountNotFound
                case .failure(.serviceAccessNotEnabled): throw ServiceError.constraintViolation(.serviceAccessNotEnabled)
                case .failure(.suspended): throw ServiceError.constraintViolation(.cannotRegisterSuspendedAccountAsDelegatedAdministrator)
                case .success(let m): try await tx.organizations.registerDelegatedAdministrator(org, account: m.account, servicePrincipal: sp)
                }
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.deregisterDelegatedAdministrator) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let account = try OrganizationsRequest.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
                let sp = try OrganizationsRequest.servicePrincipal(req.ServicePrincipal)
                guard let m = try await tx.organizations.member(of: org, account: account) else { throw ServiceError.accountNotFound }
                guard try await tx.organizations.deregisterDelegatedAdministrator(org, account: m.account, servicePrincipal: sp) else {
                    throw ServiceError.accountNotRegistered
                }
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.listDelegatedAdministrators) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let sp = try req.ServicePrincipal.map { v throws(ServiceError) in try OrganizationsRequest.servicePrincipal(v) }
                let all = try await tx.organizations.delegatedAdministrators(org, servicePrincipal: sp)
                let page = try OrganizationsPage.slice(all, req, operation: "ListDelegatedAdministrators")
                return DelegatedAdministratorsOutput(
                    DelegatedAdministrators: page.items.map { .init($0, in: org, partition: Self.partition(tx)) }, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.listDelegatedServicesForAccount) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let account = try OrganizationsRequest.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
                guard let m = try await tx.organizations.member(of: org, account: account) else { throw ServiceError.accountNotFound }
                let services = try await tx.organizations.delegatedServices(org, account: m.account)
                guard !services.isEmpty else { throw ServiceError.accountNotRegistered }
                let page = try OrganizationsPage.slice(services, req, operation: "ListDelegatedServicesForAccount")
                return DelegatedServicesOutput(
                    DelegatedServices: page.items.map { .init(ServicePrincipal: $0.servicePrincipal, DelegationEnabledDate: $0.enabledAt) },
                    NextToken: page.nextToken)
            },
        ]
    }
}
