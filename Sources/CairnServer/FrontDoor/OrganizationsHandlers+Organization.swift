import CairnCore
import CairnStore
import Foundation

/// The organization itself, its root and the policy types enabled in it.
extension OrganizationsHandlers {
    struct OrganizationOutput: Encodable, Sendable { let Organization: OrganizationsWire.Organization }
    struct RootsOutput: Encodable, Sendable {
        let Roots: [OrganizationsWire.Root]
        let NextToken: String?
    }
    struct RootOutput: Encodable, Sendable { let Root: OrganizationsWire.Root }

    var organizationHandlers: [AWSHandler] {
        [
            handler(OperationCatalogue.createOrganization) { req, tx, facts in
                let featureSet = try req.FeatureSet.map { v throws(ServiceError) in
                    try OrganizationsRequest.oneOf(v, "FeatureSet", ["ALL", "CONSOLIDATED_BILLING"])
                } ?? "ALL"
                guard let account = try await tx.accounts.find(facts.principal.account) else { throw ServiceError.organizationsAccessDenied }
                let org = try await tx.organizations.create(management: account, featureSet: featureSet)
                return OrganizationOutput(Organization: .init(org, partition: Self.partition(tx)))
            },
            handler(OperationCatalogue.describeOrganization) { _, tx, facts in
                let org = try await Self.standing(tx, facts).requireOrganization()
                return OrganizationOutput(Organization: .init(org, partition: Self.partition(tx)))
            },
            handler(OperationCatalogue.deleteOrganization) { _, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                try await tx.organizations.delete(org)
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.listRoots) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let page = try OrganizationsPage.slice([OrganizationsWire.Root(org, partition: Self.partition(tx))], req, operation: "ListRoots")
                return RootsOutput(Roots: page.items, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.enablePolicyType) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let rootId = try OrganizationsRequest.id(req.RootId, "RootId", OrganizationIdentifiers.isRoot)
                _ = try OrganizationsRequest.policyType(req.PolicyType, "PolicyType")
                guard rootId == org.rootId else { throw ServiceError.rootNotFound }
                guard org.allFeatures else { throw ServiceError.policyTypeNotAvailable }
                guard !org.scpEnabled else { throw ServiceError.policyTypeAlreadyEnabled }
                try await tx.organizations.enableSCPs(org)
                let updated = try await Self.standing(tx, facts).requireManagement()
                return RootOutput(Root: .init(updated, partition: Self.partition(tx)))
            },
            handler(OperationCatalogue.disablePolicyType) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let rootId = try OrganizationsRequest.id(req.RootId, "RootId", OrganizationIdentifiers.isRoot)
                _ = try OrganizationsRequest.policyType(req.PolicyType, "PolicyType")
                guard rootId == org.rootId else { throw ServiceError.rootNotFound }
                guard org.scpEnabled else { throw ServiceError.policyTypeNotEnabled }
                try await tx.organizations.disableSCPs(org)
                let updated = try await Self.standing(tx, facts).requireManagement()
                return RootOutput(Root: .init(updated, partition: Self.partition(tx)))
            },
        ]
    }
}
