import CairnCore
import CairnPolicy
import Foundation
import Testing

/// The pure rules of Insights: when a count is unusual, how metric points are formed, how attributions rank.
@Suite struct InsightRulesTests {
    @Test func theMarkIsFiveCallsForAQuietAPIDoubleForABusyOneAndFourDeviationsBetween() {
        #expect(InsightThreshold.mark(expected: 0) == 5)
        #expect(InsightThreshold.mark(expected: 1) == 5)
        // λ = 9: 9 + 4·3 = 21 beats 2·9 = 18.
        #expect(InsightThreshold.mark(expected: 9) == 21)
        // λ = 100: doubling (200) beats 100 + 40.
        #expect(InsightThreshold.mark(expected: 100) == 200)
        #expect(InsightThreshold.isUnusual(count: 21, expected: 9))
        #expect(!InsightThreshold.isUnusual(count: 20, expected: 9))
        #expect(!InsightThreshold.isUnusual(count: 4, expected: 0), "four calls of a silent API are not an Insight")
    }

    @Test func metricPointsSumBucketsPerPeriodAndFillOnlyWhenAsked() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // a multiple of 300
        let buckets: [(bucket: Date, count: Int)] = [(t0, 2), (t0.addingTimeInterval(60), 3), (t0.addingTimeInterval(600), 4)]
        let sparse = InsightMetricSeries.points(buckets, period: 300, from: t0, to: t0.addingTimeInterval(900), fillWithZeros: false)
        #expect(sparse == [.init(time: t0, value: 5), .init(time: t0.addingTimeInterval(600), value: 4)])
        let filled = InsightMetricSeries.points(buckets, period: 300, from: t0, to: t0.addingTimeInterval(900), fillWithZeros: true)
        #expect(filled.map(\.value) == [5, 0, 4])
    }

    @Test func attributionsKeepTheFiveLargestAndAggregateRoleSessionsPerRole() {
        let counts = ["a": 1, "b": 7, "c": 3, "d": 3, "e": 2, "f": 9]
        let top = InsightAttribution.top(counts, minutes: 2)
        #expect(top.map(\.value) == ["f", "b", "c", "d", "e"])
        #expect(top.first?.average == 4.5)
        #expect(
            InsightAttribution.identity("arn:aws:sts::123456789012:assumed-role/Deployer/session-1")
                == "arn:aws:sts::123456789012:assumed-role/Deployer")
        #expect(InsightAttribution.identity("arn:aws:iam::123456789012:user/alice") == "arn:aws:iam::123456789012:user/alice")
    }

    @Test func anInsightRecordHasNoIdentityAndItsDetailsCarryTheAPIAndStatistics() throws {
        let id = UUID()
        let r = InsightRecord(
            eventId: UUID(), insightId: id, state: .end, time: Date(timeIntervalSince1970: 1_800_000_000), account: "123456789012",
            region: "us-east-1",
            kind: .apiErrorRate, eventSource: "iam.amazonaws.com", eventName: "CreateUser", errorCode: "AccessDenied", baselineAverage: 0.5,
            insightAverage: 12, baselineMinutes: 10_080, insightMinutes: 3,
            attributions: [InsightAttribution(attribute: "errorCode", insight: [.init(value: "AccessDenied", average: 12)], baseline: [])])
        let json = r.json
        #expect(json["userIdentity"] == nil && json["eventName"] == nil)
        #expect(json["eventType"]?.stringValue == "AwsCloudTrailInsight" && json["sharedEventID"]?.stringValue == id.uuidString.lowercased())
        #expect(json["insightDetails"]?["errorCode"]?.stringValue == "AccessDenied")
        #expect(json["insightDetails"]?["insightContext"]?["statistics"]?["insightDuration"] == .number(3))
        let summary = try #require(EventRecord.summary(ofInsight: json.text))
        #expect(summary.eventName == "CreateUser" && summary.eventSource == "iam.amazonaws.com" && summary.eventCategory == "Insight")
        #expect(summary.historyUsername == nil)
    }
}
