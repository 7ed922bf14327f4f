import CairnCore
import CairnStore
import Foundation

/// Reading Insights: their events (ListInsightsData, and LookupEvents with EventCategory insight) and the call
/// counts behind them (ListInsightsMetricData), for the caller's account in the calling region.
enum InsightOperations {
    /// ListInsightsData: the Insights events of the account and region the InsightSource trail logs, filtered by
    /// EventId, EventName and EventSource; at most 50 a page (AWS's default and maximum).
    static let listInsightsData = Operation<InsightModel.ListInsightsDataInput, EventHistoryModel.LookupEventsOutput>(
        OperationCatalogue.Events.listInsightsData
    ) { input, ctx in
        guard let source = input.InsightSource, !source.isEmpty else { throw ServiceError.invalidParameter("InsightSource is required.") }
        guard input.DataType == "InsightsEvents" else {
            throw ServiceError.invalidParameter("DataType must be InsightsEvents; got \(input.DataType.map { "'\($0)'" } ?? "nothing").")
        }
        let caller = ctx.facts.principal.account
        guard let arn = try? TrailARN.parse(source), arn.accountId == caller.value, arn.region == ctx.facts.region,
            try await ctx.tx.trails.insightTrails().contains(where: { $0.arn == arn })
        else {
            throw ServiceError.invalidParameter("InsightSource \(source) is not a trail of this account and region that logs Insights events.")
        }
        let dimensions = input.Dimensions ?? [:]
        for key in dimensions.keys where !["EventId", "EventName", "EventSource"].contains(key) {
            throw ServiceError.invalidParameter("Dimensions may name EventId, EventName and EventSource; got '\(key)'.")
        }
        if let max = input.MaxResults, !(1...50).contains(max) {
            throw ServiceError.invalidParameter("MaxResults must be between 1 and 50; got \(max).")
        }
        let lookup = try EventLookup.forREST(
            filters: dimensions.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, startTime: input.StartTime, endTime: input.EndTime,
            eventCategory: "insight", limit: input.MaxResults ?? 50, nextToken: input.NextToken, now: ctx.facts.time)
        let found = try await ctx.tx.events.lookup(account: caller, region: ctx.facts.region, lookup)
        return EventHistoryModel.LookupEventsOutput(
            Events: found.events.map { EventHistoryModel.Event($0.record, json: $0.json) }, NextToken: found.next.map { lookup.token(after: $0) })
    }

    /// ListInsightsMetricData: calls (write calls for call rate, calls failing with ErrorCode for error rate) per
    /// Period, oldest first; `FillWithZeros` adds the empty periods. AWS keeps 60-second points 15 days, 300-second
    /// points 63 days and hourly points 90 days; older StartTimes are raised to that.
    static let listInsightsMetricData = Operation<InsightModel.ListInsightsMetricDataInput, InsightModel.ListInsightsMetricDataOutput>(
        OperationCatalogue.Events.listInsightsMetricData
    ) { input, ctx in
        func required(_ v: String?, _ name: String) throws(ServiceError) -> String {
            guard let v, !v.isEmpty else { throw ServiceError.invalidParameter("\(name) is required.") }
            return v
        }
        let source = try required(input.EventSource, "EventSource")
        let name = try required(input.EventName, "EventName")
        let typeName = try required(input.InsightType, "InsightType")
        guard let kind = InsightKind(rawValue: typeName) else {
            throw ServiceError.invalidParameter("InsightType must be ApiCallRateInsight or ApiErrorRateInsight; got '\(typeName)'.")
        }
        let errorCode = input.ErrorCode ?? ""
        if kind == .apiErrorRate && errorCode.isEmpty { throw ServiceError.invalidParameter("ErrorCode is required for ApiErrorRateInsight.") }
        if input.TrailName != nil {
            throw ServiceError(
                code: "UnsupportedOperationException", status: 400,
                message: "TrailName is for Insights on data events, which Cairn does not record; omit it for management events.")
        }
        let period = input.Period ?? 3_600
        let kept: TimeInterval
        switch period {
        case 60: kept = 15 * 86_400
        case 300: kept = 63 * 86_400
        case 3_600: kept = 90 * 86_400
        default: throw ServiceError.invalidParameter("Period must be 60, 300 or 3600; got \(period).")
        }
        let fill: Bool
        switch input.DataType ?? "NonZeroData" {
        case "NonZeroData": fill = false
        case "FillWithZeros": fill = true
        case let other: throw ServiceError.invalidParameter("DataType must be FillWithZeros or NonZeroData; got '\(other)'.")
        }
        let maxResults = input.MaxResults ?? 21_600
        guard (1...21_600).contains(maxResults) else {
            throw ServiceError.invalidParameter("MaxResults must be between 1 and 21600; got \(maxResults).")
        }
        let now = ctx.facts.time
        // Nothing is counted after now: a later EndTime would only ask FillWithZeros for empty periods without end.
        let end = min(input.EndTime ?? now, now)
        let start = max(input.StartTime ?? now.addingTimeInterval(-kept), now.addingTimeInterval(-kept))
        guard start < end else { throw ServiceError.invalidParameter("StartTime must be before EndTime.") }
        let counts = try await ctx.tx.insights.series(
            account: ctx.facts.principal.account.value, region: ctx.facts.region, eventSource: source, eventName: name, kind: kind,
            errorCode: errorCode, from: start, to: end)
        let points = InsightMetricSeries.points(counts, period: period, from: start, to: end, fillWithZeros: fill)
        var offset = 0
        if let token = input.NextToken {
            guard let o = PageToken.offset(token, for: "ListInsightsMetricData"), o <= points.count else {
                throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "Invalid NextToken.")
            }
            offset = o
        }
        let page = points[offset..<min(points.count, offset + maxResults)]
        let next = offset + page.count < points.count ? PageToken.after(String(offset + page.count), for: "ListInsightsMetricData") : nil
        return InsightModel.ListInsightsMetricDataOutput(
            EventSource: source, EventName: name, InsightType: kind.rawValue, ErrorCode: input.ErrorCode, Timestamps: page.map(\.time),
            Values: page.map(\.value), NextToken: next)
    }
}
