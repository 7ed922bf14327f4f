package import CairnCore
import Foundation
import PostgresNIO

/// Enabling all features in a CONSOLIDATED_BILLING organization: the management account's request, one approval
/// per account that joined by invitation, and the switch to ALL once the request is accepted. Every step runs
/// under the organization's row lock, so a request, its approvals and a concurrent invitation never interleave.
extension OrganizationRepository {
    /// How long the request and its approvals stay open (AWS: 90 days).
    static let allFeaturesDays = 90

    /// The request under way (REQUESTED or OPEN and not expired), if any.
    package func allFeaturesRequest(_ org: OrganizationRecord) async throws -> HandshakeRecord? {
        try await handshakes(
            """
            SELECT \(unescaped: Self.handshakeColumns) FROM handshakes
            WHERE organization_id = \(org.id) AND action = 'ENABLE_ALL_FEATURES' AND state IN ('REQUESTED', 'OPEN') AND expires_at >= now()
            """
        ).first
    }

    /// Starts enabling all features: open invitations are cancelled (no new member may join half-way), each
    /// invited member gets an approval to answer, and with none to ask the request is OPEN at once.
    package func requestAllFeatures(_ org: OrganizationRecord) async throws -> HandshakeRecord {
        guard !org.allFeatures else { throw ServiceError.handshakeConstraintViolation(.organizationAlreadyHasAllFeatures) }
        // An expired request no longer blocks a new one.
        try await tx.query(
            """
            UPDATE handshakes SET state = 'CANCELED'
            WHERE organization_id = \(org.id) AND action IN ('ENABLE_ALL_FEATURES', 'APPROVE_ALL_FEATURES')
              AND state IN ('REQUESTED', 'OPEN') AND expires_at < now()
            """)
        guard try await allFeaturesRequest(org) == nil else {
            throw ServiceError.handshakeConstraintViolation(.organizationIsAlreadyPendingAllFeaturesMigration)
        }
        try await tx.query("UPDATE handshakes SET state = 'CANCELED' WHERE organization_id = \(org.id) AND action = 'INVITE' AND state = 'OPEN'")
        var invited: [String] = []
        let rows = try await tx.query(
            """
            SELECT account_id FROM organization_members
            WHERE organization_id = \(org.id) AND joined_method = 'INVITED' AND account_id <> \(org.managementAccount.value)
            ORDER BY account_id
            """)
        for try await a in rows.decode(String.self) { invited.append(a) }
        var g = SystemRandomNumberGenerator()
        let parent = OrganizationIdentifiers.newHandshake(using: &g)
        try await tx.query(
            """
            INSERT INTO handshakes (id, organization_id, management_account_id, management_email, management_name, feature_set,
                                    target_account_id, target_type, target_value, action, state, expires_at)
            VALUES (\(parent), \(org.id), \(org.managementAccount.value), \(org.managementEmail), \(org.managementName), \(org.featureSet),
                    \(org.managementAccount.value), 'ORGANIZATION', \(org.id), 'ENABLE_ALL_FEATURES',
                    \(invited.isEmpty ? "OPEN" : "REQUESTED"), now() + make_interval(days => \(Self.allFeaturesDays)::int))
            """)
        for account in invited {
            let child = OrganizationIdentifiers.newHandshake(using: &g)
            try await tx.query(
                """
                INSERT INTO handshakes (id, organization_id, management_account_id, management_email, management_name, feature_set,
                                        target_account_id, target_type, target_value, action, parent_handshake_id, expires_at)
                VALUES (\(child), \(org.id), \(org.managementAccount.value), \(org.managementEmail), \(org.managementName), \(org.featureSet),
                        \(account), 'ACCOUNT', \(account), 'APPROVE_ALL_FEATURES', \(parent),
                        now() + make_interval(days => \(Self.allFeaturesDays)::int))
                """)
        }
        guard let h = try await handshake(parent, visibleTo: org.managementAccount) else { throw ServiceError.internalFailure }
        return h
    }

    /// The request becomes OPEN once every approval is accepted or its account has left the organization.
    package func advanceAllFeatures(_ org: OrganizationRecord) async throws {
        try await tx.query(
            """
            UPDATE handshakes p SET state = 'OPEN'
            WHERE p.organization_id = \(org.id) AND p.action = 'ENABLE_ALL_FEATURES' AND p.state = 'REQUESTED'
              AND NOT EXISTS (
                  SELECT 1 FROM handshakes c JOIN organization_members m
                      ON m.account_id = c.target_account_id AND m.organization_id = \(org.id)
                  WHERE c.parent_handshake_id = p.id AND c.state <> 'ACCEPTED')
            """)
    }

    /// The management account accepted the request: the organization has all features from now on.
    package func finishAllFeatures(_ org: OrganizationRecord, request id: String) async throws {
        try await setHandshakeState(id, "ACCEPTED")
        try await tx.query("UPDATE organizations SET feature_set = 'ALL' WHERE id = \(org.id)")
    }
}
