import CairnCore
import Foundation
import OpenAPIRuntime

/// Service control policies, trusted service access and delegated administrators over REST.
extension RESTService {
    func listOrganizationPolicies(_ input: Operations.ListOrganizationPolicies.Input) async throws -> Operations.ListOrganizationPolicies.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        extra["Filter"] = .string(input.query.filter)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listPolicies, extra: extra))))
    }

    func createOrganizationPolicy(_ input: Operations.CreateOrganizationPolicy.Input) async throws -> Operations.CreateOrganizationPolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        return .created(.init(body: .json(try await organizations.run(OperationCatalogue.createPolicy, body: body, member: "Policy"))))
    }

    func describeOrganizationPolicy(_ input: Operations.DescribeOrganizationPolicy.Input) async throws -> Operations.DescribeOrganizationPolicy.Output {
        let extra: [String: JSONValue] = ["PolicyId": .string(input.path.policyId)]
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.describePolicy, extra: extra, member: "Policy"))))
    }

    func updateOrganizationPolicy(_ input: Operations.UpdateOrganizationPolicy.Input) async throws -> Operations.UpdateOrganizationPolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let extra: [String: JSONValue] = ["PolicyId": .string(input.path.policyId)]
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.updatePolicy, body: body, extra: extra, member: "Policy"))))
    }

    func deleteOrganizationPolicy(_ input: Operations.DeleteOrganizationPolicy.Input) async throws -> Operations.DeleteOrganizationPolicy.Output {
        try await organizations.perform(OperationCatalogue.deletePolicy, extra: ["PolicyId": .string(input.path.policyId)])
        return .noContent(.init())
    }

    func listOrganizationPolicyTargets(
        _ input: Operations.ListOrganizationPolicyTargets.Input
    ) async throws -> Operations.ListOrganizationPolicyTargets.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        extra["PolicyId"] = .string(input.path.policyId)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listTargetsForPolicy, extra: extra))))
    }

    func attachOrganizationPolicy(_ input: Operations.AttachOrganizationPolicy.Input) async throws -> Operations.AttachOrganizationPolicy.Output {
        let extra: [String: JSONValue] = ["PolicyId": .string(input.path.policyId), "TargetId": .string(input.path.targetId)]
        try await organizations.perform(OperationCatalogue.attachPolicy, extra: extra)
        return .noContent(.init())
    }

    func detachOrganizationPolicy(_ input: Operations.DetachOrganizationPolicy.Input) async throws -> Operations.DetachOrganizationPolicy.Output {
        let extra: [String: JSONValue] = ["PolicyId": .string(input.path.policyId), "TargetId": .string(input.path.targetId)]
        try await organizations.perform(OperationCatalogue.detachPolicy, extra: extra)
        return .noContent(.init())
    }

    func listOrganizationPoliciesForTarget(
        _ input: Operations.ListOrganizationPoliciesForTarget.Input
    ) async throws -> Operations.ListOrganizationPoliciesForTarget.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        extra["TargetId"] = .string(input.path.targetId)
        extra["Filter"] = .string(input.query.filter)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listPoliciesForTarget, extra: extra))))
    }

    func listOrganizationServiceAccess(
        _ input: Operations.ListOrganizationServiceAccess.Input
    ) async throws -> Operations.ListOrganizationServiceAccess.Output {
        let extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listAWSServiceAccessForOrganization, extra: extra))))
    }

    func enableOrganizationServiceAccess(
        _ input: Operations.EnableOrganizationServiceAccess.Input
    ) async throws -> Operations.EnableOrganizationServiceAccess.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await organizations.perform(OperationCatalogue.enableAWSServiceAccess, body: body)
        return .noContent(.init())
    }

    func disableOrganizationServiceAccess(
        _ input: Operations.DisableOrganizationServiceAccess.Input
    ) async throws -> Operations.DisableOrganizationServiceAccess.Output {
        try await organizations.perform(OperationCatalogue.disableAWSServiceAccess, extra: ["ServicePrincipal": .string(input.path.servicePrincipal)])
        return .noContent(.init())
    }

    func listOrganizationDelegatedAdministrators(
        _ input: Operations.ListOrganizationDelegatedAdministrators.Input
    ) async throws -> Operations.ListOrganizationDelegatedAdministrators.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        if let sp = input.query.servicePrincipal { extra["ServicePrincipal"] = .string(sp) }
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listDelegatedAdministrators, extra: extra))))
    }

    func registerOrganizationDelegatedAdministrator(
        _ input: Operations.RegisterOrganizationDelegatedAdministrator.Input
    ) async throws -> Operations.RegisterOrganizationDelegatedAdministrator.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await organizations.perform(OperationCatalogue.registerDelegatedAdministrator, body: body)
        return .noContent(.init())
    }

    func deregisterOrganizationDelegatedAdministrator(
        _ input: Operations.DeregisterOrganizationDelegatedAdministrator.Input
    ) async throws -> Operations.DeregisterOrganizationDelegatedAdministrator.Output {
        let extra: [String: JSONValue] = ["AccountId": .string(input.path.accountId), "ServicePrincipal": .string(input.query.servicePrincipal)]
        try await organizations.perform(OperationCatalogue.deregisterDelegatedAdministrator, extra: extra)
        return .noContent(.init())
    }

    func listOrganizationDelegatedServices(
        _ input: Operations.ListOrganizationDelegatedServices.Input
    ) async throws -> Operations.ListOrganizationDelegatedServices.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        extra["AccountId"] = .string(input.path.accountId)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listDelegatedServicesForAccount, extra: extra))))
    }
}
