/// PutInsightSelectors / GetInsightSelectors rules for trails.
package enum TrailInsightSelectorRules {
    /// An empty list turns Insights off. Omitted EventCategories means Management. Each type may appear
    /// once. The trail must log what the type analyses: ApiCallRateInsight on management events needs
    /// write management events, ApiErrorRateInsight needs management events, and the Data category needs
    /// data events.
    package static func forPut(
        _ inputs: [TrailInsightSelectorInput], eventSelectors: TrailEventSelectors
    ) throws(TrailRuleViolation) -> [TrailInsightSelector] {
        var selectors: [TrailInsightSelector] = []
        for input in inputs {
            guard let raw = input.insightType, let type = TrailInsightSelector.InsightType(rawValue: raw) else {
                throw .invalidInsightSelectors(
                    "Value \(input.insightType ?? "null") for InsightType is invalid. Valid values are ApiCallRateInsight and ApiErrorRateInsight.")
            }
            guard !selectors.contains(where: { $0.insightType == type }) else {
                throw .invalidInsightSelectors("InsightType \(raw) is specified more than once.")
            }
            var categories: [TrailInsightSelector.EventCategory] = []
            for rawCategory in input.eventCategories ?? ["Management"] {
                guard let category = TrailInsightSelector.EventCategory(rawValue: rawCategory) else {
                    throw .invalidInsightSelectors("Value \(rawCategory) for EventCategories is invalid. Valid values are Management and Data.")
                }
                if !categories.contains(category) { categories.append(category) }
            }
            guard !categories.isEmpty else {
                throw .invalidInsightSelectors("EventCategories for \(raw) must not be empty.")
            }
            if categories.contains(.management) {
                let needsWrites = type == .apiCallRateInsight
                guard eventSelectors.logsManagementEvents(writes: needsWrites) else {
                    throw .invalidInsightSelectors(
                        needsWrites
                            ? "ApiCallRateInsight requires the trail to log write management events."
                            : "ApiErrorRateInsight requires the trail to log management events.")
                }
            }
            if categories.contains(.data) && !eventSelectors.logsDataEvents {
                throw .invalidInsightSelectors("Insights on the Data category require the trail to log data events.")
            }
            selectors.append(TrailInsightSelector(insightType: type, eventCategories: categories))
        }
        return selectors
    }

    /// GetInsightSelectors on a trail without Insights is an error, not an empty list.
    package static func forGet(_ stored: [TrailInsightSelector], trailARN: TrailARN) throws(TrailRuleViolation) -> [TrailInsightSelector] {
        guard !stored.isEmpty else { throw .insightNotEnabled(trailARN: trailARN.description) }
        return stored
    }
}
