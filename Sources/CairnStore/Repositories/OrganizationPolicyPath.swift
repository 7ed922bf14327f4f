package import CairnCore
package import Foundation

/// The policies of one type attached along an account's path in its organization: the root, each OU down to
/// the account, the account itself; within a level in the order they were attached (a management policy's
/// conflicting `@@assign`s are settled by that order).
package struct OrganizationPolicyPath: Sendable, Equatable {
    package struct Attached: Sendable, Equatable {
        package let policyId: String
        package let content: String
        /// The later of the policy's last change and its attachment.
        package let changedAt: Date
    }

    package let organizationId: String
    package let managementAccount: AccountId
    /// `o-x/r-y/ou-z/…/123456789012/`: the account's path as ListEffectivePolicyValidationErrors reports it.
    package let path: String
    package let levels: [[Attached]]

    package var isEmpty: Bool { levels.allSatisfy(\.isEmpty) }
    package var lastChange: Date? { levels.joined().map(\.changedAt).max() }
}

extension OrganizationRepository {
    /// An account's policies of `type` along its path; nil when the account is in no organization or the type is
    /// not enabled in its root (its attachments were removed when it was disabled).
    package func policyPath(for account: AccountId, type: String) async throws -> OrganizationPolicyPath? {
        let rows = try await tx.query(
            """
            WITH me AS (
                SELECT o.id AS org, o.management_account_id AS mgmt, o.root_id AS root, coalesce(u.path_ids, '{}'::text[]) AS path
                FROM organization_members m JOIN organizations o ON o.id = m.organization_id
                LEFT JOIN organizational_units u ON u.id = m.parent_ou_id
                WHERE m.account_id = \(account.value)
                  AND EXISTS (SELECT 1 FROM organization_policy_types t WHERE t.organization_id = o.id AND t.type = \(type)))
            SELECT me.org, me.mgmt, me.root, me.path, a.target_id, p.id, p.content, greatest(p.updated_at, a.attached_at)
            FROM me
            LEFT JOIN organization_policy_attachments a
                ON a.organization_id = me.org AND a.target_id = ANY (ARRAY[me.root] || me.path || ARRAY[\(account.value)::text])
                AND EXISTS (SELECT 1 FROM organization_policies q WHERE q.id = a.policy_id AND q.type = \(type))
            LEFT JOIN organization_policies p ON p.id = a.policy_id
            ORDER BY a.attached_at, a.policy_id
            """)
        var head: (org: String, mgmt: AccountId, root: String, path: [String])?
        var byTarget: [String: [OrganizationPolicyPath.Attached]] = [:]
        for try await (org, management, root, path, target, id, content, changed) in rows.decode(
            (String, String, String, [String], String?, String?, String?, Date?).self)
        {
            guard let mgmt = AccountId(management) else { continue }
            head = (org, mgmt, root, path)
            if let target, let id, let content, let changed {
                byTarget[target, default: []].append(.init(policyId: id, content: content, changedAt: changed))
            }
        }
        guard let head else { return nil }
        let targets = [head.root] + head.path + [account.value]
        return OrganizationPolicyPath(
            organizationId: head.org, managementAccount: head.mgmt, path: "\(head.org)/" + targets.map { "\($0)/" }.joined(),
            levels: targets.map { byTarget[$0] ?? [] })
    }
}
