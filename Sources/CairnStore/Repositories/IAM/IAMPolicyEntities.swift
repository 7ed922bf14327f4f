package import CairnCore
import PostgresNIO

/// A user, group or role a managed policy is attached to (or is the permissions boundary of), in one account.
package struct IAMPolicyEntity: Sendable, Equatable {
    package let kind: IAMEntityKind
    package let name: String
    package let id: String
}

extension IAMManagedPolicyRepository {
    /// ListEntitiesForPolicy's entities, sorted by kind then name: those with the policy attached as a permissions
    /// policy, or those using it as their permissions boundary (users and roles only; groups have none).
    package func entities(
        of arn: String, account: AccountId, boundary: Bool, kinds: Set<IAMEntityKind>, pathPrefix: String, page: IAMListPage
    ) async throws -> IAMPageOf<IAMPolicyEntity> {
        let wanted = kinds.map(\.rawValue)
        let rows = try await tx.query(
            """
            SELECT kind, name, id, key FROM (
                SELECT 'user' AS kind, u.name, u.user_id AS id, 'user/' || lower(u.name) AS key, u.path FROM iam_users u
                WHERE u.account_id = \(account.value) AND (
                    (\(boundary) AND u.permissions_boundary_arn = \(arn))
                    OR (NOT \(boundary) AND EXISTS (SELECT 1 FROM iam_policy_attachments a
                        WHERE a.policy_arn = \(arn) AND a.principal_kind = 'user' AND a.principal_id = u.user_id)))
                UNION ALL
                SELECT 'group', g.name, g.group_id, 'group/' || lower(g.name), g.path FROM iam_groups g
                WHERE g.account_id = \(account.value) AND NOT \(boundary) AND EXISTS (SELECT 1 FROM iam_policy_attachments a
                    WHERE a.policy_arn = \(arn) AND a.principal_kind = 'group' AND a.principal_id = g.group_id)
                UNION ALL
                SELECT 'role', r.name, r.role_id, 'role/' || lower(r.name), r.path FROM iam_roles r
                WHERE r.account_id = \(account.value) AND (
                    (\(boundary) AND r.permissions_boundary_arn = \(arn))
                    OR (NOT \(boundary) AND EXISTS (SELECT 1 FROM iam_policy_attachments a
                        WHERE a.policy_arn = \(arn) AND a.principal_kind = 'role' AND a.principal_id = r.role_id)))
            ) e
            WHERE kind = ANY(\(wanted)::text[]) AND starts_with(path, \(pathPrefix))
              AND (\(page.after)::text IS NULL OR key > \(page.after))
            ORDER BY key LIMIT \(page.maxItems + 1)
            """)
        var fetched: [(IAMPolicyEntity, String)] = []
        for try await (kind, name, id, key) in rows.decode((String, String, String, String).self) {
            guard let k = IAMEntityKind(rawValue: kind) else { continue }
            fetched.append((IAMPolicyEntity(kind: k, name: name, id: id), key))
        }
        let page = IAMPageOf(fetched: fetched, page: page) { $0.1 }
        return IAMPageOf(items: page.items.map(\.0), nextMarker: page.nextMarker)
    }

    /// GetAccountSummary's counts of what the account holds.
    package func summaryCounts(account: AccountId) async throws -> [String: Int] {
        let rows = try await tx.query(
            """
            SELECT (SELECT count(*) FROM iam_users WHERE account_id = \(account.value))::int8,
                   (SELECT count(*) FROM iam_groups WHERE account_id = \(account.value))::int8,
                   (SELECT count(*) FROM iam_roles WHERE account_id = \(account.value))::int8,
                   (SELECT count(*) FROM iam_managed_policies WHERE account_id = \(account.value))::int8,
                   (SELECT count(*) FROM iam_policy_versions v JOIN iam_managed_policies p ON p.arn = v.policy_arn
                    WHERE p.account_id = \(account.value))::int8,
                   (SELECT count(*) FROM access_keys WHERE account_id = \(account.value) AND user_id IS NULL)::int8,
                   (SELECT count(*) FROM iam_oidc_providers WHERE account_id = \(account.value))::int8,
                   (SELECT count(*) FROM iam_mfa_devices WHERE account_id = \(account.value))::int8,
                   (SELECT count(*) FROM iam_mfa_devices WHERE account_id = \(account.value) AND user_id IS NOT NULL)::int8
            """)
        for try await (users, groups, roles, policies, versions, rootKeys, providers, devices, inUse) in rows.decode(
            (Int, Int, Int, Int, Int, Int, Int, Int, Int).self)
        {
            return [
                "Users": users, "Groups": groups, "Roles": roles, "Policies": policies, "PolicyVersionsInUse": versions,
                "AccountAccessKeysPresent": rootKeys > 0 ? 1 : 0, "Providers": providers, "MFADevices": devices, "MFADevicesInUse": inUse,
            ]
        }
        return [:]
    }
}
