import CairnCore
import Foundation
import OpenAPIRuntime

/// The organization's delegation policy over REST: what delegated administrators may call of Organizations.
extension RESTService {
    func describeOrganizationResourcePolicy(
        _ input: Operations.DescribeOrganizationResourcePolicy.Input
    ) async throws -> Operations.DescribeOrganizationResourcePolicy.Output {
        let found = try await run(Org.describeResourcePolicy) { NoInput() }
        return .ok(.init(body: .json(Self.resourcePolicy(found.ResourcePolicy))))
    }

    func putOrganizationResourcePolicy(
        _ input: Operations.PutOrganizationResourcePolicy.Input
    ) async throws -> Operations.PutOrganizationResourcePolicy.Output {
        let stored = try await run(Org.putResourcePolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.PutResourcePolicyInput(Content: b.content, Tags: b.tags?.map(Self.tag))
        }
        return .ok(.init(body: .json(Self.resourcePolicy(stored.ResourcePolicy))))
    }

    func deleteOrganizationResourcePolicy(
        _ input: Operations.DeleteOrganizationResourcePolicy.Input
    ) async throws -> Operations.DeleteOrganizationResourcePolicy.Output {
        _ = try await run(Org.deleteResourcePolicy) { NoInput() }
        return .noContent(.init())
    }

    static func resourcePolicy(_ p: OrgModel.ResourcePolicy) -> Components.Schemas.OrganizationResourcePolicy {
        .init(resourcePolicySummary: .init(id: p.ResourcePolicySummary.Id, arn: p.ResourcePolicySummary.Arn), content: p.Content)
    }
}
