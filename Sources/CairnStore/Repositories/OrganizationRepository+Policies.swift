package import CairnCore
import Foundation
import PostgresNIO

/// Organizations policies of every type and their attachments to the root, OUs and accounts.
extension OrganizationRepository {
    func policies(_ q: PostgresQuery) async throws -> [OrganizationPolicyRecord] {
        var out: [OrganizationPolicyRecord] = []
        for try await (id, type, name, description, content) in try await tx.query(q).decode((String, String, String, String, String).self) {
            out.append(OrganizationPolicyRecord(id: id, type: type, name: name, description: description, content: content))
        }
        return out
    }

    /// A policy of this organization, or an AWS-managed one.
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
        guard !Self.isAWSManagedName(name, type: type) else { throw ServiceError.duplicatePolicy }
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
            guard clash == 0, !Self.isAWSManagedName(name, type: current.type) else { throw ServiceError.duplicatePolicy }
        }
        try await tx.query(
            """
            UPDATE organization_policies SET name = coalesce(\(name), name), description = coalesce(\(description), description),
                content = coalesce(\(content), content), updated_at = now()
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

    /// The policies of a type attached directly to a target.
    package func policies(_ org: OrganizationRecord, attachedTo target: String, type: String) async throws -> [OrganizationPolicyRecord] {
        try await policies(
            """
            SELECT p.id, p.type, p.name, p.description, p.content FROM organization_policy_attachments a
            JOIN organization_policies p ON p.id = a.policy_id
            WHERE a.organization_id = \(org.id) AND a.target_id = \(target) AND p.type = \(type) ORDER BY p.name, p.id
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

    /// The names of AWS's managed policies cannot be taken by a customer policy of the same type.
    static func isAWSManagedName(_ name: String, type: String) -> Bool {
        (type == OrganizationPolicyTypes.serviceControl && name == "FullAWSAccess")
            || (type == OrganizationPolicyTypes.resourceControl && name == "RCPFullAWSAccess")
    }

    /// How many policies of a type are attached directly to a target.
    func attachedCount(_ org: OrganizationRecord, target: String, type: String) async throws -> Int {
        try await count(
            """
            SELECT count(*)::int8 FROM organization_policy_attachments a JOIN organization_policies p ON p.id = a.policy_id
            WHERE a.organization_id = \(org.id) AND a.target_id = \(target) AND p.type = \(type)
            """)
    }

    /// Attaches a policy; at most five SCPs or RCPs, ten of another type, per target.
    package func attach(_ org: OrganizationRecord, policy: OrganizationPolicyRecord, target: String) async throws {
        let attached = try await attachedCount(org, target: target, type: policy.type)
        let inserted = try await count(
            """
            WITH ins AS (
                INSERT INTO organization_policy_attachments (organization_id, policy_id, target_id)
                VALUES (\(org.id), \(policy.id), \(target)) ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*)::int8 FROM ins
            """)
        guard inserted == 1 else { throw ServiceError.duplicatePolicyAttachment }
        guard attached < OrganizationPolicyTypes.maximumPerTarget(policy.type) else {
            throw ServiceError.constraintViolation(.maxPolicyTypeAttachmentLimitExceeded)
        }
    }

    /// Detaches a policy; every target keeps at least one SCP and one RCP while their type is enabled.
    package func detach(_ org: OrganizationRecord, policy: OrganizationPolicyRecord, target: String) async throws {
        let removed = try await count(
            """
            WITH del AS (
                DELETE FROM organization_policy_attachments
                WHERE organization_id = \(org.id) AND policy_id = \(policy.id) AND target_id = \(target) RETURNING 1)
            SELECT count(*)::int8 FROM del
            """)
        guard removed == 1 else { throw ServiceError.policyNotAttached }
        guard OrganizationPolicyTypes.isAuthorization(policy.type) else { return }
        let left = try await attachedCount(org, target: target, type: policy.type)
        guard left > 0 else { throw ServiceError.constraintViolation(.minPolicyTypeAttachmentLimitExceeded) }
    }

    /// Enables a policy type in the root. An authorization type's AWS-managed policy is attached to the root,
    /// every OU and every account at once, as AWS does, so nothing is denied by the change itself.
    package func enablePolicyType(_ org: OrganizationRecord, _ type: String) async throws {
        try await tx.query("INSERT INTO organization_policy_types (organization_id, type) VALUES (\(org.id), \(type))")
        guard let managed = OrganizationPolicyTypes.defaultPolicy(for: type) else { return }
        try await tx.query(
            """
            INSERT INTO organization_policy_attachments (organization_id, policy_id, target_id)
            SELECT \(org.id), \(managed), t FROM (
                SELECT \(org.rootId) AS t
                UNION ALL SELECT id FROM organizational_units WHERE organization_id = \(org.id)
                UNION ALL SELECT account_id FROM organization_members WHERE organization_id = \(org.id)) targets
            ON CONFLICT DO NOTHING
            """)
    }

    /// Disables a policy type: every policy of the type is detached from every target, as AWS does.
    package func disablePolicyType(_ org: OrganizationRecord, _ type: String) async throws {
        try await tx.query(
            """
            DELETE FROM organization_policy_attachments a USING organization_policies p
            WHERE a.organization_id = \(org.id) AND p.id = a.policy_id AND p.type = \(type)
            """)
        try await tx.query("DELETE FROM organization_policy_types WHERE organization_id = \(org.id) AND type = \(type)")
    }

    /// A new OU or account gets the AWS-managed policy of each enabled authorization type.
    func attachDefaults(_ org: OrganizationRecord, target: String) async throws {
        for type in org.enabledPolicyTypes {
            guard let managed = OrganizationPolicyTypes.defaultPolicy(for: type) else { continue }
            try await tx.query(
                """
                INSERT INTO organization_policy_attachments (organization_id, policy_id, target_id)
                VALUES (\(org.id), \(managed), \(target)) ON CONFLICT DO NOTHING
                """)
        }
    }
}
