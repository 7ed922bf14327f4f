/// An insight selector as the request sent it.
package struct TrailInsightSelectorInput: Hashable, Sendable {
    package var insightType: String?
    package var eventCategories: [String]?

    package init(insightType: String? = nil, eventCategories: [String]? = nil) {
        self.insightType = insightType
        self.eventCategories = eventCategories
    }
}

extension TrailInsightSelectorInput: Codable {
    enum CodingKeys: String, CodingKey { case insightType = "InsightType", eventCategories = "EventCategories" }
}
