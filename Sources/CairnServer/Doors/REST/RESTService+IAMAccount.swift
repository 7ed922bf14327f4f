import CairnCore
import Foundation
import OpenAPIRuntime

/// The account's alias and summary, access keys' last use, the credential report, service-linked roles, role
/// descriptions, a policy's entities and tags, and MFA devices' details and tags over REST: the Query door's
/// operations, mapped to lower-camel JSON.
extension RESTService {
    func listIamAccountAliases(_ input: Operations.ListIamAccountAliases.Input) async throws -> Operations.ListIamAccountAliases.Output {
        let listed = try await run(IAMOps.listAccountAliases) { IAMModel.ListAccountAliasesInput() }
        return .ok(.init(body: .json(.init(accountAliases: listed.AccountAliases))))
    }

    func createIamAccountAlias(_ input: Operations.CreateIamAccountAlias.Input) async throws -> Operations.CreateIamAccountAlias.Output {
        _ = try await run(IAMOps.createAccountAlias) { IAMModel.AccountAliasInput(AccountAlias: input.path.accountAlias) }
        return .noContent(.init())
    }

    func deleteIamAccountAlias(_ input: Operations.DeleteIamAccountAlias.Input) async throws -> Operations.DeleteIamAccountAlias.Output {
        _ = try await run(IAMOps.deleteAccountAlias) { IAMModel.AccountAliasInput(AccountAlias: input.path.accountAlias) }
        return .noContent(.init())
    }

    func getIamAccountSummary(_ input: Operations.GetIamAccountSummary.Input) async throws -> Operations.GetIamAccountSummary.Output {
        let summary = try await run(IAMOps.getAccountSummary) { NoInput() }
        return .ok(.init(body: .json(.init(summaryMap: .init(additionalProperties: summary.SummaryMap)))))
    }

    func getIamAccessKeyLastUsed(_ input: Operations.GetIamAccessKeyLastUsed.Input) async throws -> Operations.GetIamAccessKeyLastUsed.Output {
        let used = try await run(IAMOps.getAccessKeyLastUsed) { IAMModel.AccessKeyInput(AccessKeyId: input.path.accessKeyId) }
        let last = used.AccessKeyLastUsed
        return .ok(
            .init(
                body: .json(.init(userName: used.UserName, lastUsedDate: last.LastUsedDate, serviceName: last.ServiceName, region: last.Region))))
    }

    func generateIamCredentialReport(
        _ input: Operations.GenerateIamCredentialReport.Input
    ) async throws -> Operations.GenerateIamCredentialReport.Output {
        let state = try await run(IAMOps.generateCredentialReport) { NoInput() }
        return .ok(.init(body: .json(.init(state: state.State, description: state.Description))))
    }

    func getIamCredentialReport(_ input: Operations.GetIamCredentialReport.Input) async throws -> Operations.GetIamCredentialReport.Output {
        let report = try await run(IAMOps.getCredentialReport) { NoInput() }
        return .ok(
            .init(
                body: .json(
                    .init(
                        content: String(decoding: report.Content, as: UTF8.self), reportFormat: report.ReportFormat,
                        generatedTime: report.GeneratedTime))))
    }

    func createIamServiceLinkedRole(
        _ input: Operations.CreateIamServiceLinkedRole.Input
    ) async throws -> Operations.CreateIamServiceLinkedRole.Output {
        let created = try await run(IAMOps.createServiceLinkedRole) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.CreateServiceLinkedRoleInput(AWSServiceName: b.awsServiceName, Description: b.description, CustomSuffix: b.customSuffix)
        }
        return .created(.init(body: .json(Self.role(created.Role))))
    }

    func deleteIamServiceLinkedRole(
        _ input: Operations.DeleteIamServiceLinkedRole.Input
    ) async throws -> Operations.DeleteIamServiceLinkedRole.Output {
        let task = try await run(IAMOps.deleteServiceLinkedRole) { IAMModel.EntityInput(RoleName: input.path.roleName) }
        return .accepted(.init(body: .json(.init(deletionTaskId: task.DeletionTaskId))))
    }

    func getIamServiceLinkedRoleDeletionStatus(
        _ input: Operations.GetIamServiceLinkedRoleDeletionStatus.Input
    ) async throws -> Operations.GetIamServiceLinkedRoleDeletionStatus.Output {
        let status = try await run(IAMOps.getServiceLinkedRoleDeletionStatus) {
            IAMModel.DeletionTaskInput(DeletionTaskId: input.query.deletionTaskId)
        }
        let reason = try status.Reason.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        return .ok(.init(body: .json(.init(status: status.Status, reason: reason))))
    }

    func updateIamRoleDescription(_ input: Operations.UpdateIamRoleDescription.Input) async throws -> Operations.UpdateIamRoleDescription.Output {
        let updated = try await run(IAMOps.updateRoleDescription) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.UpdateRoleDescriptionInput(RoleName: input.path.roleName, Description: b.description)
        }
        return .ok(.init(body: .json(Self.role(updated.Role))))
    }

    func listIamEntitiesForPolicy(_ input: Operations.ListIamEntitiesForPolicy.Input) async throws -> Operations.ListIamEntitiesForPolicy.Output {
        let page = try await run(IAMOps.listEntitiesForPolicy) {
            IAMModel.ListEntitiesForPolicyInput(
                PolicyArn: input.query.policyArn, EntityFilter: input.query.entityFilter, PathPrefix: input.query.pathPrefix,
                PolicyUsageFilter: input.query.policyUsageFilter, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        users: page.PolicyUsers.map { .init(userName: $0.UserName, userId: $0.UserId) },
                        groups: page.PolicyGroups.map { .init(groupName: $0.GroupName, groupId: $0.GroupId) },
                        roles: page.PolicyRoles.map { .init(roleName: $0.RoleName, roleId: $0.RoleId) }, nextToken: page.Marker))))
    }

    func listIamPolicyTags(_ input: Operations.ListIamPolicyTags.Input) async throws -> Operations.ListIamPolicyTags.Output {
        let page = try await run(IAMOps.listPolicyTags) {
            IAMModel.PolicyTagsInput(PolicyArn: input.query.policyArn, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(Self.tagList(page))))
    }

    func tagIamPolicy(_ input: Operations.TagIamPolicy.Input) async throws -> Operations.TagIamPolicy.Output {
        _ = try await run(IAMOps.tagPolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.PolicyTagsInput(PolicyArn: input.query.policyArn, Tags: b.tags.map(Self.tag))
        }
        return .noContent(.init())
    }

    func untagIamPolicy(_ input: Operations.UntagIamPolicy.Input) async throws -> Operations.UntagIamPolicy.Output {
        _ = try await run(IAMOps.untagPolicy) { IAMModel.PolicyTagsInput(PolicyArn: input.query.policyArn, TagKeys: input.query.tagKeys) }
        return .noContent(.init())
    }

    func getIamMfaDevice(_ input: Operations.GetIamMfaDevice.Input) async throws -> Operations.GetIamMfaDevice.Output {
        let d = try await run(IAMOps.getMFADevice) {
            IAMModel.MFADeviceInput(UserName: input.query.userName, SerialNumber: input.query.serialNumber)
        }
        return .ok(.init(body: .json(.init(userName: d.UserName, serialNumber: d.SerialNumber, enableDate: d.EnableDate))))
    }

    func listIamMfaDeviceTags(_ input: Operations.ListIamMfaDeviceTags.Input) async throws -> Operations.ListIamMfaDeviceTags.Output {
        let page = try await run(IAMOps.listMFADeviceTags) {
            IAMModel.MFADeviceInput(SerialNumber: input.query.serialNumber, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(Self.tagList(page))))
    }

    func tagIamMfaDevice(_ input: Operations.TagIamMfaDevice.Input) async throws -> Operations.TagIamMfaDevice.Output {
        _ = try await run(IAMOps.tagMFADevice) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.MFADeviceInput(SerialNumber: input.query.serialNumber, Tags: b.tags.map(Self.tag))
        }
        return .noContent(.init())
    }

    func untagIamMfaDevice(_ input: Operations.UntagIamMfaDevice.Input) async throws -> Operations.UntagIamMfaDevice.Output {
        _ = try await run(IAMOps.untagMFADevice) { IAMModel.MFADeviceInput(SerialNumber: input.query.serialNumber, TagKeys: input.query.tagKeys) }
        return .noContent(.init())
    }
}
