import Testing

@testable import CairnCore

@Suite("Insight selectors")
struct TrailInsightSelectorRulesTests {
    typealias F = TrailFixtures
    typealias Input = TrailInsightSelectorInput

    @Test("omitted EventCategories means Management")
    func defaultCategory() throws {
        #expect(
            try TrailInsightSelectorRules.forPut([Input(insightType: "ApiCallRateInsight")], eventSelectors: .default)
                == [TrailInsightSelector(insightType: .apiCallRateInsight, eventCategories: [.management])])
    }

    @Test("an empty list turns Insights off")
    func emptyTurnsOff() throws {
        #expect(try TrailInsightSelectorRules.forPut([], eventSelectors: .default).isEmpty)
    }

    @Test("unknown types and categories, and repeated types, are InvalidInsightSelectorsException")
    func invalidValues() {
        for inputs in [
            [Input(insightType: "ApiLatencyInsight")], [Input()], [Input(insightType: "ApiErrorRateInsight", eventCategories: ["Network"])],
            [Input(insightType: "ApiErrorRateInsight", eventCategories: [])],
            [Input(insightType: "ApiCallRateInsight"), Input(insightType: "ApiCallRateInsight")],
        ] {
            #expect(
                F.violation { try TrailInsightSelectorRules.forPut(inputs, eventSelectors: .default) }?.code == "InvalidInsightSelectorsException")
        }
    }

    @Test("ApiCallRateInsight needs write management events; ApiErrorRateInsight needs management events")
    func prerequisites() throws {
        let readOnly = TrailEventSelectors.basic([TrailEventSelector(readWriteType: .readOnly)])
        #expect(
            F.violation { try TrailInsightSelectorRules.forPut([Input(insightType: "ApiCallRateInsight")], eventSelectors: readOnly) }?.code
                == "InvalidInsightSelectorsException")
        #expect(try TrailInsightSelectorRules.forPut([Input(insightType: "ApiErrorRateInsight")], eventSelectors: readOnly).count == 1)
        let none = TrailEventSelectors.basic([TrailEventSelector(includeManagementEvents: false)])
        #expect(
            F.violation { try TrailInsightSelectorRules.forPut([Input(insightType: "ApiErrorRateInsight")], eventSelectors: none) }?.code
                == "InvalidInsightSelectorsException")
    }

    @Test("advanced selectors satisfy the prerequisites when they log the needed management events")
    func advancedPrerequisites() throws {
        typealias Field = TrailAdvancedFieldSelector
        let writes = TrailEventSelectors.advanced([
            TrailAdvancedEventSelector(fieldSelectors: [
                Field(field: "eventCategory", equals: ["Management"]), Field(field: "readOnly", equals: ["false"]),
            ])
        ])
        #expect(try TrailInsightSelectorRules.forPut([Input(insightType: "ApiCallRateInsight")], eventSelectors: writes).count == 1)
        let reads = TrailEventSelectors.advanced([
            TrailAdvancedEventSelector(fieldSelectors: [
                Field(field: "eventCategory", equals: ["Management"]), Field(field: "readOnly", equals: ["true"]),
            ])
        ])
        #expect(F.violation { try TrailInsightSelectorRules.forPut([Input(insightType: "ApiCallRateInsight")], eventSelectors: reads) } != nil)
    }

    @Test("Insights on Data need the trail to log data events")
    func dataCategory() throws {
        let input = [Input(insightType: "ApiCallRateInsight", eventCategories: ["Data"])]
        #expect(F.violation { try TrailInsightSelectorRules.forPut(input, eventSelectors: .default) }?.code == "InvalidInsightSelectorsException")
        let data = TrailEventSelectors.basic([TrailEventSelector(dataResources: [TrailDataResource(type: "AWS::S3::Object", values: ["arn:aws:s3"])])]
        )
        #expect(try TrailInsightSelectorRules.forPut(input, eventSelectors: data).first?.eventCategories == [.data])
    }

    @Test("GetInsightSelectors on a trail without Insights is InsightNotEnabledException")
    func getWithoutInsights() throws {
        let arn = F.arn("t01")
        #expect(F.violation { try TrailInsightSelectorRules.forGet([], trailARN: arn) }?.code == "InsightNotEnabledException")
        let stored = [TrailInsightSelector(insightType: .apiErrorRateInsight)]
        #expect(try TrailInsightSelectorRules.forGet(stored, trailARN: arn) == stored)
    }
}
