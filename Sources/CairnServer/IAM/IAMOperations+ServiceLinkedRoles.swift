import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Service-linked roles: the role a service owns in an account (CloudTrail's for organization trails,
/// Organizations', Access Analyzer's). Nobody changes one but its service; DeleteServiceLinkedRole deletes it once
/// the service no longer uses it, and says why not otherwise (GetServiceLinkedRoleDeletionStatus).
extension IAMOperations {
    private typealias Rules = ServiceLinkedRoleRules

    static let createServiceLinkedRole = operation(Entry.createServiceLinkedRole) {
        (input: IAMModel.CreateServiceLinkedRoleInput, ctx) -> IAMModel.RoleOutput in
        let service = try Rules.service(input.AWSServiceName, customSuffix: input.CustomSuffix)
        if let d = input.Description { try IAMInputRules.roleDescription(d) }
        guard
            let role = try await ctx.tx.serviceLinkedRoles.create(
                account: ctx.facts.principal.account, service: service, description: input.Description)
        else {
            throw ServiceError.invalidInput("Service role name \(service.roleName) has been taken in this account, please try a different suffix.")
        }
        return IAMModel.RoleOutput(Role: .init(role, tags: nil))
    }

    /// Done at once: the role goes (SUCCEEDED), or stays while its service still uses it (FAILED, with the usage).
    static let deleteServiceLinkedRole = operation(Entry.deleteServiceLinkedRole) {
        (input: IAMModel.EntityInput, ctx) -> IAMModel.DeletionTaskOutput in
        let name = try IAMInputChecks.name(input.RoleName, "RoleName", maxLength: NameLimit.role)
        let account = ctx.facts.principal.account
        let role = try await ctx.tx.roles.require(account: account, name: name, locked: true)
        guard let principal = role.serviceLinkedTo, let service = Rules.services[principal] else {
            throw ServiceError.invalidInput("Role \(role.name) is not a service-linked role; delete it with DeleteRole.")
        }
        let taskId = Rules.deletionTaskId(service, id: UUID().uuidString.lowercased())
        let usage = try await ctx.tx.serviceLinkedRoles.usage(account: account, service: principal)
        if usage.isEmpty {
            try await ctx.tx.serviceLinkedRoles.delete(role, taskId: taskId)
        } else {
            let reason: JSONValue = .object([
                "Reason": .string("\(service.roleName) is in use by \(principal): remove what uses it first."),
                "RoleUsageList": .array(
                    usage.map { .object(["Region": .string($0.region), "Resources": .array($0.resources.map(JSONValue.string))]) }),
            ])
            try await ctx.tx.serviceLinkedRoles.note(taskId: taskId, account: account, status: "FAILED", reason: reason.text)
        }
        return .init(DeletionTaskId: taskId)
    }

    static let getServiceLinkedRoleDeletionStatus = operation(Entry.getServiceLinkedRoleDeletionStatus) {
        (input: IAMModel.DeletionTaskInput, ctx) -> IAMModel.DeletionStatusOutput in
        guard let taskId = input.DeletionTaskId else { throw ServiceError.missingParameter("deletionTaskId") }
        try IAMInputRules.length(taskId, field: "deletionTaskId", min: 1, max: 1000)
        guard taskId.hasPrefix("task/aws-service-role/") else { throw ServiceError.invalidInput("Invalid deletion task id: \(taskId)") }
        guard let task = try await ctx.tx.serviceLinkedRoles.deletion(taskId: taskId, account: ctx.facts.principal.account) else {
            throw ServiceError.noSuchEntity("Deletion task \(taskId) does not exist.")
        }
        return .init(Status: task.status, Reason: task.reason.flatMap(IAMModel.DeletionFailureReason.init(json:)))
    }

    /// The service's role in the account, made if it has none yet: CloudTrail makes its role when an organization
    /// trail is created, as AWS's does.
    static func ensureServiceLinkedRole(_ principal: String, account: AccountId, _ tx: Transaction) async throws {
        guard let service = Rules.services[principal], try await tx.roles.find(account: account, name: service.roleName) == nil else { return }
        _ = try await tx.serviceLinkedRoles.create(account: account, service: service, description: nil)
    }
}
