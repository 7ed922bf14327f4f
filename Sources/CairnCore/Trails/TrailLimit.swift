/// The five-trails-per-Region limit, counted for the trail's owner.
///
/// A trail counts in its home Region; a multi-Region trail counts in every Region. Organization trails
/// count for their owner (the management account) and never for member accounts, which is why the input
/// is only the owner's own trails: a member's Regions can hold more than five trails and that is fine.
/// The database layer calls this inside the creating transaction, under a lock on the owner's row.
package enum TrailLimit {
    package static let maximumTrailsPerRegion = 5

    /// One of the owner's existing trails, as far as counting is concerned.
    package struct Entry: Hashable, Sendable {
        package let arn: TrailARN
        package let isMultiRegionTrail: Bool

        package init(arn: TrailARN, isMultiRegionTrail: Bool) {
            self.arn = arn
            self.isMultiRegionTrail = isMultiRegionTrail
        }

        package func counts(in region: String) -> Bool { isMultiRegionTrail || arn.region == region }
    }

    /// How many of `existing` count in `region`.
    package static func count(_ existing: [Entry], in region: String) -> Int {
        existing.filter { $0.counts(in: region) }.count
    }

    /// CreateTrail: a single-Region trail needs room in its home Region; a multi-Region one in every
    /// Region. The Region named in the error is the home Region if it is full, otherwise the first full
    /// Region in `allRegions` order.
    package static func checkCreate(
        ownerAccountId: String, homeRegion: String, isMultiRegionTrail: Bool, existing: [Entry], allRegions: [String]
    ) throws(TrailRuleViolation) {
        let affected = isMultiRegionTrail ? [homeRegion] + allRegions.filter { $0 != homeRegion } : [homeRegion]
        for region in affected where count(existing, in: region) >= maximumTrailsPerRegion {
            throw .maximumTrailsExceeded(accountId: ownerAccountId, region: region)
        }
    }

    /// UpdateTrail turning `trail` multi-Region: it already counts in its home Region, so only the other
    /// Regions need room. The model lists MaximumNumberOfTrailsExceededException on CreateTrail only;
    /// Cairn raises it here too, because letting a conversion overshoot would break the limit for good.
    package static func checkConversionToMultiRegion(
        _ trail: TrailARN, existing: [Entry], allRegions: [String]
    ) throws(TrailRuleViolation) {
        let others = existing.filter { $0.arn != trail }
        for region in allRegions where region != trail.region && count(others, in: region) >= maximumTrailsPerRegion {
            throw .maximumTrailsExceeded(accountId: trail.accountId, region: region)
        }
    }
}
