import CairnCore
import Foundation
import OpenAPIRuntime

/// The organization, its root, OUs and accounts over REST. Each handler hands its body, path and query
/// members to the JSON 1.1 door's handler for the same catalogue entry (OrganizationsRESTBridge).
extension RESTService {
    func createOrganization(_ input: Operations.CreateOrganization.Input) async throws -> Operations.CreateOrganization.Output {
        let body: Components.Schemas.CreateOrganizationRequest? = if case .json(let b) = input.body { b } else { nil }
        return .created(.init(body: .json(try await organizations.run(OperationCatalogue.createOrganization, body: body, member: "Organization"))))
    }

    func deleteOrganization(_ input: Operations.DeleteOrganization.Input) async throws -> Operations.DeleteOrganization.Output {
        try await organizations.perform(OperationCatalogue.deleteOrganization)
        return .noContent(.init())
    }

    func leaveOrganization(_ input: Operations.LeaveOrganization.Input) async throws -> Operations.LeaveOrganization.Output {
        try await organizations.perform(OperationCatalogue.leaveOrganization)
        return .noContent(.init())
    }

    func listOrganizationRoots(_ input: Operations.ListOrganizationRoots.Input) async throws -> Operations.ListOrganizationRoots.Output {
        let extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listRoots, extra: extra))))
    }

    func enableOrganizationPolicyType(
        _ input: Operations.EnableOrganizationPolicyType.Input
    ) async throws -> Operations.EnableOrganizationPolicyType.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let extra: [String: JSONValue] = ["RootId": .string(input.path.rootId)]
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.enablePolicyType, body: body, extra: extra, member: "Root"))))
    }

    func disableOrganizationPolicyType(
        _ input: Operations.DisableOrganizationPolicyType.Input
    ) async throws -> Operations.DisableOrganizationPolicyType.Output {
        let extra: [String: JSONValue] = ["RootId": .string(input.path.rootId), "PolicyType": .string(input.path.policyType)]
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.disablePolicyType, extra: extra, member: "Root"))))
    }

    func createOrganizationalUnit(_ input: Operations.CreateOrganizationalUnit.Input) async throws -> Operations.CreateOrganizationalUnit.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        return .created(.init(body: .json(try await organizations.run(OperationCatalogue.createOrganizationalUnit, body: body, member: "OrganizationalUnit"))))
    }

    func describeOrganizationalUnit(
        _ input: Operations.DescribeOrganizationalUnit.Input
    ) async throws -> Operations.DescribeOrganizationalUnit.Output {
        let extra: [String: JSONValue] = ["OrganizationalUnitId": .string(input.path.organizationalUnitId)]
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.describeOrganizationalUnit, extra: extra, member: "OrganizationalUnit"))))
    }

    func updateOrganizationalUnit(_ input: Operations.UpdateOrganizationalUnit.Input) async throws -> Operations.UpdateOrganizationalUnit.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let extra: [String: JSONValue] = ["OrganizationalUnitId": .string(input.path.organizationalUnitId)]
        return .ok(.init(body: .json(
            try await organizations.run(OperationCatalogue.updateOrganizationalUnit, body: body, extra: extra, member: "OrganizationalUnit"))))
    }

    func deleteOrganizationalUnit(_ input: Operations.DeleteOrganizationalUnit.Input) async throws -> Operations.DeleteOrganizationalUnit.Output {
        try await organizations.perform(OperationCatalogue.deleteOrganizationalUnit, extra: ["OrganizationalUnitId": .string(input.path.organizationalUnitId)])
        return .noContent(.init())
    }

    func listOrganizationalUnitsForParent(
        _ input: Operations.ListOrganizationalUnitsForParent.Input
    ) async throws -> Operations.ListOrganizationalUnitsForParent.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        extra["ParentId"] = .string(input.path.parentId)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listOrganizationalUnitsForParent, extra: extra))))
    }

    func listOrganizationChildren(_ input: Operations.ListOrganizationChildren.Input) async throws -> Operations.ListOrganizationChildren.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        extra["ParentId"] = .string(input.path.parentId)
        extra["ChildType"] = .string(input.query.childType)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listChildren, extra: extra))))
    }

    func listOrganizationAccountsForParent(
        _ input: Operations.ListOrganizationAccountsForParent.Input
    ) async throws -> Operations.ListOrganizationAccountsForParent.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        extra["ParentId"] = .string(input.path.parentId)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listAccountsForParent, extra: extra))))
    }

    func listOrganizationParents(_ input: Operations.ListOrganizationParents.Input) async throws -> Operations.ListOrganizationParents.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        extra["ChildId"] = .string(input.path.childId)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listParents, extra: extra))))
    }

    func describeOrganizationAccount(
        _ input: Operations.DescribeOrganizationAccount.Input
    ) async throws -> Operations.DescribeOrganizationAccount.Output {
        let extra: [String: JSONValue] = ["AccountId": .string(input.path.accountId)]
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.describeAccount, extra: extra, member: "Account"))))
    }

    func moveOrganizationAccount(_ input: Operations.MoveOrganizationAccount.Input) async throws -> Operations.MoveOrganizationAccount.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await organizations.perform(OperationCatalogue.moveAccount, body: body, extra: ["AccountId": .string(input.path.accountId)])
        return .noContent(.init())
    }

    func removeOrganizationAccount(_ input: Operations.RemoveOrganizationAccount.Input) async throws -> Operations.RemoveOrganizationAccount.Output {
        try await organizations.perform(OperationCatalogue.removeAccountFromOrganization, extra: ["AccountId": .string(input.path.accountId)])
        return .noContent(.init())
    }
}
