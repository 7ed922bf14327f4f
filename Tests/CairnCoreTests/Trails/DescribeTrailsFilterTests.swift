import Testing

@testable import CairnCore

@Suite("DescribeTrails")
struct DescribeTrailsFilterTests {
    typealias F = TrailFixtures

    let trails = [
        F.trail("zeta", region: "us-east-1", account: F.member),
        F.trail("alpha", region: "us-east-1", account: F.member, multiRegion: true),
        F.trail("remote", region: "eu-west-1", account: F.member, multiRegion: true),
        F.trail("elsewhere", region: "eu-west-1", account: F.member),
        F.trail("org", region: "us-east-1", multiRegion: true, organizationTrail: true),
        F.trail("stranger", region: "us-east-1", account: F.outsider),
    ]
    let viewer = F.viewer(F.member, region: "us-east-1")

    func describe(_ names: [String]?, shadows: Bool?) throws(TrailRuleViolation) -> [String] {
        try DescribeTrailsFilter.select(trails, footprint: { $0 }, viewer: viewer, trailNameList: names, includeShadowTrails: shadows)
            .map(\.name.value)
    }

    @Test("without names and with includeShadowTrails absent, every visible trail, shadows included, ordered by ARN")
    func defaultIncludesShadows() throws {
        #expect(try describe(nil, shadows: nil) == ["remote", "org", "alpha", "zeta"])
        #expect(try describe([], shadows: true) == ["remote", "org", "alpha", "zeta"])
    }

    @Test("includeShadowTrails=false keeps only the caller's trails homed in this Region")
    func withoutShadows() throws {
        #expect(try describe(nil, shadows: false) == ["alpha", "zeta"])
    }

    @Test("names match only the caller's trails homed in this Region; ARNs reach shadows; unknown entries are skipped")
    func namesAndARNs() throws {
        let remoteARN = F.arn("remote", region: "eu-west-1", account: F.member).description
        let orgARN = F.arn("org").description
        #expect(try describe(["zeta", "remote", "org", "nope", remoteARN, orgARN], shadows: nil) == ["zeta", "remote", "org"])
    }

    @Test("with names the request order is kept and each trail appears once")
    func requestOrder() throws {
        let zetaARN = F.arn("zeta", account: F.member).description
        #expect(try describe(["zeta", "alpha", zetaARN], shadows: nil) == ["zeta", "alpha"])
    }

    @Test("a shadow named by ARN is dropped when includeShadowTrails is false")
    func shadowByARNWithoutShadows() throws {
        #expect(try describe([F.arn("org").description], shadows: false) == [])
    }

    @Test("malformed entries fail the whole call")
    func malformedEntries() {
        #expect(F.violation { try describe(["ok-name", "a b"], shadows: nil) }?.code == "InvalidTrailNameException")
        #expect(F.violation { try describe(["arn:aws:cloudtrail:x"], shadows: nil) }?.code == "CloudTrailARNInvalidException")
    }

    @Test("shadows are returned with the home Region's ARN")
    func shadowKeepsHomeARN() throws {
        let seenFromTokyo = F.viewer(F.member, region: "ap-northeast-1")
        let result = try DescribeTrailsFilter.select(trails, footprint: { $0 }, viewer: seenFromTokyo, trailNameList: nil, includeShadowTrails: nil)
        #expect(
            result.map(\.arn.description)
                == [
                    "arn:aws:cloudtrail:us-east-1:111111111111:trail/org",
                    "arn:aws:cloudtrail:eu-west-1:222222222222:trail/remote",
                    "arn:aws:cloudtrail:us-east-1:222222222222:trail/alpha",
                ].sorted())
    }
}
