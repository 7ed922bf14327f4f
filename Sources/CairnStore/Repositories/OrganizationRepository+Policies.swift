package import CairnCore
import Foundation
import PostgresNIO

/// Service control policies and their attachments to the root, OUs and accounts.
extension OrganizationRepository {
    func policies(_ q: PostgresQuery) async throws -> [OrganizationPolicyRecord] {
        var out: [OrganizationPolicyRecord] = []
        for try await (id, type, name, description, content) in try await tx.query(q).decode((String, String, String, String, String).self) {
            out.append(OrganizationPolicyRecord(id: id, type: type, name: name, description: description, content: content))
        }
        return out
    }

    /// A policy of this organization, or the AWS-managed FullAWSAccess.
    package func policy(_ org: OrganizationRecord, id: String) async throws -> OrganizationPolicyRecord? {
        try await policies(
            """
            SELECT id, type, name, description, content FROM organization_policies
            WHERE id = \(id) AND (organization_id = \(org.id) OR organization_id IS NULL)
            """
        ).first
    }

    /// The organization's policies of a type and the AWS-managed ones, ordered by name.
    package func policies(_ org: OrganizationRecord, type: String) async throws -> [OrganizationPolicyRecord] {
        try await policies(
            """
            SELECT id, type, name, description, content FROM organization_policies
            WHERE type = \(type) AND (organization_id = \(org.id) OR organization_id IS NULL) ORDER BY name, id
            """)
    }

    package func createPolicy(
        _ org: OrganizationRecord, type: String, name: String, description: String, content: String
    ) async throws -> OrganizationPolicyRecord {
        let existing = try await count(
            "SELECT count(*)::int8 FROM organization_policies WHERE organization_id = \(org.id) AND type = \(type)")
        guard existing < OrganizationLimits.maximumPoliciesPerType else { throw ServiceError.constraintViolation(.policyNumberLimitExceeded) }
        guard name != "FullAWSAccess" else { throw ServiceError.duplicatePolicy }
        var g = SystemRandomNumberGenerator()
        let id = OrganizationIdentifiers.newPolicy(using: &g)
        let inserted = try await count(
            """
            WITH ins AS (
                INSERT INTO organization_policies (id, organization_id, type, name, description, content)
                VALUES (\(id), \(org.id), \(type), \(name), \(description), \(content)) ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*)::int8 FROM ins
            """)
        guard inserted == 1 else { throw ServiceError.duplicatePolicy }
        guard let p = try await policy(org, id: id) else { throw ServiceError.internalFailure }
        return p
    }

    package func updatePolicy(
        _ org: OrganizationRecord, id: String, name: String?, description: String?, content: String?
    ) async throws -> OrganizationPolicyRecord {
        guard let current = try await policy(org, id: id) else { throw ServiceError.policyNotFound }
        guard !current.awsManaged else {
            throw ServiceError.invalidInput("IMMUTABLE_POLICY", "You specified a policy that is managed by AWS and can't be modified.")
        }
        if let name, name != current.name {
            let clash = try await count(
                "SELECT count(*)::int8 FROM organization_policies WHERE organization_id = \(org.id) AND type = \(current.type) AND name = \(name) AND id <> \(id)"
            )
            guard clash == 0, name != "FullAWSAccess" else { throw ServiceError.duplicatePolicy }
        }
        try await tx.query(
            """
            UPDATE organization_policies SET name = coalesce(\(name), name), description = coalesce(\(description), description),
                content = coalesce(\(content), content)
            WHERE organization_id = \(org.id) AND id = \(id)
            """)
        guard let p = try await policy(org, id: id) else { throw ServiceError.internalFailure }
        return p
    }

    package func deletePolicy(_ org: OrganizationRecord, id: String) async throws {
        guard let current = try await policy(org, id: id) else { throw ServiceError.policyNotFound }
        guard !current.awsManaged else {
            throw ServiceError.invalidInput("IMMUTABLE_POLICY", "You specified a policy that is managed by AWS and can't be modified.")
        }
        let uses = try await count(
            "SELECT count(*)::int8 FROM organization_policy_attachments WHERE organization_id = \(org.id) AND policy_id = \(id)")
        guard uses == 0 else { throw ServiceError.policyInUse }
        try await tx.query("DELETE FROM organization_policies WHERE organization_id = \(org.id) AND id = \(id)")
    }

    /// True when the id names this organization's root, one of its OUs or one of its accounts.
    package func targetExists(_ org: OrganizationRecord, _ id: String) async throws -> Bool {
        if try await parentExists(org, id) { return true }
        return try await member(of: org, account: id) != nil
    }

    /// The policies attached directly to a target.
    package func policies(_ org: OrganizationRecord, attachedTo target: String) async throws -> [OrganizationPolicyRecord] {
        try await policies(
            """
            SELECT p.id, p.type, p.name, p.description, p.content FROM organization_policy_attachments a
            JOIN organization_policies p ON p.id = a.policy_id
            WHERE a.organization_id = \(org.id) AND a.target_id = \(target) ORDER BY p.name, p.id
            """)
    }

    /// The targets a policy is attached to, ordered by target id.
    package func targets(_ org: OrganizationRecord, policy: String) async throws -> [String] {
        var out: [String] = []
        let rows = try await tx.query(
            "SELECT target_id FROM organization_policy_attachments WHERE organization_id = \(org.id) AND policy_id = \(policy) ORDER BY target_id")
        for try await t in rows.decode(String.self) { out.append(t) }
        return out
    }

    /// Attaches a policy; at most five of a type per target.
    package func attach(_ org: OrganizationRecord, policy: String, target: String) async throws {
        let attached = try await count(
            "SELECT count(*)::int8 FROM organization_policy_attachments WHERE organization_id = \(org.id) AND target_id = \(target)")
        let inserted = try await count(
            """
            WITH ins AS (
                INSERT INTO organization_policy_attachments (organization_id, policy_id, target_id)
                VALUES (\(org.id), \(policy), \(target)) ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*)::int8 FROM ins
            """)
        guard inserted == 1 else { throw ServiceError.duplicatePolicyAttachment }
        guard attached < OrganizationLimits.maximumPoliciesPerTarget else {
            throw ServiceError.constraintViolation(.maxPolicyTypeAttachmentLimitExceeded)
        }
    }

    /// Detaches a policy; while SCPs are enabled every target keeps at least one.
    package func detach(_ org: OrganizationRecord, policy: String, target: String) async throws {
        let removed = try await count(
            """
            WITH del AS (
                DELETE FROM organization_policy_attachments
                WHERE organization_id = \(org.id) AND policy_id = \(policy) AND target_id = \(target) RETURNING 1)
            SELECT count(*)::int8 FROM del
            """)
        guard removed == 1 else { throw ServiceError.policyNotAttached }
        let left = try await count(
            "SELECT count(*)::int8 FROM organization_policy_attachments WHERE organization_id = \(org.id) AND target_id = \(target)")
        guard left > 0 else { throw ServiceError.constraintViolation(.minPolicyTypeAttachmentLimitExceeded) }
    }

    /// Enables SCPs in the root and attaches FullAWSAccess to the root, every OU and every account, as AWS does.
    package func enableSCPs(_ org: OrganizationRecord) async throws {
        try await tx.query("UPDATE organizations SET scp_enabled = true WHERE id = \(org.id)")
        try await tx.query(
            """
            INSERT INTO organization_policy_attachments (organization_id, policy_id, target_id)
            SELECT \(org.id), 'p-FullAWSAccess', t FROM (
                SELECT \(org.rootId) AS t
                UNION ALL SELECT id FROM organizational_units WHERE organization_id = \(org.id)
                UNION ALL SELECT account_id FROM organization_members WHERE organization_id = \(org.id)) targets
            ON CONFLICT DO NOTHING
            """)
    }

    /// Disables SCPs: every SCP is detached from every target, as AWS does.
    package func disableSCPs(_ org: OrganizationRecord) async throws {
        try await tx.query("DELETE FROM organization_policy_attachments WHERE organization_id = \(org.id)")
        try await tx.query("UPDATE organizations SET scp_enabled = false WHERE id = \(org.id)")
    }

    func attachDefault(_ org: OrganizationRecord, target: String) async throws {
        try await tx.query(
            """
            INSERT INTO organization_policy_attachments (organization_id, policy_id, target_id)
            VALUES (\(org.id), 'p-FullAWSAccess', \(target)) ON CONFLICT DO NOTHING
            """)
    }
}
