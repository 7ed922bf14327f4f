package import CairnCore
import Foundation
import PostgresNIO

extension Transaction {
    package var delivery: DeliveryRepository { DeliveryRepository(tx: self) }
}

/// What trail delivery reads and writes: its progress through the event log, the log files it delivered,
/// the trails' digest chains, and the events a trail still owes its bucket.
///
/// Progress is counted in transaction ids (see migration 0010): a pass takes the events inserted by every
/// transaction between the last pass's horizon and the oldest transaction still running, all of which have
/// finished, so no late commit is ever passed over.
package struct DeliveryRepository: Sendable {
    let tx: Transaction

    /// The oldest transaction still running (pg_snapshot_xmin): every transaction below it has committed or
    /// rolled back. Must be read before the events, in its own statement, so those events' snapshot is newer.
    package func finishedHorizon() async throws -> String {
        for try await x in try await tx.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").decode(String.self) { return x }
        throw DeliveryStoreError.noHorizon
    }

    /// Locks the progress row for this pass; nil when another process's pass holds it (that pass delivers).
    package func claimProgress() async throws -> String? {
        let rows = try await tx.query("SELECT delivered_before::text FROM delivery_progress FOR UPDATE SKIP LOCKED")
        for try await x in rows.decode(String.self) { return x }
        return nil
    }

    package func advanceProgress(to horizon: String) async throws {
        try await tx.query("UPDATE delivery_progress SET delivered_before = \(horizon)::xid8")
    }

    /// Events inserted by transactions in [from, before), in commit-id then time order, at most `limit` plus
    /// the rest of the last transaction reached (a transaction's events are never split across passes). The
    /// second value is where the next pass starts.
    package func events(from: String, before: String, limit: Int) async throws -> (events: [PendingEvent], next: String) {
        let rows = try await tx.query(
            """
            WITH cut AS (
                SELECT coalesce(max(t.inserted_by), \(before)::xid8) AS upto, count(*) AS n FROM (
                    SELECT inserted_by FROM events
                    WHERE inserted_by >= \(from)::xid8 AND inserted_by < \(before)::xid8
                    ORDER BY inserted_by LIMIT \(limit)) t
            )
            SELECT e.event_id, e.event_time, e.account_id, e.region, e.event_category, e.event_source, e.event_name,
                   e.read_only, e.error_code, e.record->>'eventType', e.record->'userIdentity'->>'arn',
                   e.record->>'sessionCredentialFromConsole', e.record->>'vpcEndpointId',
                   CASE WHEN e.record ? 'resources' THEN (e.record->'resources')::text END, e.record::text,
                   CASE WHEN cut.n < \(limit) THEN \(before)::text ELSE (cut.upto::text::bigint + 1)::text END
            FROM cut JOIN events e ON e.inserted_by >= \(from)::xid8 AND e.inserted_by < \(before)::xid8
                                   AND (cut.n < \(limit) OR e.inserted_by <= cut.upto)
            ORDER BY e.inserted_by, e.event_time, e.event_id
            """)
        var out: [PendingEvent] = []
        var next = before
        for try await (
            id, time, account, region, category, source, name, readOnly, errorCode, eventType, userArn, console, vpce, resources, record, horizon
        )
            in rows.decode(
                (UUID, Date, String, String, String, String, String, Bool, String?, String?, String?, String?, String?, String?, String, String).self)
        {
            out.append(
                Self.pending(
                    id, time, account, region, category, source, name, readOnly, errorCode, eventType, userArn, console, vpce, resources, record))
            next = horizon
        }
        return (out, next)
    }

    /// The events a trail still owes, oldest first.
    package func backlog(trailId: Int64, limit: Int) async throws -> [PendingEvent] {
        let rows = try await tx.query(
            """
            SELECT e.event_id, e.event_time, e.account_id, e.region, e.event_category, e.event_source, e.event_name,
                   e.read_only, e.error_code, e.record->>'eventType', e.record->'userIdentity'->>'arn',
                   e.record->>'sessionCredentialFromConsole', e.record->>'vpcEndpointId',
                   CASE WHEN e.record ? 'resources' THEN (e.record->'resources')::text END, e.record::text
            FROM trail_delivery_backlog b JOIN events e ON e.event_id = b.event_id AND e.event_time = b.event_time
            WHERE b.trail_id = \(trailId) ORDER BY e.event_time, e.event_id LIMIT \(limit)
            """)
        var out: [PendingEvent] = []
        for try await (id, time, account, region, category, source, name, readOnly, errorCode, eventType, userArn, console, vpce, resources, record)
            in rows.decode(
                (UUID, Date, String, String, String, String, String, Bool, String?, String?, String?, String?, String?, String?, String).self)
        {
            out.append(
                Self.pending(
                    id, time, account, region, category, source, name, readOnly, errorCode, eventType, userArn, console, vpce, resources, record))
        }
        return out
    }

    /// Trails with a backlog, so a pass knows whom to retry.
    package func trailsWithBacklog() async throws -> Set<Int64> {
        var out: Set<Int64> = []
        for try await id in try await tx.query("SELECT DISTINCT trail_id FROM trail_delivery_backlog").decode(Int64.self) { out.insert(id) }
        return out
    }

    package func addBacklog(trailId: Int64, _ events: [PendingEvent]) async throws {
        guard !events.isEmpty else { return }
        try await tx.query(
            """
            INSERT INTO trail_delivery_backlog (trail_id, event_id, event_time)
            SELECT \(trailId), u.id, u.t FROM unnest(\(events.map(\.eventId))::uuid[], \(events.map(\.time))::timestamptz[]) AS u(id, t)
            ON CONFLICT DO NOTHING
            """)
    }

    package func removeBacklog(trailId: Int64, _ events: [PendingEvent]) async throws {
        guard !events.isEmpty else { return }
        try await tx.query(
            "DELETE FROM trail_delivery_backlog WHERE trail_id = \(trailId) AND event_id = ANY(\(events.map(\.eventId))::uuid[])")
    }

    /// The accounts of each organization (for organization trails).
    package func members(of organizations: Set<String>) async throws -> [String: Set<String>] {
        guard !organizations.isEmpty else { return [:] }
        var out: [String: Set<String>] = [:]
        let rows = try await tx.query(
            """
            SELECT organization_id, account_id FROM organization_members WHERE organization_id = ANY(\(Array(organizations))::text[])
            UNION SELECT id, management_account_id FROM organizations WHERE id = ANY(\(Array(organizations))::text[])
            """)
        for try await (org, account) in rows.decode((String, String).self) { out[org, default: []].insert(account) }
        return out
    }

    private static func pending(
        _ id: UUID, _ time: Date, _ account: String, _ region: String, _ category: String, _ source: String, _ name: String,
        _ readOnly: Bool, _ errorCode: String?, _ eventType: String?, _ userArn: String?, _ console: String?, _ vpce: String?,
        _ resourcesJSON: String?, _ record: String
    ) -> PendingEvent {
        var resources: [TrailEventFacts.Resource] = []
        if let resourcesJSON, let list = try? JSONDecoder().decode([StoredResource].self, from: Data(resourcesJSON.utf8)) {
            resources = list.compactMap { r in r.ARN.map { TrailEventFacts.Resource(type: r.type ?? "", arn: $0) } }
        }
        let facts = TrailEventFacts(
            eventCategory: category, eventSource: source, eventName: name, readOnly: readOnly, eventType: eventType,
            resources: resources, sessionCredentialFromConsole: console == "true", userIdentityArn: userArn,
            errorCode: errorCode, vpcEndpointId: vpce)
        return PendingEvent(eventId: id, time: time, accountId: account, region: region, facts: facts, recordJSON: record)
    }

    private struct StoredResource: Decodable {
        let ARN: String?
        let type: String?
    }
}

package enum DeliveryStoreError: Error {
    case noHorizon
}
