package import CairnCore
import Foundation
import PostgresNIO

/// Role management beyond what AssumeRole needs: listing, locking, trust policy, boundary, tags, deletion.
extension RoleRepository {
    private static let select = """
        SELECT role_id, account_id, name, path, arn, trust_policy, description, max_session_duration,
               permissions_boundary_arn, created_at, service_linked_to FROM iam_roles
        """

    /// The role, or IAM's NoSuchEntity; `locked` takes its row lock for a change that checks its dependents.
    package func require(account: AccountId, name: String, locked: Bool = false) async throws -> RoleRecord {
        let lock = locked ? " FOR UPDATE" : ""
        let found = try await decode(
            "\(unescaped: Self.select) WHERE account_id = \(account.value) AND lower(name) = lower(\(name))\(unescaped: lock)"
        ).first
        guard let role = found else { throw IAMEntityKind.role.notFound(name) }
        return role
    }

    package func list(account: AccountId, pathPrefix: String, page: IAMListPage) async throws -> IAMPageOf<RoleRecord> {
        let rows = try await decode(
            """
            \(unescaped: Self.select)
            WHERE account_id = \(account.value) AND starts_with(path, \(pathPrefix))
              AND (\(page.after)::text IS NULL OR lower(name) COLLATE "C" > \(page.after))
            ORDER BY lower(name) COLLATE "C" LIMIT \(page.maxItems + 1)
            """)
        return IAMPageOf(fetched: rows, page: page) { $0.name.lowercased() }
    }

    package func tags(roleId: String) async throws -> [IAMTag] {
        for try await text in try await tx.query("SELECT tags::text FROM iam_roles WHERE role_id = \(roleId)").decode(String.self) {
            return IAMTagColumn.decode(text)
        }
        return []
    }

    package func setTags(roleId: String, _ tags: [IAMTag]) async throws {
        try await tx.query("UPDATE iam_roles SET tags = \(IAMTagColumn.encode(tags))::jsonb WHERE role_id = \(roleId)")
    }

    package func setTrustPolicy(roleId: String, _ document: String) async throws {
        try await tx.query("UPDATE iam_roles SET trust_policy = \(document) WHERE role_id = \(roleId)")
    }

    package func setPermissionsBoundary(roleId: String, arn: String?) async throws {
        try await tx.query("UPDATE iam_roles SET permissions_boundary_arn = \(arn) WHERE role_id = \(roleId)")
    }

    package func update(roleId: String, description: String?, maxSessionDuration: Int?) async throws {
        if let description {
            try await tx.query("UPDATE iam_roles SET description = \(description) WHERE role_id = \(roleId)")
        }
        if let maxSessionDuration {
            try await tx.query("UPDATE iam_roles SET max_session_duration = \(maxSessionDuration) WHERE role_id = \(roleId)")
        }
    }

    /// Deletes a role with no policies, or refuses as IAM does. The caller holds the role's row lock.
    package func delete(_ role: RoleRecord) async throws {
        let id = role.roleId
        try await tx.refuseDeleteWhilePoliciesRemain(kind: "role", id: id)
        try await tx.query("DELETE FROM iam_roles WHERE role_id = \(id)")
    }

    private func decode(_ q: PostgresQuery) async throws -> [RoleRecord] {
        var out: [RoleRecord] = []
        for try await (id, acct, n, p, arn, trust, desc, maxDur, boundary, created, service) in try await tx.query(q).decode(
            (String, String, String, String, String, String, String?, Int, String?, Date, String?).self)
        {
            guard let a = AccountId(acct) else { continue }
            out.append(
                RoleRecord(
                    roleId: id, account: a, name: n, path: p, arn: arn, trustPolicy: trust, description: desc,
                    maxSessionDuration: maxDur, permissionsBoundaryArn: boundary, createdAt: created, serviceLinkedTo: service))
        }
        return out
    }
}
