package import Foundation
import PostgresNIO

extension Transaction {
    package var outbox: WebhookOutbox { WebhookOutbox(tx: self) }
}

/// Notifications and stream batches waiting to be posted (migration 0011).
package struct WebhookOutbox: Sendable {
    let tx: Transaction

    package struct Message: Sendable {
        package let id: Int64
        package let trailId: Int64
        package let region: String
        package let kind: String
        package let target: String
        package let body: String
        package let attempts: Int
    }

    package func add(trailId: Int64, region: String, kind: String, target: String, body: String) async throws {
        try await tx.query(
            "INSERT INTO webhook_outbox (trail_id, region, kind, target, body) VALUES (\(trailId), \(region), \(kind), \(target), \(body))")
    }

    /// Due messages, oldest first, locked for this sender; another process's sender skips them.
    package func claimDue(at now: Date, limit: Int) async throws -> [Message] {
        let rows = try await tx.query(
            """
            SELECT id, trail_id, region, kind, target, body, attempts FROM webhook_outbox
            WHERE next_attempt_at <= \(now) ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """)
        var out: [Message] = []
        for try await (id, trail, region, kind, target, body, attempts) in rows.decode((Int64, Int64, String, String, String, String, Int32).self) {
            out.append(Message(id: id, trailId: trail, region: region, kind: kind, target: target, body: body, attempts: Int(attempts)))
        }
        return out
    }

    package func delivered(_ id: Int64) async throws {
        try await tx.query("DELETE FROM webhook_outbox WHERE id = \(id)")
    }

    package func failed(_ id: Int64, error: String, retryAt: Date) async throws {
        try await tx.query(
            "UPDATE webhook_outbox SET attempts = attempts + 1, last_error = \(error), next_attempt_at = \(retryAt) WHERE id = \(id)")
    }

    /// GetTrailStatus' notification and CloudWatch Logs fields, for a trail that still exists.
    package func recordOutcome(trailId: Int64, region: String, kind: String, at time: Date, error: String?) async throws {
        if kind == "notification" {
            try await tx.query(
                """
                INSERT INTO trail_delivery_status AS s (trail_id, region, latest_notification_attempt_time,
                    latest_notification_attempt_succeeded, latest_notification_time, latest_notification_error)
                SELECT \(trailId), \(region), \(time), CASE WHEN \(error)::text IS NULL THEN \(time)::timestamptz END,
                       CASE WHEN \(error)::text IS NULL THEN \(time)::timestamptz END, \(error)
                WHERE EXISTS (SELECT 1 FROM trails WHERE id = \(trailId))
                ON CONFLICT (trail_id, region) DO UPDATE SET
                    latest_notification_attempt_time = excluded.latest_notification_attempt_time,
                    latest_notification_attempt_succeeded = coalesce(excluded.latest_notification_attempt_succeeded, s.latest_notification_attempt_succeeded),
                    latest_notification_time = coalesce(excluded.latest_notification_time, s.latest_notification_time),
                    latest_notification_error = excluded.latest_notification_error
                """)
        } else {
            try await tx.query(
                """
                INSERT INTO trail_delivery_status AS s (trail_id, region, latest_cloudwatch_logs_delivery_time, latest_cloudwatch_logs_delivery_error)
                SELECT \(trailId), \(region), CASE WHEN \(error)::text IS NULL THEN \(time)::timestamptz END, \(error)
                WHERE EXISTS (SELECT 1 FROM trails WHERE id = \(trailId))
                ON CONFLICT (trail_id, region) DO UPDATE SET
                    latest_cloudwatch_logs_delivery_time = coalesce(excluded.latest_cloudwatch_logs_delivery_time, s.latest_cloudwatch_logs_delivery_time),
                    latest_cloudwatch_logs_delivery_error = excluded.latest_cloudwatch_logs_delivery_error
                """)
        }
    }
}
