import CairnCore
import CairnStore
import Foundation

/// The organization itself, its root and the policy types enabled in it.
extension OrganizationsOperations {
    static let createOrganization = Operation<OrganizationsModel.CreateOrganizationInput, OrganizationsModel.OrganizationOutput>(
        OperationCatalogue.createOrganization
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let featureSet =
            try req.FeatureSet.map { v throws(ServiceError) in
                try OrganizationsInputRules.oneOf(v, "FeatureSet", ["ALL", "CONSOLIDATED_BILLING"])
            } ?? "ALL"
        guard let account = try await tx.accounts.find(facts.principal.account) else { throw ServiceError.organizationsAccessDenied }
        let org = try await tx.organizations.create(management: account, featureSet: featureSet, accountLimit: ctx.organizationAccountLimit)
        return OrganizationsModel.OrganizationOutput(Organization: .init(org, partition: ctx.partition), record: org)
    }

    static let describeOrganization = Operation<NoInput, OrganizationsModel.OrganizationOutput>(OperationCatalogue.describeOrganization) { _, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireOrganization()
        return OrganizationsModel.OrganizationOutput(Organization: .init(org, partition: ctx.partition), record: org)
    }

    static let deleteOrganization = Operation<NoInput, NoOutput>(OperationCatalogue.deleteOrganization) { _, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        try await tx.organizations.delete(org)
        return NoOutput()
    }

    static let listRoots = Operation<OrganizationsModel.ListRootsInput, OrganizationsModel.RootsOutput>(OperationCatalogue.listRoots) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let page = try OrganizationsPage.slice([OrganizationsModel.Root(org, partition: ctx.partition)], req, operation: "ListRoots")
        return OrganizationsModel.RootsOutput(Roots: page.items, NextToken: page.nextToken)
    }

    static let enablePolicyType = Operation<OrganizationsModel.PolicyTypeInput, OrganizationsModel.RootOutput>(OperationCatalogue.enablePolicyType) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.manager(ctx)
        let rootId = try OrganizationsInputRules.id(req.RootId, "RootId", OrganizationIdentifiers.isRoot)
        let type = try OrganizationsInputRules.policyType(req.PolicyType, "PolicyType")
        guard rootId == org.rootId else { throw ServiceError.rootNotFound }
        guard org.allFeatures else { throw ServiceError.policyTypeNotAvailable }
        guard !org.enables(type) else { throw ServiceError.policyTypeAlreadyEnabled }
        try await tx.organizations.enablePolicyType(org, type)
        let updated = try await Self.standing(tx, facts).requireManagement()
        return OrganizationsModel.RootOutput(Root: .init(updated, partition: ctx.partition))
    }

    static let disablePolicyType = Operation<OrganizationsModel.PolicyTypeInput, OrganizationsModel.RootOutput>(OperationCatalogue.disablePolicyType)
    { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.manager(ctx)
        let rootId = try OrganizationsInputRules.id(req.RootId, "RootId", OrganizationIdentifiers.isRoot)
        let type = try OrganizationsInputRules.policyType(req.PolicyType, "PolicyType")
        guard rootId == org.rootId else { throw ServiceError.rootNotFound }
        guard org.enables(type) else { throw ServiceError.policyTypeNotEnabled }
        try await tx.organizations.disablePolicyType(org, type)
        let updated = try await Self.standing(tx, facts).requireManagement()
        return OrganizationsModel.RootOutput(Root: .init(updated, partition: ctx.partition))
    }

    /// Starts moving a CONSOLIDATED_BILLING organization to ALL; the answer is the management account's request,
    /// to be accepted once every invited member approved (OrganizationRepository+AllFeatures).
    static let enableAllFeatures = Operation<NoInput, OrganizationsModel.HandshakeOutput>(OperationCatalogue.enableAllFeatures) { _, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        guard let locked = try await tx.organizations.lockOrganization(org.id) else { throw ServiceError.organizationsNotInUse }
        let request = try await tx.organizations.requestAllFeatures(locked)
        return OrganizationsModel.HandshakeOutput(Handshake: .init(request, partition: ctx.partition))
    }

}
