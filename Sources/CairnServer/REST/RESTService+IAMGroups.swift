import CairnCore
import CairnStore

/// Groups and inline policies over REST: the same IAMOperations as the Query door, so validation, errors
/// and events are identical.
extension RESTService {
    private typealias IAM = OperationCatalogue.IAM

    func listIamGroups(_ input: Operations.ListIamGroups.Input) async throws -> Operations.ListIamGroups.Output {
        let page = try await iam.listGroups(IAMRequest(fields: Self.listFields(input.query.pathPrefix, input.query.limit, input.query.nextToken)))
        return .ok(.init(body: .json(.init(groups: page.items.map(Self.group), nextToken: page.nextMarker))))
    }

    func createIamGroup(_ input: Operations.CreateIamGroup.Input) async throws -> Operations.CreateIamGroup.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        var fields = ["GroupName": body.groupName]
        fields["Path"] = body.path
        return .created(.init(body: .json(Self.group(try await iam.createGroup(IAMRequest(fields: fields))))))
    }

    func getIamGroup(_ input: Operations.GetIamGroup.Input) async throws -> Operations.GetIamGroup.Output {
        let g = try await iam.getGroup(IAMRequest(fields: ["GroupName": input.path.groupName]))
        return .ok(.init(body: .json(.init(group: Self.group(g.group), users: g.members.items.map { Self.user($0, withTags: false) }))))
    }

    func deleteIamGroup(_ input: Operations.DeleteIamGroup.Input) async throws -> Operations.DeleteIamGroup.Output {
        try await iam.deleteGroup(IAMRequest(fields: ["GroupName": input.path.groupName]))
        return .noContent(.init())
    }

    func addIamUserToGroup(_ input: Operations.AddIamUserToGroup.Input) async throws -> Operations.AddIamUserToGroup.Output {
        try await iam.addUserToGroup(IAMRequest(fields: ["GroupName": input.path.groupName, "UserName": input.path.userName]))
        return .noContent(.init())
    }

    func removeIamUserFromGroup(_ input: Operations.RemoveIamUserFromGroup.Input) async throws -> Operations.RemoveIamUserFromGroup.Output {
        try await iam.removeUserFromGroup(IAMRequest(fields: ["GroupName": input.path.groupName, "UserName": input.path.userName]))
        return .noContent(.init())
    }

    // MARK: Inline policies of users, roles and groups

    func listIamUserInlinePolicies(_ input: Operations.ListIamUserInlinePolicies.Input) async throws -> Operations.ListIamUserInlinePolicies.Output {
        let page = try await inlineList(IAM.listUserPolicies, .user, input.path.userName, input.query.limit, input.query.nextToken)
        return .ok(.init(body: .json(page)))
    }

    func putIamUserInlinePolicy(_ input: Operations.PutIamUserInlinePolicy.Input) async throws -> Operations.PutIamUserInlinePolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await inlinePut(IAM.putUserPolicy, .user, input.path.userName, input.path.policyName, body.policyDocument)
        return .noContent(.init())
    }

    func getIamUserInlinePolicy(_ input: Operations.GetIamUserInlinePolicy.Input) async throws -> Operations.GetIamUserInlinePolicy.Output {
        .ok(.init(body: .json(try await inlineGet(IAM.getUserPolicy, .user, input.path.userName, input.path.policyName))))
    }

    func deleteIamUserInlinePolicy(_ input: Operations.DeleteIamUserInlinePolicy.Input) async throws -> Operations.DeleteIamUserInlinePolicy.Output {
        try await inlineDelete(IAM.deleteUserPolicy, .user, input.path.userName, input.path.policyName)
        return .noContent(.init())
    }

    func listIamRoleInlinePolicies(_ input: Operations.ListIamRoleInlinePolicies.Input) async throws -> Operations.ListIamRoleInlinePolicies.Output {
        let page = try await inlineList(IAM.listRolePolicies, .role, input.path.roleName, input.query.limit, input.query.nextToken)
        return .ok(.init(body: .json(page)))
    }

    func putIamRoleInlinePolicy(_ input: Operations.PutIamRoleInlinePolicy.Input) async throws -> Operations.PutIamRoleInlinePolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await inlinePut(IAM.putRolePolicy, .role, input.path.roleName, input.path.policyName, body.policyDocument)
        return .noContent(.init())
    }

    func getIamRoleInlinePolicy(_ input: Operations.GetIamRoleInlinePolicy.Input) async throws -> Operations.GetIamRoleInlinePolicy.Output {
        .ok(.init(body: .json(try await inlineGet(IAM.getRolePolicy, .role, input.path.roleName, input.path.policyName))))
    }

    func deleteIamRoleInlinePolicy(_ input: Operations.DeleteIamRoleInlinePolicy.Input) async throws -> Operations.DeleteIamRoleInlinePolicy.Output {
        try await inlineDelete(IAM.deleteRolePolicy, .role, input.path.roleName, input.path.policyName)
        return .noContent(.init())
    }

    func listIamGroupInlinePolicies(_ input: Operations.ListIamGroupInlinePolicies.Input) async throws -> Operations.ListIamGroupInlinePolicies.Output {
        let page = try await inlineList(IAM.listGroupPolicies, .group, input.path.groupName, input.query.limit, input.query.nextToken)
        return .ok(.init(body: .json(page)))
    }

    func putIamGroupInlinePolicy(_ input: Operations.PutIamGroupInlinePolicy.Input) async throws -> Operations.PutIamGroupInlinePolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await inlinePut(IAM.putGroupPolicy, .group, input.path.groupName, input.path.policyName, body.policyDocument)
        return .noContent(.init())
    }

    func getIamGroupInlinePolicy(_ input: Operations.GetIamGroupInlinePolicy.Input) async throws -> Operations.GetIamGroupInlinePolicy.Output {
        .ok(.init(body: .json(try await inlineGet(IAM.getGroupPolicy, .group, input.path.groupName, input.path.policyName))))
    }

    func deleteIamGroupInlinePolicy(_ input: Operations.DeleteIamGroupInlinePolicy.Input) async throws -> Operations.DeleteIamGroupInlinePolicy.Output {
        try await inlineDelete(IAM.deleteGroupPolicy, .group, input.path.groupName, input.path.policyName)
        return .noContent(.init())
    }

    private func inlineList(
        _ op: CatalogueOperation, _ kind: IAMEntityKind, _ owner: String, _ limit: Int?, _ nextToken: String?
    ) async throws -> Components.Schemas.IamInlinePolicyList {
        var fields = Self.listFields(nil, limit, nextToken)
        fields[kind.nameField] = owner
        let page = try await iam.listInlinePolicies(op, kind, IAMRequest(fields: fields))
        return .init(policyNames: page.items, nextToken: page.nextMarker)
    }

    private func inlinePut(_ op: CatalogueOperation, _ kind: IAMEntityKind, _ owner: String, _ name: String, _ document: String) async throws {
        try await iam.putInlinePolicy(op, kind, IAMRequest(fields: [kind.nameField: owner, "PolicyName": name, "PolicyDocument": document]))
    }

    private func inlineGet(_ op: CatalogueOperation, _ kind: IAMEntityKind, _ owner: String, _ name: String) async throws -> Components.Schemas.IamInlinePolicy {
        let v = try await iam.getInlinePolicy(op, kind, IAMRequest(fields: [kind.nameField: owner, "PolicyName": name]))
        return .init(policyName: v.policyName, policyDocument: v.document)
    }

    private func inlineDelete(_ op: CatalogueOperation, _ kind: IAMEntityKind, _ owner: String, _ name: String) async throws {
        try await iam.deleteInlinePolicy(op, kind, IAMRequest(fields: [kind.nameField: owner, "PolicyName": name]))
    }

    private static func group(_ g: IAMGroupRecord) -> Components.Schemas.IamGroup {
        .init(groupName: g.name, groupId: g.groupId, arn: g.arn, path: g.path, createDate: g.createdAt)
    }
}
