import CairnCore
import CairnStore
import Foundation

/// OUs, accounts and where they sit.
extension OrganizationsHandlers {
    struct OUOutput: Encodable, Sendable { let OrganizationalUnit: OrganizationsWire.OrganizationalUnit }
    struct OUsOutput: Encodable, Sendable {
        let OrganizationalUnits: [OrganizationsWire.OrganizationalUnit]
        let NextToken: String?
    }
    struct Parent: Encodable, Sendable { let Id, `Type`: String }
    struct ParentsOutput: Encodable, Sendable {
        let Parents: [Parent]
        let NextToken: String?
    }
    struct Child: Encodable, Sendable { let Id, `Type`: String }
    struct ChildrenOutput: Encodable, Sendable {
        let Children: [Child]
        let NextToken: String?
    }
    struct AccountsOutput: Encodable, Sendable {
        let Accounts: [OrganizationsWire.Account]
        let NextToken: String?
    }
    struct AccountOutput: Encodable, Sendable { let Account: OrganizationsWire.Account }

    static func ouName(_ value: String?) throws(ServiceError) -> String {
        let name = try OrganizationsRequest.required(value, "Name")
        try OrganizationsRequest.length(name, "Name", 1...128)
        return name
    }

    var treeHandlers: [AWSHandler] {
        [
            handler(OperationCatalogue.createOrganizationalUnit) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let parent = try OrganizationsRequest.id(req.ParentId, "ParentId", OrganizationIdentifiers.isParent)
                let name = try Self.ouName(req.Name)
                let tags = try req.checkTags()
                let ou = try await tx.organizations.createOrganizationalUnit(org, parent: parent, name: name)
                try await tx.organizations.tag(org, resource: ou.id, with: tags)
                return OUOutput(OrganizationalUnit: .init(ou, in: org, partition: Self.partition(tx)))
            },
            handler(OperationCatalogue.describeOrganizationalUnit) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let id = try OrganizationsRequest.id(req.OrganizationalUnitId, "OrganizationalUnitId", OrganizationIdentifiers.isOrganizationalUnit)
                guard let ou = try await tx.organizations.organizationalUnit(org, id: id) else { throw ServiceError.organizationalUnitNotFound }
                return OUOutput(OrganizationalUnit: .init(ou, in: org, partition: Self.partition(tx)))
            },
            handler(OperationCatalogue.updateOrganizationalUnit) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let id = try OrganizationsRequest.id(req.OrganizationalUnitId, "OrganizationalUnitId", OrganizationIdentifiers.isOrganizationalUnit)
                guard let current = try await tx.organizations.organizationalUnit(org, id: id) else { throw ServiceError.organizationalUnitNotFound }
                let name = try req.Name.map { v throws(ServiceError) in try Self.ouName(v) } ?? current.name
                let ou = try await tx.organizations.renameOrganizationalUnit(org, id: id, name: name)
                return OUOutput(OrganizationalUnit: .init(ou, in: org, partition: Self.partition(tx)))
            },
            handler(OperationCatalogue.deleteOrganizationalUnit) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let id = try OrganizationsRequest.id(req.OrganizationalUnitId, "OrganizationalUnitId", OrganizationIdentifiers.isOrganizationalUnit)
                try await tx.organizations.deleteOrganizationalUnit(org, id: id)
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.listOrganizationalUnitsForParent) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let parent = try OrganizationsRequest.id(req.ParentId, "ParentId", OrganizationIdentifiers.isParent)
                guard try await tx.organizations.parentExists(org, parent) else { throw ServiceError.parentNotFound }
                let ous = try await tx.organizations.organizationalUnits(org, parent: parent)
                let page = try OrganizationsPage.slice(ous, req, operation: "ListOrganizationalUnitsForParent")
                return OUsOutput(OrganizationalUnits: page.items.map { .init($0, in: org, partition: Self.partition(tx)) }, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.listParents) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let child = try OrganizationsRequest.id(req.ChildId, "ChildId") { OrganizationIdentifiers.isAccount($0) || OrganizationIdentifiers.isOrganizationalUnit($0) }
                let parentId: String
                if OrganizationIdentifiers.isAccount(child) {
                    guard let m = try await tx.organizations.member(of: org, account: child) else { throw ServiceError.childNotFound }
                    parentId = m.parentId
                } else {
                    guard let ou = try await tx.organizations.organizationalUnit(org, id: child) else { throw ServiceError.childNotFound }
                    parentId = ou.parentId
                }
                let parent = Parent(Id: parentId, Type: parentId == org.rootId ? "ROOT" : "ORGANIZATIONAL_UNIT")
                let page = try OrganizationsPage.slice([parent], req, operation: "ListParents")
                return ParentsOutput(Parents: page.items, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.listChildren) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let parent = try OrganizationsRequest.id(req.ParentId, "ParentId", OrganizationIdentifiers.isParent)
                let type = try OrganizationsRequest.oneOf(req.ChildType, "ChildType", ["ACCOUNT", "ORGANIZATIONAL_UNIT"])
                guard try await tx.organizations.parentExists(org, parent) else { throw ServiceError.parentNotFound }
                let children: [Child] =
                    type == "ACCOUNT"
                    ? try await tx.organizations.members(of: org, parent: parent).map { Child(Id: $0.account.value, Type: type) }
                    : try await tx.organizations.organizationalUnits(org, parent: parent).map { Child(Id: $0.id, Type: type) }
                let page = try OrganizationsPage.slice(children, req, operation: "ListChildren")
                return ChildrenOutput(Children: page.items, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.listAccounts) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let page = try OrganizationsPage.slice(try await tx.organizations.members(of: org), req, operation: "ListAccounts")
                return AccountsOutput(Accounts: page.items.map { .init($0, in: org, partition: Self.partition(tx)) }, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.listAccountsForParent) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let parent = try OrganizationsRequest.id(req.ParentId, "ParentId", OrganizationIdentifiers.isParent)
                guard try await tx.organizations.parentExists(org, parent) else { throw ServiceError.parentNotFound }
                let page = try OrganizationsPage.slice(
                    try await tx.organizations.members(of: org, parent: parent), req, operation: "ListAccountsForParent")
                return AccountsOutput(Accounts: page.items.map { .init($0, in: org, partition: Self.partition(tx)) }, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.describeAccount) { req, tx, facts in
                let standing = try await Self.standing(tx, facts)
                let id = try OrganizationsRequest.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
                // A member may describe itself; reading others needs the management account or a delegated administrator.
                let org = try (id == facts.principal.account.value ? standing.requireOrganization() : standing.requireReader())
                guard let m = try await tx.organizations.member(of: org, account: id) else { throw ServiceError.accountNotFound }
                return AccountOutput(Account: .init(m, in: org, partition: Self.partition(tx)))
            },
            handler(OperationCatalogue.moveAccount) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let id = try OrganizationsRequest.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
                let source = try OrganizationsRequest.id(req.SourceParentId, "SourceParentId", OrganizationIdentifiers.isParent)
                let destination = try OrganizationsRequest.id(req.DestinationParentId, "DestinationParentId", OrganizationIdentifiers.isParent)
                guard let m = try await tx.organizations.member(of: org, account: id) else { throw ServiceError.accountNotFound }
                guard try await tx.organizations.parentExists(org, source) else { throw ServiceError.sourceParentNotFound }
                guard try await tx.organizations.parentExists(org, destination) else { throw ServiceError.destinationParentNotFound }
                guard m.parentId == source else { throw ServiceError.sourceParentNotFound }
                guard source != destination else { throw ServiceError.duplicateAccount }
                try await tx.organizations.moveMember(org, account: m.account, to: destination)
                return OrganizationsWire.Empty()
            },
        ]
    }
}
