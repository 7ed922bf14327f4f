import CairnCore
import CairnStore
import Foundation

/// Event and insight selectors: basic or advanced (applying one kind replaces the other), and Insights
/// whose prerequisites are judged against the trail's current event selectors.
extension TrailOperations {
    static let putEventSelectors = Operation<CloudTrailModel.PutEventSelectorsInput, CloudTrailModel.EventSelectorsOutput>(
        Entry.putEventSelectors, target: { input, t in target(naming: input.TrailName, t) }
    ) { input, ctx in
        var trail = try await resolveForWrite(input.TrailName, member: "TrailName", .putEventSelectors, ctx)
        trail.eventSelectors = try TrailEventSelectors.forPut(
            eventSelectors: input.EventSelectors, advancedEventSelectors: input.AdvancedEventSelectors)
        trail.hasCustomEventSelectors = true
        try await ctx.tx.trails.save(trail)
        return CloudTrailModel.EventSelectorsOutput(trail)
    }

    static let getEventSelectors = Operation<CloudTrailModel.TrailNameInput, CloudTrailModel.EventSelectorsOutput>(
        Entry.getEventSelectors, target: { input, t in target(naming: input.TrailName, t) }
    ) { input, ctx in
        CloudTrailModel.EventSelectorsOutput(try await resolve(input.TrailName, member: "TrailName", .getEventSelectors, ctx).trail)
    }

    /// Insights on a trail (TrailName) or on an event data store (EventDataStore with InsightsDestination), never both.
    static let putInsightSelectors = Operation<CloudTrailModel.PutInsightSelectorsInput, CloudTrailModel.InsightSelectorsOutput>(
        Entry.putInsightSelectors,
        target: { input, t in
            guard input.EventDataStore != nil else { return target(naming: input.TrailName, t) }
            return EventDataStoreOperations.insightsTarget(input.EventDataStore, destination: input.InsightsDestination, t)
        }
    ) { input, ctx in
        if input.EventDataStore != nil || input.InsightsDestination != nil {
            guard input.TrailName == nil else {
                throw ServiceError(
                    code: "InvalidParameterCombinationException", status: 400,
                    message: "Specify TrailName for a trail, or EventDataStore and InsightsDestination for an event data store, not both.")
            }
            return try await EventDataStoreOperations.putInsightSelectors(input, ctx)
        }
        guard let inputs = input.InsightSelectors else { throw ServiceError.missingParameter("InsightSelectors") }
        guard input.TrailName != nil else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "TrailName is required.")
        }
        var trail = try await resolveForWrite(input.TrailName, member: "TrailName", .putInsightSelectors, ctx)
        trail.insightSelectors = try TrailInsightSelectorRules.forPut(inputs, eventSelectors: trail.eventSelectors)
        try await ctx.tx.trails.save(trail)
        return CloudTrailModel.InsightSelectorsOutput(TrailARN: trail.arn.description, InsightSelectors: trail.insightSelectors)
    }

    static let getInsightSelectors = Operation<CloudTrailModel.GetInsightSelectorsInput, CloudTrailModel.InsightSelectorsOutput>(
        Entry.getInsightSelectors,
        target: { input, t in
            guard input.EventDataStore != nil else { return target(naming: input.TrailName, t) }
            return EventDataStoreOperations.target(input.EventDataStore, t)
        }
    ) { input, ctx in
        if input.EventDataStore != nil {
            guard input.TrailName == nil else {
                throw ServiceError(
                    code: "InvalidParameterCombinationException", status: 400, message: "Specify TrailName or EventDataStore, not both.")
            }
            return try await EventDataStoreOperations.getInsightSelectors(input.EventDataStore, ctx)
        }
        let trail = try await resolve(input.TrailName, member: "TrailName", .getInsightSelectors, ctx).trail
        return CloudTrailModel.InsightSelectorsOutput(
            TrailARN: trail.arn.description, InsightSelectors: try TrailInsightSelectorRules.forGet(trail.insightSelectors, trailARN: trail.arn))
    }
}
