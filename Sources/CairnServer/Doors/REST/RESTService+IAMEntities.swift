import CairnCore
import Foundation
import OpenAPIRuntime

/// Users', roles' and groups' tags, permissions boundaries, group attachments and group membership over REST: the
/// same operations as the Query door, each mapped to its catalogue operation.
extension RESTService {
    func listIamGroupsForUser(_ input: Operations.ListIamGroupsForUser.Input) async throws -> Operations.ListIamGroupsForUser.Output {
        let page = try await run(IAMOps.listGroupsForUser) {
            IAMModel.EntityPageInput(UserName: input.path.userName, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(.init(groups: page.Groups.map(Self.group), nextToken: page.Marker))))
    }

    func listIamUserTags(_ input: Operations.ListIamUserTags.Input) async throws -> Operations.ListIamUserTags.Output {
        let page = try await run(IAMOps.listUserTags) {
            IAMModel.EntityPageInput(UserName: input.path.userName, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(Self.tagList(page))))
    }

    func tagIamUser(_ input: Operations.TagIamUser.Input) async throws -> Operations.TagIamUser.Output {
        _ = try await run(IAMOps.tagUser) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.TagEntityInput(UserName: input.path.userName, Tags: b.tags.map(Self.tag))
        }
        return .noContent(.init())
    }

    func untagIamUser(_ input: Operations.UntagIamUser.Input) async throws -> Operations.UntagIamUser.Output {
        _ = try await run(IAMOps.untagUser) { IAMModel.UntagEntityInput(UserName: input.path.userName, TagKeys: input.query.tagKeys) }
        return .noContent(.init())
    }

    func listIamRoleTags(_ input: Operations.ListIamRoleTags.Input) async throws -> Operations.ListIamRoleTags.Output {
        let page = try await run(IAMOps.listRoleTags) {
            IAMModel.EntityPageInput(RoleName: input.path.roleName, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(Self.tagList(page))))
    }

    func tagIamRole(_ input: Operations.TagIamRole.Input) async throws -> Operations.TagIamRole.Output {
        _ = try await run(IAMOps.tagRole) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.TagEntityInput(RoleName: input.path.roleName, Tags: b.tags.map(Self.tag))
        }
        return .noContent(.init())
    }

    func untagIamRole(_ input: Operations.UntagIamRole.Input) async throws -> Operations.UntagIamRole.Output {
        _ = try await run(IAMOps.untagRole) { IAMModel.UntagEntityInput(RoleName: input.path.roleName, TagKeys: input.query.tagKeys) }
        return .noContent(.init())
    }

    func putIamUserPermissionsBoundary(
        _ input: Operations.PutIamUserPermissionsBoundary.Input
    ) async throws -> Operations.PutIamUserPermissionsBoundary.Output {
        _ = try await run(IAMOps.putUserPermissionsBoundary) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.PermissionsBoundaryInput(UserName: input.path.userName, PermissionsBoundary: b.permissionsBoundary)
        }
        return .noContent(.init())
    }

    func deleteIamUserPermissionsBoundary(
        _ input: Operations.DeleteIamUserPermissionsBoundary.Input
    ) async throws -> Operations.DeleteIamUserPermissionsBoundary.Output {
        _ = try await run(IAMOps.deleteUserPermissionsBoundary) { IAMModel.PermissionsBoundaryInput(UserName: input.path.userName) }
        return .noContent(.init())
    }

    func putIamRolePermissionsBoundary(
        _ input: Operations.PutIamRolePermissionsBoundary.Input
    ) async throws -> Operations.PutIamRolePermissionsBoundary.Output {
        _ = try await run(IAMOps.putRolePermissionsBoundary) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.PermissionsBoundaryInput(RoleName: input.path.roleName, PermissionsBoundary: b.permissionsBoundary)
        }
        return .noContent(.init())
    }

    func deleteIamRolePermissionsBoundary(
        _ input: Operations.DeleteIamRolePermissionsBoundary.Input
    ) async throws -> Operations.DeleteIamRolePermissionsBoundary.Output {
        _ = try await run(IAMOps.deleteRolePermissionsBoundary) { IAMModel.PermissionsBoundaryInput(RoleName: input.path.roleName) }
        return .noContent(.init())
    }

    func attachIamGroupPolicy(_ input: Operations.AttachIamGroupPolicy.Input) async throws -> Operations.AttachIamGroupPolicy.Output {
        _ = try await run(IAMOps.attachGroupPolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.AttachmentInput(GroupName: input.path.groupName, PolicyArn: b.policyArn)
        }
        return .noContent(.init())
    }

    func listIamAttachedGroupPolicies(
        _ input: Operations.ListIamAttachedGroupPolicies.Input
    ) async throws -> Operations.ListIamAttachedGroupPolicies.Output {
        let page = try await run(IAMOps.listAttachedGroupPolicies) {
            IAMModel.ListAttachedPoliciesInput(
                GroupName: input.path.groupName, PathPrefix: input.query.pathPrefix, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(Self.attached(page))))
    }

    func detachIamGroupPolicy(_ input: Operations.DetachIamGroupPolicy.Input) async throws -> Operations.DetachIamGroupPolicy.Output {
        _ = try await run(IAMOps.detachGroupPolicy) { IAMModel.AttachmentInput(GroupName: input.path.groupName, PolicyArn: input.query.policyArn) }
        return .noContent(.init())
    }

    static func tagList(_ page: IAMModel.TagsOutput) -> Components.Schemas.IamTagList {
        .init(tags: tags(page.Tags) ?? [], nextToken: page.Marker)
    }
}

/// Updates of users, groups and roles over REST.
extension RESTService {
    func updateIamUser(_ input: Operations.UpdateIamUser.Input) async throws -> Operations.UpdateIamUser.Output {
        _ = try await run(IAMOps.updateUser) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.UpdateUserInput(UserName: input.path.userName, NewUserName: b.newUserName, NewPath: b.newPath)
        }
        return .noContent(.init())
    }

    func updateIamGroup(_ input: Operations.UpdateIamGroup.Input) async throws -> Operations.UpdateIamGroup.Output {
        _ = try await run(IAMOps.updateGroup) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.UpdateGroupInput(GroupName: input.path.groupName, NewGroupName: b.newGroupName, NewPath: b.newPath)
        }
        return .noContent(.init())
    }

    func updateIamRole(_ input: Operations.UpdateIamRole.Input) async throws -> Operations.UpdateIamRole.Output {
        _ = try await run(IAMOps.updateRole) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.UpdateRoleInput(RoleName: input.path.roleName, Description: b.description, MaxSessionDuration: b.maxSessionDuration)
        }
        return .noContent(.init())
    }

    func updateIamAssumeRolePolicy(
        _ input: Operations.UpdateIamAssumeRolePolicy.Input
    ) async throws -> Operations.UpdateIamAssumeRolePolicy.Output {
        _ = try await run(IAMOps.updateAssumeRolePolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.UpdateAssumeRolePolicyInput(RoleName: input.path.roleName, PolicyDocument: b.policyDocument)
        }
        return .noContent(.init())
    }
}
