package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var channels: ChannelRepository { ChannelRepository(tx: self) }
}

/// Channels of one account and region. Creation locks the account row, so the limit of channels holds across
/// processes; names are unique per account and region by constraint.
package struct ChannelRepository: Sendable {
    let tx: Transaction

    /// A channel with its ingestion status: the latest attempt and the latest success over its status slots,
    /// one index scan each (`source` joins them).
    static let columns = """
        id, account_id, region, name, source, destinations::text AS destinations, tags::text AS tags,
        success.success_time AS latest_ingestion_success_time, success.success_event_id AS latest_ingestion_success_event_id,
        attempt.error_code AS latest_ingestion_error_code, attempt.attempt_time AS latest_ingestion_attempt_time,
        attempt.attempt_event_id AS latest_ingestion_attempt_event_id
        """
    static let source = """
        channels
        LEFT JOIN LATERAL (SELECT s.attempt_time, s.attempt_event_id, s.error_code FROM channel_ingestion_status s
                           WHERE s.channel_id = channels.id ORDER BY s.attempt_time DESC LIMIT 1) attempt ON true
        LEFT JOIN LATERAL (SELECT s.success_time, s.success_event_id FROM channel_ingestion_status s
                           WHERE s.channel_id = channels.id AND s.success_time IS NOT NULL ORDER BY s.success_time DESC LIMIT 1) success ON true
        """

    /// How a read holds the channel for the rest of its transaction: `update` for a change of the channel
    /// itself; `keyShare` for PutAuditEvents, which only needs the channel to outlive its transaction, so
    /// concurrent puts to one channel do not wait for each other.
    package enum Lock: Sendable { case none, update, keyShare }

    package func create(
        account: String, region: String, name: String, source: String, destinations: [ChannelDestination], tags: [TrailTag]
    ) async throws -> ChannelRecord {
        try await tx.query("SELECT 1 FROM accounts WHERE id = \(account) FOR UPDATE")
        let existing = try await list(account: account, region: region)
        guard existing.count < ChannelRules.maximumChannels else {
            throw ServiceError(
                code: "ChannelMaxLimitExceededException", status: 400,
                message: "Account \(account) already has \(ChannelRules.maximumChannels) channels in \(region).")
        }
        guard !existing.contains(where: { $0.name == name }) else { throw Self.alreadyExists(name) }
        let id = UUID()
        try await tx.query(
            """
            INSERT INTO channels (id, account_id, region, name, source, destinations, tags)
            VALUES (\(id), \(account), \(region), \(name), \(source), \(try JSONColumn.text(destinations))::jsonb, \(try JSONColumn.text(tags))::jsonb)
            """)
        guard let created = try await find(id, account: account, region: region) else { throw ServiceError.internalFailure }
        return created
    }

    package func find(_ id: UUID, account: String, region: String, lock: Lock = .none) async throws -> ChannelRecord? {
        let clause =
            switch lock {
            case .none: ""
            case .update: "FOR UPDATE OF channels"
            case .keyShare: "FOR KEY SHARE OF channels"
            }
        return try await records(
            "SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.source) WHERE id = \(id) AND account_id = \(account) AND region = \(region) \(unescaped: clause)"
        ).first
    }

    package func list(account: String, region: String) async throws -> [ChannelRecord] {
        try await records(
            "SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.source) WHERE account_id = \(account) AND region = \(region) ORDER BY name")
    }

    package func update(_ channel: ChannelRecord) async throws {
        do {
            try await tx.query(
                "UPDATE channels SET name = \(channel.name), destinations = \(try JSONColumn.text(channel.destinations))::jsonb WHERE id = \(channel.id)"
            )
        } catch  where PostgresFailure(error).isUniqueViolation {
            throw Self.alreadyExists(channel.name)
        }
    }

    /// The channel's resource-based policy, or nil (also for a channel that does not exist).
    package func resourcePolicy(_ id: UUID, account: String, region: String) async throws -> String? {
        let rows = try await tx.query(
            "SELECT resource_policy FROM channels WHERE id = \(id) AND account_id = \(account) AND region = \(region)")
        for try await policy in rows.decode(String?.self) { return policy }
        return nil
    }

    /// Sets (or, with nil, removes) the channel's resource-based policy.
    package func setResourcePolicy(_ id: UUID, _ policy: String?) async throws {
        try await tx.query("UPDATE channels SET resource_policy = \(policy) WHERE id = \(id)")
    }

    package func delete(_ id: UUID) async throws {
        try await tx.query("DELETE FROM channels WHERE id = \(id)")
    }

    /// What the last PutAuditEvents through the channel did.
    package func recordIngestion(_ id: UUID, at time: Date, lastEventId: UUID?, errorCode: String?) async throws {
        try await tx.query(
            """
            INSERT INTO channel_ingestion_status AS s (channel_id, slot, attempt_time, attempt_event_id, error_code, success_time, success_event_id)
            VALUES (\(id), pg_backend_pid() % 64, \(time), \(lastEventId), \(errorCode),
                    CASE WHEN \(lastEventId)::uuid IS NULL THEN NULL ELSE \(time)::timestamptz END, \(lastEventId))
            ON CONFLICT (channel_id, slot) DO UPDATE SET
                attempt_time = excluded.attempt_time, attempt_event_id = excluded.attempt_event_id, error_code = excluded.error_code,
                success_time = coalesce(excluded.success_time, s.success_time),
                success_event_id = coalesce(excluded.success_event_id, s.success_event_id)
            """)
    }

    static func alreadyExists(_ name: String) -> ServiceError {
        ServiceError(code: "ChannelAlreadyExistsException", status: 400, message: "A channel named \(name) already exists.")
    }

    private func records(_ q: PostgresQuery) async throws -> [ChannelRecord] {
        var out: [ChannelRecord] = []
        let decoder = JSONDecoder()
        for try await row in try await tx.query(q) {
            let r = row.makeRandomAccess()
            let id = try r["id"].decode(UUID.self)
            let account = try r["account_id"].decode(String.self)
            let region = try r["region"].decode(String.self)
            var c = ChannelRecord(
                id: id, arn: ChannelRules.arn(partition: tx.partition, region: region, account: account, id: id), account: account,
                region: region, name: try r["name"].decode(String.self), source: try r["source"].decode(String.self),
                destinations: try decoder.decode([ChannelDestination].self, from: Data(try r["destinations"].decode(String.self).utf8)),
                tags: try decoder.decode([TrailTag].self, from: Data(try r["tags"].decode(String.self).utf8)))
            c.latestIngestionSuccessTime = try r["latest_ingestion_success_time"].decode(Date?.self)
            c.latestIngestionSuccessEventId = try r["latest_ingestion_success_event_id"].decode(UUID?.self)
            c.latestIngestionErrorCode = try r["latest_ingestion_error_code"].decode(String?.self)
            c.latestIngestionAttemptTime = try r["latest_ingestion_attempt_time"].decode(Date?.self)
            c.latestIngestionAttemptEventId = try r["latest_ingestion_attempt_event_id"].decode(UUID?.self)
            out.append(c)
        }
        return out
    }
}
