package import CairnCore
import Foundation
import PostgresNIO

/// Tags on an organization's accounts, root, OUs and policies (migration 0015). Every query is scoped by the
/// organization; the table's checks and triggers enforce AWS's limits and drop tags with their resource.
extension OrganizationRepository {
    /// True when the id names this organization's root, one of its OUs, one of its member accounts or one
    /// of its own policies: the resources TagResource may reach.
    package func taggableResourceExists(_ org: OrganizationRecord, _ id: String) async throws -> Bool {
        if OrganizationIdentifiers.isPolicy(id) {
            return try await count("SELECT count(*)::int8 FROM organization_policies WHERE organization_id = \(org.id) AND id = \(id)") == 1
        }
        return try await targetExists(org, id)
    }

    /// The resource's tags, ordered by key.
    package func tags(_ org: OrganizationRecord, resource: String) async throws -> [OrganizationTag] {
        var out: [OrganizationTag] = []
        let rows = try await tx.query(
            "SELECT key, value FROM organization_tags WHERE organization_id = \(org.id) AND resource_id = \(resource) ORDER BY key")
        for try await (key, value) in rows.decode((String, String).self) { out.append(OrganizationTag(key: key, value: value)) }
        return out
    }

    /// Adds tags, overwriting the value of a key the resource already has. Beyond 50 tags the statement fails
    /// in PostgreSQL (trigger `organization_tags_limit`), which is AWS's MAX_TAG_LIMIT_EXCEEDED.
    package func tag(_ org: OrganizationRecord, resource: String, with tags: [OrganizationTag]) async throws {
        guard !tags.isEmpty else { return }
        try await limitingTags {
            try await tx.query(
                """
                INSERT INTO organization_tags (organization_id, resource_id, key, value)
                SELECT \(org.id), \(resource), k, v FROM unnest(\(tags.map(\.key))::text[], \(tags.map(\.value))::text[]) AS t(k, v)
                ON CONFLICT (organization_id, resource_id, key) DO UPDATE SET value = EXCLUDED.value
                """)
        }
    }

    /// Removes the tags with these keys; keys the resource lacks are ignored, as AWS ignores them.
    package func untag(_ org: OrganizationRecord, resource: String, keys: [String]) async throws {
        try await tx.query(
            "DELETE FROM organization_tags WHERE organization_id = \(org.id) AND resource_id = \(resource) AND key = ANY(\(keys)::text[])")
    }

    /// Attaches an accepted invitation's tags to the account that joined (AWS applies them on acceptance).
    package func applyInvitationTags(handshake id: String) async throws {
        try await limitingTags {
            try await tx.query(
                """
                INSERT INTO organization_tags (organization_id, resource_id, key, value)
                SELECT h.organization_id, h.target_account_id, t.k, t.v
                FROM handshakes h CROSS JOIN LATERAL unnest(h.tag_keys, h.tag_values) AS t(k, v)
                WHERE h.id = \(id)
                ON CONFLICT (organization_id, resource_id, key) DO UPDATE SET value = EXCLUDED.value
                """)
        }
    }

    /// Runs a tag insert, turning the table's 50-tag trigger into AWS's ConstraintViolationException.
    private func limitingTags(_ insert: () async throws -> Void) async throws {
        do {
            try await insert()
        } catch  where PostgresFailure(error).constraint == "organization_tags_limit" {
            throw ServiceError.constraintViolation(.maxTagLimitExceeded)
        }
    }
}
