import CairnCore
import CairnStore
import Foundation

/// CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging.
extension TrailOperations {
    /// Checks, in this order (docs/trails.md): the name; the settings; the tags; for an organization trail its
    /// prerequisites; then, under the owner's lock, the name's availability and the five-trail limit.
    static let createTrail = Operation<CloudTrailModel.CreateTrailInput, CloudTrailModel.Trail>(
        Entry.createTrail, target: { input, t in target(naming: input.Name, t) }
    ) { input, ctx in
        guard let rawName = input.Name else { throw ServiceError.missingParameter("Name") }
        let name = try TrailName.validate(rawName)
        let caller = ctx.facts.principal.account.value
        let region = ctx.facts.region
        var settings = try TrailSettings.forCreate(
            input.settings, context: TrailSettingsContext(partition: ctx.partition, homeRegion: region, ownerAccountId: caller))
        let tags = try TrailTags.forCreate(input.TagsList ?? [])
        var owner = caller
        var organizationId: String? = nil
        if settings.isOrganizationTrail {
            let (clearance, org) = try await organizationClearance(.create, ctx)
            owner = clearance.ownerAccountId
            organizationId = org
            if owner != caller {
                settings = try TrailSettings.forCreate(
                    input.settings, context: TrailSettingsContext(partition: ctx.partition, homeRegion: region, ownerAccountId: owner))
            }
        }
        try await ctx.tx.trails.lockOwner(owner)
        let owned = try await ctx.tx.trails.owned(by: owner)
        try TrailNameAvailability.checkCreate(
            name: name, ownerAccountId: owner, homeRegion: region, isMultiRegionTrail: settings.isMultiRegionTrail,
            ownedTrails: owned.map(\.footprint))
        try TrailLimit.checkCreate(
            ownerAccountId: owner, homeRegion: region, isMultiRegionTrail: settings.isMultiRegionTrail,
            existing: owned.map(limitEntry), allRegions: try await ctx.tx.regions.list())
        let arn = TrailARN(partition: ctx.partition, region: region, accountId: owner, name: name)
        let trail = try await ctx.tx.trails.insert(arn: arn, settings: settings, organizationId: organizationId, tags: tags)
        ctx.recordResources(eventResources(trail))
        return CloudTrailModel.Trail(trail, full: false)
    }

    /// Fields not sent keep their value; converting to multi-region re-runs the name and limit checks for
    /// every region, and converting between account and organization trail runs the organization rules.
    static let updateTrail = Operation<CloudTrailModel.UpdateTrailInput, CloudTrailModel.Trail>(
        Entry.updateTrail, target: { input, t in target(naming: input.Name, t) }
    ) { input, ctx in
        var trail = try await resolveForWrite(input.Name, member: "Name", .updateTrail, ctx)
        let context = TrailSettingsContext(partition: ctx.partition, homeRegion: trail.arn.region, ownerAccountId: trail.arn.accountId)
        let after = try trail.settings.applying(input.settings, context: context)
        let transition = TrailSettingsTransition(from: trail.settings, to: after)
        if transition.becomesOrganizationTrail {
            trail.organizationId = try await organizationClearance(.convertToOrganizationTrail, ctx).organizationId
        } else if transition.becomesAccountTrail {
            _ = try await organizationClearance(.convertToAccountTrail, ctx)
            trail.organizationId = nil
        }
        if transition.becomesMultiRegion {
            let owned = try await ctx.tx.trails.owned(by: trail.arn.accountId)
            try TrailNameAvailability.checkConversionToMultiRegion(trail.arn, ownedTrails: owned.map(\.footprint))
            try TrailLimit.checkConversionToMultiRegion(trail.arn, existing: owned.map(limitEntry), allRegions: try await ctx.tx.regions.list())
        }
        trail.settings = after
        trail.settings.isOrganizationTrail = trail.organizationId != nil
        try await ctx.tx.trails.save(trail)
        return CloudTrailModel.Trail(trail, full: false)
    }

    static let deleteTrail = Operation<CloudTrailModel.NameInput, NoOutput>(
        Entry.deleteTrail, target: { input, t in target(naming: input.Name, t) }
    ) { input, ctx in
        let trail = try await resolveForWrite(input.Name, member: "Name", .deleteTrail, ctx)
        try await ctx.tx.trails.delete(trail.id, at: ctx.facts.time)
        return NoOutput()
    }

    static let startLogging = logging(on: true)
    static let stopLogging = logging(on: false)

    /// StartLogging and StopLogging: each records its own time and leaves the other's.
    private static func logging(on: Bool) -> Operation<CloudTrailModel.NameInput, NoOutput> {
        Operation(on ? Entry.startLogging : Entry.stopLogging, target: { input, t in target(naming: input.Name, t) }) { input, ctx in
            let trail = try await resolveForWrite(input.Name, member: "Name", on ? .startLogging : .stopLogging, ctx)
            try await ctx.tx.trails.setLogging(trail.id, on, at: ctx.facts.time)
            return NoOutput()
        }
    }
}
