package import Foundation

/// An account in an organization: the account's own facts and where it sits.
package struct MemberAccountRecord: Sendable, Equatable {
    package let account: AccountId
    package let name: String
    package let email: String
    /// ACTIVE or SUSPENDED.
    package let status: String
    package let organizationId: String
    /// The root id or the OU id the account sits in.
    package let parentId: String
    /// OU ids from the top level down to the account's parent (empty under the root).
    package let parentPathIds: [String]
    /// INVITED or CREATED.
    package let joinedMethod: String
    package let joinedAt: Date

    package init(
        account: AccountId, name: String, email: String, status: String, organizationId: String, parentId: String,
        parentPathIds: [String], joinedMethod: String, joinedAt: Date
    ) {
        self.account = account
        self.name = name
        self.email = email
        self.status = status
        self.organizationId = organizationId
        self.parentId = parentId
        self.parentPathIds = parentPathIds
        self.joinedMethod = joinedMethod
        self.joinedAt = joinedAt
    }

    /// aws:PrincipalOrgPaths for the account's principals: the path of its parent, `o-x/r-y/ou-a/`.
    package func orgPath(in organization: OrganizationRecord) -> String {
        organization.rootPath + parentPathIds.map { "\($0)/" }.joined()
    }

    /// The account's own `Paths` entry, as DescribeAccount gives it: the parent's path and the account.
    package func accountPath(in organization: OrganizationRecord) -> String { orgPath(in: organization) + "\(account.value)/" }
}
