package import Foundation

/// An OU: its parent (the root or another OU) and its ancestry from the top level down to itself.
package struct OrganizationalUnitRecord: Sendable, Equatable {
    package let id: String
    package let name: String
    /// The root id or an OU id.
    package let parentId: String
    /// OU ids from the top-level OU down to this one; its count is the OU's depth below the root.
    package let pathIds: [String]
    package let createdAt: Date

    package init(id: String, name: String, parentId: String, pathIds: [String], createdAt: Date) {
        self.id = id
        self.name = name
        self.parentId = parentId
        self.pathIds = pathIds
        self.createdAt = createdAt
    }

    /// AWS's OU `Path`: `o-x/r-y/ou-a/ou-b/`.
    package func path(in organization: OrganizationRecord) -> String {
        organization.rootPath + pathIds.map { "\($0)/" }.joined()
    }
}
