import CairnCore
import CairnStore
import Foundation

/// GetTrail, DescribeTrails, ListTrails, GetTrailStatus: any trail the caller can see from its region,
/// shadows included, the same ARN and home region as the original.
extension TrailOperations {
    /// ListTrails' page size; AWS does not document one.
    static let listTrailsPageSize = 50

    static let getTrail = Operation<CloudTrailModel.NameInput, CloudTrailModel.GetTrailOutput>(
        Entry.getTrail, target: { input, t in target(naming: input.Name, t) }
    ) { input, ctx in
        CloudTrailModel.GetTrailOutput(Trail: .init(try await resolve(input.Name, member: "Name", .getTrail, ctx).trail, full: true))
    }

    static let describeTrails = Operation<CloudTrailModel.DescribeTrailsInput, CloudTrailModel.DescribeTrailsOutput>(Entry.describeTrails) {
        input, ctx in
        let (viewer, candidates) = try await view(ctx)
        let found = try DescribeTrailsFilter.select(
            candidates, footprint: \.footprint, viewer: viewer, trailNameList: input.trailNameList,
            includeShadowTrails: input.includeShadowTrails)
        return CloudTrailModel.DescribeTrailsOutput(trailList: found.map { .init($0, full: true) })
    }

    /// Every trail the account owns, in any region, and the organization trails reaching it, by ARN; the
    /// token continues after the last ARN of the previous page, so a page is stable while trails come and go.
    static let listTrails = Operation<CloudTrailModel.ListTrailsInput, CloudTrailModel.ListTrailsOutput>(Entry.listTrails) { input, ctx in
        let after = try input.NextToken.map { token throws(ServiceError) in
            guard let key = PageToken.key(token, for: "ListTrails"), key.hasPrefix("arn:") else {
                throw ServiceError(code: "InvalidTokenException", status: 400, message: "Reset the token and try again.")
            }
            return key
        }
        let (viewer, candidates) = try await view(ctx)
        let listed =
            candidates
            .filter { TrailVisibility.isListed($0.footprint, for: viewer) }
            .sorted { $0.arn < $1.arn }
            .filter { after == nil || $0.arn.description > after! }
        let page = Array(listed.prefix(listTrailsPageSize))
        let token = listed.count > page.count ? page.last.map { PageToken.after($0.arn.description, for: "ListTrails") } : nil
        return CloudTrailModel.ListTrailsOutput(
            Trails: page.map { .init(TrailARN: $0.arn.description, Name: $0.arn.name.value, HomeRegion: $0.arn.region) }, NextToken: token)
    }

    /// Status in the calling region. A member account's view of an organization trail omits the management
    /// side's delivery errors.
    static let getTrailStatus = Operation<CloudTrailModel.NameInput, CloudTrailModel.TrailStatusOutput>(
        Entry.getTrailStatus, target: { input, t in target(naming: input.Name, t) }
    ) { input, ctx in
        let (trail, viewer) = try await resolve(input.Name, member: "Name", .getTrailStatus, ctx)
        let outside = TrailVisibility.of(trail.footprint, seenBy: viewer)?.isOutsideOwnerAccount ?? true
        let status = try await ctx.tx.trails.status(of: trail, in: ctx.facts.region)
        return CloudTrailModel.TrailStatusOutput(outside ? status.withoutDeliveryErrors : status)
    }
}
