package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var eventDataStores: EventDataStoreRepository { EventDataStoreRepository(tx: self) }
}

/// Event data stores of one account and region. Creation and restoration lock the account's row, so the limit
/// of stores holds across processes; names are unique per account and region by constraint.
package struct EventDataStoreRepository: Sendable {
    let tx: Transaction

    static let columns = """
        id, account_id, region, name, status, status_before_deletion, category, advanced_event_selectors::text,
        multi_region, organization_enabled, retention_days, termination_protection, kms_key_id, billing_mode, tags::text,
        created_at, updated_at, deletion_requested_at, federation_role_arn, resource_policy,
        insight_selectors::text, insights_destination
        """

    package func create(_ store: EventDataStoreRecord) async throws -> EventDataStoreRecord {
        try await tx.query("SELECT 1 FROM accounts WHERE id = \(store.account) FOR UPDATE")
        let existing = try await list(account: store.account, region: store.region)
        guard existing.count < EventDataStoreRules.maximumStores else { throw Self.limitExceeded(store.account, store.region) }
        guard !existing.contains(where: { $0.name == store.name }) else { throw Self.alreadyExists(store.name) }
        try await tx.query(
            """
            INSERT INTO event_data_stores (id, account_id, region, name, status, category, advanced_event_selectors, multi_region,
                organization_enabled, retention_days, termination_protection, kms_key_id, billing_mode, tags, created_at, updated_at)
            VALUES (\(store.id), \(store.account), \(store.region), \(store.name), \(store.status.rawValue), \(store.category.rawValue),
                \(try JSONColumn.text(store.selectors))::jsonb, \(store.multiRegion), \(store.organizationEnabled), \(store.retentionDays),
                \(store.terminationProtection), \(store.kmsKeyId), \(store.billingMode.rawValue), \(try JSONColumn.text(store.tags))::jsonb,
                \(store.created), \(store.updated))
            """)
        if store.status == .enabled { try await openIngestion(store.id, at: store.created) }
        return store
    }

    package func find(_ id: UUID, account: String, region: String, lock: Bool = false) async throws -> EventDataStoreRecord? {
        try await records(
            "SELECT \(unescaped: Self.columns) FROM event_data_stores WHERE id = \(id) AND account_id = \(account) AND region = \(region) \(unescaped: lock ? "FOR UPDATE" : "")"
        ).first
    }

    package func list(account: String, region: String) async throws -> [EventDataStoreRecord] {
        try await records(
            "SELECT \(unescaped: Self.columns) FROM event_data_stores WHERE account_id = \(account) AND region = \(region) ORDER BY created_at, id")
    }

    /// Writes the store's settings and status as they now are.
    package func update(_ store: EventDataStoreRecord) async throws {
        do {
            try await tx.query(
                """
                UPDATE event_data_stores SET name = \(store.name), status = \(store.status.rawValue),
                    status_before_deletion = \(store.statusBeforeDeletion?.rawValue), category = \(store.category.rawValue),
                    advanced_event_selectors = \(try JSONColumn.text(store.selectors))::jsonb, multi_region = \(store.multiRegion),
                    organization_enabled = \(store.organizationEnabled), retention_days = \(store.retentionDays),
                    termination_protection = \(store.terminationProtection), kms_key_id = \(store.kmsKeyId),
                    billing_mode = \(store.billingMode.rawValue), tags = \(try JSONColumn.text(store.tags))::jsonb, updated_at = \(store.updated),
                    deletion_requested_at = \(store.deletionRequested), federation_role_arn = \(store.federationRoleArn),
                    resource_policy = \(store.resourcePolicy), insight_selectors = \(try JSONColumn.text(store.insightSelectors))::jsonb,
                    insights_destination = \(store.insightsDestination)
                WHERE id = \(store.id)
                """)
        } catch  where PostgresFailure(error).isUniqueViolation {
            throw Self.alreadyExists(store.name)
        }
    }

    package func openIngestion(_ id: UUID, at time: Date) async throws {
        try await tx.query("INSERT INTO event_data_store_ingestion (store_id, started_at) VALUES (\(id), \(time)) ON CONFLICT DO NOTHING")
    }

    package func closeIngestion(_ id: UUID, at time: Date) async throws {
        try await tx.query("UPDATE event_data_store_ingestion SET stopped_at = \(time) WHERE store_id = \(id) AND stopped_at IS NULL")
    }

    /// When the store was collecting, oldest first; the last window is open while it still collects.
    package func ingestionWindows(_ id: UUID) async throws -> [(start: Date, end: Date?)] {
        var out: [(start: Date, end: Date?)] = []
        let rows = try await tx.query(
            "SELECT started_at, stopped_at FROM event_data_store_ingestion WHERE store_id = \(id) ORDER BY started_at")
        for try await (start, end) in rows.decode((Date, Date?).self) { out.append((start, end)) }
        return out
    }

    /// The channels of the store's account and region that send to it.
    package func channelsSendingTo(_ store: EventDataStoreRecord) async throws -> [String] {
        let target = try JSONColumn.text([ChannelDestination(type: "EVENT_DATA_STORE", location: store.arn)])
        var out: [String] = []
        let rows = try await tx.query(
            "SELECT id FROM channels WHERE account_id = \(store.account) AND region = \(store.region) AND destinations @> \(target)::jsonb")
        for try await id in rows.decode(UUID.self) {
            out.append(ChannelRules.arn(partition: tx.partition, region: store.region, account: store.account, id: id))
        }
        return out
    }

    /// Whether a channel still sends to the store (DeleteEventDataStore's ChannelExistsForEDSException).
    package func hasChannels(_ store: EventDataStoreRecord) async throws -> Bool {
        try await !channelsSendingTo(store).isEmpty
    }

    /// Stores collecting events that ask for Insights on them, of every account: the Insights evaluator's sources.
    package func insightSources() async throws -> [EventDataStoreRecord] {
        try await records(
            """
            SELECT \(unescaped: Self.columns) FROM event_data_stores
            WHERE status = 'ENABLED' AND jsonb_array_length(insight_selectors) > 0 ORDER BY id
            """)
    }

    /// Every account of the organization `account` manages, itself included.
    package func organizationAccounts(of account: String) async throws -> [String] {
        var out: [String] = []
        let rows = try await tx.query(
            """
            SELECT m.account_id FROM organization_members m
            WHERE m.organization_id = (SELECT organization_id FROM organization_members WHERE account_id = \(account))
            ORDER BY m.account_id
            """)
        for try await id in rows.decode(String.self) { out.append(id) }
        return out.isEmpty ? [account] : out
    }

    /// The longest retention of any store, pending deletion included (it can be restored): the event log keeps
    /// at least that much (EventRetention).
    package func longestRetentionDays() async throws -> Int? {
        let rows = try await tx.query("SELECT max(retention_days) FROM event_data_stores")
        for try await days in rows.decode(Int?.self) { return days }
        return nil
    }

    /// Removes stores whose seven days in PENDING_DELETION are over, with their queries; how many went.
    package func purge(deletedBefore cutoff: Date) async throws -> Int {
        var purged = 0
        let rows = try await tx.query(
            "DELETE FROM event_data_stores WHERE status = 'PENDING_DELETION' AND deletion_requested_at < \(cutoff) RETURNING id")
        var ids: [UUID] = []
        for try await id in rows.decode(UUID.self) { ids.append(id) }
        for id in ids {
            try await tx.query("DELETE FROM lake_queries WHERE \(id) = ANY (store_ids)")
            purged += 1
        }
        return purged
    }

    static func limitExceeded(_ account: String, _ region: String) -> ServiceError {
        ServiceError(
            code: "EventDataStoreMaxLimitExceededException", status: 400,
            message: "Account \(account) already has \(EventDataStoreRules.maximumStores) event data stores in \(region).")
    }

    static func alreadyExists(_ name: String) -> ServiceError {
        ServiceError(code: "EventDataStoreAlreadyExistsException", status: 400, message: "An event data store named \(name) already exists.")
    }

    private func records(_ q: PostgresQuery) async throws -> [EventDataStoreRecord] {
        var out: [EventDataStoreRecord] = []
        let decoder = JSONDecoder()
        for try await row in try await tx.query(q) {
            let r = row.makeRandomAccess()
            let id = try r["id"].decode(UUID.self)
            let account = try r["account_id"].decode(String.self)
            let region = try r["region"].decode(String.self)
            var store = EventDataStoreRecord(
                id: id, arn: EventDataStoreRules.arn(partition: tx.partition, region: region, account: account, id: id), account: account,
                region: region, name: try r["name"].decode(String.self),
                status: EventDataStoreStatus(rawValue: try r["status"].decode(String.self)) ?? .enabled,
                category: EventDataStoreCategory(rawValue: try r["category"].decode(String.self)) ?? .management,
                selectors: try decoder.decode(
                    [TrailAdvancedEventSelector].self, from: Data(try r["advanced_event_selectors"].decode(String.self).utf8)),
                multiRegion: try r["multi_region"].decode(Bool.self), organizationEnabled: try r["organization_enabled"].decode(Bool.self),
                retentionDays: try r["retention_days"].decode(Int.self), terminationProtection: try r["termination_protection"].decode(Bool.self),
                kmsKeyId: try r["kms_key_id"].decode(String?.self),
                billingMode: EventDataStoreBillingMode(rawValue: try r["billing_mode"].decode(String.self)) ?? .extendable,
                tags: try decoder.decode([TrailTag].self, from: Data(try r["tags"].decode(String.self).utf8)),
                created: try r["created_at"].decode(Date.self), updated: try r["updated_at"].decode(Date.self))
            store.statusBeforeDeletion = try r["status_before_deletion"].decode(String?.self).flatMap(EventDataStoreStatus.init(rawValue:))
            store.deletionRequested = try r["deletion_requested_at"].decode(Date?.self)
            store.federationRoleArn = try r["federation_role_arn"].decode(String?.self)
            store.resourcePolicy = try r["resource_policy"].decode(String?.self)
            store.insightSelectors = try decoder.decode(
                [TrailInsightSelector].self, from: Data(try r["insight_selectors"].decode(String.self).utf8))
            store.insightsDestination = try r["insights_destination"].decode(UUID?.self)
            out.append(store)
        }
        return out
    }
}
