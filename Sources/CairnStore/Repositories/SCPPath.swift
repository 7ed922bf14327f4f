package import CairnCore

/// What the authorizer needs about an account's place in an organization: the SCP documents on its path
/// and the values of aws:PrincipalOrgID / aws:PrincipalOrgPaths. Valid while the organization's
/// `epoch` is unchanged.
package struct SCPPath: Sendable, Equatable {
    package let organizationId: String
    package let managementAccount: AccountId
    package let epoch: Int64
    /// aws:PrincipalOrgPaths values, e.g. `o-x/r-y/ou-z/`.
    package let orgPaths: [String]
    /// SCP documents (JSON text) attached at the root, then each OU down the path, then the account; empty
    /// when SCPs are not enabled in the root. A level with no document denies everything, as in AWS.
    package let levels: [[String]]

    package init(organizationId: String, managementAccount: AccountId, epoch: Int64, orgPaths: [String], levels: [[String]]) {
        self.organizationId = organizationId
        self.managementAccount = managementAccount
        self.epoch = epoch
        self.orgPaths = orgPaths
        self.levels = levels
    }
}

extension OrganizationRepository {
    /// The SCP path of an account in one query (so the epoch and the documents come from one snapshot);
    /// nil for a standalone account.
    package func scpPath(for account: AccountId) async throws -> SCPPath? {
        let rows = try await tx.query(
            """
            WITH me AS (
                SELECT o.id AS org, o.management_account_id AS mgmt, o.policy_epoch AS epoch,
                       EXISTS (SELECT 1 FROM organization_policy_types t
                               WHERE t.organization_id = o.id AND t.type = 'SERVICE_CONTROL_POLICY') AS scp,
                       o.root_id AS root, coalesce(u.path_ids, '{}'::text[]) AS path
                FROM organization_members m JOIN organizations o ON o.id = m.organization_id
                LEFT JOIN organizational_units u ON u.id = m.parent_ou_id
                WHERE m.account_id = \(account.value))
            SELECT me.org, me.mgmt, me.epoch, me.scp, me.root, me.path, a.target_id, p.content
            FROM me
            LEFT JOIN organization_policy_attachments a
                ON me.scp AND a.organization_id = me.org AND a.target_id = ANY (ARRAY[me.root] || me.path || ARRAY[\(account.value)::text])
                AND EXISTS (SELECT 1 FROM organization_policies q WHERE q.id = a.policy_id AND q.type = 'SERVICE_CONTROL_POLICY')
            LEFT JOIN organization_policies p ON p.id = a.policy_id
            ORDER BY a.policy_id
            """)
        var head: (org: String, mgmt: AccountId, epoch: Int64, scp: Bool, root: String, path: [String])?
        var byTarget: [String: [String]] = [:]
        for try await (org, management, epoch, scp, root, path, target, content) in rows.decode(
            (String, String, Int64, Bool, String, [String], String?, String?).self)
        {
            guard let mgmt = AccountId(management) else { continue }
            head = (org, mgmt, epoch, scp, root, path)
            if let target, let content { byTarget[target, default: []].append(content) }
        }
        guard let head else { return nil }
        let orgPath = "\(head.org)/\(head.root)/" + head.path.map { "\($0)/" }.joined()
        let targets = [head.root] + head.path + [account.value]
        return SCPPath(
            organizationId: head.org, managementAccount: head.mgmt, epoch: head.epoch, orgPaths: [orgPath],
            levels: head.scp ? targets.map { byTarget[$0] ?? [] } : [])
    }
}
