import CairnCore
import Foundation
import OpenAPIRuntime

/// IAM users, roles, managed policies and access keys over REST: the same operations as the Query door, with
/// JSON, RFC 3339 dates, documents as plain JSON text and `limit`/`nextToken` paging.
extension RESTService {
    typealias IAMOps = IAMOperations

    func listIamUsers(_ input: Operations.ListIamUsers.Input) async throws -> Operations.ListIamUsers.Output {
        let page = try await run(IAMOps.listUsers) {
            IAMModel.ListInput(PathPrefix: input.query.pathPrefix, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(.init(users: page.Users.map(Self.user), nextToken: page.Marker))))
    }

    func createIamUser(_ input: Operations.CreateIamUser.Input) async throws -> Operations.CreateIamUser.Output {
        let created = try await run(IAMOps.createUser) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.CreateUserInput(
                UserName: b.userName, Path: b.path, PermissionsBoundary: b.permissionsBoundary, Tags: b.tags?.map(Self.tag))
        }
        return .created(.init(body: .json(Self.user(created.User))))
    }

    func getIamUser(_ input: Operations.GetIamUser.Input) async throws -> Operations.GetIamUser.Output {
        let found = try await run(IAMOps.getUser) { IAMModel.EntityInput(UserName: input.path.userName) }
        return .ok(.init(body: .json(Self.user(found.User))))
    }

    func deleteIamUser(_ input: Operations.DeleteIamUser.Input) async throws -> Operations.DeleteIamUser.Output {
        _ = try await run(IAMOps.deleteUser) { IAMModel.EntityInput(UserName: input.path.userName) }
        return .noContent(.init())
    }

    func attachIamUserPolicy(_ input: Operations.AttachIamUserPolicy.Input) async throws -> Operations.AttachIamUserPolicy.Output {
        _ = try await run(IAMOps.attachUserPolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.AttachmentInput(UserName: input.path.userName, PolicyArn: b.policyArn)
        }
        return .noContent(.init())
    }

    func listIamAccessKeys(_ input: Operations.ListIamAccessKeys.Input) async throws -> Operations.ListIamAccessKeys.Output {
        let page = try await run(IAMOps.listAccessKeys) { IAMModel.AccessKeysInput(UserName: input.path.userName) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        accessKeys: page.AccessKeyMetadata.map {
                            .init(
                                accessKeyId: $0.AccessKeyId, userName: $0.UserName, status: .init(rawValue: $0.Status) ?? .active,
                                createDate: $0.CreateDate)
                        }))))
    }

    func createIamAccessKey(_ input: Operations.CreateIamAccessKey.Input) async throws -> Operations.CreateIamAccessKey.Output {
        let created = try await run(IAMOps.createAccessKey) { IAMModel.AccessKeysInput(UserName: input.path.userName) }
        let k = created.AccessKey
        return .created(
            .init(
                body: .json(
                    .init(
                        accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey, userName: k.UserName,
                        status: .init(rawValue: k.Status) ?? .active,
                        createDate: k.CreateDate))))
    }

    func updateIamAccessKey(_ input: Operations.UpdateIamAccessKey.Input) async throws -> Operations.UpdateIamAccessKey.Output {
        _ = try await run(IAMOps.updateAccessKey) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.AccessKeyInput(UserName: input.path.userName, AccessKeyId: input.path.accessKeyId, Status: b.status.rawValue)
        }
        return .noContent(.init())
    }

    func deleteIamAccessKey(_ input: Operations.DeleteIamAccessKey.Input) async throws -> Operations.DeleteIamAccessKey.Output {
        _ = try await run(IAMOps.deleteAccessKey) { IAMModel.AccessKeyInput(UserName: input.path.userName, AccessKeyId: input.path.accessKeyId) }
        return .noContent(.init())
    }

    func listIamRoles(_ input: Operations.ListIamRoles.Input) async throws -> Operations.ListIamRoles.Output {
        let page = try await run(IAMOps.listRoles) {
            IAMModel.ListInput(PathPrefix: input.query.pathPrefix, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(.init(roles: page.Roles.map(Self.role), nextToken: page.Marker))))
    }

    func createIamRole(_ input: Operations.CreateIamRole.Input) async throws -> Operations.CreateIamRole.Output {
        let created = try await run(IAMOps.createRole) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.CreateRoleInput(
                RoleName: b.roleName, Path: b.path, AssumeRolePolicyDocument: b.assumeRolePolicyDocument, Description: b.description,
                MaxSessionDuration: b.maxSessionDuration, PermissionsBoundary: b.permissionsBoundary, Tags: b.tags?.map(Self.tag))
        }
        return .created(.init(body: .json(Self.role(created.Role))))
    }

    func getIamRole(_ input: Operations.GetIamRole.Input) async throws -> Operations.GetIamRole.Output {
        let found = try await run(IAMOps.getRole) { IAMModel.EntityInput(RoleName: input.path.roleName) }
        return .ok(.init(body: .json(Self.role(found.Role))))
    }

    func deleteIamRole(_ input: Operations.DeleteIamRole.Input) async throws -> Operations.DeleteIamRole.Output {
        _ = try await run(IAMOps.deleteRole) { IAMModel.EntityInput(RoleName: input.path.roleName) }
        return .noContent(.init())
    }

    func attachIamRolePolicy(_ input: Operations.AttachIamRolePolicy.Input) async throws -> Operations.AttachIamRolePolicy.Output {
        _ = try await run(IAMOps.attachRolePolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.AttachmentInput(RoleName: input.path.roleName, PolicyArn: b.policyArn)
        }
        return .noContent(.init())
    }

    func listIamPolicies(_ input: Operations.ListIamPolicies.Input) async throws -> Operations.ListIamPolicies.Output {
        let page = try await run(IAMOps.listPolicies) {
            IAMModel.ListPoliciesInput(
                Scope: input.query.scope?.rawValue, OnlyAttached: input.query.onlyAttached, PathPrefix: input.query.pathPrefix,
                Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(.init(policies: page.Policies.map(Self.policy), nextToken: page.Marker))))
    }

    func createIamPolicy(_ input: Operations.CreateIamPolicy.Input) async throws -> Operations.CreateIamPolicy.Output {
        let created = try await run(IAMOps.createPolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.CreatePolicyInput(
                PolicyName: b.policyName, Path: b.path, Description: b.description, PolicyDocument: b.policyDocument, Tags: b.tags?.map(Self.tag))
        }
        return .created(.init(body: .json(Self.policy(created.Policy))))
    }

    func getIamPolicy(_ input: Operations.GetIamPolicy.Input) async throws -> Operations.GetIamPolicy.Output {
        let found = try await run(IAMOps.getPolicy) { IAMModel.PolicyArnInput(PolicyArn: input.query.policyArn) }
        return .ok(.init(body: .json(Self.policy(found.Policy))))
    }

    func deleteIamPolicy(_ input: Operations.DeleteIamPolicy.Input) async throws -> Operations.DeleteIamPolicy.Output {
        _ = try await run(IAMOps.deletePolicy) { IAMModel.PolicyArnInput(PolicyArn: input.query.policyArn) }
        return .noContent(.init())
    }
}

/// IAM's shapes in REST's names: documents decoded back to the JSON text they are.
extension RESTService {
    static func tag(_ t: Components.Schemas.IamTag) -> IAMModel.Tag { .init(Key: t.key, Value: t.value) }

    static func tags(_ tags: [IAMModel.Tag]?) -> [Components.Schemas.IamTag]? {
        tags.map { $0.map { .init(key: $0.Key ?? "", value: $0.Value ?? "") } }
    }

    static func document(_ urlEncoded: String) -> String { urlEncoded.removingPercentEncoding ?? urlEncoded }

    static func user(_ u: IAMModel.User) -> Components.Schemas.IamUser {
        .init(
            userName: u.UserName, userId: u.UserId, arn: u.Arn, path: u.Path, createDate: u.CreateDate,
            permissionsBoundary: u.PermissionsBoundary?.PermissionsBoundaryArn, tags: tags(u.Tags))
    }

    static func role(_ r: IAMModel.Role) -> Components.Schemas.IamRole {
        .init(
            roleName: r.RoleName, roleId: r.RoleId, arn: r.Arn, path: r.Path, createDate: r.CreateDate, description: r.Description,
            maxSessionDuration: r.MaxSessionDuration, assumeRolePolicyDocument: document(r.AssumeRolePolicyDocument),
            permissionsBoundary: r.PermissionsBoundary?.PermissionsBoundaryArn, tags: tags(r.Tags))
    }

    static func policy(_ p: IAMModel.Policy) -> Components.Schemas.IamPolicy {
        .init(
            policyName: p.PolicyName, policyId: p.PolicyId, arn: p.Arn, path: p.Path, defaultVersionId: p.DefaultVersionId,
            attachmentCount: p.AttachmentCount, permissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount, isAttachable: p.IsAttachable,
            description: p.Description, createDate: p.CreateDate, updateDate: p.UpdateDate, tags: tags(p.Tags))
    }

    static func group(_ g: IAMModel.Group) -> Components.Schemas.IamGroup {
        .init(groupName: g.GroupName, groupId: g.GroupId, arn: g.Arn, path: g.Path, createDate: g.CreateDate)
    }
}

/// Managed-policy attachments of users and roles over REST: the listing and detaching the AWS door has.
extension RESTService {
    func listIamAttachedUserPolicies(
        _ input: Operations.ListIamAttachedUserPolicies.Input
    ) async throws -> Operations.ListIamAttachedUserPolicies.Output {
        let page = try await run(IAMOps.listAttachedUserPolicies) {
            IAMModel.ListAttachedPoliciesInput(
                UserName: input.path.userName, PathPrefix: input.query.pathPrefix, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(Self.attached(page))))
    }

    func detachIamUserPolicy(_ input: Operations.DetachIamUserPolicy.Input) async throws -> Operations.DetachIamUserPolicy.Output {
        _ = try await run(IAMOps.detachUserPolicy) { IAMModel.AttachmentInput(UserName: input.path.userName, PolicyArn: input.query.policyArn) }
        return .noContent(.init())
    }

    func listIamAttachedRolePolicies(
        _ input: Operations.ListIamAttachedRolePolicies.Input
    ) async throws -> Operations.ListIamAttachedRolePolicies.Output {
        let page = try await run(IAMOps.listAttachedRolePolicies) {
            IAMModel.ListAttachedPoliciesInput(
                RoleName: input.path.roleName, PathPrefix: input.query.pathPrefix, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(Self.attached(page))))
    }

    func detachIamRolePolicy(_ input: Operations.DetachIamRolePolicy.Input) async throws -> Operations.DetachIamRolePolicy.Output {
        _ = try await run(IAMOps.detachRolePolicy) { IAMModel.AttachmentInput(RoleName: input.path.roleName, PolicyArn: input.query.policyArn) }
        return .noContent(.init())
    }

    static func attached(_ page: IAMModel.AttachedPoliciesOutput) -> Components.Schemas.IamAttachedPolicyList {
        .init(attachedPolicies: page.AttachedPolicies.map(Self.attached), nextToken: page.Marker)
    }
}
