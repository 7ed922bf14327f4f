package import CairnCore
import Foundation
import PostgresNIO

extension Transaction {
    package var organizations: OrganizationRepository { OrganizationRepository(tx: self) }
}

/// AWS Organizations' state. Every query is scoped by organization id, so a caller can only ever reach its
/// own organization's rows; the handlers decide which organization a caller may act on (its standing).
/// Writes first lock the organization's row (`standing(of:lock: true)`), which serialises every change
/// to one organization across all processes and makes the limits exact.
package struct OrganizationRepository: Sendable {
    let tx: Transaction

    static let organizationColumns = """
        o.id, o.root_id, o.management_account_id, ma.email, ma.name, o.feature_set,
        ARRAY(SELECT t.type FROM organization_policy_types t WHERE t.organization_id = o.id ORDER BY t.type), o.account_limit,
        o.policy_epoch, o.created_at
        """

    typealias OrganizationRow = (String, String, String, String, String, String, [String], Int, Int64, Date)

    static func organization(_ row: OrganizationRow) -> OrganizationRecord? {
        let (id, rootId, management, email, name, featureSet, policyTypes, accountLimit, policyEpoch, createdAt) = row
        guard let mgmt = AccountId(management) else { return nil }
        return OrganizationRecord(
            id: id, rootId: rootId, managementAccount: mgmt, managementEmail: email, managementName: name, featureSet: featureSet,
            enabledPolicyTypes: policyTypes, accountLimit: accountLimit, policyEpoch: policyEpoch, createdAt: createdAt)
    }

    /// What the account is to its organization, if any. With `lock`, the organization's row is locked for
    /// the rest of the transaction.
    package func standing(of account: AccountId, lock: Bool = false) async throws -> OrganizationStanding {
        let rows: [OrganizationStandingLookup.Row]
        if lock {
            rows = try await tx.query(
                """
                SELECT \(unescaped: Self.organizationColumns),
                       EXISTS (SELECT 1 FROM organization_delegated_administrators d WHERE d.account_id = m.account_id)
                FROM organization_members m JOIN organizations o ON o.id = m.organization_id
                JOIN accounts ma ON ma.id = o.management_account_id
                WHERE m.account_id = \(account.value) FOR UPDATE OF o
                """
            ).decode(OrganizationStandingLookup.Row.self).reduce(into: []) { $0.append($1) }
        } else {
            rows = try await tx.execute(OrganizationStandingLookup(account: account.value))
        }
        for (id, rootId, management, email, name, featureSet, policyTypes, accountLimit, policyEpoch, createdAt, isDelegated) in rows {
            guard
                let org = Self.organization(
                    (id, rootId, management, email, name, featureSet, policyTypes, accountLimit, policyEpoch, createdAt))
            else { continue }
            if org.managementAccount == account { return .management(org) }
            return isDelegated ? .delegatedAdministrator(org) : .member(org)
        }
        return .standalone
    }

    /// Creates an organization with the caller as its management account, sitting under the new root.
    package func create(
        management: AccountRecord, featureSet: String, accountLimit: Int = OrganizationLimits.defaultAccountLimit
    ) async throws -> OrganizationRecord {
        var g = SystemRandomNumberGenerator()
        let id = OrganizationIdentifiers.newOrganization(using: &g)
        let root = OrganizationIdentifiers.newRoot(using: &g)
        // The account row is locked first so two concurrent CreateOrganization calls of one account queue.
        try await tx.query("SELECT 1 FROM accounts WHERE id = \(management.id.value) FOR UPDATE")
        guard case .standalone = try await standing(of: management.id) else { throw ServiceError.alreadyInOrganization }
        try await tx.query(
            """
            INSERT INTO organizations (id, management_account_id, feature_set, root_id, account_limit)
            VALUES (\(id), \(management.id.value), \(featureSet), \(root), \(accountLimit))
            """)
        try await tx.query(
            """
            INSERT INTO organization_members (account_id, organization_id, parent_ou_id, joined_method)
            VALUES (\(management.id.value), \(id), NULL, 'INVITED')
            """)
        guard let org = try await standing(of: management.id).organization else { throw ServiceError.internalFailure }
        return org
    }

    /// Deletes an organization that has no member but its management account; OUs, policies, trusted access
    /// and delegations go with it, and open invitations are canceled.
    package func delete(_ org: OrganizationRecord) async throws {
        guard try await memberCount(org) <= 1 else { throw ServiceError.organizationNotEmpty }
        try await tx.query("UPDATE handshakes SET state = 'CANCELED' WHERE organization_id = \(org.id) AND state = 'OPEN'")
        try await tx.query("DELETE FROM organization_delegated_administrators WHERE organization_id = \(org.id)")
        try await tx.query("DELETE FROM organization_service_access WHERE organization_id = \(org.id)")
        try await tx.query("DELETE FROM organization_policy_attachments WHERE organization_id = \(org.id)")
        try await tx.query("DELETE FROM organization_policies WHERE organization_id = \(org.id)")
        try await tx.query("DELETE FROM organization_members WHERE organization_id = \(org.id)")
        // Deepest first: each OU references its parent.
        for depth in stride(from: OrganizationLimits.maximumOUDepth, through: 1, by: -1) {
            try await tx.query("DELETE FROM organizational_units WHERE organization_id = \(org.id) AND cardinality(path_ids) = \(depth)")
        }
        try await tx.query("DELETE FROM organizations WHERE id = \(org.id)")
    }

    // MARK: Members

    static let memberColumns = """
        m.account_id, a.name, a.email, a.status, m.organization_id, coalesce(m.parent_ou_id, o.root_id),
        coalesce(u.path_ids, '{}'::text[]), m.joined_method, m.joined_at
        """
    static let memberFrom = """
        organization_members m JOIN accounts a ON a.id = m.account_id JOIN organizations o ON o.id = m.organization_id
        LEFT JOIN organizational_units u ON u.id = m.parent_ou_id
        """

    func members(_ q: PostgresQuery) async throws -> [MemberAccountRecord] {
        var out: [MemberAccountRecord] = []
        let rows = try await tx.query(q)
        for try await (account, name, email, status, organizationId, parentId, pathIds, joinedMethod, joinedAt) in rows.decode(
            (String, String, String, String, String, String, [String], String, Date).self)
        {
            guard let id = AccountId(account) else { continue }
            out.append(
                MemberAccountRecord(
                    account: id, name: name, email: email, status: status, organizationId: organizationId, parentId: parentId,
                    parentPathIds: pathIds, joinedMethod: joinedMethod, joinedAt: joinedAt))
        }
        return out
    }

    /// Every account of the organization, ordered by id.
    package func members(of org: OrganizationRecord) async throws -> [MemberAccountRecord] {
        try await members(
            "SELECT \(unescaped: Self.memberColumns) FROM \(unescaped: Self.memberFrom) WHERE m.organization_id = \(org.id) ORDER BY m.account_id")
    }

    /// The accounts directly under a parent (root id or OU id).
    package func members(of org: OrganizationRecord, parent: String) async throws -> [MemberAccountRecord] {
        let ou: String? = parent == org.rootId ? nil : parent
        return try await members(
            """
            SELECT \(unescaped: Self.memberColumns) FROM \(unescaped: Self.memberFrom)
            WHERE m.organization_id = \(org.id) AND m.parent_ou_id IS NOT DISTINCT FROM \(ou) ORDER BY m.account_id
            """)
    }

    package func member(of org: OrganizationRecord, account: String) async throws -> MemberAccountRecord? {
        try await members(
            """
            SELECT \(unescaped: Self.memberColumns) FROM \(unescaped: Self.memberFrom)
            WHERE m.organization_id = \(org.id) AND m.account_id = \(account)
            """
        ).first
    }

    /// Sets an organization's account quota under its row lock, so no account joins while it changes; nil when
    /// there is no such organization. A quota below the accounts it already has is refused.
    package func setAccountLimit(organizationId: String, limit: Int) async throws -> (limit: Int, accounts: Int)? {
        var found = false
        for try await _ in try await tx.query("SELECT 1 FROM organizations WHERE id = \(organizationId) FOR UPDATE").decode(Int.self) {
            found = true
        }
        guard found else { return nil }
        let members = try await count("SELECT count(*)::int8 FROM organization_members WHERE organization_id = \(organizationId)")
        guard limit >= members else {
            throw ServiceError(
                code: "ValidationException", status: 400,
                message: "accountLimit \(limit) is below the \(members) accounts organization \(organizationId) already has.")
        }
        try await tx.query("UPDATE organizations SET account_limit = \(limit) WHERE id = \(organizationId)")
        return (limit, members)
    }

    package func memberCount(_ org: OrganizationRecord) async throws -> Int {
        try await count("SELECT count(*)::int8 FROM organization_members WHERE organization_id = \(org.id)")
    }

    /// Adds a standalone account under the root; the AWS-managed policy of each enabled authorization type follows it.
    package func addMember(_ org: OrganizationRecord, account: AccountId, joinedMethod: String) async throws {
        do {
            try await tx.query(
                """
                INSERT INTO organization_members (account_id, organization_id, parent_ou_id, joined_method)
                VALUES (\(account.value), \(org.id), NULL, \(joinedMethod))
                """)
        } catch  where PostgresFailure(error).isUniqueViolation {
            throw ServiceError.handshakeConstraintViolation(.alreadyInAnOrganization)
        }
        try await attachDefaults(org, target: account.value)
    }

    /// Removes a member (never the management account) and its policy attachments.
    package func removeMember(_ org: OrganizationRecord, account: AccountId) async throws {
        if try await isDelegatedAdministrator(account: account, servicePrincipal: nil) {
            throw ServiceError.constraintViolation(.cannotRemoveDelegatedAdministratorFromOrg)
        }
        try await tx.query("DELETE FROM organization_policy_attachments WHERE organization_id = \(org.id) AND target_id = \(account.value)")
        try await tx.query("DELETE FROM organization_members WHERE organization_id = \(org.id) AND account_id = \(account.value)")
        // An account that leaves no longer holds up enabling all features.
        try await tx.query(
            """
            UPDATE handshakes SET state = 'CANCELED'
            WHERE organization_id = \(org.id) AND target_account_id = \(account.value) AND action = 'APPROVE_ALL_FEATURES' AND state = 'OPEN'
            """)
        try await advanceAllFeatures(org)
    }

    /// Moves a member between parents of its organization.
    package func moveMember(_ org: OrganizationRecord, account: AccountId, to parent: String) async throws {
        let ou: String? = parent == org.rootId ? nil : parent
        try await tx.query(
            "UPDATE organization_members SET parent_ou_id = \(ou) WHERE organization_id = \(org.id) AND account_id = \(account.value)")
    }

    func count(_ q: PostgresQuery) async throws -> Int {
        for try await n in try await tx.query(q).decode(Int.self) { return n }
        return 0
    }
}
