import Testing

@testable import CairnCore

@Suite("Which trails a viewer sees in a Region")
struct TrailVisibilityTests {
    typealias F = TrailFixtures

    @Test("an owner sees its single-Region trail only in the home Region, not as a shadow")
    func singleRegionOwnTrail() {
        let trail = F.trail("single", region: "us-east-1", account: F.outsider)
        #expect(
            TrailVisibility.of(trail, seenBy: F.viewer(F.outsider, region: "us-east-1", inOrganization: false))
                == TrailVisibility(isOutsideHomeRegion: false, isOutsideOwnerAccount: false))
        #expect(TrailVisibility.of(trail, seenBy: F.viewer(F.outsider, region: "eu-west-1", inOrganization: false)) == nil)
    }

    @Test("an owner's multi-Region trail appears in every Region, as a shadow outside home")
    func multiRegionShadow() throws {
        let trail = F.trail("everywhere", region: "us-east-1", account: F.outsider, multiRegion: true)
        let there = try #require(TrailVisibility.of(trail, seenBy: F.viewer(F.outsider, region: "ap-southeast-2", inOrganization: false)))
        #expect(there.isShadow)
        #expect(there.isOutsideHomeRegion)
        #expect(!there.isOutsideOwnerAccount)
        #expect(TrailVisibility.of(trail, seenBy: F.viewer(F.outsider, region: "us-east-1", inOrganization: false))?.isShadow == false)
    }

    @Test("another account never sees an account trail, even a multi-Region one")
    func otherAccountsDoNotSeeAccountTrails() {
        let trail = F.trail("private", account: F.management, multiRegion: true)
        #expect(TrailVisibility.of(trail, seenBy: F.viewer(F.member)) == nil)
        #expect(TrailVisibility.of(trail, seenBy: F.viewer(F.outsider, inOrganization: false)) == nil)
    }

    @Test("members see a multi-Region organization trail in every Region, as a shadow even in its home Region")
    func organizationTrailInMembers() throws {
        let trail = F.trail("org", region: "us-east-1", multiRegion: true, organizationTrail: true)
        let home = try #require(TrailVisibility.of(trail, seenBy: F.viewer(F.member, region: "us-east-1")))
        #expect(home.isShadow && home.isOutsideOwnerAccount && !home.isOutsideHomeRegion)
        let away = try #require(TrailVisibility.of(trail, seenBy: F.viewer(F.member, region: "eu-west-1")))
        #expect(away.isOutsideHomeRegion && away.isOutsideOwnerAccount)
    }

    @Test("a single-Region organization trail reaches members only in its home Region")
    func singleRegionOrganizationTrail() {
        let trail = F.trail("org1", region: "us-east-1", organizationTrail: true)
        #expect(TrailVisibility.of(trail, seenBy: F.viewer(F.member, region: "us-east-1")) != nil)
        #expect(TrailVisibility.of(trail, seenBy: F.viewer(F.member, region: "us-west-2")) == nil)
    }

    @Test("accounts outside the organization do not see its organization trails")
    func outsidersDoNotSeeOrganizationTrails() {
        let trail = F.trail("org", multiRegion: true, organizationTrail: true)
        #expect(TrailVisibility.of(trail, seenBy: F.viewer(F.outsider, inOrganization: false)) == nil)
        let otherOrg = TrailViewer(partition: "aws", accountId: F.outsider, region: "us-east-1", organizationId: "o-zzzzzzzzzz")
        #expect(TrailVisibility.of(trail, seenBy: otherOrg) == nil)
    }

    @Test("trails of another partition are never visible")
    func partitionsAreSeparate() {
        let trail = F.trail("t01", multiRegion: true)
        let china = TrailViewer(partition: "aws-cn", accountId: F.management, region: "us-east-1")
        #expect(TrailVisibility.of(trail, seenBy: china) == nil)
    }

    @Test("ListTrails lists every owned trail whatever its Region, plus organization trails reaching the account")
    func listTrails() {
        let ownElsewhere = F.trail("own", region: "eu-west-1", account: F.member)
        let orgTrail = F.trail("org", organizationTrail: true)
        let managementOnly = F.trail("mgmt")
        let viewer = F.viewer(F.member, region: "us-east-1")
        #expect(TrailVisibility.isListed(ownElsewhere, for: viewer))
        #expect(TrailVisibility.isListed(orgTrail, for: viewer))
        #expect(!TrailVisibility.isListed(managementOnly, for: viewer))
    }
}

@Suite("Resolving a Name argument")
struct TrailLookupTests {
    typealias F = TrailFixtures

    let trails = [
        F.trail("home", region: "us-east-1", account: F.member),
        F.trail("multi", region: "eu-west-1", account: F.member, multiRegion: true),
        F.trail("org", region: "us-east-1", multiRegion: true, organizationTrail: true),
    ]

    func resolve(_ raw: String, viewer: TrailViewer, operation: TrailOperation = .getTrail) throws(TrailRuleViolation) -> TrailFootprint {
        try TrailLookup.resolve(try TrailReference.parse(raw), among: trails, footprint: { $0 }, viewer: viewer, operation: operation)
    }

    @Test("a name finds the caller's own trail homed in the calling Region")
    func nameFindsOwnHomeTrail() throws {
        #expect(try resolve("home", viewer: F.viewer(F.member)).name.value == "home")
    }

    @Test("a name does not find a multi-Region trail from outside its home Region; its ARN does")
    func nameDoesNotFindShadows() throws {
        let viewer = F.viewer(F.member, region: "us-east-1")
        #expect(F.violation { try resolve("multi", viewer: viewer) } == .trailNotFound("multi", callerAccountId: F.member))
        #expect(try resolve(F.arn("multi", region: "eu-west-1", account: F.member).description, viewer: viewer).isMultiRegionTrail)
    }

    @Test("a member finds the organization trail by ARN but not by name")
    func organizationTrailNeedsARN() throws {
        let viewer = F.viewer(F.member)
        #expect(F.violation { try resolve("org", viewer: viewer) }?.code == "TrailNotFoundException")
        #expect(try resolve(F.arn("org").description, viewer: viewer).isOrganizationTrail)
    }

    @Test("an ARN of a trail the caller cannot see is not found, echoing the ARN")
    func invisibleARN() {
        let arn = F.arn("home", region: "us-east-1", account: F.member).description
        #expect(
            F.violation { try resolve(arn, viewer: F.viewer(F.outsider, inOrganization: false)) }
                == .trailNotFound(arn, callerAccountId: F.outsider))
    }

    @Test("an ARN naming the caller's single-Region trail from another Region is not found there")
    func singleRegionARNFromAnotherRegion() {
        let arn = F.arn("home", region: "us-east-1", account: F.member).description
        #expect(
            F.violation { try resolve(arn, viewer: F.viewer(F.member, region: "eu-west-1")) }
                == .trailNotFound(arn, callerAccountId: F.member))
    }

    @Test("an ARN in another partition does not find the trail")
    func otherPartitionARN() {
        let arn = "arn:aws-cn:cloudtrail:us-east-1:222222222222:trail/home"
        #expect(F.violation { try resolve(arn, viewer: F.viewer(F.member)) }?.code == "TrailNotFoundException")
    }

    @Test("tag operations report a missing trail as ResourceNotFoundException, the code they list")
    func tagOperationsNotFound() {
        let arn = F.arn("gone", account: F.member).description
        for operation in [TrailOperation.addTags, .removeTags, .listTags] {
            #expect(F.violation { try resolve(arn, viewer: F.viewer(F.member), operation: operation) } == .resourceNotFound(arn))
        }
    }

    @Test("GetTrailStatus and GetEventSelectors echo a missing name as an ARN of the calling Region and account")
    func notFoundEchoesARN() {
        let viewer = F.viewer(F.member, region: "us-east-2")
        #expect(
            F.violation { try resolve("nothing", viewer: viewer, operation: .getTrailStatus) }
                == .trailNotFound("arn:aws:cloudtrail:us-east-2:222222222222:trail/nothing", callerAccountId: F.member))
        #expect(
            F.violation { try resolve("nothing", viewer: viewer, operation: .getEventSelectors) }?.message
                == "Unknown trail: arn:aws:cloudtrail:us-east-2:222222222222:trail/nothing for the user: 222222222222")
        #expect(
            F.violation { try resolve("nothing", viewer: viewer, operation: .getTrail) }?.message
                == "Unknown trail: nothing for the user: 222222222222")
    }
}
