import CairnCore
import CairnStore
import Foundation

/// Trusted service access and delegated administrators, on the Organizations side.
extension OrganizationsOperations {
    static let enableAWSServiceAccess = Operation<OrganizationsModel.ServicePrincipalInput, NoOutput>(OperationCatalogue.enableAWSServiceAccess) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let sp = try OrganizationsInputRules.servicePrincipal(req.ServicePrincipal)
        guard org.allFeatures else { throw ServiceError.constraintViolation(.organizationNotInAllFeaturesMode) }
        try await tx.organizations.enableServiceAccess(org, sp)
        return NoOutput()
    }

    static let disableAWSServiceAccess = Operation<OrganizationsModel.ServicePrincipalInput, NoOutput>(OperationCatalogue.disableAWSServiceAccess) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let sp = try OrganizationsInputRules.servicePrincipal(req.ServicePrincipal)
        guard org.allFeatures else { throw ServiceError.constraintViolation(.organizationNotInAllFeaturesMode) }
        try await tx.organizations.disableServiceAccess(org, sp)
        return NoOutput()
    }

    static let listAWSServiceAccessForOrganization = Operation<OrganizationsModel.ListServiceAccessInput, OrganizationsModel.ServiceAccessOutput>(
        OperationCatalogue.listAWSServiceAccessForOrganization
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let all = try await tx.organizations.enabledServices(org)
        let page = try OrganizationsPage.slice(all, req, operation: "ListAWSServiceAccessForOrganization")
        return OrganizationsModel.ServiceAccessOutput(
            EnabledServicePrincipals: page.items.map { .init(ServicePrincipal: $0.servicePrincipal, DateEnabled: $0.enabledAt) },
            NextToken: page.nextToken)
    }

    static let registerDelegatedAdministrator = Operation<OrganizationsModel.DelegatedAdministratorInput, NoOutput>(
        OperationCatalogue.registerDelegatedAdministrator
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let account = try OrganizationsInputRules.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
        let sp = try OrganizationsInputRules.servicePrincipal(req.ServicePrincipal)
        switch try await Self.checkDelegation(tx, org, account: account, servicePrincipal: sp) {
        case .failure(.notAllFeatures): throw ServiceError.constraintViolation(.organizationNotInAllFeaturesMode)
        case .failure(.management): throw ServiceError.constraintViolation(.cannotRegisterMasterAsDelegatedAdministrator)
        case .failure(.notMember): throw ServiceError.accountNotFound
        case .failure(.serviceAccessNotEnabled): throw ServiceError.constraintViolation(.serviceAccessNotEnabled)
        case .failure(.suspended): throw ServiceError.constraintViolation(.cannotRegisterSuspendedAccountAsDelegatedAdministrator)
        case .success(let m): try await tx.organizations.registerDelegatedAdministrator(org, account: m.account, servicePrincipal: sp)
        }
        return NoOutput()
    }

    static let deregisterDelegatedAdministrator = Operation<OrganizationsModel.DelegatedAdministratorInput, NoOutput>(
        OperationCatalogue.deregisterDelegatedAdministrator
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let account = try OrganizationsInputRules.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
        let sp = try OrganizationsInputRules.servicePrincipal(req.ServicePrincipal)
        guard let m = try await tx.organizations.member(of: org, account: account) else { throw ServiceError.accountNotFound }
        guard try await tx.organizations.deregisterDelegatedAdministrator(org, account: m.account, servicePrincipal: sp) else {
            throw ServiceError.accountNotRegistered
        }
        return NoOutput()
    }

    static let listDelegatedAdministrators = Operation<
        OrganizationsModel.ListDelegatedAdministratorsInput, OrganizationsModel.DelegatedAdministratorsOutput
    >(OperationCatalogue.listDelegatedAdministrators) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let sp = try req.ServicePrincipal.map { v throws(ServiceError) in try OrganizationsInputRules.servicePrincipal(v) }
        let all = try await tx.organizations.delegatedAdministrators(org, servicePrincipal: sp)
        let page = try OrganizationsPage.slice(all, req, operation: "ListDelegatedAdministrators")
        return OrganizationsModel.DelegatedAdministratorsOutput(
            DelegatedAdministrators: page.items.map { .init($0, in: org, partition: ctx.partition) }, NextToken: page.nextToken)
    }

    static let listDelegatedServicesForAccount = Operation<OrganizationsModel.ListDelegatedServicesInput, OrganizationsModel.DelegatedServicesOutput>(
        OperationCatalogue.listDelegatedServicesForAccount
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let account = try OrganizationsInputRules.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
        guard let m = try await tx.organizations.member(of: org, account: account) else { throw ServiceError.accountNotFound }
        let services = try await tx.organizations.delegatedServices(org, account: m.account)
        guard !services.isEmpty else { throw ServiceError.accountNotRegistered }
        let page = try OrganizationsPage.slice(services, req, operation: "ListDelegatedServicesForAccount")
        return OrganizationsModel.DelegatedServicesOutput(
            DelegatedServices: page.items.map { .init(ServicePrincipal: $0.servicePrincipal, DelegationEnabledDate: $0.enabledAt) },
            NextToken: page.nextToken)
    }

}
