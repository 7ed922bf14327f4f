import CairnCore
import Foundation
import OpenAPIRuntime

/// Insights over REST: the same operations as the CloudTrail door's ListInsightsData and ListInsightsMetricData.
extension RESTService {
    func listInsightsData(_ input: Operations.ListInsightsData.Input) async throws -> Operations.ListInsightsData.Output {
        let q = input.query
        let page = try await run(InsightOperations.listInsightsData) {
            var dimensions: [String: String] = [:]
            for (key, value) in [("EventId", q.eventId), ("EventName", q.eventName), ("EventSource", q.eventSource)] {
                if let value { dimensions[key] = value }
            }
            return InsightModel.ListInsightsDataInput(
                InsightSource: q.insightSource, DataType: "InsightsEvents", Dimensions: dimensions.isEmpty ? nil : dimensions,
                StartTime: q.startTime, EndTime: q.endTime, MaxResults: q.limit, NextToken: q.nextToken)
        }
        return .ok(.init(body: .json(.init(events: try page.Events.map(Self.event), nextToken: page.NextToken))))
    }

    func listInsightsMetricData(_ input: Operations.ListInsightsMetricData.Input) async throws -> Operations.ListInsightsMetricData.Output {
        let q = input.query
        let found = try await run(InsightOperations.listInsightsMetricData) {
            InsightModel.ListInsightsMetricDataInput(
                TrailName: nil, EventSource: q.eventSource, EventName: q.eventName, InsightType: q.insightType.rawValue, ErrorCode: q.errorCode,
                StartTime: q.startTime, EndTime: q.endTime, Period: q.period, DataType: q.dataType, MaxResults: q.limit, NextToken: q.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        eventSource: found.EventSource, eventName: found.EventName, insightType: found.InsightType, errorCode: found.ErrorCode,
                        timestamps: found.Timestamps, values: found.Values, nextToken: found.NextToken))))
    }
}
