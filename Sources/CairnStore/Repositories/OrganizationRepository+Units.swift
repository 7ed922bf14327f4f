package import CairnCore
import Foundation
import PostgresNIO

/// The OU tree.
extension OrganizationRepository {
    static let unitColumns = "u.id, u.name, coalesce(u.parent_ou_id, o.root_id), u.path_ids, u.created_at"

    func units(_ q: PostgresQuery) async throws -> [OrganizationalUnitRecord] {
        var out: [OrganizationalUnitRecord] = []
        for try await (id, name, parentId, pathIds, createdAt) in try await tx.query(q).decode((String, String, String, [String], Date).self) {
            out.append(OrganizationalUnitRecord(id: id, name: name, parentId: parentId, pathIds: pathIds, createdAt: createdAt))
        }
        return out
    }

    package func organizationalUnit(_ org: OrganizationRecord, id: String) async throws -> OrganizationalUnitRecord? {
        try await units(
            """
            SELECT \(unescaped: Self.unitColumns) FROM organizational_units u JOIN organizations o ON o.id = u.organization_id
            WHERE u.organization_id = \(org.id) AND u.id = \(id)
            """
        ).first
    }

    /// The OUs directly under a parent, ordered by name then id.
    package func organizationalUnits(_ org: OrganizationRecord, parent: String) async throws -> [OrganizationalUnitRecord] {
        let ou: String? = parent == org.rootId ? nil : parent
        return try await units(
            """
            SELECT \(unescaped: Self.unitColumns) FROM organizational_units u JOIN organizations o ON o.id = u.organization_id
            WHERE u.organization_id = \(org.id) AND u.parent_ou_id IS NOT DISTINCT FROM \(ou) ORDER BY u.id
            """)
    }

    /// True when `id` is this organization's root or one of its OUs.
    package func parentExists(_ org: OrganizationRecord, _ id: String) async throws -> Bool {
        if id == org.rootId { return true }
        return try await organizationalUnit(org, id: id) != nil
    }

    /// Creates an OU under the root or an OU: AWS's depth limit, OU count limit and per-parent unique names.
    package func createOrganizationalUnit(_ org: OrganizationRecord, parent: String, name: String) async throws -> OrganizationalUnitRecord {
        var parentPath: [String] = []
        if parent != org.rootId {
            guard let p = try await organizationalUnit(org, id: parent) else { throw ServiceError.parentNotFound }
            parentPath = p.pathIds
        }
        guard parentPath.count < OrganizationLimits.maximumOUDepth else { throw ServiceError.constraintViolation(.ouDepthLimitExceeded) }
        let total = try await count("SELECT count(*)::int8 FROM organizational_units WHERE organization_id = \(org.id)")
        guard total < OrganizationLimits.maximumOUs else { throw ServiceError.constraintViolation(.ouNumberLimitExceeded) }
        var g = SystemRandomNumberGenerator()
        let id = OrganizationIdentifiers.newOrganizationalUnit(root: org.rootId, using: &g)
        let parentOU: String? = parent == org.rootId ? nil : parent
        let path = parentPath + [id]
        let inserted = try await count(
            """
            WITH ins AS (
                INSERT INTO organizational_units (id, organization_id, parent_ou_id, name, path_ids)
                VALUES (\(id), \(org.id), \(parentOU), \(name), \(path)) ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*)::int8 FROM ins
            """)
        guard inserted == 1 else { throw ServiceError.duplicateOrganizationalUnit }
        try await attachDefaults(org, target: id)
        guard let ou = try await organizationalUnit(org, id: id) else { throw ServiceError.internalFailure }
        return ou
    }

    package func renameOrganizationalUnit(_ org: OrganizationRecord, id: String, name: String) async throws -> OrganizationalUnitRecord {
        guard let ou = try await organizationalUnit(org, id: id) else { throw ServiceError.organizationalUnitNotFound }
        if ou.name != name {
            let parentOU: String? = ou.parentId == org.rootId ? nil : ou.parentId
            let clash = try await count(
                """
                SELECT count(*)::int8 FROM organizational_units WHERE organization_id = \(org.id)
                AND parent_ou_id IS NOT DISTINCT FROM \(parentOU) AND name = \(name) AND id <> \(id)
                """)
            guard clash == 0 else { throw ServiceError.duplicateOrganizationalUnit }
            try await tx.query("UPDATE organizational_units SET name = \(name) WHERE organization_id = \(org.id) AND id = \(id)")
        }
        guard let renamed = try await organizationalUnit(org, id: id) else { throw ServiceError.internalFailure }
        return renamed
    }

    /// Deletes an empty OU (no accounts, no child OUs) and its policy attachments.
    package func deleteOrganizationalUnit(_ org: OrganizationRecord, id: String) async throws {
        guard try await organizationalUnit(org, id: id) != nil else { throw ServiceError.organizationalUnitNotFound }
        let children = try await count(
            """
            SELECT (SELECT count(*) FROM organizational_units WHERE parent_ou_id = \(id))
                 + (SELECT count(*) FROM organization_members WHERE parent_ou_id = \(id))
            """)
        guard children == 0 else { throw ServiceError.organizationalUnitNotEmpty }
        try await tx.query("DELETE FROM organization_policy_attachments WHERE organization_id = \(org.id) AND target_id = \(id)")
        try await tx.query("DELETE FROM organizational_units WHERE organization_id = \(org.id) AND id = \(id)")
    }
}
