import Testing

@testable import CairnCore

@Suite("Basic event selectors")
struct BasicEventSelectorRulesTests {
    typealias F = TrailFixtures

    func put(_ selectors: [TrailEventSelectorInput]) throws -> TrailEventSelectors {
        try TrailEventSelectors.forPut(eventSelectors: selectors, advancedEventSelectors: nil)
    }

    @Test("a new trail logs all management events and no data events")
    func defaults() {
        #expect(
            TrailEventSelectors.default
                == .basic([
                    TrailEventSelector(readWriteType: .all, includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [])
                ]))
    }

    @Test("omitted fields take AWS's defaults: All, management events on, nothing excluded")
    func omittedFieldsDefault() throws {
        #expect(try put([TrailEventSelectorInput()]) == .default)
    }

    @Test("ReadWriteType accepts ReadOnly, WriteOnly and All only", arguments: ["ReadOnly", "WriteOnly", "All"])
    func readWriteTypes(raw: String) throws {
        #expect(try put([TrailEventSelectorInput(readWriteType: raw)]).basicSelectors?.first?.readWriteType.rawValue == raw)
    }

    @Test("ReadWriteType read-only is InvalidEventSelectorsException")
    func badReadWriteType() {
        #expect(F.violation { try put([TrailEventSelectorInput(readWriteType: "read-only")]) }?.code == "InvalidEventSelectorsException")
    }

    @Test("1 to 5 selectors")
    func selectorCount() throws {
        #expect(try put(Array(repeating: TrailEventSelectorInput(), count: 5)).basicSelectors?.count == 5)
        #expect(F.violation { try put(Array(repeating: TrailEventSelectorInput(), count: 6)) }?.code == "InvalidEventSelectorsException")
        #expect(F.violation { try put([]) }?.code == "InvalidEventSelectorsException")
    }

    @Test("basic and advanced selectors are mutually exclusive, and one is required")
    func exclusive() {
        let advanced = [TrailAdvancedEventSelector(fieldSelectors: [.init(field: "eventCategory", equals: ["Management"])])]
        #expect(
            F.violation { try TrailEventSelectors.forPut(eventSelectors: [TrailEventSelectorInput()], advancedEventSelectors: advanced) }
                == .invalidEventSelectors("You can use EventSelectors or AdvancedEventSelectors, but not both."))
        #expect(
            F.violation { try TrailEventSelectors.forPut(eventSelectors: nil, advancedEventSelectors: nil) }?.code == "InvalidEventSelectorsException"
        )
    }

    @Test("only kms and rdsdata management sources can be excluded")
    func excludeSources() throws {
        let ok = TrailEventSelectorInput(excludeManagementEventSources: ["kms.amazonaws.com", "rdsdata.amazonaws.com"])
        #expect(try put([ok]).basicSelectors?.first?.excludeManagementEventSources.count == 2)
        #expect(
            F.violation { try put([TrailEventSelectorInput(excludeManagementEventSources: ["s3.amazonaws.com"])]) }?.code
                == "InvalidEventSelectorsException")
    }

    @Test(
        "valid data resource values",
        arguments: [
            ("AWS::S3::Object", "arn:aws:s3"), ("AWS::S3::Object", "arn:aws:s3:::"), ("AWS::S3::Object", "arn:aws:s3:::bucket/"),
            ("AWS::S3::Object", "arn:aws:s3:::bucket/prefix/images"), ("AWS::Lambda::Function", "arn:aws:lambda"),
            ("AWS::Lambda::Function", "arn:aws:lambda:us-west-2:111111111111:function:helloworld"),
            ("AWS::Lambda::Function", "arn:aws:lambda:us-west-2:111111111111:function:helloworld:PROD"),
            ("AWS::DynamoDB::Table", "arn:aws:dynamodb"), ("AWS::DynamoDB::Table", "arn:aws:dynamodb:us-east-1:111111111111:table/Orders"),
        ])
    func validValues(type: String, value: String) throws {
        #expect(
            try put([TrailEventSelectorInput(dataResources: [TrailDataResourceInput(type: type, values: [value])])]).basicSelectors?.first?
                .dataResources.count == 1)
    }

    @Test(
        "invalid data resource values name the value",
        arguments: [
            ("AWS::S3::Object", "arn:aws:s3:::bucket"), ("AWS::S3::Object", "arn:aws:s3:::/key"), ("AWS::S3::Object", "bucket/"),
            ("AWS::Lambda::Function", "arn:aws:lambda:us-west-2:111111111111:helloworld"),
            ("AWS::DynamoDB::Table", "arn:aws:dynamodb:us-east-1:111111111111:table/"), ("AWS::DynamoDB::Table", "arn:aws:s3"),
        ])
    func invalidValues(type: String, value: String) {
        #expect(
            F.violation { try put([TrailEventSelectorInput(dataResources: [TrailDataResourceInput(type: type, values: [value])])]) }
                == .invalidEventSelectors("Value \(value) for DataResources.Values is invalid."))
    }

    @Test("types other than S3 objects, Lambda functions and DynamoDB tables need advanced selectors")
    func basicTypesOnly() {
        let input = TrailEventSelectorInput(dataResources: [TrailDataResourceInput(type: "AWS::SNS::Topic", values: ["arn:aws:sns"])])
        #expect(F.violation { try put([input]) }?.code == "InvalidEventSelectorsException")
        #expect(
            F.violation { try put([TrailEventSelectorInput(dataResources: [TrailDataResourceInput(values: ["arn:aws:s3"])])]) }?.code
                == "InvalidEventSelectorsException")
        #expect(
            F.violation { try put([TrailEventSelectorInput(dataResources: [TrailDataResourceInput(type: "AWS::S3::Object", values: [])])]) }?.code
                == "InvalidEventSelectorsException")
    }

    @Test("at most 250 data resource values per trail, not counting log-everything prefixes")
    func dataResourceLimit() throws {
        func values(_ range: Range<Int>) -> [String] { range.map { "arn:aws:s3:::bucket\($0)/" } }
        let split = [
            TrailEventSelectorInput(dataResources: [TrailDataResourceInput(type: "AWS::S3::Object", values: values(0..<200) + ["arn:aws:s3"])]),
            TrailEventSelectorInput(dataResources: [TrailDataResourceInput(type: "AWS::S3::Object", values: values(200..<250))]),
        ]
        #expect(try put(split).basicSelectors?.count == 2)
        let tooMany = [TrailEventSelectorInput(dataResources: [TrailDataResourceInput(type: "AWS::S3::Object", values: values(0..<251))])]
        #expect(F.violation { try put(tooMany) }?.code == "InvalidEventSelectorsException")
    }
}

@Suite("Advanced event selectors")
struct AdvancedEventSelectorRulesTests {
    typealias F = TrailFixtures
    typealias Field = TrailAdvancedFieldSelector

    func put(_ selectors: [TrailAdvancedEventSelector]) throws -> TrailEventSelectors {
        try TrailEventSelectors.forPut(eventSelectors: nil, advancedEventSelectors: selectors)
    }

    func selector(_ fields: Field...) -> TrailAdvancedEventSelector { TrailAdvancedEventSelector(name: "s", fieldSelectors: fields) }

    static let management = Field(field: "eventCategory", equals: ["Management"])
    static let data = Field(field: "eventCategory", equals: ["Data"])
    static let s3Objects = Field(field: "resources.type", equals: ["AWS::S3::Object"])

    @Test("typical selectors are accepted")
    func typical() throws {
        let selectors = [
            selector(Self.management, Field(field: "readOnly", equals: ["false"])),
            selector(
                Self.data, Self.s3Objects, Field(field: "resources.ARN", startsWith: ["arn:aws:s3:::bucket/"]),
                Field(field: "eventName", notEquals: ["GetObject"])),
            selector(Self.data, Field(field: "resources.type", equals: ["AWS::SNS::Topic"])),
            selector(
                Field(field: "eventCategory", equals: ["NetworkActivity"]), Field(field: "eventSource", equals: ["kms.amazonaws.com"]),
                Field(field: "errorCode", equals: ["VpceAccessDenied"])),
            selector(Self.management, Field(field: "eventSource", notEquals: ["kms.amazonaws.com"])),
        ]
        #expect(try put(selectors).advancedSelectors == selectors)
    }

    func expectInvalid(_ selectors: [TrailAdvancedEventSelector], _ comment: Comment) {
        #expect(F.violation { try put(selectors) }?.code == "InvalidEventSelectorsException", comment)
    }

    @Test("eventCategory is required, once, with Equals and one valid value")
    func eventCategoryRules() {
        expectInvalid([selector(Field(field: "readOnly", equals: ["true"]))], "missing eventCategory")
        expectInvalid([selector(Self.management, Self.management)], "two eventCategory")
        expectInvalid([selector(Field(field: "eventCategory", equals: ["Management", "Data"]))], "two values")
        expectInvalid([selector(Field(field: "eventCategory", startsWith: ["Man"]))], "StartsWith")
        expectInvalid([selector(Field(field: "eventCategory", equals: ["Insight"]))], "event-data-store-only category")
    }

    @Test("readOnly, eventCategory and resources.type accept only Equals")
    func equalsOnly() {
        expectInvalid([selector(Self.management, Field(field: "readOnly", notEquals: ["true"]))], "readOnly NotEquals")
        expectInvalid([selector(Self.data, Field(field: "resources.type", startsWith: ["AWS::S3"]))], "resources.type StartsWith")
        expectInvalid([selector(Self.management, Field(field: "readOnly", equals: ["yes"]))], "readOnly value")
    }

    @Test("data selectors need exactly one resources.type with one value")
    func resourceTypeRules() {
        expectInvalid([selector(Self.data)], "missing resources.type")
        expectInvalid([selector(Self.data, Self.s3Objects, Self.s3Objects)], "two resources.type")
        expectInvalid([selector(Self.data, Field(field: "resources.type", equals: ["AWS::S3::Object", "AWS::Lambda::Function"]))], "two values")
        expectInvalid([selector(Self.data, Field(field: "resources.type", equals: ["S3Object"]))], "malformed type")
    }

    @Test("fields must be allowed for the selector's category on trails")
    func fieldsPerCategory() {
        expectInvalid([selector(Self.management, Field(field: "eventName", equals: ["CreateTrail"]))], "eventName on management (EDS only)")
        expectInvalid([selector(Self.data, Self.s3Objects, Field(field: "vpcEndpointId", equals: ["vpce-1"]))], "network field on data")
        expectInvalid([selector(Self.management, Field(field: "userName", equals: ["bob"]))], "unknown field")
        expectInvalid([selector(Self.management, Field(field: "event Source", equals: ["x"]))], "bad field pattern")
    }

    @Test("management event sources can only exclude KMS or RDS Data API")
    func managementEventSource() {
        expectInvalid([selector(Self.management, Field(field: "eventSource", equals: ["kms.amazonaws.com"]))], "Equals")
        expectInvalid([selector(Self.management, Field(field: "eventSource", notEquals: ["s3.amazonaws.com"]))], "other source")
    }

    @Test("network activity selectors need eventSource, and errorCode can only be VpceAccessDenied")
    func networkActivity() {
        let category = Field(field: "eventCategory", equals: ["NetworkActivity"])
        expectInvalid([selector(category)], "missing eventSource")
        expectInvalid(
            [selector(category, Field(field: "eventSource", equals: ["s3.amazonaws.com"]), Field(field: "errorCode", equals: ["AccessDenied"]))],
            "errorCode")
    }

    @Test("operators need values of 1 to 2048 characters, and a field selector needs an operator")
    func operatorShapes() {
        expectInvalid([selector(Self.data, Self.s3Objects, Field(field: "eventName"))], "no operator")
        expectInvalid([selector(Self.data, Self.s3Objects, Field(field: "eventName", equals: []))], "empty operator")
        expectInvalid([selector(Self.data, Self.s3Objects, Field(field: "eventName", equals: [""]))], "empty value")
        expectInvalid([selector(Self.data, Self.s3Objects, Field(field: "eventName", equals: [String(repeating: "x", count: 2049)]))], "long value")
        expectInvalid([TrailAdvancedEventSelector(name: String(repeating: "n", count: 1001), fieldSelectors: [Self.management])], "long name")
        expectInvalid([TrailAdvancedEventSelector(fieldSelectors: [])], "no field selectors")
        expectInvalid([], "no selectors")
    }

    @Test("at most 500 values across all conditions of all selectors")
    func fiveHundredValues() throws {
        func names(_ count: Int) -> Field { Field(field: "eventName", equals: (0..<count).map { "Op\($0)" }) }
        // Each selector contributes 2 values for eventCategory and resources.type.
        let fits = [selector(Self.data, Self.s3Objects, names(248)), selector(Self.data, Self.s3Objects, names(248))]
        #expect(try put(fits).advancedSelectors?.count == 2)
        expectInvalid([selector(Self.data, Self.s3Objects, names(249)), selector(Self.data, Self.s3Objects, names(248))], "501 values")
    }

    @Test("at most 250 resources.ARN values")
    func twoHundredFiftyResources() throws {
        let arns = (0..<251).map { "arn:aws:s3:::b\($0)/" }
        expectInvalid([selector(Self.data, Self.s3Objects, Field(field: "resources.ARN", startsWith: arns))], "251 ARNs")
        #expect(
            try put([selector(Self.data, Self.s3Objects, Field(field: "resources.ARN", startsWith: Array(arns.prefix(250))))]).advancedSelectors?
                .count == 1)
    }
}
