package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var lakeDashboards: LakeDashboardRepository { LakeDashboardRepository(tx: self) }
}

/// Lake dashboards of one account and region. Creation locks the account's row, so the limit of dashboards holds
/// across processes; names are unique per account and region by constraint.
package struct LakeDashboardRepository: Sendable {
    let tx: Transaction

    static let columns = """
        id, account_id, region, name, widgets::text, refresh_schedule::text, termination_protection, tags::text, status,
        created_at, updated_at, last_refresh_id, resource_policy, scheduled_refresh_at, last_refresh_failure
        """

    package func create(_ d: LakeDashboardRecord) async throws {
        try await tx.query("SELECT 1 FROM accounts WHERE id = \(d.account) FOR UPDATE")
        let existing = try await list(account: d.account, region: d.region)
        guard existing.count < LakeDashboardRules.maximumDashboards else {
            throw ServiceError(
                code: "ServiceQuotaExceededException", status: 400,
                message: "Account \(d.account) already has \(LakeDashboardRules.maximumDashboards) dashboards in \(d.region).")
        }
        guard !existing.contains(where: { $0.name == d.name }) else {
            throw ServiceError(code: "ConflictException", status: 400, message: "A dashboard named \(d.name) already exists.")
        }
        try await tx.query(
            """
            INSERT INTO lake_dashboards (id, account_id, region, name, widgets, refresh_schedule, termination_protection, tags, status,
                created_at, updated_at)
            VALUES (\(d.id), \(d.account), \(d.region), \(d.name), \(try JSONColumn.text(d.widgets))::jsonb,
                \(try d.refreshSchedule.map(JSONColumn.text))::jsonb, \(d.terminationProtection), \(try JSONColumn.text(d.tags))::jsonb, \(d.status),
                \(d.created), \(d.updated))
            """)
    }

    package func find(name: String, account: String, region: String, lock: Bool = false) async throws -> LakeDashboardRecord? {
        try await records(
            "SELECT \(unescaped: Self.columns) FROM lake_dashboards WHERE name = \(name) AND account_id = \(account) AND region = \(region) \(unescaped: lock ? "FOR UPDATE" : "")"
        ).first
    }

    package func list(account: String, region: String) async throws -> [LakeDashboardRecord] {
        try await records(
            "SELECT \(unescaped: Self.columns) FROM lake_dashboards WHERE account_id = \(account) AND region = \(region) ORDER BY name")
    }

    package func update(_ d: LakeDashboardRecord) async throws {
        try await tx.query(
            """
            UPDATE lake_dashboards SET widgets = \(try JSONColumn.text(d.widgets))::jsonb, refresh_schedule = \(try d.refreshSchedule.map(JSONColumn.text))::jsonb,
                termination_protection = \(d.terminationProtection), tags = \(try JSONColumn.text(d.tags))::jsonb, status = \(d.status),
                updated_at = \(d.updated), last_refresh_id = \(d.lastRefreshId), resource_policy = \(d.resourcePolicy),
                scheduled_refresh_at = \(d.scheduledRefresh), last_refresh_failure = \(d.lastRefreshFailure)
            WHERE id = \(d.id)
            """)
    }

    /// Every dashboard, of any account, whose refresh schedule is ENABLED: the scheduler's worklist.
    package func scheduled() async throws -> [LakeDashboardRecord] {
        try await records(
            "SELECT \(unescaped: Self.columns) FROM lake_dashboards WHERE refresh_schedule ->> 'Status' = 'ENABLED' ORDER BY id")
    }

    /// One dashboard by id, locked: the scheduler's claim on it, so two processes never refresh it twice.
    package func claim(_ id: UUID) async throws -> LakeDashboardRecord? {
        try await records("SELECT \(unescaped: Self.columns) FROM lake_dashboards WHERE id = \(id) FOR UPDATE SKIP LOCKED").first
    }

    package func delete(_ id: UUID) async throws {
        try await tx.query("DELETE FROM lake_dashboards WHERE id = \(id)")
    }

    private func records(_ q: PostgresQuery) async throws -> [LakeDashboardRecord] {
        var out: [LakeDashboardRecord] = []
        let decoder = JSONDecoder()
        for try await row in try await tx.query(q) {
            let r = row.makeRandomAccess()
            let account = try r["account_id"].decode(String.self), region = try r["region"].decode(String.self)
            let name = try r["name"].decode(String.self)
            var d = LakeDashboardRecord(
                id: try r["id"].decode(UUID.self), arn: LakeDashboardRules.arn(partition: tx.partition, region: region, account: account, name: name),
                account: account, region: region, name: name,
                widgets: try decoder.decode([LakeDashboardWidget].self, from: Data(try r["widgets"].decode(String.self).utf8)),
                refreshSchedule: try r["refresh_schedule"].decode(String?.self).map {
                    try decoder.decode(LakeRefreshSchedule.self, from: Data($0.utf8))
                },
                terminationProtection: try r["termination_protection"].decode(Bool.self),
                tags: try decoder.decode([TrailTag].self, from: Data(try r["tags"].decode(String.self).utf8)),
                status: try r["status"].decode(String.self),
                created: try r["created_at"].decode(Date.self), updated: try r["updated_at"].decode(Date.self))
            d.lastRefreshId = try r["last_refresh_id"].decode(String?.self)
            d.resourcePolicy = try r["resource_policy"].decode(String?.self)
            d.scheduledRefresh = try r["scheduled_refresh_at"].decode(Date?.self)
            d.lastRefreshFailure = try r["last_refresh_failure"].decode(String?.self)
            out.append(d)
        }
        return out
    }
}
