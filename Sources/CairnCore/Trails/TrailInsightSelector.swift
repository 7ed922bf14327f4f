/// One Insights type enabled on a trail, with the event categories it analyses.
package struct TrailInsightSelector: Hashable, Sendable {
    package enum InsightType: String, CaseIterable, Hashable, Sendable {
        case apiCallRateInsight = "ApiCallRateInsight"
        case apiErrorRateInsight = "ApiErrorRateInsight"
    }

    package enum EventCategory: String, CaseIterable, Hashable, Sendable {
        case management = "Management"
        case data = "Data"
    }

    package var insightType: InsightType
    package var eventCategories: [EventCategory]

    package init(insightType: InsightType, eventCategories: [EventCategory] = [.management]) {
        self.insightType = insightType
        self.eventCategories = eventCategories
    }
}

extension TrailInsightSelector: Codable {
    enum CodingKeys: String, CodingKey { case insightType = "InsightType", eventCategories = "EventCategories" }
}

extension TrailInsightSelector.InsightType: Codable {}

extension TrailInsightSelector.EventCategory: Codable {}
