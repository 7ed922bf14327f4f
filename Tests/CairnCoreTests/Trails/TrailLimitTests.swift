import Testing

@testable import CairnCore

@Suite("Five trails per Region")
struct TrailLimitTests {
    typealias F = TrailFixtures
    static let regions = ["us-east-1", "us-west-1", "eu-west-1", "ap-southeast-2"]

    func entry(_ name: String, _ region: String, multi: Bool = false) -> TrailLimit.Entry {
        TrailLimit.Entry(arn: F.arn(name, region: region, account: F.outsider), isMultiRegionTrail: multi)
    }

    /// UG23's worked example: five trails count in us-west-1.
    var userGuideExample: [TrailLimit.Entry] {
        [
            entry("s1x", "us-west-1"), entry("s2x", "us-west-1"),
            entry("m1x", "us-west-1", multi: true), entry("m2x", "us-west-1", multi: true),
            entry("m3x", "ap-southeast-2", multi: true),
        ]
    }

    @Test("a multi-Region trail counts in every Region (the user guide's example)")
    func userGuideCount() {
        #expect(TrailLimit.count(userGuideExample, in: "us-west-1") == 5)
        #expect(TrailLimit.count(userGuideExample, in: "eu-west-1") == 3)
        #expect(TrailLimit.count(userGuideExample, in: "ap-southeast-2") == 3)
    }

    @Test("a sixth trail in a full Region is refused with AWS's message")
    func sixthTrail() {
        #expect(
            F.violation {
                try TrailLimit.checkCreate(
                    ownerAccountId: F.outsider, homeRegion: "us-west-1", isMultiRegionTrail: false,
                    existing: userGuideExample, allRegions: Self.regions)
            } == .maximumTrailsExceeded(accountId: F.outsider, region: "us-west-1"))
        #expect(
            TrailRuleViolation.maximumTrailsExceeded(accountId: F.outsider, region: "us-west-1").message
                == "User: 444444444444 already has 5 trails in us-west-1.")
        #expect(
            TrailRuleViolation.maximumTrailsExceeded(accountId: F.outsider, region: "us-west-1").code
                == "MaximumNumberOfTrailsExceededException")
    }

    @Test("a single-Region trail in a Region with room is allowed even when another Region is full")
    func roomElsewhere() {
        #expect(
            F.violation {
                try TrailLimit.checkCreate(
                    ownerAccountId: F.outsider, homeRegion: "eu-west-1", isMultiRegionTrail: false,
                    existing: userGuideExample, allRegions: Self.regions)
            } == nil)
    }

    @Test("a multi-Region trail needs room in every Region and names the full one")
    func multiRegionNeedsRoomEverywhere() {
        #expect(
            F.violation {
                try TrailLimit.checkCreate(
                    ownerAccountId: F.outsider, homeRegion: "eu-west-1", isMultiRegionTrail: true,
                    existing: userGuideExample, allRegions: Self.regions)
            } == .maximumTrailsExceeded(accountId: F.outsider, region: "us-west-1"))
    }

    @Test("the fifth trail fits, the sixth does not")
    func boundary() {
        let four = Array(userGuideExample.prefix(4))
        #expect(
            F.violation {
                try TrailLimit.checkCreate(
                    ownerAccountId: F.outsider, homeRegion: "us-west-1", isMultiRegionTrail: false, existing: four, allRegions: Self.regions)
            } == nil)
    }

    @Test("converting to multi-Region checks the other Regions only, not counting the trail twice")
    func conversion() {
        let homeFull = (1...5).map { entry("h\($0)x", "us-east-1") }
        // The trail being converted is one of the five in its home Region: converting adds nothing there.
        #expect(F.violation { try TrailLimit.checkConversionToMultiRegion(homeFull[0].arn, existing: homeFull, allRegions: Self.regions) } == nil)
        let westFull = (1...5).map { entry("w\($0)x", "us-west-1") } + [entry("mine", "us-east-1")]
        #expect(
            F.violation {
                try TrailLimit.checkConversionToMultiRegion(
                    F.arn("mine", region: "us-east-1", account: F.outsider), existing: westFull, allRegions: Self.regions)
            }
                == .maximumTrailsExceeded(accountId: F.outsider, region: "us-west-1"))
    }

    @Test("organization trails count for their owner only: a member's own five are unaffected")
    func organizationTrailsCountForOwner() {
        // The member's entries are its own trails; the organization trail belongs to the management account
        // and is never passed for the member, so the member may still create its fifth trail.
        let memberTrails = (1...4).map { TrailLimit.Entry(arn: F.arn("m\($0)x", account: F.member), isMultiRegionTrail: false) }
        #expect(
            F.violation {
                try TrailLimit.checkCreate(
                    ownerAccountId: F.member, homeRegion: "us-east-1", isMultiRegionTrail: false, existing: memberTrails, allRegions: Self.regions)
            } == nil)
        let managementTrails = (1...5).map { TrailLimit.Entry(arn: F.arn("o\($0)x"), isMultiRegionTrail: true) }
        #expect(
            F.violation {
                try TrailLimit.checkCreate(
                    ownerAccountId: F.management, homeRegion: "eu-west-1", isMultiRegionTrail: false, existing: managementTrails,
                    allRegions: Self.regions)
            } == .maximumTrailsExceeded(accountId: F.management, region: "eu-west-1"))
    }
}

@Suite("Trail name uniqueness")
struct TrailNameAvailabilityTests {
    typealias F = TrailFixtures

    @Test("a name is taken in the same Region, with AWS's message naming the owner")
    func sameRegion() {
        let existing = [F.trail("dup")]
        #expect(
            F.violation {
                try TrailNameAvailability.checkCreate(
                    name: F.name("dup"), ownerAccountId: F.management, homeRegion: "us-east-1", isMultiRegionTrail: false, ownedTrails: existing)
            } == .trailAlreadyExists(name: "dup", ownerAccountId: F.management))
        #expect(
            TrailRuleViolation.trailAlreadyExists(name: "dup", ownerAccountId: F.management).message
                == "Trail dup already exists for customer: 111111111111")
    }

    @Test("single-Region trails in different Regions may share a name")
    func differentRegions() {
        #expect(
            F.violation {
                try TrailNameAvailability.checkCreate(
                    name: F.name("dup"), ownerAccountId: F.management, homeRegion: "eu-west-1", isMultiRegionTrail: false,
                    ownedTrails: [F.trail("dup")])
            } == nil)
    }

    @Test("a multi-Region trail's name is taken in every Region, both ways")
    func multiRegionOccupiesEverywhere() {
        #expect(
            F.violation {
                try TrailNameAvailability.checkCreate(
                    name: F.name("dup"), ownerAccountId: F.management, homeRegion: "eu-west-1", isMultiRegionTrail: false,
                    ownedTrails: [F.trail("dup", multiRegion: true)])
            }?.code == "TrailAlreadyExistsException")
        #expect(
            F.violation {
                try TrailNameAvailability.checkCreate(
                    name: F.name("dup"), ownerAccountId: F.management, homeRegion: "eu-west-1", isMultiRegionTrail: true,
                    ownedTrails: [F.trail("dup")])
            }?.code == "TrailAlreadyExistsException")
    }

    @Test("another account's trail of the same name does not clash")
    func otherOwners() {
        #expect(
            F.violation {
                try TrailNameAvailability.checkCreate(
                    name: F.name("dup"), ownerAccountId: F.member, homeRegion: "us-east-1", isMultiRegionTrail: true,
                    ownedTrails: [F.trail("dup", multiRegion: true)])
            } == nil)
    }

    @Test("converting to multi-Region clashes with a same-named trail elsewhere, not with itself")
    func conversion() {
        let me = F.trail("dup")
        #expect(F.violation { try TrailNameAvailability.checkConversionToMultiRegion(me.arn, ownedTrails: [me]) } == nil)
        #expect(
            F.violation { try TrailNameAvailability.checkConversionToMultiRegion(me.arn, ownedTrails: [me, F.trail("dup", region: "eu-west-1")]) }?
                .code
                == "TrailAlreadyExistsException")
    }
}
