import CairnCore
import Foundation
import OpenAPIRuntime

/// The account's whole authorization picture and the condition keys of policies over REST: the Query door's
/// GetAccountAuthorizationDetails and GetContextKeysFor*Policy, documents as the JSON text they are.
extension RESTService {
    func getIamAccountAuthorizationDetails(
        _ input: Operations.GetIamAccountAuthorizationDetails.Input
    ) async throws -> Operations.GetIamAccountAuthorizationDetails.Output {
        let q = input.query
        let details = try await run(IAMOps.getAccountAuthorizationDetails) {
            IAMModel.AuthorizationDetailsInput(Filter: q.filter?.map(\.rawValue), MaxItems: q.limit, Marker: q.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        userDetailList: details.UserDetailList.map(Self.userDetail), groupDetailList: details.GroupDetailList.map(Self.groupDetail),
                        roleDetailList: details.RoleDetailList.map(Self.roleDetail), policies: details.Policies.map(Self.policyDetail),
                        isTruncated: details.IsTruncated, nextToken: details.Marker))))
    }

    func getIamContextKeysForCustomPolicy(
        _ input: Operations.GetIamContextKeysForCustomPolicy.Input
    ) async throws -> Operations.GetIamContextKeysForCustomPolicy.Output {
        let keys = try await run(IAMOps.getContextKeysForCustomPolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.ContextKeysInput(PolicySourceArn: nil, PolicyInputList: b.policyInputList)
        }
        return .ok(.init(body: .json(.init(contextKeyNames: keys.ContextKeyNames))))
    }

    func getIamContextKeysForPrincipalPolicy(
        _ input: Operations.GetIamContextKeysForPrincipalPolicy.Input
    ) async throws -> Operations.GetIamContextKeysForPrincipalPolicy.Output {
        let keys = try await run(IAMOps.getContextKeysForPrincipalPolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.ContextKeysInput(PolicySourceArn: b.policySourceArn, PolicyInputList: b.policyInputList)
        }
        return .ok(.init(body: .json(.init(contextKeyNames: keys.ContextKeyNames))))
    }

    static func inline(_ p: IAMModel.PolicyDetail) -> Components.Schemas.IamInlinePolicy {
        .init(policyName: p.PolicyName, policyDocument: document(p.PolicyDocument))
    }

    static func attached(_ p: IAMModel.AttachedPolicy) -> Components.Schemas.IamAttachedPolicy {
        .init(policyName: p.PolicyName, policyArn: p.PolicyArn)
    }

    static func userDetail(_ u: IAMModel.UserDetail) -> Components.Schemas.IamUserDetail {
        .init(
            userName: u.UserName, userId: u.UserId, arn: u.Arn, path: u.Path, createDate: u.CreateDate,
            userPolicyList: u.UserPolicyList.map(inline), groupList: u.GroupList, attachedManagedPolicies: u.AttachedManagedPolicies.map(attached),
            permissionsBoundary: u.PermissionsBoundary?.PermissionsBoundaryArn, tags: tags(u.Tags))
    }

    static func groupDetail(_ g: IAMModel.GroupDetail) -> Components.Schemas.IamGroupDetail {
        .init(
            groupName: g.GroupName, groupId: g.GroupId, arn: g.Arn, path: g.Path, createDate: g.CreateDate,
            groupPolicyList: g.GroupPolicyList.map(inline), attachedManagedPolicies: g.AttachedManagedPolicies.map(attached))
    }

    static func roleDetail(_ r: IAMModel.RoleDetail) -> Components.Schemas.IamRoleDetail {
        .init(
            roleName: r.RoleName, roleId: r.RoleId, arn: r.Arn, path: r.Path, createDate: r.CreateDate,
            assumeRolePolicyDocument: document(r.AssumeRolePolicyDocument), rolePolicyList: r.RolePolicyList.map(inline),
            attachedManagedPolicies: r.AttachedManagedPolicies.map(attached), permissionsBoundary: r.PermissionsBoundary?.PermissionsBoundaryArn,
            tags: tags(r.Tags))
    }

    static func policyDetail(_ p: IAMModel.ManagedPolicyDetail) -> Components.Schemas.IamManagedPolicyDetail {
        .init(
            policyName: p.PolicyName, policyId: p.PolicyId, arn: p.Arn, path: p.Path, defaultVersionId: p.DefaultVersionId,
            attachmentCount: p.AttachmentCount, permissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount, isAttachable: p.IsAttachable,
            description: p.Description, createDate: p.CreateDate, updateDate: p.UpdateDate, policyVersionList: p.PolicyVersionList.map(policyVersion))
    }
}
