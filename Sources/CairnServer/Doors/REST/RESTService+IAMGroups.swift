import CairnCore
import Foundation

/// IAM groups and the inline policies of users, roles and groups over REST.
extension RESTService {
    func listIamGroups(_ input: Operations.ListIamGroups.Input) async throws -> Operations.ListIamGroups.Output {
        let page = try await run(IAMOps.listGroups) {
            IAMModel.ListInput(PathPrefix: input.query.pathPrefix, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(.init(groups: page.Groups.map(Self.group), nextToken: page.Marker))))
    }

    func createIamGroup(_ input: Operations.CreateIamGroup.Input) async throws -> Operations.CreateIamGroup.Output {
        let created = try await run(IAMOps.createGroup) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.CreateGroupInput(GroupName: b.groupName, Path: b.path)
        }
        return .created(.init(body: .json(Self.group(created.Group))))
    }

    func getIamGroup(_ input: Operations.GetIamGroup.Input) async throws -> Operations.GetIamGroup.Output {
        let found = try await run(IAMOps.getGroup) { IAMModel.EntityPageInput(GroupName: input.path.groupName) }
        return .ok(.init(body: .json(.init(group: Self.group(found.Group), users: found.Users.map(Self.user)))))
    }

    func deleteIamGroup(_ input: Operations.DeleteIamGroup.Input) async throws -> Operations.DeleteIamGroup.Output {
        _ = try await run(IAMOps.deleteGroup) { IAMModel.EntityInput(GroupName: input.path.groupName) }
        return .noContent(.init())
    }

    func addIamUserToGroup(_ input: Operations.AddIamUserToGroup.Input) async throws -> Operations.AddIamUserToGroup.Output {
        _ = try await run(IAMOps.addUserToGroup) { IAMModel.GroupMemberInput(GroupName: input.path.groupName, UserName: input.path.userName) }
        return .noContent(.init())
    }

    func removeIamUserFromGroup(_ input: Operations.RemoveIamUserFromGroup.Input) async throws -> Operations.RemoveIamUserFromGroup.Output {
        _ = try await run(IAMOps.removeUserFromGroup) { IAMModel.GroupMemberInput(GroupName: input.path.groupName, UserName: input.path.userName) }
        return .noContent(.init())
    }

    // MARK: Inline policies of users, roles and groups

    func listIamUserInlinePolicies(_ input: Operations.ListIamUserInlinePolicies.Input) async throws -> Operations.ListIamUserInlinePolicies.Output {
        .ok(
            .init(
                body: .json(
                    try await inlineList(IAMOps.listUserPolicies, .init(UserName: input.path.userName), input.query.limit, input.query.nextToken))))
    }

    func putIamUserInlinePolicy(_ input: Operations.PutIamUserInlinePolicy.Input) async throws -> Operations.PutIamUserInlinePolicy.Output {
        _ = try await run(IAMOps.putUserPolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return .init(UserName: input.path.userName, PolicyName: input.path.policyName, PolicyDocument: b.policyDocument)
        }
        return .noContent(.init())
    }

    func getIamUserInlinePolicy(_ input: Operations.GetIamUserInlinePolicy.Input) async throws -> Operations.GetIamUserInlinePolicy.Output {
        .ok(.init(body: .json(try await inlineGet(IAMOps.getUserPolicy, .init(UserName: input.path.userName, PolicyName: input.path.policyName)))))
    }

    func deleteIamUserInlinePolicy(_ input: Operations.DeleteIamUserInlinePolicy.Input) async throws -> Operations.DeleteIamUserInlinePolicy.Output {
        _ = try await run(IAMOps.deleteUserPolicy) { .init(UserName: input.path.userName, PolicyName: input.path.policyName) }
        return .noContent(.init())
    }

    func listIamRoleInlinePolicies(_ input: Operations.ListIamRoleInlinePolicies.Input) async throws -> Operations.ListIamRoleInlinePolicies.Output {
        .ok(
            .init(
                body: .json(
                    try await inlineList(IAMOps.listRolePolicies, .init(RoleName: input.path.roleName), input.query.limit, input.query.nextToken))))
    }

    func putIamRoleInlinePolicy(_ input: Operations.PutIamRoleInlinePolicy.Input) async throws -> Operations.PutIamRoleInlinePolicy.Output {
        _ = try await run(IAMOps.putRolePolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return .init(RoleName: input.path.roleName, PolicyName: input.path.policyName, PolicyDocument: b.policyDocument)
        }
        return .noContent(.init())
    }

    func getIamRoleInlinePolicy(_ input: Operations.GetIamRoleInlinePolicy.Input) async throws -> Operations.GetIamRoleInlinePolicy.Output {
        .ok(.init(body: .json(try await inlineGet(IAMOps.getRolePolicy, .init(RoleName: input.path.roleName, PolicyName: input.path.policyName)))))
    }

    func deleteIamRoleInlinePolicy(_ input: Operations.DeleteIamRoleInlinePolicy.Input) async throws -> Operations.DeleteIamRoleInlinePolicy.Output {
        _ = try await run(IAMOps.deleteRolePolicy) { .init(RoleName: input.path.roleName, PolicyName: input.path.policyName) }
        return .noContent(.init())
    }

    func listIamGroupInlinePolicies(_ input: Operations.ListIamGroupInlinePolicies.Input) async throws -> Operations.ListIamGroupInlinePolicies.Output
    {
        .ok(
            .init(
                body: .json(
                    try await inlineList(IAMOps.listGroupPolicies, .init(GroupName: input.path.groupName), input.query.limit, input.query.nextToken)))
        )
    }

    func putIamGroupInlinePolicy(_ input: Operations.PutIamGroupInlinePolicy.Input) async throws -> Operations.PutIamGroupInlinePolicy.Output {
        _ = try await run(IAMOps.putGroupPolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return .init(GroupName: input.path.groupName, PolicyName: input.path.policyName, PolicyDocument: b.policyDocument)
        }
        return .noContent(.init())
    }

    func getIamGroupInlinePolicy(_ input: Operations.GetIamGroupInlinePolicy.Input) async throws -> Operations.GetIamGroupInlinePolicy.Output {
        .ok(.init(body: .json(try await inlineGet(IAMOps.getGroupPolicy, .init(GroupName: input.path.groupName, PolicyName: input.path.policyName)))))
    }

    func deleteIamGroupInlinePolicy(_ input: Operations.DeleteIamGroupInlinePolicy.Input) async throws -> Operations.DeleteIamGroupInlinePolicy.Output
    {
        _ = try await run(IAMOps.deleteGroupPolicy) { .init(GroupName: input.path.groupName, PolicyName: input.path.policyName) }
        return .noContent(.init())
    }

    private func inlineList(
        _ operation: Operation<IAMModel.EntityPageInput, IAMModel.PolicyNamesOutput>, _ owner: IAMModel.EntityPageInput, _ limit: Int?,
        _ nextToken: String?
    ) async throws -> Components.Schemas.IamInlinePolicyList {
        var input = owner
        input.MaxItems = limit
        input.Marker = nextToken
        let page = try await run(operation) { [input] in input }
        return .init(policyNames: page.PolicyNames, nextToken: page.Marker)
    }

    private func inlineGet(
        _ operation: Operation<IAMModel.InlinePolicyInput, IAMModel.InlinePolicyOutput>, _ named: IAMModel.InlinePolicyInput
    ) async throws -> Components.Schemas.IamInlinePolicy {
        let found = try await run(operation) { named }
        return .init(policyName: found.PolicyName, policyDocument: Self.document(found.PolicyDocument))
    }
}
