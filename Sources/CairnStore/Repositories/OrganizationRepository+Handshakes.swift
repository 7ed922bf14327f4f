package import CairnCore
import Foundation
import PostgresNIO

/// Invitations: sent by a management account, answered by the invited account.
extension OrganizationRepository {
    static let handshakeColumns = """
        id, organization_id, management_account_id, management_email, management_name, feature_set, target_account_id,
        target_type, target_value, CASE WHEN state IN ('OPEN', 'REQUESTED') AND expires_at < now() THEN 'EXPIRED' ELSE state END,
        notes, requested_at, expires_at, action, parent_handshake_id
        """

    func handshakes(_ q: PostgresQuery) async throws -> [HandshakeRecord] {
        var out: [HandshakeRecord] = []
        let rows = try await tx.query(q)
        for try await (
            id, organizationId, management, email, name, featureSet, targetId, targetType, targetValue, state, notes, requestedAt, expiresAt,
            action, parent
        )
            in rows.decode(
                (String, String, String, String, String, String, String, String, String, String, String?, Date, Date, String, String?).self)
        {
            guard let mgmt = AccountId(management), let target = AccountId(targetId) else { continue }
            out.append(
                HandshakeRecord(
                    id: id, organizationId: organizationId, managementAccount: mgmt, managementEmail: email, managementName: name,
                    featureSet: featureSet, targetAccount: target, targetType: targetType, targetValue: targetValue, state: state, notes: notes,
                    requestedAt: requestedAt, expiresAt: expiresAt, action: action, parentHandshakeId: parent))
        }
        return out
    }

    /// A handshake the account is a party to (as the inviting management account or the invited account);
    /// anyone else's handshakes do not exist for it.
    package func handshake(_ id: String, visibleTo account: AccountId, lock: Bool = false) async throws -> HandshakeRecord? {
        try await handshakes(
            """
            SELECT \(unescaped: Self.handshakeColumns) FROM handshakes
            WHERE id = \(id) AND (target_account_id = \(account.value) OR management_account_id = \(account.value))
            \(unescaped: lock ? "FOR UPDATE" : "")
            """
        ).first
    }

    package func handshakes(forAccount account: AccountId) async throws -> [HandshakeRecord] {
        try await handshakes(
            "SELECT \(unescaped: Self.handshakeColumns) FROM handshakes WHERE target_account_id = \(account.value) ORDER BY requested_at DESC, id")
    }

    package func handshakes(forOrganization org: OrganizationRecord) async throws -> [HandshakeRecord] {
        try await handshakes(
            "SELECT \(unescaped: Self.handshakeColumns) FROM handshakes WHERE organization_id = \(org.id) ORDER BY requested_at DESC, id")
    }

    /// Sends an invitation: the target must be a standalone account, not already invited, and the
    /// organization must have room for it counting the invitations still open. Its tags wait on the
    /// handshake until the account accepts (`applyInvitationTags`).
    package func invite(
        _ org: OrganizationRecord, target: AccountId, targetType: String, targetValue: String, notes: String?, tags: [OrganizationTag] = []
    ) async throws -> HandshakeRecord {
        guard target != org.managementAccount else { throw ServiceError.handshakeConstraintViolation(.alreadyInAnOrganization) }
        guard try await allFeaturesRequest(org) == nil else {
            throw ServiceError.handshakeConstraintViolation(.inviteDisabledDuringEnableAllFeatures)
        }
        guard case .standalone = try await standing(of: target) else {
            throw ServiceError.handshakeConstraintViolation(.alreadyInAnOrganization)
        }
        let open = try await count(
            "SELECT count(*)::int8 FROM handshakes WHERE organization_id = \(org.id) AND state = 'OPEN' AND expires_at >= now()")
        guard try await memberCount(org) + open < org.accountLimit else {
            throw ServiceError.handshakeConstraintViolation(.accountNumberLimitExceeded)
        }
        // An expired invitation no longer blocks a new one.
        try await tx.query(
            "UPDATE handshakes SET state = 'CANCELED' WHERE organization_id = \(org.id) AND target_account_id = \(target.value) AND state = 'OPEN' AND expires_at < now()"
        )
        var g = SystemRandomNumberGenerator()
        let id = OrganizationIdentifiers.newHandshake(using: &g)
        let inserted = try await count(
            """
            WITH ins AS (
                INSERT INTO handshakes (id, organization_id, management_account_id, management_email, management_name, feature_set,
                                        target_account_id, target_type, target_value, notes, expires_at, tag_keys, tag_values)
                VALUES (\(id), \(org.id), \(org.managementAccount.value), \(org.managementEmail), \(org.managementName),
                        \(org.featureSet), \(target.value), \(targetType), \(targetValue), \(notes),
                        now() + make_interval(days => \(OrganizationLimits.invitationDays)::int),
                        \(tags.map(\.key))::text[], \(tags.map(\.value))::text[])
                ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*)::int8 FROM ins
            """)
        guard inserted == 1 else { throw ServiceError.duplicateHandshake }
        guard let h = try await handshake(id, visibleTo: org.managementAccount) else { throw ServiceError.internalFailure }
        return h
    }

    /// Moves an OPEN handshake to ACCEPTED, DECLINED or CANCELED; a request for all features that ends
    /// unaccepted takes its members' open approvals with it.
    package func setHandshakeState(_ id: String, _ state: String) async throws {
        try await tx.query("UPDATE handshakes SET state = \(state) WHERE id = \(id) AND state IN ('OPEN', 'REQUESTED')")
        if state != "ACCEPTED" {
            try await tx.query("UPDATE handshakes SET state = 'CANCELED' WHERE parent_handshake_id = \(id) AND state = 'OPEN'")
        }
    }

    /// The organization a handshake invites to, locked, if it still exists.
    package func lockOrganization(_ id: String) async throws -> OrganizationRecord? {
        let rows = try await tx.query(
            """
            SELECT \(unescaped: Self.organizationColumns) FROM organizations o JOIN accounts ma ON ma.id = o.management_account_id
            WHERE o.id = \(id) FOR UPDATE OF o
            """)
        for try await r in rows.decode(OrganizationRow.self) { return Self.organization(r) }
        return nil
    }
}
