import CairnCore
import CairnStore
import Foundation

/// Insights on an event data store: the source store analyses its management events (the accounts and regions it
/// collects), and the Insights events land where every Insights event of those accounts lands, which an Insights
/// store (the destination) reads. docs/lake.md says how this differs from AWS's copy into the destination.
extension EventDataStoreOperations {
    /// The source store is the call's resource; the destination, when named, another resource it must be allowed on.
    static func insightsTarget(_ source: String?, destination: String?, _ t: TargetContext) -> AuthorizationTarget? {
        guard var out = target(source, t) else { return nil }
        if let other = target(destination, t) { out.additionalResources = [other.resource] }
        return out
    }

    /// An empty list turns Insights off (and forgets the destination); otherwise both stores must be the caller's,
    /// active, the source collecting management events (writes for ApiCallRateInsight) and the destination an
    /// Insights store.
    static func putInsightSelectors(
        _ input: CloudTrailModel.PutInsightSelectorsInput, _ ctx: OperationContext
    ) async throws -> CloudTrailModel.InsightSelectorsOutput {
        guard let inputs = input.InsightSelectors else { throw ServiceError.missingParameter("InsightSelectors") }
        var source = try await store(input.EventDataStore, ctx, lock: true)
        try EventDataStoreRules.checkActive(source)
        guard source.category == .management else {
            throw ServiceError(
                code: "InvalidParameterException", status: 400,
                message: "Insights analyse management events: event data store \(source.arn) holds \(source.category.rawValue) events.")
        }
        if inputs.isEmpty {
            source.insightSelectors = []
            source.insightsDestination = nil
        } else {
            guard input.InsightsDestination != nil else {
                throw ServiceError(
                    code: "InvalidParameterCombinationException", status: 400,
                    message: "Insights on an event data store need both EventDataStore and InsightsDestination.")
            }
            let destination = try await store(input.InsightsDestination, ctx)
            try EventDataStoreRules.checkActive(destination)
            guard destination.category == .insight else {
                throw ServiceError(
                    code: "InvalidParameterException", status: 400,
                    message: "InsightsDestination \(destination.arn) must be an event data store of Insight events.")
            }
            let selectors = try TrailInsightSelectorRules.forPut(inputs, eventSelectors: .advanced(source.selectors))
            guard selectors.allSatisfy({ $0.eventCategories == [.management] }) else {
                throw ServiceError(
                    code: "InvalidInsightSelectorsException", status: 400,
                    message: "Insights on event data stores analyse management events only: EventCategories must be [Management].")
            }
            source.insightSelectors = selectors
            source.insightsDestination = destination.id
        }
        source.updated = ctx.facts.time
        try await ctx.tx.eventDataStores.update(source)
        return output(source, ctx)
    }

    static func getInsightSelectors(_ raw: String?, _ ctx: OperationContext) async throws -> CloudTrailModel.InsightSelectorsOutput {
        let source = try await store(raw, ctx)
        guard !source.insightSelectors.isEmpty else {
            throw ServiceError(
                code: "InsightNotEnabledException", status: 400, message: "Insights are not enabled on event data store \(source.arn).")
        }
        return output(source, ctx)
    }

    private static func output(_ source: EventDataStoreRecord, _ ctx: OperationContext) -> CloudTrailModel.InsightSelectorsOutput {
        CloudTrailModel.InsightSelectorsOutput(
            InsightSelectors: source.insightSelectors, EventDataStoreArn: source.arn,
            InsightsDestination: source.insightsDestination.map {
                EventDataStoreRules.arn(partition: ctx.partition, region: source.region, account: source.account, id: $0)
            })
    }
}
