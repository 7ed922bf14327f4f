import CairnCore
import CairnStore
import Foundation

/// Event and insight selectors: basic or advanced (applying one kind replaces the other), and Insights
/// whose prerequisites are judged against the trail's current event selectors.
extension TrailOperations {
    func putEventSelectors(_ input: CloudTrailJSON.PutEventSelectorsInput, parameters: JSONValue?) async throws -> TrailRecord {
        try await run(OperationCatalogue.Trails.putEventSelectors, parameters: parameters, naming: input.TrailName) { tx, facts in
            var trail = try await resolveForWrite(input.TrailName, member: "TrailName", .putEventSelectors, tx, facts)
            trail.eventSelectors = try TrailEventSelectors.forPut(
                eventSelectors: input.EventSelectors, advancedEventSelectors: input.AdvancedEventSelectors)
            trail.hasCustomEventSelectors = true
            try await tx.trails.save(trail)
            return .init(
                trail, responseElements: Self.elements(CloudTrailJSON.EventSelectorsOutput(trail)), resources: Self.eventResources(trail))
        }
    }

    func getEventSelectors(_ raw: String?, parameters: JSONValue?) async throws -> TrailRecord {
        try await run(OperationCatalogue.Trails.getEventSelectors, parameters: parameters, naming: raw) { tx, facts in
            let trail = try await resolve(raw, member: "TrailName", .getEventSelectors, tx, facts).trail
            return .init(trail, resources: Self.eventResources(trail))
        }
    }

    /// Insights go to the trail's own destination; the event-data-store members belong to CloudTrail Lake,
    /// which Cairn does not have.
    func putInsightSelectors(_ input: CloudTrailJSON.PutInsightSelectorsInput, parameters: JSONValue?) async throws -> TrailRecord {
        try await run(OperationCatalogue.Trails.putInsightSelectors, parameters: parameters, naming: input.TrailName) { tx, facts in
            if input.EventDataStore != nil || input.InsightsDestination != nil {
                throw ServiceError(
                    code: "InvalidParameterCombinationException", status: 400,
                    message: "EventDataStore and InsightsDestination apply to CloudTrail Lake event data stores, which this service does not host; specify TrailName only.")
            }
            guard let inputs = input.InsightSelectors else { throw ServiceError.missingParameter("InsightSelectors") }
            guard input.TrailName != nil else {
                throw ServiceError(code: "InvalidParameterException", status: 400, message: "TrailName is required.")
            }
            var trail = try await resolveForWrite(input.TrailName, member: "TrailName", .putInsightSelectors, tx, facts)
            trail.insightSelectors = try TrailInsightSelectorRules.forPut(inputs, eventSelectors: trail.eventSelectors)
            try await tx.trails.save(trail)
            return .init(trail, resources: Self.eventResources(trail))
        }
    }

    func getInsightSelectors(_ raw: String?, parameters: JSONValue?) async throws -> (TrailARN, [TrailInsightSelector]) {
        try await run(OperationCatalogue.Trails.getInsightSelectors, parameters: parameters, naming: raw) { tx, facts in
            let trail = try await resolve(raw, member: "TrailName", .getInsightSelectors, tx, facts).trail
            let selectors = try TrailInsightSelectorRules.forGet(trail.insightSelectors, trailARN: trail.arn)
            return .init((trail.arn, selectors), resources: Self.eventResources(trail))
        }
    }
}
