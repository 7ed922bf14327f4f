package import Foundation

/// An organization and its one root, as stored.
package struct OrganizationRecord: Sendable, Equatable {
    package let id: String
    package let rootId: String
    package let managementAccount: AccountId
    package let managementEmail: String
    package let managementName: String
    /// ALL or CONSOLIDATED_BILLING.
    package let featureSet: String
    /// The policy types enabled in the root, in name order.
    package let enabledPolicyTypes: [String]
    package let accountLimit: Int
    package let policyEpoch: Int64
    package let createdAt: Date

    package init(
        id: String, rootId: String, managementAccount: AccountId, managementEmail: String, managementName: String,
        featureSet: String, enabledPolicyTypes: [String], accountLimit: Int, policyEpoch: Int64, createdAt: Date
    ) {
        self.id = id
        self.rootId = rootId
        self.managementAccount = managementAccount
        self.managementEmail = managementEmail
        self.managementName = managementName
        self.featureSet = featureSet
        self.enabledPolicyTypes = enabledPolicyTypes
        self.accountLimit = accountLimit
        self.policyEpoch = policyEpoch
        self.createdAt = createdAt
    }

    package var allFeatures: Bool { featureSet == "ALL" }

    package var scpEnabled: Bool { enabledPolicyTypes.contains(OrganizationPolicyTypes.serviceControl) }

    package func enables(_ policyType: String) -> Bool { enabledPolicyTypes.contains(policyType) }

    package func arns(partition: String) -> OrganizationARN {
        OrganizationARN(partition: partition, organizationId: id, managementAccount: managementAccount)
    }

    /// `o-x/r-y/`: the start of every aws:PrincipalOrgPaths value in this organization.
    package var rootPath: String { "\(id)/\(rootId)/" }
}
