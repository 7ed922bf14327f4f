package import CairnCore
import Foundation
import PostgresNIO

extension Transaction {
    package var organizationResourcePolicies: OrganizationResourcePolicyRepository { OrganizationResourcePolicyRepository(tx: self) }
}

/// An organization's delegation policy as stored: its id, its text and its tags.
package struct OrganizationResourcePolicyRecord: Sendable, Equatable {
    package let policyId: String
    package let content: String
    package let tags: [IAMTag]
}

/// Organization delegation policies (migration 0034), one per organization. Writers hold the organization's row
/// lock (OrganizationsOperations.standing), so a put and a delete cannot interleave.
package struct OrganizationResourcePolicyRepository: Sendable {
    let tx: Transaction

    package func find(_ org: OrganizationRecord) async throws -> OrganizationResourcePolicyRecord? {
        let rows = try await tx.query(
            "SELECT policy_id, content, tags::text FROM organization_resource_policies WHERE organization_id = \(org.id)")
        for try await (id, content, tags) in rows.decode((String, String, String).self) {
            return OrganizationResourcePolicyRecord(policyId: id, content: content, tags: IAMTagColumn.decode(tags))
        }
        return nil
    }

    /// Creates the policy, or replaces its text (keeping its id and tags; tags given on create only).
    package func put(_ org: OrganizationRecord, newId: String, content: String, tags: [IAMTag]) async throws -> OrganizationResourcePolicyRecord {
        try await tx.query(
            """
            INSERT INTO organization_resource_policies (organization_id, policy_id, content, tags)
            VALUES (\(org.id), \(newId), \(content), \(IAMTagColumn.encode(tags))::jsonb)
            ON CONFLICT (organization_id) DO UPDATE SET content = EXCLUDED.content, updated_at = now()
            """)
        guard let stored = try await find(org) else { throw ServiceError.internalFailure }
        return stored
    }

    package func delete(_ org: OrganizationRecord) async throws -> Bool {
        let rows = try await tx.query("DELETE FROM organization_resource_policies WHERE organization_id = \(org.id) RETURNING 1")
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }
}
