import Testing

@testable import CairnCore

@Suite("Trail ARNs and name-or-ARN arguments")
struct TrailARNTests {
    @Test("an ARN formats as arn:<partition>:cloudtrail:<region>:<account>:trail/<name>")
    func formats() {
        #expect(TrailFixtures.arn("MyTrail", region: "us-east-2").description == "arn:aws:cloudtrail:us-east-2:111111111111:trail/MyTrail")
    }

    @Test("parsing gives back the parts, in any partition and Region")
    func parsesOtherPartitions() throws {
        let arn = try TrailARN.parse("arn:aws-cn:cloudtrail:cn-north-1:123456789012:trail/China.Trail")
        #expect(arn.partition == "aws-cn")
        #expect(arn.region == "cn-north-1")
        #expect(arn.accountId == "123456789012")
        #expect(arn.name.value == "China.Trail")
        let gov = try TrailARN.parse("arn:aws-us-gov:cloudtrail:us-gov-west-1:123456789012:trail/t01")
        #expect(gov.description == "arn:aws-us-gov:cloudtrail:us-gov-west-1:123456789012:trail/t01")
    }

    @Test("format and parse round-trip")
    func roundTrip() throws {
        let arn = TrailFixtures.arn("round.trip-1", region: "eu-west-1", account: TrailFixtures.member)
        #expect(try TrailARN.parse(arn.description) == arn)
    }

    @Test(
        "malformed trail ARNs are CloudTrailARNInvalidException",
        arguments: [
            "arn:aws:cloudtrail:us-east-1:123456789012:trail",
            "arn:aws:cloudtrail:us-east-1:123456789012:trail/",
            "arn:aws:cloudtrail:us-east-1:12345678901:trail/abc",
            "arn:aws:cloudtrail:us-east-1:1234567890123:trail/abc",
            "arn:aws:cloudtrail::123456789012:trail/abc",
            "arn:aws:s3:us-east-1:123456789012:trail/abc",
            "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/abc",
            "arn::cloudtrail:us-east-1:123456789012:trail/abc",
            "arn:AWS:cloudtrail:us-east-1:123456789012:trail/abc",
            "arn:aws:cloudtrail:us-east-1:123456789012:trail/my--trail",
            "arn:aws:cloudtrail:us-east-1:123456789012:trail/a/b",
            "arn:",
        ])
    func malformed(raw: String) {
        #expect(TrailFixtures.violation { try TrailARN.parse(raw) } == .malformedTrailARN(raw))
    }

    @Test("a reference starting with arn: is an ARN, anything else a name")
    func referenceKinds() throws {
        #expect(try TrailReference.parse("my-trail") == .name(TrailFixtures.name("my-trail")))
        let arn = TrailFixtures.arn("my-trail")
        #expect(try TrailReference.parse(arn.description) == .arn(arn))
        #expect(try TrailReference.parse(arn.description).name.value == "my-trail")
    }

    @Test("an ARN-looking reference that does not parse is CloudTrailARNInvalidException, not an invalid name")
    func arnLookingReference() {
        #expect(
            TrailFixtures.violation { try TrailReference.parse("arn:aws:cloudtrail:us-east-1:bad:trail/x") }?.code == "CloudTrailARNInvalidException")
    }

    @Test("a colon in something that does not start with arn: is a name error")
    func colonInName() {
        #expect(TrailFixtures.violation { try TrailReference.parse("ARN:aws:cloudtrail") }?.code == "InvalidTrailNameException")
    }
}
