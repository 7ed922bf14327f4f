package import CairnCore
import Foundation
import PostgresNIO

extension Transaction {
    package var iamGroups: IAMGroupRepository { IAMGroupRepository(tx: self) }
}

/// IAM groups of an account and their members. As for users, `locked` lookups serialize a deletion's checks
/// with changes that add to what it checks.
package struct IAMGroupRepository: Sendable {
    let tx: Transaction

    private static let select = "SELECT group_id, account_id, name, path, arn, created_at FROM iam_groups"

    @discardableResult
    package func create(account: AccountId, name: String, path: String) async throws -> IAMGroupRecord {
        var g = SystemRandomNumberGenerator()
        let groupId = IAMIdentifier.new(.group, using: &g)
        let arn = IAMARN.entity(.group, partition: tx.partition, account: account, path: path, name: name).description
        do {
            try await tx.query(
                """
                INSERT INTO iam_groups (group_id, account_id, name, path, arn)
                VALUES (\(groupId), \(account.value), \(name), \(path), \(arn))
                """)
        } catch  where PostgresFailure(error).isUniqueViolation {
            throw IAMEntityKind.group.alreadyExists(name)
        }
        return try await require(account: account, name: name)
    }

    /// Renames or moves a group (UpdateGroup); its members and policies stay. A name another group of the account
    /// has (names compare without case) is EntityAlreadyExists.
    package func update(_ group: IAMGroupRecord, newName: String?, newPath: String?) async throws {
        let name = newName ?? group.name
        let path = newPath ?? group.path
        let arn = IAMARN.entity(.group, partition: tx.partition, account: group.account, path: path, name: name).description
        do {
            try await tx.query("UPDATE iam_groups SET name = \(name), path = \(path), arn = \(arn) WHERE group_id = \(group.groupId)")
        } catch  where PostgresFailure(error).isUniqueViolation {
            throw IAMEntityKind.group.alreadyExists(name)
        }
    }

    package func find(account: AccountId, name: String, locked: Bool = false) async throws -> IAMGroupRecord? {
        let lock = locked ? " FOR UPDATE" : ""
        return try await decode(
            "\(unescaped: Self.select) WHERE account_id = \(account.value) AND lower(name) = lower(\(name))\(unescaped: lock)"
        ).first
    }

    package func require(account: AccountId, name: String, locked: Bool = false) async throws -> IAMGroupRecord {
        guard let group = try await find(account: account, name: name, locked: locked) else {
            throw IAMEntityKind.group.notFound(name)
        }
        return group
    }

    package func list(account: AccountId, pathPrefix: String, page: IAMListPage) async throws -> IAMPageOf<IAMGroupRecord> {
        let rows = try await decode(
            """
            \(unescaped: Self.select)
            WHERE account_id = \(account.value) AND starts_with(path, \(pathPrefix))
              AND (\(page.after)::text IS NULL OR lower(name) COLLATE "C" > \(page.after))
            ORDER BY lower(name) COLLATE "C" LIMIT \(page.maxItems + 1)
            """)
        return IAMPageOf(fetched: rows, page: page) { $0.name.lowercased() }
    }

    /// The groups a user belongs to, by name.
    package func groups(ofUser userId: String, page: IAMListPage) async throws -> IAMPageOf<IAMGroupRecord> {
        let rows = try await decode(
            """
            \(unescaped: Self.select)
            WHERE group_id IN (SELECT group_id FROM iam_group_members WHERE user_id = \(userId))
              AND (\(page.after)::text IS NULL OR lower(name) COLLATE "C" > \(page.after))
            ORDER BY lower(name) COLLATE "C" LIMIT \(page.maxItems + 1)
            """)
        return IAMPageOf(fetched: rows, page: page) { $0.name.lowercased() }
    }

    /// Adds a member; adding one already there changes nothing, as in IAM. A user belongs to at most 10
    /// groups (IAM's GroupsPerUser quota).
    package func add(user: IAMUserRecord, to group: IAMGroupRecord) async throws {
        var count = 0
        for try await n in try await tx.query("SELECT count(*)::int8 FROM iam_group_members WHERE user_id = \(user.userId)").decode(Int.self) {
            count = n
        }
        let already = try await isMember(userId: user.userId, groupId: group.groupId)
        if already { return }
        guard count < 10 else { throw ServiceError.limitExceeded("Cannot exceed quota for GroupsPerUser: 10") }
        try await tx.query(
            """
            INSERT INTO iam_group_members (group_id, user_id, account_id) VALUES (\(group.groupId), \(user.userId), \(group.account.value))
            ON CONFLICT DO NOTHING
            """)
    }

    /// Removes a member; false when the user was not one.
    package func remove(userId: String, from groupId: String) async throws -> Bool {
        var removed = false
        let rows = try await tx.query("DELETE FROM iam_group_members WHERE group_id = \(groupId) AND user_id = \(userId) RETURNING 1")
        for try await _ in rows.decode(Int.self) { removed = true }
        return removed
    }

    package func isMember(userId: String, groupId: String) async throws -> Bool {
        for try await _ in try await tx.query(
            "SELECT 1 FROM iam_group_members WHERE group_id = \(groupId) AND user_id = \(userId)"
        ).decode(Int.self) {
            return true
        }
        return false
    }

    /// Deletes an empty group with no policies, or refuses as IAM does. The caller holds the group's row lock.
    package func delete(_ group: IAMGroupRecord) async throws {
        let id = group.groupId
        if try await tx.exists("SELECT 1 FROM iam_group_members WHERE group_id = \(id)") {
            throw ServiceError.deleteConflict("Cannot delete entity, must remove users from group first.")
        }
        try await tx.refuseDeleteWhilePoliciesRemain(kind: "group", id: id)
        try await tx.query("DELETE FROM iam_groups WHERE group_id = \(id)")
    }

    private func decode(_ q: PostgresQuery) async throws -> [IAMGroupRecord] {
        var out: [IAMGroupRecord] = []
        for try await (id, acct, name, path, arn, created) in try await tx.query(q).decode(
            (String, String, String, String, String, Date).self)
        {
            guard let account = AccountId(acct) else { continue }
            out.append(IAMGroupRecord(groupId: id, account: account, name: name, path: path, arn: arn, createdAt: created))
        }
        return out
    }
}
