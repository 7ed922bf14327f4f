import Testing

@testable import CairnCore

@Suite("Writes to a visible trail")
struct TrailWriteCheckTests {
    typealias F = TrailFixtures

    static let homeRegionOperations: [TrailOperation] = [
        .updateTrail, .deleteTrail, .startLogging, .stopLogging, .putEventSelectors, .putInsightSelectors, .putEventConfiguration,
    ]

    @Test("exactly the operations the model lists InvalidHomeRegionException for must run in the home Region")
    func homeRegionOperationSet() {
        #expect(Set(TrailOperation.allCases.filter(\.requiresHomeRegion)) == Set(Self.homeRegionOperations))
    }

    @Test("the owner may write in the home Region", arguments: homeRegionOperations)
    func ownerInHomeRegion(operation: TrailOperation) {
        let trail = F.trail("t01", multiRegion: true)
        #expect(F.violation { try TrailWriteCheck.check(operation, on: trail, by: F.viewer(F.management)) } == nil)
    }

    @Test("the owner writing from a shadow Region gets InvalidHomeRegionException", arguments: homeRegionOperations)
    func ownerOutsideHomeRegion(operation: TrailOperation) {
        let trail = F.trail("t01", region: "us-east-1", multiRegion: true)
        #expect(
            F.violation { try TrailWriteCheck.check(operation, on: trail, by: F.viewer(F.management, region: "eu-west-1")) }
                == .invalidHomeRegion(callerRegion: "eu-west-1", homeRegion: "us-east-1"))
    }

    @Test(
        "reads are allowed from a shadow Region and from member accounts",
        arguments: [
            TrailOperation.getTrail, .getTrailStatus, .getEventSelectors, .getInsightSelectors, .describeTrails,
        ])
    func readsAreAllowed(operation: TrailOperation) {
        let trail = F.trail("org", multiRegion: true, organizationTrail: true)
        #expect(F.violation { try TrailWriteCheck.check(operation, on: trail, by: F.viewer(F.member, region: "eu-west-1")) } == nil)
    }

    @Test("a member account may not change an organization trail", arguments: homeRegionOperations)
    func memberCannotWrite(operation: TrailOperation) {
        let trail = F.trail("org", multiRegion: true, organizationTrail: true)
        #expect(F.violation { try TrailWriteCheck.check(operation, on: trail, by: F.viewer(F.member)) } == .notOrganizationMasterAccount)
    }

    @Test("the member refusal comes before the home-Region rule")
    func memberRefusalFirst() {
        let trail = F.trail("org", multiRegion: true, organizationTrail: true)
        #expect(
            F.violation { try TrailWriteCheck.check(.deleteTrail, on: trail, by: F.viewer(F.member, region: "eu-west-1")) }
                == .notOrganizationMasterAccount)
    }

    @Test("a delegated administrator may change an organization trail, from its home Region")
    func delegatedAdministrator() {
        let trail = F.trail("org", multiRegion: true, organizationTrail: true)
        let admin = F.viewer(F.delegatedAdmin, delegatedAdministrator: true)
        #expect(F.violation { try TrailWriteCheck.check(.startLogging, on: trail, by: admin) } == nil)
        let away = F.viewer(F.delegatedAdmin, region: "eu-west-1", delegatedAdministrator: true)
        #expect(F.violation { try TrailWriteCheck.check(.startLogging, on: trail, by: away) }?.code == "InvalidHomeRegionException")
    }

    @Test("tagging another account's trail is CloudTrailARNInvalidException naming the caller's account")
    func tagsOnOtherAccount() {
        let trail = F.trail("org", organizationTrail: true)
        for operation in [TrailOperation.addTags, .removeTags, .listTags] {
            #expect(
                F.violation { try TrailWriteCheck.check(operation, on: trail, by: F.viewer(F.member)) }
                    == .arnAccountIsWrong(callerAccountId: F.member))
        }
        #expect(
            TrailRuleViolation.arnAccountIsWrong(callerAccountId: F.member).message
                == "AccountID in ARN is wrong, you can only access resources with AccountID 222222222222.")
    }

    @Test("tagging a multi-Region trail outside its home Region is CloudTrailARNInvalidException naming the calling Region")
    func tagsOutsideHomeRegion() {
        let trail = F.trail("t01", region: "eu-west-1", multiRegion: true)
        #expect(
            F.violation { try TrailWriteCheck.check(.addTags, on: trail, by: F.viewer(F.management, region: "eu-central-1")) }?.message
                == "Region in ARN is wrong, you can only access resources in region eu-central-1.")
        #expect(F.violation { try TrailWriteCheck.check(.addTags, on: trail, by: F.viewer(F.management, region: "eu-west-1")) } == nil)
    }

    @Test("ListTags refuses ARNs of several owners before checking the caller's account")
    func listTagsOwners() {
        let mine = F.arn("mine", account: F.member).description
        let theirs = F.arn("org").description
        #expect(F.violation { try TrailWriteCheck.checkListTags([mine, theirs], viewer: F.viewer(F.member)) } == .resourcesOfMultipleOwners)
        #expect(F.violation { try TrailWriteCheck.checkListTags([theirs], viewer: F.viewer(F.member)) }?.code == "CloudTrailARNInvalidException")
        #expect(F.violation { try TrailWriteCheck.checkListTags([mine], viewer: F.viewer(F.member)) } == nil)
    }

    @Test("ListTags takes 1 to 20 ARNs, and only ARNs")
    func listTagsCount() {
        let arns = (0..<21).map { F.arn("t\($0)x", account: F.member).description }
        #expect(F.violation { try TrailWriteCheck.checkListTags(arns, viewer: F.viewer(F.member)) }?.code == "InvalidParameterException")
        #expect(F.violation { try TrailWriteCheck.checkListTags(Array(arns.prefix(20)), viewer: F.viewer(F.member)) } == nil)
        #expect(F.violation { try TrailWriteCheck.checkListTags([], viewer: F.viewer(F.member)) }?.code == "InvalidParameterException")
        #expect(F.violation { try TrailWriteCheck.checkListTags(["my-trail"], viewer: F.viewer(F.member)) }?.code == "CloudTrailARNInvalidException")
    }
}
