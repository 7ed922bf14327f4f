package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var trails: TrailRepository { TrailRepository(tx: self) }
}

/// CloudTrail trails, one row each. Reads return the rows that *might* be visible to a viewer (its own, and
/// its organization's organization trails); CairnCore's TrailVisibility decides the rest, so a member's read
/// costs the same with 1 or 10,000 accounts in its organization.
package struct TrailRepository: Sendable {
    let tx: Transaction

    static let columns = """
        id, owner_account_id, home_region, name, is_multi_region, organization_id, settings::text AS settings,
        event_selectors::text AS event_selectors, has_custom_event_selectors, insight_selectors::text AS insight_selectors,
        tags::text AS tags, is_logging, start_logging_time, stop_logging_time
        """

    /// Serialises every trail write of one owner across processes: the limit and name checks that follow read
    /// the owner's trails under this lock, so concurrent creators cannot both see room for one more.
    package func lockOwner(_ account: String) async throws {
        try await tx.query("SELECT 1 FROM accounts WHERE id = \(account) FOR UPDATE")
    }

    /// Every trail the account owns, in every region.
    package func owned(by account: String) async throws -> [TrailRecord] {
        try await records("SELECT \(unescaped: Self.columns) FROM trails WHERE owner_account_id = \(account) ORDER BY id")
    }

    /// A trail reader's organization, its delegated-administrator standing for `servicePrincipal`, and its
    /// candidate trails, read together: every trail read needs all three.
    package func view(account: String, servicePrincipal: String) async throws -> TrailView {
        let rows = try await tx.execute(TrailViewLookup(account: account, servicePrincipal: servicePrincipal))
        guard let first = rows.first?.makeRandomAccess() else {
            return TrailView(organizationId: nil, isDelegatedAdministrator: false, candidates: [])
        }
        var candidates: [TrailRecord] = []
        for row in rows where try row.makeRandomAccess()["id"].decode(Int64?.self) != nil { candidates.append(try record(row)) }
        return TrailView(
            organizationId: try first["viewer_organization_id"].decode(String?.self),
            isDelegatedAdministrator: try first["viewer_is_delegated"].decode(Bool.self), candidates: candidates)
    }

    /// Every trail that has ever logged: what a delivery pass routes events to (a stopped trail still takes
    /// the events of its last logging window, and closes its digest chains). Deleted trails that still owe
    /// their last events and final digest come too, as stopped trails. `settled` names the trails whose last
    /// change (start, stop, update, delete) was made by a transaction below `horizon`, so every event up to
    /// that change is being delivered now or already was.
    package func deliverable(horizon: String) async throws -> (trails: [TrailRecord], retired: Set<Int64>, settled: Set<Int64>) {
        let all = try await records(
            """
            SELECT \(unescaped: Self.columns) FROM trails WHERE start_logging_time IS NOT NULL
            UNION ALL
            SELECT id, owner_account_id, home_region, name, is_multi_region, organization_id, settings::text, event_selectors::text,
                   true, '[]', '[]', false, start_logging_time, stop_logging_time FROM retired_trails
            ORDER BY id
            """)
        var retired: Set<Int64> = []
        var settled: Set<Int64> = []
        let rows = try await tx.query(
            """
            SELECT id, false, changed_by < \(horizon)::xid8 FROM trails WHERE start_logging_time IS NOT NULL
            UNION ALL SELECT id, true, changed_by < \(horizon)::xid8 FROM retired_trails
            """)
        for try await (id, isRetired, isSettled) in rows.decode((Int64, Bool, Bool).self) {
            if isRetired { retired.insert(id) }
            if isSettled { settled.insert(id) }
        }
        return (all, retired, settled)
    }

    /// Once delivery has written a retired trail's last events and final digest.
    package func forgetRetired(_ id: Int64) async throws {
        try await tx.query("DELETE FROM retired_trails WHERE id = \(id)")
        try await tx.query("DELETE FROM trail_log_files WHERE trail_id = \(id)")
        try await tx.query("DELETE FROM trail_digest_chains WHERE trail_id = \(id)")
        try await tx.query("DELETE FROM trail_delivery_backlog WHERE trail_id = \(id)")
    }

    /// Re-reads one trail, locking its row for the rest of the transaction.
    package func lock(_ id: Int64) async throws -> TrailRecord? {
        try await records("SELECT \(unescaped: Self.columns) FROM trails WHERE id = \(id) FOR UPDATE").first
    }

    package func insert(
        arn: TrailARN, settings: TrailSettings, organizationId: String?, tags: [TrailTag]
    ) async throws -> TrailRecord {
        let selectors = try JSONColumn.text(TrailEventSelectors.default)
        let rows = try await tx.query(
            """
            INSERT INTO trails (owner_account_id, home_region, name, is_multi_region, organization_id, settings,
                                event_selectors, tags)
            VALUES (\(arn.accountId), \(arn.region), \(arn.name.value), \(settings.isMultiRegionTrail), \(organizationId),
                    \(try JSONColumn.text(settings))::jsonb, \(selectors)::jsonb, \(try JSONColumn.text(tags))::jsonb)
            RETURNING \(unescaped: Self.columns)
            """)
        guard let record = try await decode(rows).first else { throw ServiceError.internalFailure }
        return record
    }

    /// Writes back everything a caller can change on a trail (settings, selectors, tags).
    package func save(_ trail: TrailRecord) async throws {
        try await tx.query(
            """
            UPDATE trails SET is_multi_region = \(trail.settings.isMultiRegionTrail), organization_id = \(trail.organizationId),
                settings = \(try JSONColumn.text(trail.settings))::jsonb, event_selectors = \(try JSONColumn.text(trail.eventSelectors))::jsonb,
                has_custom_event_selectors = \(trail.hasCustomEventSelectors),
                insight_selectors = \(try JSONColumn.text(trail.insightSelectors))::jsonb, tags = \(try JSONColumn.text(trail.tags))::jsonb,
                changed_by = pg_current_xact_id()
            WHERE id = \(trail.id)
            """)
    }

    /// StartLogging / StopLogging: each sets its own time and keeps the other's.
    package func setLogging(_ id: Int64, _ isLogging: Bool, at time: Date) async throws {
        if isLogging {
            try await tx.query(
                "UPDATE trails SET is_logging = true, start_logging_time = \(time), changed_by = pg_current_xact_id() WHERE id = \(id)")
        } else {
            try await tx.query(
                "UPDATE trails SET is_logging = false, stop_logging_time = \(time), changed_by = pg_current_xact_id() WHERE id = \(id)")
        }
    }

    /// GetTrailStatus in one region: the trail's logging state, and what delivery last did in that region.
    package func status(of trail: TrailRecord, in region: String) async throws -> TrailStatus {
        var status = trail.status
        let rows = try await tx.query(
            """
            SELECT latest_delivery_time, latest_delivery_error, latest_delivery_attempt_time, latest_delivery_attempt_succeeded,
                   latest_digest_delivery_time, latest_digest_delivery_error, latest_notification_time, latest_notification_error,
                   latest_notification_attempt_time, latest_notification_attempt_succeeded,
                   latest_cloudwatch_logs_delivery_time, latest_cloudwatch_logs_delivery_error
            FROM trail_delivery_status WHERE trail_id = \(trail.id) AND region = \(region)
            """)
        for try await row in rows {
            let r = row.makeRandomAccess()
            status.latestDeliveryTime = try r["latest_delivery_time"].decode(Date?.self)
            status.latestDeliveryError = try r["latest_delivery_error"].decode(String?.self)
            status.latestDeliveryAttemptTime = try r["latest_delivery_attempt_time"].decode(Date?.self)
            status.latestDeliveryAttemptSucceeded = try r["latest_delivery_attempt_succeeded"].decode(Date?.self)
            status.latestDigestDeliveryTime = try r["latest_digest_delivery_time"].decode(Date?.self)
            status.latestDigestDeliveryError = try r["latest_digest_delivery_error"].decode(String?.self)
            status.latestNotificationTime = try r["latest_notification_time"].decode(Date?.self)
            status.latestNotificationError = try r["latest_notification_error"].decode(String?.self)
            status.latestNotificationAttemptTime = try r["latest_notification_attempt_time"].decode(Date?.self)
            status.latestNotificationAttemptSucceeded = try r["latest_notification_attempt_succeeded"].decode(Date?.self)
            status.latestCloudWatchLogsDeliveryTime = try r["latest_cloudwatch_logs_delivery_time"].decode(Date?.self)
            status.latestCloudWatchLogsDeliveryError = try r["latest_cloudwatch_logs_delivery_error"].decode(String?.self)
        }
        return status
    }

    /// The delivery stage's report of one log-file delivery attempt for a trail in a region: a success sets
    /// the delivery time and clears the error; a failure keeps the last success and records the S3 error code.
    package func recordDelivery(trailId: Int64, region: String, at time: Date, error: String?) async throws {
        try await tx.query(
            """
            INSERT INTO trail_delivery_status AS s (trail_id, region, latest_delivery_attempt_time, latest_delivery_attempt_succeeded,
                                                 latest_delivery_time, latest_delivery_error)
            VALUES (\(trailId), \(region), \(time), CASE WHEN \(error)::text IS NULL THEN \(time)::timestamptz END,
                    CASE WHEN \(error)::text IS NULL THEN \(time)::timestamptz END, \(error))
            ON CONFLICT (trail_id, region) DO UPDATE SET
                latest_delivery_attempt_time = excluded.latest_delivery_attempt_time,
                latest_delivery_attempt_succeeded = coalesce(excluded.latest_delivery_attempt_succeeded, s.latest_delivery_attempt_succeeded),
                latest_delivery_time = coalesce(excluded.latest_delivery_time, s.latest_delivery_time),
                latest_delivery_error = excluded.latest_delivery_error
            """)
    }

    /// A trail that has logged is kept for delivery (retired_trails) until its last events and final digest
    /// are written; logging ends at `time`, the DeleteTrail call's, whose own event is therefore delivered.
    package func delete(_ id: Int64, at time: Date) async throws {
        try await tx.query(
            """
            INSERT INTO retired_trails (id, owner_account_id, home_region, name, is_multi_region, organization_id, settings,
                                        event_selectors, start_logging_time, stop_logging_time)
            SELECT id, owner_account_id, home_region, name, is_multi_region, organization_id, settings, event_selectors,
                   start_logging_time, CASE WHEN is_logging THEN \(time) ELSE stop_logging_time END
            FROM trails WHERE id = \(id) AND start_logging_time IS NOT NULL
            """)
        try await tx.query("DELETE FROM trails WHERE id = \(id)")
    }

    // MARK: Rows

    func records(_ q: PostgresQuery) async throws -> [TrailRecord] {
        try await decode(try await tx.query(q))
    }

    private func decode(_ rows: PostgresRowSequence) async throws -> [TrailRecord] {
        var out: [TrailRecord] = []
        for try await row in rows { out.append(try record(row)) }
        return out
    }

    private func record(_ row: PostgresRow) throws -> TrailRecord {
        let r = row.makeRandomAccess()
        let documents = try TrailDocumentMemo.shared.documents(
            settings: try r["settings"].decode(String.self), eventSelectors: try r["event_selectors"].decode(String.self),
            insightSelectors: try r["insight_selectors"].decode(String.self), tags: try r["tags"].decode(String.self))
        let name = try TrailName.validate(try r["name"].decode(String.self))
        let arn = TrailARN(
            partition: tx.partition, region: try r["home_region"].decode(String.self),
            accountId: try r["owner_account_id"].decode(String.self), name: name)
        let organizationId = try r["organization_id"].decode(String?.self)
        var settings = documents.settings
        settings.isMultiRegionTrail = try r["is_multi_region"].decode(Bool.self)
        settings.isOrganizationTrail = organizationId != nil
        var status = TrailStatus()
        status.isLogging = try r["is_logging"].decode(Bool.self)
        status.startLoggingTime = try r["start_logging_time"].decode(Date?.self)
        status.stopLoggingTime = try r["stop_logging_time"].decode(Date?.self)
        return TrailRecord(
            id: try r["id"].decode(Int64.self), arn: arn, settings: settings, organizationId: organizationId,
            eventSelectors: documents.eventSelectors,
            hasCustomEventSelectors: try r["has_custom_event_selectors"].decode(Bool.self),
            insightSelectors: documents.insightSelectors, tags: documents.tags,
            status: status)
    }
}

/// What TrailRepository.view reads.
package struct TrailView: Sendable {
    package let organizationId: String?
    package let isDelegatedAdministrator: Bool
    package let candidates: [TrailRecord]
}
