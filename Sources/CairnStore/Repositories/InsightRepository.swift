package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var insights: InsightRepository { InsightRepository(tx: self) }
}

/// CloudTrail Insights' state: per-bucket call counts, the Insights under way, and the evaluator's progress.
package struct InsightRepository: Sendable {
    let tx: Transaction

    /// One bucket's calls of one API (and error code; "" for none) in one account and region.
    package struct Count: Sendable, Equatable {
        package let account: String
        package let region: String
        package let eventSource: String
        package let eventName: String
        package let errorCode: String
        package let calls: Int
        package let writes: Int
    }

    /// An Insight under way.
    package struct Open: Sendable, Equatable {
        package let id: UUID
        package let account: String
        package let region: String
        package let kind: InsightKind
        package let eventSource: String
        package let eventName: String
        package let errorCode: String
        package let startedAt: Date
        package let baselineAverage: Double
        package let baselineMinutes: Int

        package init(
            id: UUID, account: String, region: String, kind: InsightKind, eventSource: String, eventName: String, errorCode: String,
            startedAt: Date, baselineAverage: Double, baselineMinutes: Int
        ) {
            (self.id, self.account, self.region, self.kind, self.eventSource) = (id, account, region, kind, eventSource)
            (self.eventName, self.errorCode, self.startedAt, self.baselineAverage, self.baselineMinutes) =
                (eventName, errorCode, startedAt, baselineAverage, baselineMinutes)
        }
    }

    /// The end of the last evaluated bucket, locked for this transaction: one evaluator at a time.
    package func lockProgress() async throws -> Date {
        for try await t in try await tx.query("SELECT evaluated_through FROM insight_progress FOR UPDATE").decode(Date.self) { return t }
        return Date()
    }

    package func setProgress(_ time: Date) async throws {
        try await tx.query("UPDATE insight_progress SET evaluated_through = \(time)")
    }

    /// Recounts the buckets in `[from, to)` from the event log (management events; an event's bucket starts at a
    /// multiple of `interval` seconds since the epoch).
    package func recount(from: Date, to: Date, interval: Int) async throws {
        try await tx.query("DELETE FROM insight_counts WHERE bucket >= \(from) AND bucket < \(to)")
        try await tx.query(
            """
            INSERT INTO insight_counts (account_id, region, event_source, event_name, error_code, bucket, calls, writes)
            SELECT account_id, region, event_source, event_name, coalesce(error_code, ''),
                   to_timestamp(floor(extract(epoch FROM event_time) / \(interval)) * \(interval)), count(*),
                   count(*) FILTER (WHERE NOT read_only)
            FROM events
            WHERE event_category = 'Management' AND event_time >= \(from) AND event_time < \(to)
            GROUP BY 1, 2, 3, 4, 5, 6
            """)
    }

    /// Counts older than ListInsightsMetricData's longest reach (90 days) are dropped.
    package func purgeCounts(before time: Date) async throws {
        try await tx.query("DELETE FROM insight_counts WHERE bucket < \(time)")
    }

    /// Every API's calls in one bucket.
    package func counts(bucket: Date) async throws -> [Count] {
        var out: [Count] = []
        let rows = try await tx.query(
            """
            SELECT account_id, region, event_source, event_name, error_code, calls, writes FROM insight_counts WHERE bucket = \(bucket)
            """)
        for try await (a, r, s, n, e, c, w) in rows.decode((String, String, String, String, String, Int, Int).self) {
            out.append(Count(account: a, region: r, eventSource: s, eventName: n, errorCode: e, calls: c, writes: w))
        }
        return out
    }

    /// The calls an Insight of `kind` counts for one API over `[from, to)`: writes for call rate, calls with the
    /// error code for error rate.
    package func total(
        account: String, region: String, eventSource: String, eventName: String, kind: InsightKind, errorCode: String, from: Date, to: Date
    ) async throws -> Int {
        let rows = try await tx.query(
            """
            SELECT coalesce(sum(CASE WHEN \(kind.rawValue) = 'ApiCallRateInsight' THEN writes ELSE calls END), 0)::int8
            FROM insight_counts
            WHERE account_id = \(account) AND region = \(region) AND event_source = \(eventSource) AND event_name = \(eventName)
              AND (\(kind.rawValue) = 'ApiCallRateInsight' OR error_code = \(errorCode))
              AND bucket >= \(from) AND bucket < \(to)
            """)
        for try await n in rows.decode(Int.self) { return n }
        return 0
    }

    /// Per-bucket counts of one API over `[from, to)`, oldest first (ListInsightsMetricData).
    package func series(
        account: String, region: String, eventSource: String, eventName: String, kind: InsightKind, errorCode: String, from: Date, to: Date
    ) async throws -> [(bucket: Date, count: Int)] {
        let rows = try await tx.query(
            """
            SELECT bucket, sum(CASE WHEN \(kind.rawValue) = 'ApiCallRateInsight' THEN writes ELSE calls END)::int8
            FROM insight_counts
            WHERE account_id = \(account) AND region = \(region) AND event_source = \(eventSource) AND event_name = \(eventName)
              AND (\(kind.rawValue) = 'ApiCallRateInsight' OR error_code = \(errorCode))
              AND bucket >= \(from) AND bucket < \(to)
            GROUP BY bucket ORDER BY bucket
            """)
        var out: [(bucket: Date, count: Int)] = []
        for try await (b, n) in rows.decode((Date, Int).self) { out.append((b, n)) }
        return out
    }

    package func openInsights() async throws -> [Open] {
        var out: [Open] = []
        let rows = try await tx.query(
            """
            SELECT id, account_id, region, insight_type, event_source, event_name, error_code, started_at, baseline_average, baseline_minutes
            FROM insights WHERE ended_at IS NULL
            """)
        for try await (id, a, r, t, s, n, e, started, baseline, minutes) in rows.decode(
            (UUID, String, String, String, String, String, String, Date, Double, Int).self)
        {
            guard let kind = InsightKind(rawValue: t) else { continue }
            out.append(
                Open(
                    id: id, account: a, region: r, kind: kind, eventSource: s, eventName: n, errorCode: e, startedAt: started,
                    baselineAverage: baseline, baselineMinutes: minutes))
        }
        return out
    }

    package func start(_ o: Open, startAverage: Double) async throws {
        try await tx.query(
            """
            INSERT INTO insights (id, account_id, region, insight_type, event_source, event_name, error_code, started_at,
                                  baseline_average, start_average, baseline_minutes)
            VALUES (\(o.id), \(o.account), \(o.region), \(o.kind.rawValue), \(o.eventSource), \(o.eventName), \(o.errorCode), \(o.startedAt),
                    \(o.baselineAverage), \(startAverage), \(o.baselineMinutes))
            """)
    }

    package func end(_ id: UUID, at time: Date) async throws {
        try await tx.query("UPDATE insights SET ended_at = \(time) WHERE id = \(id) AND ended_at IS NULL")
    }

    /// Calls per value of each attribution attribute (role sessions counted per role) over `[from, to)`.
    package func attributions(
        account: String, region: String, eventSource: String, eventName: String, kind: InsightKind, errorCode: String, from: Date, to: Date
    ) async throws -> (identities: [String: Int], agents: [String: Int], errors: [String: Int]) {
        let rows = try await tx.query(
            """
            SELECT coalesce(record->'userIdentity'->>'arn', record->'userIdentity'->>'principalId', ''),
                   coalesce(record->>'userAgent', ''), coalesce(error_code, 'null'), count(*)::int8
            FROM events
            WHERE account_id = \(account) AND region = \(region) AND event_name = \(eventName) AND event_source = \(eventSource)
              AND event_category = 'Management' AND event_time >= \(from) AND event_time < \(to)
              AND (\(kind.rawValue) = 'ApiErrorRateInsight' OR NOT read_only)
              AND (\(kind.rawValue) = 'ApiCallRateInsight' OR error_code = \(errorCode))
            GROUP BY 1, 2, 3
            """)
        var identities: [String: Int] = [:]
        var agents: [String: Int] = [:]
        var errors: [String: Int] = [:]
        for try await (arn, agent, error, n) in rows.decode((String, String, String, Int).self) {
            identities[InsightAttribution.identity(arn), default: 0] += n
            agents[agent, default: 0] += n
            errors[error, default: 0] += n
        }
        return (identities, agents, errors)
    }

    /// Stores an Insights event in the event log, where event history, ListInsightsData and delivery read it.
    package func record(_ r: InsightRecord) async throws {
        try await tx.events.insert([
            EventRepository.EventRow(
                id: r.eventId, time: r.time, account: r.account, region: r.region, source: r.eventSource, name: r.eventName, readOnly: false,
                username: nil, accessKeyId: nil, category: "Insight", errorCode: r.errorCode, resourceTypes: [], resourceNames: [],
                record: r.json.text)
        ])
    }
}
