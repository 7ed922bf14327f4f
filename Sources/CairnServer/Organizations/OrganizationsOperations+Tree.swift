import CairnCore
import CairnStore
import Foundation

/// OUs, accounts and where they sit.
extension OrganizationsOperations {
    static func ouName(_ value: String?) throws(ServiceError) -> String {
        let name = try OrganizationsInputRules.required(value, "Name")
        try OrganizationsInputRules.length(name, "Name", 1...128)
        return name
    }

    static let createOrganizationalUnit = Operation<OrganizationsModel.CreateOrganizationalUnitInput, OrganizationsModel.OUOutput>(
        OperationCatalogue.createOrganizationalUnit
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let parent = try OrganizationsInputRules.id(req.ParentId, "ParentId", OrganizationIdentifiers.isParent)
        let name = try Self.ouName(req.Name)
        let tags = try OrganizationsInputRules.tags(req.Tags)
        let ou = try await tx.organizations.createOrganizationalUnit(org, parent: parent, name: name)
        try await tx.organizations.tag(org, resource: ou.id, with: tags)
        return OrganizationsModel.OUOutput(OrganizationalUnit: .init(ou, in: org, partition: ctx.partition))
    }

    static let describeOrganizationalUnit = Operation<OrganizationsModel.OrganizationalUnitIdInput, OrganizationsModel.OUOutput>(
        OperationCatalogue.describeOrganizationalUnit
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let id = try OrganizationsInputRules.id(req.OrganizationalUnitId, "OrganizationalUnitId", OrganizationIdentifiers.isOrganizationalUnit)
        guard let ou = try await tx.organizations.organizationalUnit(org, id: id) else { throw ServiceError.organizationalUnitNotFound }
        return OrganizationsModel.OUOutput(OrganizationalUnit: .init(ou, in: org, partition: ctx.partition))
    }

    static let updateOrganizationalUnit = Operation<OrganizationsModel.UpdateOrganizationalUnitInput, OrganizationsModel.OUOutput>(
        OperationCatalogue.updateOrganizationalUnit
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let id = try OrganizationsInputRules.id(req.OrganizationalUnitId, "OrganizationalUnitId", OrganizationIdentifiers.isOrganizationalUnit)
        guard let current = try await tx.organizations.organizationalUnit(org, id: id) else { throw ServiceError.organizationalUnitNotFound }
        let name = try req.Name.map { v throws(ServiceError) in try Self.ouName(v) } ?? current.name
        let ou = try await tx.organizations.renameOrganizationalUnit(org, id: id, name: name)
        return OrganizationsModel.OUOutput(OrganizationalUnit: .init(ou, in: org, partition: ctx.partition))
    }

    static let deleteOrganizationalUnit = Operation<OrganizationsModel.OrganizationalUnitIdInput, NoOutput>(
        OperationCatalogue.deleteOrganizationalUnit
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let id = try OrganizationsInputRules.id(req.OrganizationalUnitId, "OrganizationalUnitId", OrganizationIdentifiers.isOrganizationalUnit)
        try await tx.organizations.deleteOrganizationalUnit(org, id: id)
        return NoOutput()
    }

    static let listOrganizationalUnitsForParent = Operation<OrganizationsModel.ParentIdInput, OrganizationsModel.OUsOutput>(
        OperationCatalogue.listOrganizationalUnitsForParent
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let parent = try OrganizationsInputRules.id(req.ParentId, "ParentId", OrganizationIdentifiers.isParent)
        guard try await tx.organizations.parentExists(org, parent) else { throw ServiceError.parentNotFound }
        let ous = try await tx.organizations.organizationalUnits(org, parent: parent)
        let page = try OrganizationsPage.slice(ous, req, operation: "ListOrganizationalUnitsForParent")
        return OrganizationsModel.OUsOutput(
            OrganizationalUnits: page.items.map { .init($0, in: org, partition: ctx.partition) }, NextToken: page.nextToken)
    }

    static let listParents = Operation<OrganizationsModel.ListParentsInput, OrganizationsModel.ParentsOutput>(OperationCatalogue.listParents) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let child = try OrganizationsInputRules.id(req.ChildId, "ChildId") {
            OrganizationIdentifiers.isAccount($0) || OrganizationIdentifiers.isOrganizationalUnit($0)
        }
        let parentId: String
        if OrganizationIdentifiers.isAccount(child) {
            guard let m = try await tx.organizations.member(of: org, account: child) else { throw ServiceError.childNotFound }
            parentId = m.parentId
        } else {
            guard let ou = try await tx.organizations.organizationalUnit(org, id: child) else { throw ServiceError.childNotFound }
            parentId = ou.parentId
        }
        let parent = OrganizationsModel.Parent(Id: parentId, Type: parentId == org.rootId ? "ROOT" : "ORGANIZATIONAL_UNIT")
        let page = try OrganizationsPage.slice([parent], req, operation: "ListParents")
        return OrganizationsModel.ParentsOutput(Parents: page.items, NextToken: page.nextToken)
    }

    static let listChildren = Operation<OrganizationsModel.ListChildrenInput, OrganizationsModel.ChildrenOutput>(OperationCatalogue.listChildren) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let parent = try OrganizationsInputRules.id(req.ParentId, "ParentId", OrganizationIdentifiers.isParent)
        let type = try OrganizationsInputRules.oneOf(req.ChildType, "ChildType", ["ACCOUNT", "ORGANIZATIONAL_UNIT"])
        guard try await tx.organizations.parentExists(org, parent) else { throw ServiceError.parentNotFound }
        let children: [OrganizationsModel.Child] =
            type == "ACCOUNT"
            ? try await tx.organizations.members(of: org, parent: parent).map { OrganizationsModel.Child(Id: $0.account.value, Type: type) }
            : try await tx.organizations.organizationalUnits(org, parent: parent).map { OrganizationsModel.Child(Id: $0.id, Type: type) }
        let page = try OrganizationsPage.slice(children, req, operation: "ListChildren")
        return OrganizationsModel.ChildrenOutput(Children: page.items, NextToken: page.nextToken)
    }

    static let listAccounts = Operation<OrganizationsModel.ListAccountsInput, OrganizationsModel.AccountsOutput>(OperationCatalogue.listAccounts) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let page = try OrganizationsPage.slice(try await tx.organizations.members(of: org), req, operation: "ListAccounts")
        return OrganizationsModel.AccountsOutput(Accounts: page.items.map { .init($0, in: org, partition: ctx.partition) }, NextToken: page.nextToken)
    }

    static let listAccountsForParent = Operation<OrganizationsModel.ParentIdInput, OrganizationsModel.AccountsOutput>(
        OperationCatalogue.listAccountsForParent
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let parent = try OrganizationsInputRules.id(req.ParentId, "ParentId", OrganizationIdentifiers.isParent)
        guard try await tx.organizations.parentExists(org, parent) else { throw ServiceError.parentNotFound }
        let page = try OrganizationsPage.slice(
            try await tx.organizations.members(of: org, parent: parent), req, operation: "ListAccountsForParent")
        return OrganizationsModel.AccountsOutput(Accounts: page.items.map { .init($0, in: org, partition: ctx.partition) }, NextToken: page.nextToken)
    }

    static let describeAccount = Operation<OrganizationsModel.AccountIdInput, OrganizationsModel.AccountOutput>(OperationCatalogue.describeAccount) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let standing = try await Self.standing(tx, facts)
        let id = try OrganizationsInputRules.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
        // A member may describe itself; reading others needs the management account or a delegated administrator.
        let org = try (id == facts.principal.account.value ? standing.requireOrganization() : standing.requireReader())
        guard let m = try await tx.organizations.member(of: org, account: id) else { throw ServiceError.accountNotFound }
        return OrganizationsModel.AccountOutput(Account: .init(m, in: org, partition: ctx.partition))
    }

    static let moveAccount = Operation<OrganizationsModel.MoveAccountInput, NoOutput>(OperationCatalogue.moveAccount) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let id = try OrganizationsInputRules.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
        let source = try OrganizationsInputRules.id(req.SourceParentId, "SourceParentId", OrganizationIdentifiers.isParent)
        let destination = try OrganizationsInputRules.id(req.DestinationParentId, "DestinationParentId", OrganizationIdentifiers.isParent)
        guard let m = try await tx.organizations.member(of: org, account: id) else { throw ServiceError.accountNotFound }
        guard try await tx.organizations.parentExists(org, source) else { throw ServiceError.sourceParentNotFound }
        guard try await tx.organizations.parentExists(org, destination) else { throw ServiceError.destinationParentNotFound }
        guard m.parentId == source else { throw ServiceError.sourceParentNotFound }
        guard source != destination else { throw ServiceError.duplicateAccount }
        try await tx.organizations.moveMember(org, account: m.account, to: destination)
        return NoOutput()
    }

}
