/// A policy of an organization (or an AWS-managed one, FullAWSAccess or RCPFullAWSAccess, shared by all).
package struct OrganizationPolicyRecord: Sendable, Equatable {
    package static let fullAWSAccessId = "p-FullAWSAccess"
    package static let rcpFullAWSAccessId = "p-RCPFullAWSAccess"

    package let id: String
    package let type: String
    package let name: String
    package let description: String
    package let content: String

    package init(id: String, type: String, name: String, description: String, content: String) {
        self.id = id
        self.type = type
        self.name = name
        self.description = description
        self.content = content
    }

    package var awsManaged: Bool { id == Self.fullAWSAccessId || id == Self.rcpFullAWSAccessId }
}
