package import CairnCore
import Foundation
import PostgresNIO

extension Transaction {
    package var iamUsers: IAMUserRepository { IAMUserRepository(tx: self) }
}

/// IAM users of an account. Lookups by name are case-insensitive, as IAM's are; `locked` lookups take the
/// user's row lock, so a change that checks the user's dependents (DeleteUser) and one that adds a dependent
/// (CreateAccessKey, AddUserToGroup) run one after the other in any number of processes.
package struct IAMUserRepository: Sendable {
    let tx: Transaction

    private static let select =
        "SELECT user_id, account_id, name, path, arn, permissions_boundary_arn, tags::text, created_at FROM iam_users"

    @discardableResult
    package func create(
        account: AccountId, name: String, path: String, permissionsBoundaryArn: String?, tags: [IAMTag]
    ) async throws -> IAMUserRecord {
        var g = SystemRandomNumberGenerator()
        let userId = IAMIdentifier.new(.user, using: &g)
        let arn = IAMARN.entity(.user, partition: tx.partition, account: account, path: path, name: name).description
        let tagText = IAMTagColumn.encode(tags)
        do {
            try await tx.query(
                """
                INSERT INTO iam_users (user_id, account_id, name, path, arn, permissions_boundary_arn, tags)
                VALUES (\(userId), \(account.value), \(name), \(path), \(arn), \(permissionsBoundaryArn), \(tagText)::jsonb)
                """)
        } catch  where PostgresFailure(error).isUniqueViolation {
            throw IAMEntityKind.user.alreadyExists(name)
        }
        return try await require(account: account, name: name)
    }

    package func find(account: AccountId, name: String, locked: Bool = false) async throws -> IAMUserRecord? {
        let lock = locked ? " FOR UPDATE" : ""
        return try await decode(
            "\(unescaped: Self.select) WHERE account_id = \(account.value) AND lower(name) = lower(\(name))\(unescaped: lock)"
        ).first
    }

    /// The user, or IAM's NoSuchEntity.
    package func require(account: AccountId, name: String, locked: Bool = false) async throws -> IAMUserRecord {
        guard let user = try await find(account: account, name: name, locked: locked) else {
            throw IAMEntityKind.user.notFound(name)
        }
        return user
    }

    package func find(userId: String) async throws -> IAMUserRecord? {
        try await decode("\(unescaped: Self.select) WHERE user_id = \(userId)").first
    }

    /// Users whose path starts with `pathPrefix`, by name.
    package func list(account: AccountId, pathPrefix: String, page: IAMListPage) async throws -> IAMPageOf<IAMUserRecord> {
        let rows = try await decode(
            """
            \(unescaped: Self.select)
            WHERE account_id = \(account.value) AND starts_with(path, \(pathPrefix))
              AND (\(page.after)::text IS NULL OR lower(name) COLLATE "C" > \(page.after))
            ORDER BY lower(name) COLLATE "C" LIMIT \(page.maxItems + 1)
            """)
        return IAMPageOf(fetched: rows, page: page) { $0.name.lowercased() }
    }

    /// Users in a group, by name.
    package func members(of groupId: String, page: IAMListPage) async throws -> IAMPageOf<IAMUserRecord> {
        let rows = try await decode(
            """
            \(unescaped: Self.select)
            WHERE user_id IN (SELECT user_id FROM iam_group_members WHERE group_id = \(groupId))
              AND (\(page.after)::text IS NULL OR lower(name) COLLATE "C" > \(page.after))
            ORDER BY lower(name) COLLATE "C" LIMIT \(page.maxItems + 1)
            """)
        return IAMPageOf(fetched: rows, page: page) { $0.name.lowercased() }
    }

    /// Renames or moves a user; its access keys carry its name and ARN, so they follow.
    package func update(_ user: IAMUserRecord, newName: String?, newPath: String?) async throws -> IAMUserRecord {
        let name = newName ?? user.name
        let path = newPath ?? user.path
        let arn = IAMARN.entity(.user, partition: tx.partition, account: user.account, path: path, name: name).description
        do {
            try await tx.query("UPDATE iam_users SET name = \(name), path = \(path), arn = \(arn) WHERE user_id = \(user.userId)")
        } catch  where PostgresFailure(error).isUniqueViolation {
            throw IAMEntityKind.user.alreadyExists(name)
        }
        try await tx.query("UPDATE access_keys SET user_name = \(name), principal_arn = \(arn) WHERE user_id = \(user.userId)")
        guard let updated = try await find(userId: user.userId) else { throw IAMEntityKind.user.notFound(user.name) }
        return updated
    }

    package func setPermissionsBoundary(userId: String, arn: String?) async throws {
        try await tx.query("UPDATE iam_users SET permissions_boundary_arn = \(arn) WHERE user_id = \(userId)")
    }

    package func setTags(userId: String, _ tags: [IAMTag]) async throws {
        try await tx.query("UPDATE iam_users SET tags = \(IAMTagColumn.encode(tags))::jsonb WHERE user_id = \(userId)")
    }

    /// Deletes a user that owns nothing, or refuses as IAM does, naming what must go first. The caller holds
    /// the user's row lock.
    package func delete(_ user: IAMUserRecord) async throws {
        let id = user.userId
        if try await tx.exists("SELECT 1 FROM iam_login_profiles WHERE user_id = \(id)") {
            throw ServiceError.deleteConflict("Cannot delete entity, must delete login profile first.")
        }
        if try await tx.exists("SELECT 1 FROM iam_mfa_devices WHERE user_id = \(id)") {
            throw ServiceError.deleteConflict("Cannot delete entity, must delete MFA device first.")
        }
        if try await tx.exists("SELECT 1 FROM access_keys WHERE user_id = \(id)") {
            throw ServiceError.deleteConflict("Cannot delete entity, must delete access keys first.")
        }
        try await tx.refuseDeleteWhilePoliciesRemain(kind: "user", id: id)
        if try await tx.exists("SELECT 1 FROM iam_group_members WHERE user_id = \(id)") {
            throw ServiceError.deleteConflict("Cannot delete entity, must remove user from all groups first.")
        }
        try await tx.query("DELETE FROM iam_users WHERE user_id = \(id)")
    }

    private func decode(_ q: PostgresQuery) async throws -> [IAMUserRecord] {
        var out: [IAMUserRecord] = []
        let rows = try await tx.query(q)
        for try await (id, acct, name, path, arn, boundary, tags, created) in rows.decode(
            (String, String, String, String, String, String?, String, Date).self)
        {
            guard let account = AccountId(acct) else { continue }
            out.append(
                IAMUserRecord(
                    userId: id, account: account, name: name, path: path, arn: arn, permissionsBoundaryArn: boundary,
                    tags: IAMTagColumn.decode(tags), createdAt: created))
        }
        return out
    }
}
