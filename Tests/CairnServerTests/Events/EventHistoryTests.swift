import CairnStore
import CairnTestSupport
import Foundation
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
            let record = try #require(try JSONSerialization.jsonObject(with: Data(((first["CloudTrailEvent"] as? String) ?? "").utf8)) as? [String: Any])
            #expect(record["eventName"] as? String == "CreateTrail" && record["eventVersion"] as? String == "1.11")

            let byName = try await server.trailOK(
                "LookupEvents", ["LookupAttributes": [["AttributeKey": "EventName", "AttributeValue": "StartLogging"]]], as: owner)
            #expect(names(byName) == ["StartLogging"])
            let reads = try await server.trailOK(
                "LookupEvents", ["LookupAttributes": [["AttributeKey": "ReadOnly", "AttributeValue": "true"]]], as: owner)
            #expect(names(reads).first == "LookupEvents", "the lookups themselves are read events: \(names(reads))")
            let byResource = try await server.trailOK(
                "LookupEvents",
                ["LookupAttributes": [["AttributeKey": "ResourceName", "AttributeValue": "arn:aws:cloudtrail:us-east-1:\(owner.account):trail/history"]]],
                as: owner)
            #expect(names(byResource) == ["StartLogging", "CreateTrail"])

            // Paging: one at a time, the token bound to the same filters.
            let filter: [String: Any] = ["LookupAttributes": [["AttributeKey": "EventSource", "AttributeValue": "cloudtrail.amazonaws.com"]], "MaxResults": 1]
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
            let r = try await server.send(.get, "/v1/events", query: "eventName=CreateTrail&readOnly=false&username=root", credentials: owner.credentials)
            let events = (server.json(r)["events"] as? [[String: Any]]) ?? []
            #expect(r.status.code == 200 && events.count == 2, "\(server.json(r))")
            #expect((events.first?["cloudTrailEvent"] as? [String: Any])?["errorCode"] as? String == "InvalidTrailNameException")
            #expect(events.first?["readOnly"] as? Bool == false && events.first?["eventTime"] is String)
            let bad = try await server.send(.get, "/v1/events", query: "limit=99", credentials: owner.credentials)
            #expect(server.json(bad)["code"] as? String == "InvalidMaxResultsException")
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
}
