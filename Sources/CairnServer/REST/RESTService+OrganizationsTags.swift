import CairnCore
import Foundation
import OpenAPIRuntime

/// Tags on an organization's accounts, root, OUs and policies over REST, under
/// `/v1/organization/resources/{resourceId}/tags`, run through the JSON 1.1 door's handlers.
extension RESTService {
    func listOrganizationResourceTags(
        _ input: Operations.ListOrganizationResourceTags.Input
    ) async throws -> Operations.ListOrganizationResourceTags.Output {
        // ListTagsForResource has no MaxResults in AWS's model, so the route has no `limit`: pages of 20.
        var extra = OrganizationsRESTBridge.paging(nil, input.query.nextToken)
        extra["ResourceId"] = .string(input.path.resourceId)
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listTagsForResource, extra: extra))))
    }

    func tagOrganizationResource(_ input: Operations.TagOrganizationResource.Input) async throws -> Operations.TagOrganizationResource.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await organizations.perform(OperationCatalogue.tagResource, body: body, extra: ["ResourceId": .string(input.path.resourceId)])
        return .noContent(.init())
    }

    func untagOrganizationResource(
        _ input: Operations.UntagOrganizationResource.Input
    ) async throws -> Operations.UntagOrganizationResource.Output {
        let extra: [String: JSONValue] = [
            "ResourceId": .string(input.path.resourceId), "TagKeys": .array(input.query.key.map { .string($0) }),
        ]
        try await organizations.perform(OperationCatalogue.untagResource, extra: extra)
        return .noContent(.init())
    }
}
