import CairnCore
import CairnPolicy
import CairnServer
import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

/// CloudTrail Insights against a live server: real calls, the evaluator run at chosen times over 10-second buckets
/// and a 10-minute baseline, Insights events in event history, ListInsightsData and ListInsightsMetricData, and in
/// the trail's bucket under CloudTrail-Insight/.
@Suite struct InsightEvaluatorTests {
    static let interval = 10
    static let baseline = 600

    func evaluator(_ server: TestServer) -> InsightEvaluator {
        InsightEvaluator(store: server.store, baselineSeconds: Self.baseline, intervalSeconds: Self.interval, logger: Logger(label: "insights"))
    }

    /// A logging trail of `tenant` with both Insights types.
    func insightTrail(_ server: TestServer, _ tenant: Tenant, bucket: String) async throws -> String {
        let arn = try #require(
            try await server.trailOK("CreateTrail", ["Name": "insightful", "S3BucketName": bucket], as: tenant)["TrailARN"] as? String)
        try await server.trailOK(
            "PutInsightSelectors",
            ["TrailName": arn, "InsightSelectors": [["InsightType": "ApiCallRateInsight"], ["InsightType": "ApiErrorRateInsight"]]], as: tenant)
        try await server.trailOK("StartLogging", ["Name": arn], as: tenant)
        return arn
    }

    func bucketStart(_ d: Date) -> Date {
        Date(timeIntervalSince1970: (d.timeIntervalSince1970 / Double(Self.interval)).rounded(.down) * Double(Self.interval))
    }

    /// The times of an account's stored calls of one API.
    func times(_ server: TestServer, _ account: String, _ name: String) async throws -> [Date] {
        try await server.store.read(logger: Logger(label: "t")) { tx in
            var out: [Date] = []
            let rows = try await tx.query(
                "SELECT event_time FROM events WHERE account_id = \(account) AND event_name = \(name) AND event_category = 'Management'")
            for try await t in rows.decode(Date.self) { out.append(t) }
            return out
        }
    }

    /// The usual activity before now: copies of a real record of the API at `count` times spread over the
    /// baseline, counted into buckets as the evaluator keeps them, and the evaluator's progress set to `from`.
    /// Returns the times it stored.
    @discardableResult
    func history(_ server: TestServer, _ account: String, _ name: String, count: Int, before start: Date) async throws -> [Date] {
        try await server.store.transaction(logger: Logger(label: "t")) { tx in
            var template = ""
            for try await text in try await tx.query(
                "SELECT record::text FROM events WHERE account_id = \(account) AND event_name = \(name) LIMIT 1"
            ).decode(String.self) { template = text }
            guard case .object(var record) = JSONValue.parse(template) else { throw CancellationError() }
            var rows: [EventRepository.EventRow] = []
            let from = start.addingTimeInterval(-Double(Self.baseline))
            for i in 0..<count {
                let time = from.addingTimeInterval(Double(i) * Double(Self.baseline - Self.interval) / Double(count))
                let id = UUID()
                record["eventID"] = .string(id.uuidString.lowercased())
                record["eventTime"] = .string(UTCTimestamp.iso8601(time))
                rows.append(
                    EventRepository.EventRow(
                        id: id, time: time, account: account, region: TestServer.region, source: record["eventSource"]?.stringValue ?? "",
                        name: name, readOnly: false, username: "root", accessKeyId: nil, category: "Management", errorCode: nil, resourceTypes: [],
                        resourceNames: [], record: JSONValue.object(record).text))
            }
            try await tx.events.insert(rows)
            try await tx.insights.recount(from: from, to: start, interval: Self.interval)
            try await tx.query("UPDATE insight_progress SET evaluated_through = \(start)")
            return rows.map(\.time)
        }
    }

    /// Moves an API's calls made since `bucket` into that one bucket and recounts. The calls are real; only their
    /// times are gathered, because a busy machine (CI's) may take longer than a 10-second bucket to make 30 of them,
    /// and a burst spread over buckets may start and end its Insight in one pass.
    func gather(_ server: TestServer, _ account: String, _ name: String, into bucket: Date) async throws {
        let time = bucket.addingTimeInterval(Double(Self.interval) / 2)
        let stamp = UTCTimestamp.iso8601(time)
        let through = bucketStart(Date()).addingTimeInterval(Double(Self.interval))
        try await server.store.transaction(logger: Logger(label: "t")) { tx in
            // The events table is append-only through a trigger; the tests connect as the superuser, who may step past it.
            try await tx.query("SET LOCAL session_replication_role = replica")
            try await tx.query(
                """
                UPDATE events SET event_time = \(time), record = jsonb_set(record, '{eventTime}', to_jsonb(\(stamp)::text))
                WHERE account_id = \(account) AND event_name = \(name) AND event_time >= \(bucket)
                """)
            try await tx.insights.recount(from: bucket, to: through, interval: Self.interval)
        }
    }

    func insightEvents(_ server: TestServer, _ tenant: Tenant) async throws -> [[String: Any]] {
        let out = try await server.trailOK("LookupEvents", ["EventCategory": "insight"], as: tenant)
        return (out["Events"] as? [[String: Any]] ?? []).compactMap {
            ($0["CloudTrailEvent"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    @Test func aBurstOfWritesFarAboveTheBaselineStartsAnInsightThatEndsWhenTheRateReturns() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server)
            let tenant = try await server.createTenant("insights")
            let quiet = try await server.createTenant("no-insights")
            let trail = try await insightTrail(server, tenant, bucket: "insight-logs")
            let burstStart = bucketStart(Date()).addingTimeInterval(Double(Self.interval))
            // Wait for a fresh bucket so the whole burst lands after the history.
            try await Task.sleep(for: .seconds(max(0, burstStart.timeIntervalSinceNow)))
            // A few at a time, so the burst lands in one bucket even while the whole suite runs.
            for wave in 0..<6 {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in wave * 5..<(wave + 1) * 5 {
                        group.addTask {
                            try await server.trailOK("AddTags", ["ResourceId": trail, "TagsList": [["Key": "k\(i % 3)", "Value": "v"]]], as: tenant)
                        }
                        group.addTask {
                            _ = try await server.cloudTrail(
                                "AddTags", ["ResourceId": "arn:aws:cloudtrail:us-east-1:\(quiet.account):trail/none"], as: quiet)
                        }
                    }
                    try await group.waitForAll()
                }
            }
            try await gather(server, tenant.account, "AddTags", into: burstStart)
            let usual = try await history(server, tenant.account, "AddTags", count: 60, before: burstStart)
            let burst = try await times(server, tenant.account, "AddTags").filter { $0 >= burstStart }
            #expect(Set(burst.map(bucketStart)) == [burstStart], "the burst lies in one bucket")
            #expect(burst.count == 30)
            let burstEnd = bucketStart(try #require(burst.max())).addingTimeInterval(Double(Self.interval))

            let started = try await evaluator(server).evaluate(now: burstEnd.addingTimeInterval(6))
            #expect(started.started == 1, "\(started)")
            #expect(try await insightEvents(server, quiet).isEmpty, "an account without an Insights trail gets none")
            var events = try await insightEvents(server, tenant)
            let start = try #require(events.first)
            #expect(start["eventType"] as? String == "AwsCloudTrailInsight" && start["eventCategory"] as? String == "Insight")
            #expect(start["userIdentity"] == nil && start["eventName"] == nil, "an Insights record has no identity and no top-level API")
            let details = try #require(start["insightDetails"] as? [String: Any])
            #expect(details["state"] as? String == "Start" && details["insightType"] as? String == "ApiCallRateInsight")
            #expect(details["eventSource"] as? String == "cloudtrail.amazonaws.com" && details["eventName"] as? String == "AddTags")
            let context = try #require(details["insightContext"] as? [String: Any])
            let statistics = try #require(context["statistics"] as? [String: Any])
            // The calls of the 10 minutes before the Insight's bucket, a minute: 60 calls of history, 6 a minute, when the
            // whole burst landed in one bucket; on a busy machine its first calls may spill into the bucket before.
            let insightStart = try #require(UTCTimestamp.parse(start["eventTime"] as? String ?? ""))
            let window = insightStart.addingTimeInterval(-Double(Self.baseline))..<insightStart
            let before = usual.filter(window.contains).count + burst.filter(window.contains).count
            let average = try #require((statistics["baseline"] as? [String: Any])?["average"] as? Double)
            #expect(abs(average - Double(before) / 10) < 1e-9, "\(before) calls before: \(statistics)")
            #expect(((statistics["insight"] as? [String: Any])?["average"] as? Double ?? 0) >= 30, "\(statistics)")
            #expect(statistics["baselineDuration"] as? Int == 10)
            let attributions = try #require(context["attributions"] as? [[String: Any]])
            #expect(attributions.map { $0["attribute"] as! String } == ["userIdentityArn", "userAgent", "errorCode"])
            let identities = (attributions[0]["insight"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
            #expect(identities == ["arn:aws:iam::\(tenant.account):root"])

            // The next bucket is quiet: the Insight ends, paired with its start.
            let ended = try await evaluator(server).evaluate(now: burstEnd.addingTimeInterval(Double(Self.interval) + 6))
            #expect(ended.ended == 1 && ended.started == 0, "\(ended)")
            // The End is stamped with the start of the quiet bucket; history shows nothing later than now.
            try await Task.sleep(for: .seconds(max(0, burstEnd.timeIntervalSinceNow + 1)))
            events = try await insightEvents(server, tenant)
            #expect(events.count == 2)
            let end = try #require(events.first { ($0["insightDetails"] as? [String: Any])?["state"] as? String == "End" })
            #expect(end["sharedEventID"] as? String == start["sharedEventID"] as? String && end["eventID"] as? String != start["eventID"] as? String)
            let endStatistics = ((end["insightDetails"] as? [String: Any])?["insightContext"] as? [String: Any])?["statistics"] as? [String: Any]
            #expect(endStatistics?["insightDuration"] as? Int ?? 0 >= 1)
            // Evaluating again changes nothing: each bucket is evaluated once.
            #expect(try await evaluator(server).evaluate(now: burstEnd.addingTimeInterval(Double(Self.interval) + 6)).bucketsEvaluated == 0)

            // ListInsightsData lists both; a dimension narrows them.
            let listed = try await server.trailOK(
                "ListInsightsData", ["InsightSource": trail, "DataType": "InsightsEvents", "Dimensions": ["EventName": "AddTags"]], as: tenant)
            #expect((listed["Events"] as? [[String: Any]])?.count == 2)
            let none = try await server.trailOK(
                "ListInsightsData", ["InsightSource": trail, "DataType": "InsightsEvents", "Dimensions": ["EventName": "GetTrail"]], as: tenant)
            #expect((none["Events"] as? [[String: Any]])?.isEmpty == true)
            // ListInsightsMetricData: the calls per minute behind it.
            let metrics = try await server.trailOK(
                "ListInsightsMetricData",
                ["EventSource": "cloudtrail.amazonaws.com", "EventName": "AddTags", "InsightType": "ApiCallRateInsight", "Period": 60], as: tenant)
            let values = try #require(metrics["Values"] as? [Double])
            #expect(values.reduce(0, +) == 90, "60 calls of history and 30 of the burst: \(values)")
            #expect((metrics["Timestamps"] as? [Any])?.count == values.count && !values.contains(0))

            // Delivered under CloudTrail-Insight/, to the trail that asked for them.
            try await harness.deliver {
                try await harness.bucket("insight-logs").list(prefix: "").contains { $0.contains("/CloudTrail-Insight/") }
            }
            let keys = try await harness.bucket("insight-logs").list(prefix: "").filter { $0.contains("/CloudTrail-Insight/") }
            #expect(keys.allSatisfy { $0.contains("\(tenant.account)_CloudTrail-Insight_us-east-1_") }, "\(keys)")
            #expect(try await harness.records(in: "insight-logs").values.joined().allSatisfy { $0["eventCategory"] as? String != "Insight" })
        }
    }

    @Test func failingCallsStartAnErrorRateInsightNamingTheirErrorCode() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("errors")
            let trail = try await insightTrail(server, tenant, bucket: "error-insights")
            let burstStart = bucketStart(Date()).addingTimeInterval(Double(Self.interval))
            try await Task.sleep(for: .seconds(max(0, burstStart.timeIntervalSinceNow)))
            for _ in 0..<12 {
                try await server.trailRefused("GetTrail", ["Name": "missing"], as: tenant, "TrailNotFoundException")
            }
            try await gather(server, tenant.account, "GetTrail", into: burstStart)
            try await evaluatorProgress(server, burstStart)
            let burst = try await times(server, tenant.account, "GetTrail")
            let burstEnd = bucketStart(try #require(burst.max())).addingTimeInterval(Double(Self.interval))
            let report = try await evaluator(server).evaluate(now: burstEnd.addingTimeInterval(6))
            #expect(report.started == 1, "reads do not count for call rate; the errors do for error rate: \(report)")
            let events = try await insightEvents(server, tenant)
            let details = try #require(events.first?["insightDetails"] as? [String: Any])
            #expect(details["insightType"] as? String == "ApiErrorRateInsight" && details["errorCode"] as? String == "TrailNotFoundException")
            #expect(details["eventName"] as? String == "GetTrail")

            let metrics = try await server.trailOK(
                "ListInsightsMetricData",
                [
                    "EventSource": "cloudtrail.amazonaws.com", "EventName": "GetTrail", "InsightType": "ApiErrorRateInsight",
                    "ErrorCode": "TrailNotFoundException", "Period": 300, "DataType": "FillWithZeros",
                    "StartTime": burstStart.addingTimeInterval(-900).timeIntervalSince1970,
                ], as: tenant)
            let values = try #require(metrics["Values"] as? [Double])
            #expect(values.reduce(0, +) == 12 && values.contains(0), "empty periods filled: \(values)")
            #expect(metrics["ErrorCode"] as? String == "TrailNotFoundException")
            _ = trail
        }
    }

    @Test func badInsightsRequestsAreRefusedNamingTheMember() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("bad-insights")
            let trail = try #require(
                try await server.trailOK("CreateTrail", ["Name": "plain", "S3BucketName": "plain-logs"], as: tenant)["TrailARN"] as? String)
            let metric: [String: Any] = ["EventSource": "cloudtrail.amazonaws.com", "EventName": "AddTags", "InsightType": "ApiCallRateInsight"]
            for (body, fragment) in [
                (metric.merging(["InsightType": "ApiErrorRateInsight"]) { $1 }, "ErrorCode"),
                (metric.merging(["Period": 120]) { $1 }, "Period"),
                (metric.merging(["DataType": "Zeros"]) { $1 }, "DataType"),
                (metric.merging(["InsightType": "Nope"]) { $1 }, "InsightType"),
                (metric.merging(["MaxResults": 0]) { $1 }, "MaxResults"),
                (["EventName": "AddTags", "InsightType": "ApiCallRateInsight"], "EventSource"),
            ] as [([String: Any], String)] {
                let (status, out) = try await server.cloudTrail("ListInsightsMetricData", body, as: tenant)
                #expect(status == 400 && out["__type"] as? String == "InvalidParameterException", "\(body): \(out)")
                #expect((out["message"] as? String ?? out["Message"] as? String ?? "").contains(fragment), "\(out)")
            }
            // An EndTime far ahead is read as now, so FillWithZeros stays within the hourly points kept (90 days).
            let ahead = try await server.trailOK(
                "ListInsightsMetricData",
                metric.merging(["DataType": "FillWithZeros", "EndTime": 4_102_444_800, "Period": 3_600]) { $1 }, as: tenant)
            #expect(((ahead["Values"] as? [Double])?.count ?? .max) <= 90 * 24 + 1)
            for body in [
                ["InsightSource": trail, "DataType": "InsightsEvents"],  // the trail has no insight selectors
                ["InsightSource": trail, "DataType": "Other"], ["DataType": "InsightsEvents"],
                ["InsightSource": "arn:aws:cloudtrail:us-east-1:111111111111:trail/theirs", "DataType": "InsightsEvents"],
            ] as [[String: Any]] {
                let (status, out) = try await server.cloudTrail("ListInsightsData", body, as: tenant)
                #expect(status == 400 && out["__type"] as? String == "InvalidParameterException", "\(body): \(out)")
            }
        }
    }

    @Test func twoEvaluatorsRacingOverOneBurstStartOneInsight() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("racing")
            _ = try await insightTrail(server, tenant, bucket: "racing-logs")
            let burstStart = bucketStart(Date()).addingTimeInterval(Double(Self.interval))
            try await Task.sleep(for: .seconds(max(0, burstStart.timeIntervalSinceNow)))
            // At once, so the burst lands in one bucket even on a busy machine.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await server.trailRefused("GetTrail", ["Name": "missing"], as: tenant, "TrailNotFoundException") }
                }
                try await group.waitForAll()
            }
            try await gather(server, tenant.account, "GetTrail", into: burstStart)
            try await evaluatorProgress(server, burstStart)
            let burst = try await times(server, tenant.account, "GetTrail")
            let burstEnd = bucketStart(try #require(burst.max())).addingTimeInterval(Double(Self.interval))
            // Two processes' passes at once: the progress row serialises them, the second finds nothing left to do.
            let reports = try await withThrowingTaskGroup(of: InsightEvaluator.Report.self) { group in
                for _ in 0..<2 { group.addTask { try await evaluator(server).evaluate(now: burstEnd.addingTimeInterval(6)) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.map(\.started).reduce(0, +) == 1, "\(reports)")
            #expect(reports.contains { $0.bucketsEvaluated == 0 }, "\(reports)")
            let open = try await server.store.read(logger: Logger(label: "t")) { tx in try await tx.insights.openInsights() }
            #expect(open.count == 1, "\(open)")
        }
    }

    func evaluatorProgress(_ server: TestServer, _ time: Date) async throws {
        _ = try await server.store.transaction(logger: Logger(label: "t")) { tx in
            try await tx.query("UPDATE insight_progress SET evaluated_through = \(time)")
        }
    }
}
