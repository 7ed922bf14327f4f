import Testing

@testable import CairnCore

@Suite("Matching events against a trail's selectors")
struct EventSelectorMatchTests {
    typealias Field = TrailAdvancedFieldSelector
    typealias Resource = TrailEventFacts.Resource

    static let runInstances = TrailEventFacts(
        eventCategory: "Management", eventSource: "ec2.amazonaws.com", eventName: "RunInstances", readOnly: false)
    static let getConsoleOutput = TrailEventFacts(
        eventCategory: "Management", eventSource: "ec2.amazonaws.com", eventName: "GetConsoleOutput", readOnly: true)
    static let kmsDecrypt = TrailEventFacts(eventCategory: "Management", eventSource: "kms.amazonaws.com", eventName: "Decrypt", readOnly: true)

    static func putObject(_ key: String, bucket: String = "bucket") -> TrailEventFacts {
        TrailEventFacts(
            eventCategory: "Data", eventSource: "s3.amazonaws.com", eventName: "PutObject", readOnly: false,
            resources: [Resource(type: "AWS::S3::Object", arn: "arn:aws:s3:::\(bucket)/\(key)")])
    }

    static func invoke(_ function: String) -> TrailEventFacts {
        TrailEventFacts(
            eventCategory: "Data", eventSource: "lambda.amazonaws.com", eventName: "Invoke", readOnly: false,
            resources: [Resource(type: "AWS::Lambda::Function", arn: "arn:aws:lambda:us-west-2:111111111111:function:\(function)")])
    }

    @Test("the default selectors take every management event and no data event")
    func defaultSelectors() {
        #expect(EventSelectorMatch.matches(.default, Self.runInstances))
        #expect(EventSelectorMatch.matches(.default, Self.getConsoleOutput))
        #expect(!EventSelectorMatch.matches(.default, Self.putObject("a.png")))
    }

    @Test("WriteOnly takes RunInstances but not GetConsoleOutput (the model's example)")
    func writeOnly() {
        let selectors = TrailEventSelectors.basic([TrailEventSelector(readWriteType: .writeOnly)])
        #expect(EventSelectorMatch.matches(selectors, Self.runInstances))
        #expect(!EventSelectorMatch.matches(selectors, Self.getConsoleOutput))
    }

    @Test("excluded management sources and IncludeManagementEvents=false drop management events")
    func managementExclusions() {
        let noKms = TrailEventSelectors.basic([TrailEventSelector(excludeManagementEventSources: ["kms.amazonaws.com"])])
        #expect(!EventSelectorMatch.matches(noKms, Self.kmsDecrypt))
        #expect(EventSelectorMatch.matches(noKms, Self.runInstances))
        let dataOnly = TrailEventSelectors.basic([TrailEventSelector(includeManagementEvents: false)])
        #expect(!EventSelectorMatch.matches(dataOnly, Self.runInstances))
    }

    @Test("S3 values are object prefixes; the bucket value with a slash covers the whole bucket")
    func s3Prefixes() {
        let images = TrailEventSelectors.basic([
            TrailEventSelector(dataResources: [TrailDataResource(type: "AWS::S3::Object", values: ["arn:aws:s3:::bucket/images"])])
        ])
        #expect(EventSelectorMatch.matches(images, Self.putObject("images/cat.png")))
        #expect(!EventSelectorMatch.matches(images, Self.putObject("docs/a.txt")))
        let wholeBucket = TrailEventSelectors.basic([
            TrailEventSelector(dataResources: [TrailDataResource(type: "AWS::S3::Object", values: ["arn:aws:s3:::bucket/"])])
        ])
        #expect(EventSelectorMatch.matches(wholeBucket, Self.putObject("docs/a.txt")))
        #expect(!EventSelectorMatch.matches(wholeBucket, Self.putObject("a.txt", bucket: "bucket2")))
    }

    @Test("arn:aws:s3 covers every object in every bucket")
    func allS3() {
        let all = TrailEventSelectors.basic([TrailEventSelector(dataResources: [TrailDataResource(type: "AWS::S3::Object", values: ["arn:aws:s3"])])])
        #expect(EventSelectorMatch.matches(all, Self.putObject("x", bucket: "anyone")))
        #expect(!EventSelectorMatch.matches(all, Self.invoke("helloworld")))
    }

    @Test("Lambda function ARNs are exact: helloworld does not cover helloworld2")
    func lambdaExact() {
        let one = TrailEventSelectors.basic([
            TrailEventSelector(dataResources: [
                TrailDataResource(type: "AWS::Lambda::Function", values: ["arn:aws:lambda:us-west-2:111111111111:function:helloworld"])
            ])
        ])
        #expect(EventSelectorMatch.matches(one, Self.invoke("helloworld")))
        #expect(!EventSelectorMatch.matches(one, Self.invoke("helloworld2")))
    }

    @Test("an event matching any selector is taken")
    func anySelector() {
        let selectors = TrailEventSelectors.basic([
            TrailEventSelector(readWriteType: .readOnly, includeManagementEvents: false),
            TrailEventSelector(readWriteType: .writeOnly),
        ])
        #expect(EventSelectorMatch.matches(selectors, Self.runInstances))
        #expect(!EventSelectorMatch.matches(selectors, Self.getConsoleOutput))
    }

    @Test("advanced: conditions of one selector must all hold")
    func advancedAnd() {
        let selectors = TrailEventSelectors.advanced([
            TrailAdvancedEventSelector(fieldSelectors: [
                Field(field: "eventCategory", equals: ["Data"]),
                Field(field: "resources.type", equals: ["AWS::S3::Object"]),
                Field(field: "resources.ARN", startsWith: ["arn:aws:s3:::bucket/images/"]),
                Field(field: "readOnly", equals: ["false"]),
            ])
        ])
        #expect(EventSelectorMatch.matches(selectors, Self.putObject("images/cat.png")))
        #expect(!EventSelectorMatch.matches(selectors, Self.putObject("docs/cat.png")))
        #expect(!EventSelectorMatch.matches(selectors, Self.runInstances))
    }

    @Test("advanced: values of a positive operator are alternatives, values of a negative one are all excluded")
    func advancedOperators() {
        let positive = TrailEventSelectors.advanced([
            TrailAdvancedEventSelector(fieldSelectors: [
                Field(field: "eventCategory", equals: ["Management"]),
                Field(field: "eventSource", notEquals: ["kms.amazonaws.com", "rdsdata.amazonaws.com"]),
            ])
        ])
        #expect(EventSelectorMatch.matches(positive, Self.runInstances))
        #expect(!EventSelectorMatch.matches(positive, Self.kmsDecrypt))

        let names = TrailAdvancedEventSelector(fieldSelectors: [
            Field(field: "eventCategory", equals: ["Data"]),
            Field(field: "eventName", equals: ["GetObject", "PutObject"], notEndsWith: ["Acl"]),
        ])
        #expect(EventSelectorMatch.matches(.advanced([names]), Self.putObject("k")))
        #expect(!EventSelectorMatch.matches(.advanced([names]), Self.invoke("f")))
    }

    @Test("advanced: StartsWith, EndsWith and NotStartsWith compare prefixes and suffixes")
    func advancedAffixes() {
        let event = Self.putObject("logs/app.log")
        func only(_ field: Field) -> TrailEventSelectors {
            .advanced([TrailAdvancedEventSelector(fieldSelectors: [Field(field: "eventCategory", equals: ["Data"]), field])])
        }
        #expect(EventSelectorMatch.matches(only(Field(field: "resources.ARN", endsWith: [".log"])), event))
        #expect(!EventSelectorMatch.matches(only(Field(field: "resources.ARN", endsWith: [".txt"])), event))
        #expect(!EventSelectorMatch.matches(only(Field(field: "resources.ARN", notStartsWith: ["arn:aws:s3:::bucket/logs/"])), event))
        #expect(EventSelectorMatch.matches(only(Field(field: "eventName", startsWith: ["Put"])), event))
    }

    @Test("advanced: a field the record lacks satisfies only negative operators")
    func missingFields() {
        func only(_ field: Field) -> TrailEventSelectors {
            .advanced([TrailAdvancedEventSelector(fieldSelectors: [Field(field: "eventCategory", equals: ["Management"]), field])])
        }
        #expect(EventSelectorMatch.matches(only(Field(field: "errorCode", notEquals: ["AccessDenied"])), Self.runInstances))
        #expect(!EventSelectorMatch.matches(only(Field(field: "errorCode", equals: ["AccessDenied"])), Self.runInstances))
    }

    @Test("Insights events are never taken by event selectors")
    func insights() {
        let insight = TrailEventFacts(eventCategory: "Insight", eventSource: "ec2.amazonaws.com", eventName: "RunInstances", readOnly: false)
        #expect(!EventSelectorMatch.matches(.default, insight))
        let any = TrailEventSelectors.advanced([TrailAdvancedEventSelector(fieldSelectors: [Field(field: "eventName", notEquals: ["x"])])])
        #expect(!EventSelectorMatch.matches(any, insight))
    }

    @Test("network activity events need advanced selectors")
    func networkActivity() {
        let event = TrailEventFacts(
            eventCategory: "NetworkActivity", eventSource: "kms.amazonaws.com", eventName: "Decrypt", readOnly: true,
            errorCode: "VpceAccessDenied", vpcEndpointId: "vpce-1")
        #expect(!EventSelectorMatch.matches(.default, event))
        let selectors = TrailEventSelectors.advanced([
            TrailAdvancedEventSelector(fieldSelectors: [
                Field(field: "eventCategory", equals: ["NetworkActivity"]), Field(field: "eventSource", equals: ["kms.amazonaws.com"]),
                Field(field: "errorCode", equals: ["VpceAccessDenied"]),
            ])
        ])
        #expect(EventSelectorMatch.matches(selectors, event))
    }
}
