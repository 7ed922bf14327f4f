import CairnCore
import CairnStore
import Foundation

/// CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging.
extension TrailOperations {
    /// Checks, in this order (docs/trails.md): the name; the settings; the tags; for an organization trail its
    /// prerequisites; then, under the owner's lock, the name's availability and the five-trail limit.
    func createTrail(_ input: CloudTrailJSON.CreateTrailInput, parameters: JSONValue?) async throws -> TrailRecord {
        let dependencyAllowed = input.settings.isOrganizationTrail == true ? try await callerMayReadOrganization() : true
        return try await run(OperationCatalogue.Trails.createTrail, parameters: parameters, naming: input.Name) { tx, facts in
            guard let rawName = input.Name else { throw ServiceError.missingParameter("Name") }
            let name = try TrailName.validate(rawName)
            let caller = facts.principal.account.value
            var settings = try TrailSettings.forCreate(
                input.settings, context: TrailSettingsContext(partition: partition, homeRegion: facts.region, ownerAccountId: caller))
            let tags = try TrailTags.forCreate(input.TagsList ?? [])
            var owner = caller
            var organizationId: String? = nil
            if settings.isOrganizationTrail {
                let (clearance, org) = try await organizationClearance(.create, tx, facts, dependencyAllowed: dependencyAllowed)
                owner = clearance.ownerAccountId
                organizationId = org
                if owner != caller {
                    settings = try TrailSettings.forCreate(
                        input.settings, context: TrailSettingsContext(partition: partition, homeRegion: facts.region, ownerAccountId: owner))
                }
            }
            try await tx.trails.lockOwner(owner)
            let owned = try await tx.trails.owned(by: owner)
            try TrailNameAvailability.checkCreate(
                name: name, ownerAccountId: owner, homeRegion: facts.region, isMultiRegionTrail: settings.isMultiRegionTrail,
                ownedTrails: owned.map(\.footprint))
            try TrailLimit.checkCreate(
                ownerAccountId: owner, homeRegion: facts.region, isMultiRegionTrail: settings.isMultiRegionTrail,
                existing: owned.map(Self.limitEntry), allRegions: try await tx.regions.list())
            let arn = TrailARN(partition: partition, region: facts.region, accountId: owner, name: name)
            let trail = try await tx.trails.insert(arn: arn, settings: settings, organizationId: organizationId, tags: tags)
            return .init(
                trail, responseElements: Self.elements(CloudTrailJSON.Trail(trail, full: false)),
                resources: Self.eventResources(trail))
        }
    }

    /// Fields not sent keep their value; converting to multi-region re-runs the name and limit checks for
    /// every region, and converting between account and organization trail runs the organization rules.
    func updateTrail(_ raw: String?, _ input: TrailSettingsInput, parameters: JSONValue?) async throws -> TrailRecord {
        let dependencyAllowed = input.isOrganizationTrail == true ? try await callerMayReadOrganization() : true
        return try await run(OperationCatalogue.Trails.updateTrail, parameters: parameters, naming: raw) { tx, facts in
            var trail = try await resolveForWrite(raw, member: "Name", .updateTrail, tx, facts)
            let context = TrailSettingsContext(partition: partition, homeRegion: trail.arn.region, ownerAccountId: trail.arn.accountId)
            let after = try trail.settings.applying(input, context: context)
            let transition = TrailSettingsTransition(from: trail.settings, to: after)
            if transition.becomesOrganizationTrail {
                let (_, org) = try await organizationClearance(.convertToOrganizationTrail, tx, facts, dependencyAllowed: dependencyAllowed)
                trail.organizationId = org
            } else if transition.becomesAccountTrail {
                _ = try await organizationClearance(.convertToAccountTrail, tx, facts, dependencyAllowed: true)
                trail.organizationId = nil
            }
            if transition.becomesMultiRegion {
                let owned = try await tx.trails.owned(by: trail.arn.accountId)
                try TrailNameAvailability.checkConversionToMultiRegion(trail.arn, ownedTrails: owned.map(\.footprint))
                try TrailLimit.checkConversionToMultiRegion(
                    trail.arn, existing: owned.map(Self.limitEntry), allRegions: try await tx.regions.list())
            }
            trail.settings = after
            trail.settings.isOrganizationTrail = trail.organizationId != nil
            try await tx.trails.save(trail)
            return .init(
                trail, responseElements: Self.elements(CloudTrailJSON.Trail(trail, full: false)),
                resources: Self.eventResources(trail))
        }
    }

    func deleteTrail(_ raw: String?, parameters: JSONValue?) async throws {
        try await run(OperationCatalogue.Trails.deleteTrail, parameters: parameters, naming: raw) { tx, facts in
            let trail = try await resolveForWrite(raw, member: "Name", .deleteTrail, tx, facts)
            try await tx.trails.delete(trail.id, at: facts.time)
            return .init((), resources: Self.eventResources(trail))
        }
    }

    /// StartLogging and StopLogging: each records its own time and leaves the other's.
    func setLogging(_ raw: String?, on: Bool, parameters: JSONValue?) async throws {
        let operation = on ? OperationCatalogue.Trails.startLogging : OperationCatalogue.Trails.stopLogging
        try await run(operation, parameters: parameters, naming: raw) { tx, facts in
            let trail = try await resolveForWrite(raw, member: "Name", on ? .startLogging : .stopLogging, tx, facts)
            try await tx.trails.setLogging(trail.id, on, at: facts.time)
            return .init((), resources: Self.eventResources(trail))
        }
    }

    static func limitEntry(_ trail: TrailRecord) -> TrailLimit.Entry {
        TrailLimit.Entry(arn: trail.arn, isMultiRegionTrail: trail.settings.isMultiRegionTrail)
    }
}
