package import CairnCore
import Foundation
import PostgresNIO

extension Transaction {
    package var serviceLinkedRoles: ServiceLinkedRoleRepository { ServiceLinkedRoleRepository(tx: self) }
}

/// Service-linked roles (migration 0033). PostgreSQL's guard refuses any change to such a role; the two writes
/// here that may change one — creating it with its policy, deleting it — say so for their own statements only.
package struct ServiceLinkedRoleRepository: Sendable {
    let tx: Transaction

    /// The service's role in the account, made with its trust policy and policy attached; nil when the name is
    /// taken (by the service's role or by any other role).
    package func create(account: AccountId, service: ServiceLinkedRoleRules.LinkedService, description: String?) async throws -> RoleRecord? {
        var g = SystemRandomNumberGenerator()
        let roleId = IAMIdentifier.new(.role, using: &g)
        let path = ServiceLinkedRoleRules.path(service)
        let arn = IAMARN.entity(.role, partition: tx.partition, account: account, path: path, name: service.roleName).description
        let rows = try await tx.query(
            """
            INSERT INTO iam_roles (role_id, account_id, name, path, arn, trust_policy, description, max_session_duration, service_linked_to)
            VALUES (\(roleId), \(account.value), \(service.roleName), \(path), \(arn), \(ServiceLinkedRoleRules.trustPolicy(service)),
                \(description ?? service.description), 3600, \(service.principal))
            ON CONFLICT DO NOTHING RETURNING 1
            """)
        var created = false
        for try await _ in rows.decode(Int.self) { created = true }
        guard created else { return nil }
        try await privileged {
            try await tx.query(
                """
                INSERT INTO iam_policy_attachments (policy_arn, account_id, principal_kind, principal_id)
                VALUES (\(service.policyArn), \(account.value), 'role', \(roleId))
                """)
        }
        return try await tx.roles.find(account: account, name: service.roleName)
    }

    /// What still uses the service's role in the account, by region: CloudTrail's organization trails, the
    /// organization Organizations' role serves.
    package func usage(account: AccountId, service: String) async throws -> [(region: String, resources: [String])] {
        var found: [String: [String]] = [:]
        switch service {
        case "cloudtrail.amazonaws.com":
            let rows = try await tx.query(
                """
                SELECT home_region, name FROM trails
                WHERE owner_account_id = \(account.value) AND organization_id IS NOT NULL ORDER BY home_region, name
                """)
            for try await (region, name) in rows.decode((String, String).self) {
                found[region, default: []].append("arn:\(tx.partition):cloudtrail:\(region):\(account.value):trail/\(name)")
            }
        case "organizations.amazonaws.com":
            let rows = try await tx.query("SELECT organization_id FROM organization_members WHERE account_id = \(account.value)")
            for try await id in rows.decode(String.self) {
                found["us-east-1", default: []].append("arn:\(tx.partition):organizations::\(account.value):organization/\(id)")
            }
        default:
            break
        }
        return found.keys.sorted().map { ($0, found[$0] ?? []) }
    }

    /// Deletes the role, its attachments and its sessions' holder, and notes the task as done.
    package func delete(_ role: RoleRecord, taskId: String) async throws {
        try await privileged {
            try await tx.query("DELETE FROM iam_policy_attachments WHERE principal_kind = 'role' AND principal_id = \(role.roleId)")
            try await tx.query("DELETE FROM iam_inline_policies WHERE principal_kind = 'role' AND principal_id = \(role.roleId)")
            try await tx.query("DELETE FROM iam_roles WHERE role_id = \(role.roleId)")
        }
        try await note(taskId: taskId, account: role.account, status: "SUCCEEDED", reason: nil)
    }

    package func note(taskId: String, account: AccountId, status: String, reason: String?) async throws {
        try await tx.query(
            """
            INSERT INTO iam_service_linked_role_deletions (task_id, account_id, status, reason)
            VALUES (\(taskId), \(account.value), \(status), \(reason)::jsonb)
            """)
    }

    package func deletion(taskId: String, account: AccountId) async throws -> (status: String, reason: String?)? {
        let rows = try await tx.query(
            """
            SELECT status, reason::text FROM iam_service_linked_role_deletions
            WHERE task_id = \(taskId) AND account_id = \(account.value)
            """)
        for try await (status, reason) in rows.decode((String, String?).self) { return (status, reason) }
        return nil
    }

    /// Runs `body` with the guard of migration 0033 lifted, for this transaction's statements in it only (a
    /// failure in it ends the transaction, and the setting with it).
    private func privileged(_ body: () async throws -> Void) async throws {
        try await tx.query("SELECT set_config('cairn.service_linked_change', 'on', true)")
        try await body()
        try await tx.query("SELECT set_config('cairn.service_linked_change', 'off', true)")
    }
}
