/// Finds the trail a `Name` / `TrailName` argument designates, as AWS resolves it.
///
/// - A **name** finds only a trail the caller owns and whose home Region is the calling Region. A
///   multi-Region trail addressed by name from another Region, or an organization trail addressed by name
///   from a member or delegated-administrator account, is not found (aws/aws-cli#3048, the
///   terraform-provider-aws#28440 delegated-admin reports).
/// - An **ARN** finds any trail visible to the caller in the calling Region, shadows included.
///
/// For tag operations, check the ARN's scope (`TrailWriteCheck.checkTagScope`) before resolving: AWS
/// answers a foreign account or Region with CloudTrailARNInvalidException, not "not found"; and a missing
/// trail is ResourceNotFoundException there, the code those operations list.
package enum TrailLookup {
    /// `candidates` may hold any trails (for instance every trail with the requested name); visibility is
    /// applied here so that the storage layer cannot widen it by accident.
    package static func resolve<Candidate>(
        _ reference: TrailReference,
        among candidates: [Candidate],
        footprint: (Candidate) -> TrailFootprint,
        viewer: TrailViewer,
        operation: TrailOperation
    ) throws(TrailRuleViolation) -> Candidate {
        let found = candidates.first { candidate in
            let trail = footprint(candidate)
            switch reference {
            case .name(let name):
                return trail.name == name && trail.ownerAccountId == viewer.accountId
                    && trail.homeRegion == viewer.region && trail.arn.partition == viewer.partition
            case .arn(let arn):
                return trail.arn == arn && TrailVisibility.of(trail, seenBy: viewer) != nil
            }
        }
        guard let found else { throw notFound(reference, viewer: viewer, operation: operation) }
        return found
    }

    package static func notFound(_ reference: TrailReference, viewer: TrailViewer, operation: TrailOperation) -> TrailRuleViolation {
        let echoed: String
        switch reference {
        case .arn(let arn):
            echoed = arn.description
        case .name(let name) where operation.echoesNameAsARNWhenNotFound:
            echoed = TrailARN(partition: viewer.partition, region: viewer.region, accountId: viewer.accountId, name: name).description
        case .name(let name):
            echoed = name.value
        }
        if operation.addressesTags { return .resourceNotFound(echoed) }
        return .trailNotFound(echoed, callerAccountId: viewer.accountId)
    }
}
