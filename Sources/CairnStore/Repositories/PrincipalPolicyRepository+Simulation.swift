package import CairnCore
import Foundation
import PostgresNIO

/// A stored user's, group's or role's policies as IAM's simulator names them: inline ones as
/// `<entity type>_<entity name>_<policy name>`, managed ones by policy name, each with its stored text.
package struct SimulationSources: Sendable, Equatable {
    package struct Document: Sendable, Equatable {
        package var id: String
        package var text: String
    }

    /// `user`, `group` or `role`.
    package var kind: String
    package var name: String
    package var tags: [String: String]
    /// The entity's own policies first (inline, then managed), then each group's for a user, by group name.
    package var identity: [Document]
    package var boundary: Document?
}

extension PrincipalPolicyRepository {
    /// nil when no user, group or role in the account has this ARN.
    package func simulationSources(forArn arn: String, account: AccountId) async throws -> SimulationSources? {
        let entityRows = try await tx.query(
            """
            SELECT 'user', user_id, name, permissions_boundary_arn, tags::text FROM iam_users
                WHERE arn = \(arn) AND account_id = \(account.value)
            UNION ALL
            SELECT 'role', role_id, name, permissions_boundary_arn, tags::text FROM iam_roles
                WHERE arn = \(arn) AND account_id = \(account.value)
            UNION ALL
            SELECT 'group', group_id, name, NULL, '{}' FROM iam_groups
                WHERE arn = \(arn) AND account_id = \(account.value)
            """)
        var found: (kind: String, id: String, name: String, boundary: String?, tags: String)?
        for try await row in entityRows.decode((String, String, String, String?, String).self) where found == nil {
            found = row
        }
        guard let entity = found else { return nil }
        let rows = try await tx.query(
            """
            WITH holders AS (
                SELECT \(entity.kind)::text AS kind, \(entity.id)::text AS id, \(entity.name)::text AS name, 0 AS rank
                UNION ALL
                SELECT 'group', g.group_id, g.name, 1 FROM iam_group_members m JOIN iam_groups g ON g.group_id = m.group_id
                    WHERE \(entity.kind) = 'user' AND m.user_id = \(entity.id)
            )
            SELECT * FROM (
                SELECT 'identity' AS part, h.kind || '_' || h.name || '_' || p.name AS id, p.document, h.rank, h.name AS holder,
                       0 AS attached, p.name AS policy
                    FROM iam_inline_policies p JOIN holders h ON p.principal_kind = h.kind AND p.principal_id = h.id
                UNION ALL
                SELECT 'identity', m.name, v.document, h.rank, h.name, 1, m.name FROM iam_policy_attachments a
                    JOIN holders h ON a.principal_kind = h.kind AND a.principal_id = h.id
                    JOIN iam_managed_policies m ON m.arn = a.policy_arn
                    JOIN iam_policy_versions v ON v.policy_arn = m.arn AND v.version_id = m.default_version
                UNION ALL
                SELECT 'boundary', m.name, v.document, 2, '', 0, m.name FROM iam_managed_policies m
                    JOIN iam_policy_versions v ON v.policy_arn = m.arn AND v.version_id = m.default_version
                    WHERE m.arn = \(entity.boundary)
            ) s
            ORDER BY rank, holder, attached, policy
            """)
        var out = SimulationSources(
            kind: entity.kind, name: entity.name, tags: Self.tagDictionary(entity.tags), identity: [], boundary: nil)
        for try await (part, id, text, _, _, _, _) in rows.decode((String, String, String, Int, String, Int, String).self) {
            if part == "boundary" {
                out.boundary = .init(id: id, text: text)
            } else {
                out.identity.append(.init(id: id, text: text))
            }
        }
        return out
    }
}
