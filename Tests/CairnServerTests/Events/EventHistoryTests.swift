import CairnStore
import CairnTestSupport
import Foundation
import HTTPTypes
import Logging
import PostgresNIO
import Testing

/// Event history: LookupEvents on the CloudTrail door and `GET /v1/events`, over the events every call records.
@Suite struct EventHistoryTests {
    func names(_ out: [String: Any]) -> [String] {
        ((out["Events"] as? [[String: Any]]) ?? []).compactMap { $0["EventName"] as? String }
    }

    @Test func lookupEventsFindsEachCallNewestFirstByAttributeAndPages() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            try await server.trailOK("CreateTrail", ["Name": "history", "S3BucketName": "history-logs"], as: owner)
            try await server.trailOK("StartLogging", ["Name": "history"], as: owner)
            try await server.trailRefused("GetTrail", ["Name": "missing"], as: owner, "TrailNotFoundException")
            let all = try await server.trailOK("LookupEvents", [:], as: owner)
            #expect(names(all) == ["GetTrail", "StartLogging", "CreateTrail"], "\(names(all))")
            let first = try #require((all["Events"] as? [[String: Any]])?.last)
            #expect(first["ReadOnly"] as? String == "false" && first["Username"] as? String == "root" && first["EventTime"] is Double)
            #expect(first["AccessKeyId"] as? String == owner.credentials.accessKeyId)
            let resource = try #require((first["Resources"] as? [[String: Any]])?.first)
            #expect(resource["ResourceType"] as? String == "AWS::CloudTrail::Trail")
            let record = try #require(
                try JSONSerialization.jsonObject(with: Data(((first["CloudTrailEvent"] as? String) ?? "").utf8)) as? [String: Any])
            #expect(record["eventName"] as? String == "CreateTrail" && record["eventVersion"] as? String == "1.11")

            let byName = try await server.trailOK(
                "LookupEvents", ["LookupAttributes": [["AttributeKey": "EventName", "AttributeValue": "StartLogging"]]], as: owner)
            #expect(names(byName) == ["StartLogging"])
            let reads = try await server.trailOK(
                "LookupEvents", ["LookupAttributes": [["AttributeKey": "ReadOnly", "AttributeValue": "true"]]], as: owner)
            #expect(names(reads).first == "LookupEvents", "the lookups themselves are read events: \(names(reads))")
            let byResource = try await server.trailOK(
                "LookupEvents",
                [
                    "LookupAttributes": [
                        ["AttributeKey": "ResourceName", "AttributeValue": "arn:aws:cloudtrail:us-east-1:\(owner.account):trail/history"]
                    ]
                ],
                as: owner)
            #expect(names(byResource) == ["StartLogging", "CreateTrail"])

            // Paging: one at a time, the token bound to the same filters.
            let filter: [String: Any] = [
                "LookupAttributes": [["AttributeKey": "EventSource", "AttributeValue": "cloudtrail.amazonaws.com"]], "MaxResults": 1,
            ]
            var seen: [String] = []
            var token: String? = nil
            repeat {
                var body = filter
                if let token { body["NextToken"] = token }
                let page = try await server.trailOK("LookupEvents", body, as: owner)
                seen += names(page)
                token = page["NextToken"] as? String
            } while token != nil && seen.count < 20
            #expect(Array(seen.suffix(3)) == ["GetTrail", "StartLogging", "CreateTrail"], "\(seen)")
            let one = try await server.trailOK("LookupEvents", filter, as: owner)
            let other = try #require(one["NextToken"] as? String)
            try await server.trailRefused(
                "LookupEvents", ["MaxResults": 1, "NextToken": other], as: owner, "InvalidNextTokenException")

            // Another account's history is its own.
            let stranger = try await server.createTenant("stranger")
            #expect(names(try await server.trailOK("LookupEvents", [:], as: stranger)).isEmpty)
            // Another region's history is that region's.
            #expect(!names(try await server.trailOK("LookupEvents", [:], as: owner, region: "eu-west-1")).contains("CreateTrail"))
        }
    }

    @Test func lookupEventsRefusesBadInputWithAWSsExceptions() async throws {
        try await withTestServer { server in
            try await server.trailRefused("LookupEvents", ["MaxResults": 0], "InvalidMaxResultsException")
            try await server.trailRefused("LookupEvents", ["MaxResults": 51], "InvalidMaxResultsException")
            try await server.trailRefused("LookupEvents", ["StartTime": 2_000_000_000, "EndTime": 1_000_000_000], "InvalidTimeRangeException")
            try await server.trailRefused("LookupEvents", ["EventCategory": "Management"], "InvalidEventCategoryException")
            try await server.trailRefused(
                "LookupEvents", ["LookupAttributes": [["AttributeKey": "Color", "AttributeValue": "x"]]], "InvalidLookupAttributesException")
            try await server.trailRefused(
                "LookupEvents", ["LookupAttributes": [["AttributeKey": "EventName", "AttributeValue": ""]]], "InvalidLookupAttributesException")
            try await server.trailRefused(
                "LookupEvents", ["LookupAttributes": [["AttributeKey": "EventName", "AttributeValue": String(repeating: "_", count: 1001)]]],
                "InvalidLookupAttributesException")
            try await server.trailRefused("LookupEvents", ["NextToken": "not-a-token"], "InvalidNextTokenException")
            // Instants no timestamp can hold are answered, never a crash: outside the 90 days nothing matches.
            #expect(names(try await server.trailOK("LookupEvents", ["StartTime": 1e20])).isEmpty)
            #expect(names(try await server.trailOK("LookupEvents", ["EndTime": -1e20])).isEmpty)
            let forged = Data("x:1e20:\(UUID().uuidString)".utf8).base64EncodedString()
            try await server.trailRefused("LookupEvents", ["NextToken": forged], "InvalidNextTokenException")
            let insights = try await server.trailOK("LookupEvents", ["EventCategory": "insight"])
            #expect(names(insights).isEmpty)
        }
    }

    @Test func restEventHistoryCombinesAttributes() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            try await server.trailOK("CreateTrail", ["Name": "one", "S3BucketName": "history-logs"], as: owner)
            try await server.trailRefused("CreateTrail", ["Name": "x", "S3BucketName": "history-logs"], as: owner, "InvalidTrailNameException")
            let r = try await server.send(
                .get, "/v1/events", query: "eventName=CreateTrail&readOnly=false&username=root", credentials: owner.credentials)
            let events = (server.json(r)["events"] as? [[String: Any]]) ?? []
            #expect(r.status.code == 200 && events.count == 2, "\(server.json(r))")
            #expect((events.first?["cloudTrailEvent"] as? [String: Any])?["errorCode"] as? String == "InvalidTrailNameException")
            #expect(events.first?["readOnly"] as? Bool == false && events.first?["eventTime"] is String)
            let bad = try await server.send(.get, "/v1/events", query: "limit=99", credentials: owner.credentials)
            #expect(server.json(bad)["code"] as? String == "InvalidMaxResultsException")
        }
    }

    @Test func restExportsAFilteredRangeAsJSONLinesOrCSVAndContinuesWithItsToken() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            for name in ["one", "two", "three"] {
                try await server.trailOK("CreateTrail", ["Name": name, "S3BucketName": "export-logs"], as: owner)
            }
            try await server.trailRefused("CreateTrail", ["Name": "x,y", "S3BucketName": "export-logs"], as: owner, "InvalidTrailNameException")
            // JSON lines: every CreateTrail record, newest first, one per line.
            let lines = try await server.send(.get, "/v1/events/export", query: "eventName=CreateTrail", credentials: owner.credentials)
            #expect(lines.status.code == 200 && lines.headers[.contentType] == "application/x-ndjson")
            let records = String(buffer: lines.body).split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(records.count == 4 && records.allSatisfy { $0["eventName"] as? String == "CreateTrail" && $0["eventID"] is String })
            #expect(records.first?["errorCode"] as? String == "InvalidTrailNameException")
            // CSV: a header, one row per event, the comma in the refused name quoted.
            let csv = try await server.send(.get, "/v1/events/export", query: "eventName=CreateTrail&format=csv", credentials: owner.credentials)
            #expect(csv.status.code == 200 && csv.headers[.contentType] == "text/csv")
            let rows = String(buffer: csv.body).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(
                rows.first == "eventTime,eventID,eventSource,eventName,awsRegion,readOnly,username,accessKeyId,sourceIPAddress,errorCode,resources")
            #expect(rows.count == 5 && rows.dropFirst().allSatisfy { $0.contains(",cloudtrail.amazonaws.com,CreateTrail,us-east-1,false,root,") })
            // A limit and the token: two, then the other two, none twice.
            let first = try await server.send(.get, "/v1/events/export", query: "eventName=CreateTrail&limit=2", credentials: owner.credentials)
            let token = try #require(first.headers[HTTPField.Name("Cairn-Next-Token")!])
            #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, "the token is URL-safe as sent: \(token)")
            let encoded = token
            let rest = try await server.send(
                .get, "/v1/events/export", query: "eventName=CreateTrail&limit=2&nextToken=\(encoded)", credentials: owner.credentials)
            #expect(rest.headers[HTTPField.Name("Cairn-Next-Token")!] == nil)
            let ids = (String(buffer: first.body) + String(buffer: rest.body)).split(separator: "\n")
                .compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["eventID"] as? String }
            #expect(ids.count == 4 && Set(ids).count == 4, "\(rest.status) \(String(buffer: rest.body)) \(String(buffer: first.body).count)")
            // Bad input: the field is named and nothing is exported.
            let tooMany = try await server.send(.get, "/v1/events/export", query: "limit=10001", credentials: owner.credentials)
            #expect(tooMany.status.code == 400 && server.json(tooMany)["code"] as? String == "InvalidMaxResultsException")
            let format = try await server.send(.get, "/v1/events/export", query: "format=xml", credentials: owner.credentials)
            #expect(format.status.code == 400)
            let foreign = try await server.send(
                .get, "/v1/events/export", query: "eventName=DeleteTrail&nextToken=\(encoded)", credentials: owner.credentials)
            #expect(server.json(foreign)["code"] as? String == "InvalidNextTokenException")
        }
    }

    @Test func eventsAreAppendOnlyInTheDatabase() async throws {
        try await withTestServer { server in
            try await server.trailOK("DescribeTrails")
            for sql in ["UPDATE events SET event_name = 'Forged'", "DELETE FROM events", "TRUNCATE events"] {
                await #expect(throws: (any Error).self, "\(sql) must be refused") {
                    try await server.store.transaction(logger: Logger(label: "t")) { tx in try await tx.query(PostgresQuery(unsafeSQL: sql)) }
                }
            }
            let count = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 10).count
            }
            #expect(count >= 1)
        }
    }

    /// The role `cairn serve` works as (migration 0012): it reads and inserts events, never updates, deletes or
    /// truncates them (by privilege, not only by trigger), on the parent table and on every partition, including
    /// one made later through cairn_ensure_event_partitions, which it may call.
    @Test func theServiceRoleMayInsertAndReadEventsButNeverChangeThem() async throws {
        try await withTestServer { server in
            try await server.trailOK("DescribeTrails")
            func asService(_ sql: String) async throws {
                try await server.store.transaction(logger: Logger(label: "t")) { tx in
                    try await tx.query("SET LOCAL ROLE cairn_service")
                    try await tx.query(PostgresQuery(unsafeSQL: sql))
                }
            }
            try await asService("SELECT count(*) FROM events")
            try await asService("SELECT cairn_ensure_event_partitions((now() AT TIME ZONE 'UTC')::date + 40, 1)")
            let later = try await server.store.read(logger: Logger(label: "t")) { tx in
                var name = ""
                for try await n in try await tx.query(
                    "SELECT 'events_' || to_char((now() AT TIME ZONE 'UTC')::date + 40, 'YYYYMMDD')"
                ).decode(String.self) { name = n }
                return name
            }
            let denied = [
                "UPDATE events SET event_name = 'Forged'", "DELETE FROM events", "TRUNCATE events", "DELETE FROM events_default",
                "UPDATE \(later) SET event_name = 'Forged'", "DELETE FROM \(later)",
            ]
            for sql in denied {
                do {
                    try await asService(sql)
                    Issue.record("\(sql) was allowed for cairn_service")
                } catch {
                    #expect(String(reflecting: error).contains("permission denied"), "\(sql): \(String(reflecting: error))")
                }
            }
            // Everything else it needs: rows of other tables change freely.
            try await asService("UPDATE trails SET tags = tags")
            try await asService("INSERT INTO webhook_outbox (trail_id, region, kind, target, body) VALUES (1, 'us-east-1', 'stream', 'x', '[]')")
        }
    }
}
