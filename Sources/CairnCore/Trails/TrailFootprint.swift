/// The facts about one stored trail that decide where its copies appear.
///
/// A trail is stored once; its shadows are derived from these fields, never stored, so they cannot drift.
package struct TrailFootprint: Hashable, Sendable {
    package let arn: TrailARN
    package let isMultiRegionTrail: Bool
    package let isOrganizationTrail: Bool
    /// The owner's organization while the trail is an organization trail; members of this organization
    /// see the trail. Ignored for account trails.
    package let organizationId: String?

    package init(arn: TrailARN, isMultiRegionTrail: Bool, isOrganizationTrail: Bool = false, organizationId: String? = nil) {
        self.arn = arn
        self.isMultiRegionTrail = isMultiRegionTrail
        self.isOrganizationTrail = isOrganizationTrail
        self.organizationId = organizationId
    }

    package var name: TrailName { arn.name }
    package var homeRegion: String { arn.region }
    package var ownerAccountId: String { arn.accountId }
}
