/// Trail names are unique per owner account and Region, and a multi-Region trail's name occupies every
/// Region (it is visible there), so two same-named trails of one owner may coexist only if both are
/// single-Region and homed in different Regions.
package enum TrailNameAvailability {
    /// CreateTrail of `name` in `homeRegion`. `ownedTrails` are the owner's trails with that name (or any
    /// superset of them).
    package static func checkCreate(
        name: TrailName, ownerAccountId: String, homeRegion: String, isMultiRegionTrail: Bool, ownedTrails: [TrailFootprint]
    ) throws(TrailRuleViolation) {
        let clash = ownedTrails.contains { other in
            other.name == name && other.ownerAccountId == ownerAccountId
                && (other.homeRegion == homeRegion || other.isMultiRegionTrail || isMultiRegionTrail)
        }
        if clash { throw .trailAlreadyExists(name: name.value, ownerAccountId: ownerAccountId) }
    }

    /// UpdateTrail making `trail` multi-Region while a same-named single-Region trail of the same owner
    /// lives in another Region.
    package static func checkConversionToMultiRegion(_ trail: TrailARN, ownedTrails: [TrailFootprint]) throws(TrailRuleViolation) {
        let clash = ownedTrails.contains { other in
            other.arn != trail && other.name == trail.name && other.ownerAccountId == trail.accountId
        }
        if clash { throw .trailAlreadyExists(name: trail.name.value, ownerAccountId: trail.accountId) }
    }
}
