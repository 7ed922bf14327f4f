import CairnCore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnServer

/// Insights on an event data store (PutInsightSelectors with EventDataStore and InsightsDestination): the source
/// store's accounts get Insights without any trail asking, and the Insights store reads them.
@Suite struct LakeInsightsTests {
    let insights = InsightEvaluatorTests()
    let lake = LakeQueryTests()
    var insightStore: [String: Any] { ["AdvancedEventSelectors": [["FieldSelectors": [["Field": "eventCategory", "Equals": ["Insight"]]]]]] }

    @Test func aSourceStoreGetsInsightsIntoItsDestinationWithoutATrail() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("store-insights")
            let (source, _) = try await lake.store(server, owner)
            let (destination, destinationId) = try await lake.store(server, owner, insightStore)
            let selectors = [["InsightType": "ApiCallRateInsight"]]

            // What is refused, changing nothing.
            try await server.trailRefused(
                "PutInsightSelectors", ["EventDataStore": source, "InsightSelectors": selectors], as: owner, "InvalidParameterCombinationException")
            try await server.trailRefused(
                "PutInsightSelectors",
                ["TrailName": "t", "EventDataStore": source, "InsightsDestination": destination, "InsightSelectors": selectors], as: owner,
                "InvalidParameterCombinationException")
            try await server.trailRefused(
                "PutInsightSelectors", ["EventDataStore": source, "InsightsDestination": source, "InsightSelectors": selectors], as: owner,
                "InvalidParameterException")
            try await server.trailRefused(
                "PutInsightSelectors",
                [
                    "EventDataStore": source, "InsightsDestination": destination,
                    "InsightSelectors": [["InsightType": "ApiCallRateInsight", "EventCategories": ["Data"]]],
                ], as: owner, "InvalidInsightSelectorsException")
            try await server.trailRefused("GetInsightSelectors", ["EventDataStore": source], as: owner, "InsightNotEnabledException")

            let put = try await server.trailOK(
                "PutInsightSelectors", ["EventDataStore": source, "InsightsDestination": destinationId, "InsightSelectors": selectors], as: owner)
            #expect(put["EventDataStoreArn"] as? String == source && put["InsightsDestination"] as? String == destination, "\(put)")
            #expect(put["TrailARN"] == nil)
            let got = try await server.trailOK("GetInsightSelectors", ["EventDataStore": source], as: owner)
            #expect((got["InsightSelectors"] as? [[String: Any]])?.first?["InsightType"] as? String == "ApiCallRateInsight")

            // A burst of writes far above the usual rate: an Insight for the account, though no trail asks for one.
            let trail = try #require(
                try await server.trailOK("CreateTrail", ["Name": "plain", "S3BucketName": "plain-logs"], as: owner)["TrailARN"] as? String)
            let burstStart = insights.bucketStart(Date()).addingTimeInterval(Double(InsightEvaluatorTests.interval))
            try await Task.sleep(for: .seconds(max(0, burstStart.timeIntervalSinceNow)))
            for i in 0..<30 {
                try await server.trailOK("AddTags", ["ResourceId": trail, "TagsList": [["Key": "k\(i % 3)", "Value": "v"]]], as: owner)
            }
            try await insights.gather(server, owner.account, "AddTags", into: burstStart)
            try await insights.history(server, owner.account, "AddTags", count: 60, before: burstStart)
            let burstEnd = burstStart.addingTimeInterval(Double(InsightEvaluatorTests.interval))
            let report = try await insights.evaluator(server).evaluate(now: burstEnd.addingTimeInterval(6))
            #expect(report.started == 1, "\(report)")
            try await Task.sleep(for: .seconds(max(0, burstStart.timeIntervalSinceNow + 1)))
            let (described, rows) = try await lake.run(
                server, owner, "SELECT insightEventName, insightState FROM \(destinationId)")
            #expect(described["QueryStatus"] as? String == "FINISHED", "\(described)")
            #expect(rows == [[["insightEventName": "AddTags"], ["insightState": "Start"]]], "\(rows)")

            // An empty list turns them off.
            try await server.trailOK("PutInsightSelectors", ["EventDataStore": source, "InsightSelectors": []], as: owner)
            try await server.trailRefused("GetInsightSelectors", ["EventDataStore": source], as: owner, "InsightNotEnabledException")
        }
    }
}
