import CairnCore
import CairnTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import CairnStore

/// Each event history lookup is planned on the index made for it (migration 0040): a partial index serves only
/// when the statement states its condition, and an ascending index serves newest-first by scanning backwards.
/// History of realistic proportions — mostly reads, few writes, few events with resources — is explained, not
/// timed: which index a plan names does not depend on how busy the machine is.
@Suite struct EventLookupPlanTests {
    let logger = Logger(label: "test")
    let account = "111111111111"

    /// 20,000 events of one account over the last 20 hours: one in 20 a write, one in 100 with a resource, 40 names,
    /// 200 users, 50 access keys, one in 10 from IAM; one in 1,000 an Insights event.
    var fill: String {
        """
        INSERT INTO events (event_id, event_time, account_id, region, event_source, event_name, read_only, username,
                            access_key_id, event_category, resource_types, resource_names, record)
        SELECT gen_random_uuid(), now() - (i * interval '3.6 seconds'), '\(account)', 'eu-west-1',
               CASE WHEN i % 10 = 0 THEN 'iam.amazonaws.com' ELSE 'cloudtrail.amazonaws.com' END,
               'Call' || (i % 40), i % 20 <> 0, 'user-' || (i % 200), 'AKIAPLAN' || (i % 50),
               CASE WHEN i % 1000 = 0 THEN 'Insight' ELSE 'Management' END,
               CASE WHEN i % 100 = 0 THEN ARRAY['AWS::CloudTrail::Trail'] ELSE '{}' END,
               CASE WHEN i % 100 = 0 THEN ARRAY['arn:aws:cloudtrail:eu-west-1:\(account):trail/t-' || (i % 7)] ELSE '{}' END,
               jsonb_build_object('eventName', 'Call' || (i % 40))
        FROM generate_series(1, 20000) AS i
        """
    }

    /// The parent index (as migration 0040 names it) of each index the plan of one lookup scans: the plan's
    /// "Index Name"s (EXPLAIN's JSON form), which name the partitions' own indexes.
    func indexes(
        of attribute: EventLookup.Attribute?, _ value: String = "", insights: Bool = false, in store: Store
    ) async throws -> Set<String> {
        let now = Date()
        let lookup = try EventLookup.forLookupEvents(
            attributes: attribute.map { [($0.rawValue, value)] } ?? [], startTime: nil, endTime: now,
            eventCategory: insights ? "insight" : nil, maxResults: 50, nextToken: nil, now: now)
        let query = EventRepository.windowQuery(
            account: AccountId(account)!, region: "eu-west-1", lookup, from: now - 86_400, to: now, strictUpper: false, limit: 51)
        let (plan, parent) = try await store.read(logger: logger) { tx in
            var plan = ""
            let rows = try await tx.query(PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) " + query.sql, binds: query.binds))
            for try await text in rows.decode(String.self) { plan += text }
            let names = try await tx.query(
                """
                SELECT c.relname, p.relname FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relkind = 'I' AND p.relname LIKE 'events%'
                """)
            var parent: [String: String] = [:]
            for try await (child, name) in names.decode((String, String).self) { parent[child] = name }
            return (plan, parent)
        }
        var used: Set<String> = []
        func visit(_ node: Any) {
            if let object = node as? [String: Any] {
                if let index = object["Index Name"] as? String { used.insert(parent[index] ?? index) }
                object.values.forEach(visit)
            } else if let array = node as? [Any] {
                array.forEach(visit)
            }
        }
        visit(try JSONSerialization.jsonObject(with: Data(plan.utf8)))
        return used
    }

    @Test func eachLookupIsPlannedOnItsOwnIndex() async throws {
        try await withTestStore { store in
            try await store.transaction(logger: logger) { tx in
                try await tx.events.ensurePartitions()
                try await tx.query(PostgresQuery(unsafeSQL: fill))
                try await tx.query("ANALYZE events")
            }
            #expect(try await indexes(of: nil, in: store) == ["events_by_account_time"])
            #expect(try await indexes(of: .eventName, "Call7", in: store) == ["events_by_name"])
            #expect(try await indexes(of: .username, "user-12", in: store) == ["events_by_username"])
            #expect(try await indexes(of: .accessKeyId, "AKIAPLAN3", in: store) == ["events_by_access_key"])
            #expect(try await indexes(of: .eventSource, "iam.amazonaws.com", in: store) == ["events_by_source"])
            #expect(try await indexes(of: .eventId, UUID().uuidString, in: store) == ["events_pkey"])
            #expect(try await indexes(of: .readOnly, "false", in: store) == ["events_writes"])
            #expect(try await indexes(of: .readOnly, "true", in: store) == ["events_by_account_time"])
            #expect(
                try await indexes(of: .resourceName, "arn:aws:cloudtrail:eu-west-1:111111111111:trail/t-3", in: store) == ["events_by_resource_name"])
            #expect(try await indexes(of: .resourceType, "AWS::CloudTrail::Trail", in: store) == ["events_by_resource_type"])
            #expect(try await indexes(of: nil, insights: true, in: store) == ["events_insights"])
        }
    }
}
