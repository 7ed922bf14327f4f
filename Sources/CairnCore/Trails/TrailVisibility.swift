/// How a trail appears to one viewer in one Region: the rule that replaces stored shadow copies.
///
/// A viewer sees its own trails homed in its Region, its own multi-Region trails in every Region, and,
/// as a member of an organization, that organization's trails (multi-Region ones in every Region,
/// single-Region ones in their home Region). Any copy seen outside the home Region or outside the owner
/// account is a shadow: same ARN, same settings.
package struct TrailVisibility: Hashable, Sendable {
    package let isOutsideHomeRegion: Bool
    package let isOutsideOwnerAccount: Bool

    package var isShadow: Bool { isOutsideHomeRegion || isOutsideOwnerAccount }

    /// nil when the trail does not exist at all for this viewer in its Region.
    ///
    /// An organization trail reaches a member whatever that member's own trail count is (the five-trail
    /// limit never applies to members), and only while the viewer is in the owner's organization.
    package static func of(_ trail: TrailFootprint, seenBy viewer: TrailViewer) -> TrailVisibility? {
        guard trail.arn.partition == viewer.partition else { return nil }
        let inHomeRegion = trail.homeRegion == viewer.region
        guard inHomeRegion || trail.isMultiRegionTrail else { return nil }
        let isOwner = trail.ownerAccountId == viewer.accountId
        if !isOwner {
            guard trail.isOrganizationTrail, let organization = trail.organizationId,
                organization == viewer.organizationId
            else { return nil }
        }
        return TrailVisibility(isOutsideHomeRegion: !inHomeRegion, isOutsideOwnerAccount: !isOwner)
    }

    /// Whether `ListTrails` ("trails that are in the current account") lists the trail: every trail the
    /// account owns, whatever its home Region, plus the organization trails that reach it. Unlike
    /// DescribeTrails this does not depend on the calling Region, because each entry carries `HomeRegion`.
    package static func isListed(_ trail: TrailFootprint, for viewer: TrailViewer) -> Bool {
        guard trail.arn.partition == viewer.partition else { return false }
        if trail.ownerAccountId == viewer.accountId { return true }
        return trail.isOrganizationTrail && trail.organizationId != nil && trail.organizationId == viewer.organizationId
    }
}
