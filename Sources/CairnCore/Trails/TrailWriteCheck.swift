/// Whether a caller may run an operation on a trail it can see, decided before anything changes.
///
/// Order: tag operations first check the ARN's account and Region (they never reach the other rules);
/// then ownership (a member account may not change an organization trail, a delegated administrator
/// may); then the home Region.
package enum TrailWriteCheck {
    package static func check(_ operation: TrailOperation, on trail: TrailFootprint, by viewer: TrailViewer) throws(TrailRuleViolation) {
        if operation.addressesTags {
            try checkTagScope(trail.arn, viewer: viewer)
            return
        }
        guard operation.isMutation else { return }
        if trail.ownerAccountId != viewer.accountId {
            let administersIt =
                trail.isOrganizationTrail && viewer.isDelegatedAdministrator
                && trail.organizationId != nil && trail.organizationId == viewer.organizationId
            // AWS documents no code for a member's write to an organization trail; the model lists
            // NotOrganizationMasterAccountException on exactly these operations, so that is the answer.
            guard administersIt else { throw .notOrganizationMasterAccount }
        }
        if operation.requiresHomeRegion && viewer.region != trail.homeRegion {
            throw .invalidHomeRegion(callerRegion: viewer.region, homeRegion: trail.homeRegion)
        }
    }

    /// The ARN a tag operation names must belong to the caller's account (checked first) and Region, even
    /// when the trail is visible there as a shadow: tagging a multi-Region trail is a home-Region call and
    /// member accounts cannot read an organization trail's tags.
    package static func checkTagScope(_ arn: TrailARN, viewer: TrailViewer) throws(TrailRuleViolation) {
        if arn.accountId != viewer.accountId { throw .arnAccountIsWrong(callerAccountId: viewer.accountId) }
        if arn.region != viewer.region { throw .arnRegionIsWrong(callerRegion: viewer.region) }
    }

    /// `ListTags` takes at most 20 ARNs, all of one owner (observed "You cannot have resources belonging to
    /// multiple owners"), and that owner must be the caller.
    package static func checkListTags(_ rawResourceIds: [String], viewer: TrailViewer) throws(TrailRuleViolation) -> [TrailARN] {
        guard !rawResourceIds.isEmpty else {
            throw .invalidParameter("ResourceIdList must contain at least one ARN.")
        }
        guard rawResourceIds.count <= maximumListTagsResources else {
            throw .invalidParameter("ResourceIdList can contain at most \(maximumListTagsResources) ARNs; \(rawResourceIds.count) were given.")
        }
        var arns: [TrailARN] = []
        for raw in rawResourceIds {
            guard TrailReference.looksLikeARN(raw) else { throw .malformedTrailARN(raw) }
            arns.append(try TrailARN.parse(raw))
        }
        if Set(arns.map(\.accountId)).count > 1 { throw .resourcesOfMultipleOwners }
        for arn in arns { try checkTagScope(arn, viewer: viewer) }
        return arns
    }

    package static let maximumListTagsResources = 20
}
