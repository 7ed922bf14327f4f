package import CairnCore
import Foundation
import PostgresNIO

/// Trusted service access and delegated administrators.
extension OrganizationRepository {
    package func enabledServices(_ org: OrganizationRecord) async throws -> [EnabledServiceRecord] {
        var out: [EnabledServiceRecord] = []
        let rows = try await tx.query(
            "SELECT service_principal, enabled_at FROM organization_service_access WHERE organization_id = \(org.id) ORDER BY service_principal")
        for try await (sp, at) in rows.decode((String, Date).self) { out.append(EnabledServiceRecord(servicePrincipal: sp, enabledAt: at)) }
        return out
    }

    package func isServiceAccessEnabled(_ org: OrganizationRecord, _ servicePrincipal: String) async throws -> Bool {
        try await count(
            "SELECT count(*)::int8 FROM organization_service_access WHERE organization_id = \(org.id) AND service_principal = \(servicePrincipal)")
            > 0
    }

    /// Idempotent, as AWS's is.
    package func enableServiceAccess(_ org: OrganizationRecord, _ servicePrincipal: String) async throws {
        try await tx.query(
            "INSERT INTO organization_service_access (organization_id, service_principal) VALUES (\(org.id), \(servicePrincipal)) ON CONFLICT DO NOTHING"
        )
    }

    package func disableServiceAccess(_ org: OrganizationRecord, _ servicePrincipal: String) async throws {
        try await tx.query("DELETE FROM organization_service_access WHERE organization_id = \(org.id) AND service_principal = \(servicePrincipal)")
    }

    /// Whether the account is a delegated administrator for the service principal (any, when nil).
    package func isDelegatedAdministrator(account: AccountId, servicePrincipal: String?) async throws -> Bool {
        try await count(
            """
            SELECT count(*)::int8 FROM organization_delegated_administrators
            WHERE account_id = \(account.value) AND (\(servicePrincipal)::text IS NULL OR service_principal = \(servicePrincipal))
            """) > 0
    }

    /// The delegated administrators of the organization (for one service principal when given), each
    /// account once with its earliest delegation, ordered by account id.
    package func delegatedAdministrators(_ org: OrganizationRecord, servicePrincipal: String?) async throws -> [DelegatedAdministratorRecord] {
        let rows = try await tx.query(
            """
            SELECT d.account_id, min(d.delegated_at), string_agg(d.service_principal, ',' ORDER BY d.service_principal)
            FROM organization_delegated_administrators d
            WHERE d.organization_id = \(org.id) AND (\(servicePrincipal)::text IS NULL OR d.service_principal = \(servicePrincipal))
            GROUP BY d.account_id ORDER BY d.account_id
            """)
        var found: [(String, Date, String)] = []
        for try await r in rows.decode((String, Date, String).self) { found.append(r) }
        var out: [DelegatedAdministratorRecord] = []
        for (account, at, services) in found {
            guard let m = try await member(of: org, account: account) else { continue }
            out.append(DelegatedAdministratorRecord(member: m, servicePrincipal: services, delegatedAt: at))
        }
        return out
    }

    /// The services an account is a delegated administrator for.
    package func delegatedServices(_ org: OrganizationRecord, account: AccountId) async throws -> [EnabledServiceRecord] {
        var out: [EnabledServiceRecord] = []
        let rows = try await tx.query(
            """
            SELECT service_principal, delegated_at FROM organization_delegated_administrators
            WHERE organization_id = \(org.id) AND account_id = \(account.value) ORDER BY service_principal
            """)
        for try await (sp, at) in rows.decode((String, Date).self) { out.append(EnabledServiceRecord(servicePrincipal: sp, enabledAt: at)) }
        return out
    }

    /// Registers a delegated administrator. The caller has locked the organization, so the per-service limit
    /// (three for CloudTrail) cannot be overshot by concurrent registrations.
    package func registerDelegatedAdministrator(_ org: OrganizationRecord, account: AccountId, servicePrincipal: String) async throws {
        guard try await !isDelegatedAdministrator(account: account, servicePrincipal: servicePrincipal) else {
            throw ServiceError.accountAlreadyRegistered
        }
        if let limit = OrganizationLimits.maximumDelegatedAdministrators(for: servicePrincipal) {
            let existing = try await count(
                "SELECT count(*)::int8 FROM organization_delegated_administrators WHERE organization_id = \(org.id) AND service_principal = \(servicePrincipal)"
            )
            guard existing < limit else { throw ServiceError.constraintViolation(.maxDelegatedAdministratorsForServiceLimitExceeded) }
        }
        let inserted = try await count(
            """
            WITH ins AS (
                INSERT INTO organization_delegated_administrators (organization_id, account_id, service_principal)
                VALUES (\(org.id), \(account.value), \(servicePrincipal)) ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*)::int8 FROM ins
            """)
        guard inserted == 1 else { throw ServiceError.accountAlreadyRegistered }
    }

    /// Returns false when the account was not registered for the service.
    package func deregisterDelegatedAdministrator(_ org: OrganizationRecord, account: AccountId, servicePrincipal: String) async throws -> Bool {
        try await count(
            """
            WITH del AS (
                DELETE FROM organization_delegated_administrators
                WHERE organization_id = \(org.id) AND account_id = \(account.value) AND service_principal = \(servicePrincipal) RETURNING 1)
            SELECT count(*)::int8 FROM del
            """) == 1
    }
}
