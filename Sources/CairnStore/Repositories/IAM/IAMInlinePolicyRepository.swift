package import CairnCore
import PostgresNIO

extension Transaction {
    package var iamInlinePolicies: IAMInlinePolicyRepository { IAMInlinePolicyRepository(tx: self) }
}

/// Inline policies of users, groups and roles, keyed by the owner's kind and unique id (so a renamed user
/// keeps them). Callers hold the owner's row lock while changing them.
package struct IAMInlinePolicyRepository: Sendable {
    let tx: Transaction

    /// Creates or replaces a document, as PutUserPolicy/PutRolePolicy/PutGroupPolicy do.
    package func put(kind: IAMEntityKind, ownerId: String, account: AccountId, name: String, document: String) async throws {
        try await tx.query(
            """
            INSERT INTO iam_inline_policies (account_id, principal_kind, principal_id, name, document)
            VALUES (\(account.value), \(kind.rawValue), \(ownerId), \(name), \(document))
            ON CONFLICT (principal_kind, principal_id, name) DO UPDATE SET document = EXCLUDED.document
            """)
    }

    package func document(kind: IAMEntityKind, ownerId: String, name: String) async throws -> String? {
        let rows = try await tx.query(
            "SELECT document FROM iam_inline_policies WHERE principal_kind = \(kind.rawValue) AND principal_id = \(ownerId) AND name = \(name)")
        for try await doc in rows.decode(String.self) { return doc }
        return nil
    }

    /// Every inline document of an owner, by name: IAM's size quota is on their sum.
    package func all(kind: IAMEntityKind, ownerId: String) async throws -> [(name: String, document: String)] {
        var out: [(name: String, document: String)] = []
        let rows = try await tx.query(
            """
            SELECT name, document FROM iam_inline_policies WHERE principal_kind = \(kind.rawValue) AND principal_id = \(ownerId)
            ORDER BY name COLLATE "C"
            """)
        for try await (name, doc) in rows.decode((String, String).self) { out.append((name, doc)) }
        return out
    }

    package func names(kind: IAMEntityKind, ownerId: String, page: IAMListPage) async throws -> IAMPageOf<String> {
        var out: [String] = []
        let rows = try await tx.query(
            """
            SELECT name FROM iam_inline_policies
            WHERE principal_kind = \(kind.rawValue) AND principal_id = \(ownerId)
              AND (\(page.after)::text IS NULL OR name COLLATE "C" > \(page.after))
            ORDER BY name COLLATE "C" LIMIT \(page.maxItems + 1)
            """)
        for try await name in rows.decode(String.self) { out.append(name) }
        return IAMPageOf(fetched: out, page: page) { $0 }
    }

    /// False when there was no such policy.
    package func delete(kind: IAMEntityKind, ownerId: String, name: String) async throws -> Bool {
        var deleted = false
        let rows = try await tx.query(
            """
            DELETE FROM iam_inline_policies WHERE principal_kind = \(kind.rawValue) AND principal_id = \(ownerId) AND name = \(name)
            RETURNING 1
            """)
        for try await _ in rows.decode(Int.self) { deleted = true }
        return deleted
    }
}
